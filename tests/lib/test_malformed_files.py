"""Malformed files: each gets a clear problem naming the row and column (or the line), and 0 rows are written.

Every case imports into Instituto Andino, which has 2 students before; after the failed import
it must still have exactly those 2, and no import event may be in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from puente.core.models import AuditAction, AuditEvent
from puente.lib import tabular as t
from puente.success.models import CourseResult, Student, Term

HEADER = (
    "Matrícula;Nombres;Apellidos;Sexo;Fecha de nacimiento;Correo;Programa;Discapacidad;Fecha de ingreso;Fecha de egreso"
)
GOOD = "A-100;Ana;Paz;F;03/02/2001;ana@example.pe;PE-MEC;no;01/03/2020;15/12/2022"


def rows(*lines: str, header: str = HEADER, newline: str = "\r\n") -> str:
    return newline.join([header, *lines]) + newline


def replace(index: int, value: str, base: str = GOOD) -> str:
    cells = base.split(";")
    cells[index] = value
    return ";".join(cells)


class CourseResultImport(t.ImportSpec):
    """A spec like the ones other modules declare, with numbers and lookups by natural key (not registered)."""

    slug = "test-course-results"
    register = False
    model = CourseResult
    natural_key = ("student", "term", "course_code")
    columns = [
        t.ForeignKey("student", by="external_id", scope="institution", aliases=["matrícula"]),
        t.ForeignKey("term", by="code", scope="institution", aliases=["periodo"]),
        t.Text("course_code", aliases=["curso"]),
        t.Decimal("grade", aliases=["nota"]),
        t.Date("recorded_on", aliases=["fecha"]),
    ]


RESULTS_HEADER = "Matrícula;Periodo;Curso;Nota;Fecha"


@dataclass
class Case:
    name: str
    build: Callable[[Any, Any], Any]
    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    spec: type[t.ImportSpec] = field(default=None)  # type: ignore[assignment]
    options: dict[str, Any] = field(default_factory=dict)


def csv(text: str, encoding: str = "utf-8") -> Callable[[Any, Any], Any]:
    return lambda write_file, write_xlsx: write_file(text, encoding=encoding)


def raw(data: bytes, name: str = "") -> Callable[[Any, Any], Any]:
    return lambda write_file, write_xlsx: write_file(data, name=name)


def xlsx(sheets: dict[str, list[list]], merge: dict[str, list[str]] | None = None) -> Callable[[Any, Any], Any]:
    return lambda write_file, write_xlsx: write_xlsx(sheets, merge=merge)


XLSX_HEADER = HEADER.split(";")
XLSX_GOOD = ["A-100", "Ana", "Paz", "F", "03/02/2001", "ana@example.pe", "PE-MEC", "no", "01/03/2020", "15/12/2022"]

CASES = [
    # --- encoding and file type
    Case(
        "invalid utf-8 on line 3",
        raw(rows(GOOD, replace(1, "Jos\udce9", GOOD)).encode("utf-8", "surrogateescape")),
        "bad_encoding",
        params={"line": 3},
    ),
    Case("whole file in Windows-1252", csv(rows(replace(2, "Muñoz")), "cp1252"), "bad_encoding", params={"line": 1}),
    Case(
        "utf-8 BOM then invalid byte",
        raw(b"\xef\xbb\xbf" + rows(GOOD).encode() + b"A-101;Jos\xe9;Paz\r\n"),
        "bad_encoding",
        params={"line": 3},
    ),
    Case("empty file", raw(b""), "empty_file"),
    Case("only blank lines", raw(b"\r\n  \r\n\t\r\n"), "empty_file"),
    Case("header only", csv(rows()), "header_only"),
    Case("header and blank rows", csv(rows(";;;;;;;;;", "", " ; ; ")), "header_only"),
    Case("legacy .xls", raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.xls"), "legacy_xls"),
    Case("a PDF", raw(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "report.pdf"), "not_a_table"),
    Case("a damaged xlsx", raw(b"PK\x03\x04" + b"not really a zip" * 20, "broken.xlsx"), "bad_xlsx"),
    # --- structure
    Case("missing required column", csv(rows("A-100;Ana", header="Matrícula;Nombres")), "missing_column"),
    Case("unclosed quote", csv(rows(GOOD, 'A-101;"Ana;Paz;F;;;;;;')), "unclosed_quote"),
    Case("more cells than the header", csv(rows(GOOD, GOOD + ";sobra")), "too_many_cells", params={"line": 3}),
    Case(
        "the same header twice",
        csv(rows(GOOD + ";Otro", header=HEADER + ";Apellidos")),
        "duplicate_header",
        column="Apellidos",
    ),
    # --- cells
    Case("impossible date", csv(rows(GOOD, replace(4, "31/02/2001"))), "bad_day", 3, "Fecha de nacimiento"),
    Case("not a date", csv(rows(replace(4, "ayer"))), "not_date", 2, "Fecha de nacimiento"),
    Case("two-digit year", csv(rows(replace(4, "12/03/01"))), "two_digit_year", 2, "Fecha de nacimiento"),
    Case("month-first date", csv(rows(replace(4, "03/25/2001"))), "bad_day", 2, "Fecha de nacimiento"),
    Case("year out of range", csv(rows(replace(4, "01/01/1850"))), "out_of_range", 2, "Fecha de nacimiento"),
    Case("required value empty", csv(rows(GOOD, replace(2, ""))), "required", 3, "Apellidos"),
    Case("unknown choice", csv(rows(replace(3, "Z"))), "not_choice", 2, "Sexo"),
    Case("not yes or no", csv(rows(replace(7, "quizás"))), "not_boolean", 2, "Discapacidad"),
    Case("bad email", csv(rows(replace(5, "ana@"))), "not_email", 2, "Correo"),
    Case("unknown programme", csv(rows(replace(6, "XX-999"))), "not_found", 2, "Programa"),
    Case("programme of another institution", csv(rows(replace(6, "CO-TUR"))), "not_found", 2, "Programa"),
    Case(
        "graduation before entry", csv(rows(replace(9, "01/01/2019"))), "graduated_before_entry", 2, "Fecha de egreso"
    ),
    Case("duplicate student number", csv(rows(GOOD, GOOD)), "duplicate_key", 3, "Matrícula", {"other": 2}),
    Case(
        "duplicate across chunks",
        csv(rows(GOOD, replace(0, "A-101"), replace(0, "A-102"), GOOD)),
        "duplicate_key",
        5,
        "Matrícula",
        {"other": 2},
        options={"chunk_size": 2},
    ),
    # --- formula injection and size
    Case(
        "=HYPERLINK formula",
        csv(rows(replace(1, '=HYPERLINK("http://x.example","clic")'))),
        "formula",
        2,
        "Nombres",
        {"char": "="},
    ),
    Case("+cmd formula", csv(rows(replace(2, "+cmd|' /C calc'!A0"))), "formula", 2, "Apellidos", {"char": "+"}),
    Case("@SUM formula", csv(rows(replace(1, "@SUM(1+1)*cmd"))), "formula", 2, "Nombres", {"char": "@"}),
    Case("-2+3 in a text field", csv(rows(replace(2, "-2+3+cmd|' /C calc'!A0"))), "formula", 2, "Apellidos"),
    Case("huge field (1 MB)", csv(rows(replace(1, "x" * 1_048_576))), "too_long", 2, "Nombres", {"length": 1_048_576}),
    Case("control characters", csv(rows(replace(1, "An\x07a"))), "control_chars", 2, "Nombres"),
    # --- row numbers as a spreadsheet shows them
    Case(
        "quoted newline and blank lines before the error",
        csv(rows('A-100;"Ana\r\nMaría";Paz;F;;;;;;', "", replace(4, "2001-13-01", replace(0, "A-101")))),
        "bad_day",
        4,
        "Fecha de nacimiento",
    ),
    # --- Excel
    Case(
        "xlsx title row, merged cells and blank rows",
        xlsx(
            {
                "Estudiantes": [
                    ["Lista de estudiantes 2024"],
                    [],
                    XLSX_HEADER,
                    XLSX_GOOD,
                    [],
                    [],
                    _bad := ["A-101", "Luis", "Rojas", "M", "31/04/2001", "", "", "", "", ""],
                ]
            },
            merge={"Estudiantes": ["A1:J1"]},
        ),
        "bad_day",
        7,
        "Fecha de nacimiento",
    ),
    Case(
        "xlsx data on the wrong sheet",
        xlsx({"Instrucciones": [["Complete la hoja Datos"]], "Datos": [["Matrícula", "Nombres"], ["A-100", "Ana"]]}),
        "missing_column_in_sheet",
    ),
    Case(
        "xlsx sheet that does not exist",
        xlsx({"Hoja1": [XLSX_HEADER, XLSX_GOOD]}),
        "sheet_not_found",
        options={"sheet": "Datos"},
    ),
    Case(
        "xlsx formula cell",
        xlsx({"Hoja1": [XLSX_HEADER, ["A-100", '=HYPERLINK("http://x")', *XLSX_GOOD[2:]]]}),
        "formula",
        2,
        "Nombres",
    ),
    Case("xlsx header only", xlsx({"Hoja1": [XLSX_HEADER, [], [None, None]]}), "header_only"),
    # --- numbers (course results)
    Case(
        "ambiguous number",
        csv(rows("A-001;2024-1;MAT1;1.234;2024-07-01", header=RESULTS_HEADER)),
        "ambiguous_number",
        2,
        "Nota",
        {"thousands": "1234", "decimal": "1.234"},
        spec=CourseResultImport,
    ),
    Case(
        "not a number",
        csv(rows("A-001;2024-1;MAT1;12,3,4;2024-07-01", header=RESULTS_HEADER)),
        "not_decimal",
        2,
        "Nota",
        spec=CourseResultImport,
    ),
    Case(
        "too many decimals",
        csv(rows("A-001;2024-1;MAT1;14,5555;2024-07-01", header=RESULTS_HEADER)),
        "too_many_decimals",
        2,
        "Nota",
        spec=CourseResultImport,
    ),
    Case(
        "student of another institution",
        csv(rows("B-001;2024-1;MAT1;14,5;2024-07-01", header=RESULTS_HEADER)),
        "not_found",
        2,
        "Matrícula",
        spec=CourseResultImport,
    ),
    Case(
        "unknown term",
        csv(rows("A-001;2030-9;MAT1;14,5;2024-07-01", header=RESULTS_HEADER)),
        "not_found",
        2,
        "Periodo",
        spec=CourseResultImport,
    ),
]


@pytest.fixture
def andino(world):
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(code="CO-TUR", institution=world.caribe)
    Term.objects.create(institution=world.andino, code="2024-1", starts_on="2024-03-01", ends_on="2024-07-31")
    return world


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_malformed_file_is_refused_with_row_and_column_and_writes_nothing(case, andino, write_file, write_xlsx):
    world = andino
    spec = case.spec or t.get_spec("students")
    path = case.build(write_file, write_xlsx)
    before = Student.objects.count(), CourseResult.objects.count()

    outcome = t.run_import(spec, path, organisation=world.andino, user=world.alice, write=True, **case.options)

    assert not outcome.ok
    assert not outcome.committed
    codes = [p.code for p in outcome.errors]
    assert case.code in codes, [p.sentence() for p in outcome.errors]
    problem = outcome.errors[codes.index(case.code)]
    if case.row is not None:
        assert problem.row == case.row
        assert problem.column == case.column
        sentence = problem.sentence(spec.messages)
        assert str(case.row) in sentence and case.column in sentence
    elif case.column is not None:
        assert problem.column == case.column
    for key, value in case.params.items():
        assert problem.params[key] == value, problem.params
    assert problem.message(spec.messages) != case.code  # a real sentence, not the bare code
    assert (Student.objects.count(), CourseResult.objects.count()) == before
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


def test_there_are_at_least_thirty_malformed_files():
    assert len(CASES) >= 30
