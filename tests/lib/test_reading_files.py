"""Files as they come from real spreadsheets are read correctly (encodings, separators, headers, Excel)."""

from __future__ import annotations

import datetime as dt

import pytest

from puente.lib import tabular as t
from puente.success.models import Student

ROWS = [("A-100", "Ana María", "Muñoz", "Mujer", "03/02/2001"), ("A-101", "José", "Ñahui", "Hombre", "2000-12-31")]


def table(header: list[str], delimiter: str = ";", newline: str = "\r\n") -> str:
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in ROWS]
    return newline.join(lines) + newline


HEADER = ["Matrícula", "Nombres", "Apellidos", "Sexo", "Fecha de nacimiento"]


def imported(world) -> list[tuple]:
    return list(
        Student.objects.filter(institution=world.andino, external_id__in=["A-100", "A-101"])
        .order_by("external_id")
        .values_list("external_id", "given_name", "family_name", "sex", "birth_date")
    )


EXPECTED = [
    ("A-100", "Ana María", "Muñoz", "F", dt.date(2001, 2, 3)),
    ("A-101", "José", "Ñahui", "M", dt.date(2000, 12, 31)),
]


@pytest.mark.parametrize(
    ("name", "data", "options"),
    [
        ("utf-8 with BOM, semicolons, CRLF", b"\xef\xbb\xbf" + table(HEADER).encode(), {}),
        ("utf-8 without BOM, commas, LF", table(HEADER, ",", "\n").encode(), {}),
        ("utf-16 with BOM, tabs", table(HEADER, "\t").encode("utf-16"), {}),
        ("utf-16 little-endian without BOM", table(HEADER, "\t").encode("utf-16-le"), {}),
        ("Windows-1252 chosen by the user", table(HEADER).encode("cp1252"), {"encoding": "windows-1252"}),
        ("Latin-1 chosen by the user", table(HEADER).encode("latin-1"), {"encoding": "latin-1"}),
        (
            "stray spaces, tabs, case and accents in headers",
            table(["  MATRICULA\t", "nombres ", "\tApellidos", " SEXO", "fecha_de_nacimiento"]).encode(),
            {},
        ),
        (
            "English headers",
            table(["Student number", "Given name", "Family name", "Sex", "Birth date"], ",").encode(),
            {},
        ),
        (
            "French headers",
            table(["Numéro d'étudiant", "Prénom", "Nom de famille", "Sexe", "Date de naissance"]).encode(),
            {},
        ),
        ("pipes", table(HEADER, "|").encode(), {}),
    ],
)
def test_it_reads_common_csv_variants(name, data, options, world, write_file):
    outcome = t.run_import(t.get_spec("students"), write_file(data), organisation=world.andino, write=True, **options)
    assert outcome.ok, [p.sentence() for p in outcome.errors]
    assert imported(world) == EXPECTED


def test_quoted_fields_keep_separators_and_line_breaks(world, write_file):
    data = 'Matrícula;Nombres;Apellidos\r\n"A-100";"Ana; María";"Muñoz\r\nPaz"\r\n'
    outcome = t.run_import(t.get_spec("students"), write_file(data), organisation=world.andino, write=True)
    assert outcome.ok
    student = Student.objects.get(external_id="A-100")
    assert (student.given_name, student.family_name) == ("Ana; María", "Muñoz\r\nPaz")


def test_a_title_above_the_header_is_skipped(world, write_file):
    data = "Lista de estudiantes;;;;\r\n;;;;\r\n" + table(HEADER)
    outcome = t.run_import(t.get_spec("students"), write_file(data), organisation=world.andino, write=True)
    assert outcome.ok, [p.sentence() for p in outcome.errors]
    assert imported(world) == EXPECTED


def test_an_unknown_column_is_a_warning_and_is_ignored(world, write_file):
    data = table([*HEADER, "Color favorito"]).replace("\r\nA-100;", "\r\nA-100;", 1)
    data = "\r\n".join(line + (";azul" if i else "") for i, line in enumerate(table(HEADER).splitlines())) + "\r\n"
    data = data.replace(";".join(HEADER), ";".join([*HEADER, "Color favorito"]))
    outcome = t.run_import(t.get_spec("students"), write_file(data), organisation=world.andino, write=True)
    assert outcome.ok
    assert [(w.code, w.column) for w in outcome.warnings] == [("unknown_column", "Color favorito")]
    assert imported(world) == EXPECTED


def test_excel_dates_numbers_and_the_matching_sheet(world, write_xlsx):
    path = write_xlsx(
        {
            "Léame": [["Complete la hoja de datos"]],
            "Datos": [
                ["Matrícula", "Nombres", "Apellidos", "Sexo", "Fecha de nacimiento", "Discapacidad"],
                [100, "Ana María", "Muñoz", "F", dt.datetime(2001, 2, 3), True],
                [None, None, None, None, None, None],
                [101.0, "José", "Ñahui", "M", dt.date(2000, 12, 31), 0],
            ],
        }
    )
    outcome = t.run_import(t.get_spec("students"), path, organisation=world.andino, write=True)
    assert outcome.ok, [p.sentence() for p in outcome.errors]
    assert outcome.sheet == "Datos"
    rows = list(
        Student.objects.filter(external_id__in=["100", "101"])
        .order_by("external_id")
        .values_list("external_id", "birth_date", "disability")
    )
    assert rows == [("100", dt.date(2001, 2, 3), True), ("101", dt.date(2000, 12, 31), False)]


def test_the_mapping_is_proposed_from_headers_in_any_language():
    spec = t.get_spec("students")
    mapping = t.propose_mapping(spec, ["Matricula", "Prénom", "Last name", "Fecha nacimiento", "Apelidos", "Otra"])
    assert mapping["external_id"] == "Matricula"
    assert mapping["given_name"] == "Prénom"
    assert mapping["family_name"] == "Last name"
    assert "Otra" not in mapping.values()


def test_a_saved_mapping_wins_over_the_guess():
    spec = t.get_spec("students")
    mapping = t.propose_mapping(spec, ["Código", "Nombre", "Ap"], saved={"external_id": "Código", "family_name": "Ap"})
    assert mapping == {"external_id": "Código", "family_name": "Ap", "given_name": "Nombre"}
