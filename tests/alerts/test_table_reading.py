# ruff: noqa: N806 — scikit-learn names the feature matrix X.
"""Real-world CSV files: encodings, separators, messy headers, missing tokens, decimal commas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from puente.success.alerts.evaluation import EvaluationError, prepare
from puente.success.alerts.table import constant, id_like, normalise_label, read_table

ROWS = [("1", "19", "F", "3,5", "Withdrawn"), ("2", "22", "M", "4,1", "Pass"), ("3", "?", "F", "", "pass")]


def _csv(sep: str, *, bom: bool = False, crlf: bool = False, header=("id", "age", "sex", "grade", "outcome")) -> bytes:
    newline = "\r\n" if crlf else "\n"
    lines = [sep.join(header)] + [sep.join(f'"{v}"' if sep == "," and "," in v else v for v in row) for row in ROWS]
    data = (newline.join(lines) + newline).encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_it_reads_any_separator_encoding_and_line_end(sep, bom, crlf):
    table = read_table(_csv(sep, bom=bom, crlf=crlf))
    assert table.separator == sep
    assert list(table.frame.columns) == ["id", "age", "sex", "grade", "outcome"]
    assert table.frame["grade"].tolist()[:2] == [3.5, 4.1]
    assert np.isnan(table.frame["age"][2]) and np.isnan(table.frame["grade"][2])


def test_it_strips_spaces_and_tabs_around_header_names():
    table = read_table(_csv(";", header=(" id ", "\tage", "sex\t", ' "grade" ', "outcome  ")))
    assert list(table.frame.columns) == ["id", "age", "sex", "grade", "outcome"]


def test_it_keeps_separators_inside_quoted_fields():
    table = read_table(b'a;b;c\n1;"x;y";"He said ""hi"""\n2;z;w\n')
    assert table.frame["b"].tolist() == ["x;y", "z"]
    assert table.frame["c"][0] == 'He said "hi"'


@pytest.mark.parametrize("token", ["", "?", "NA", "n/a", "NULL", "nan", " ? "])
def test_missing_tokens_become_missing(token):
    table = read_table(f"x;y\n1;a\n{token};b\n3;a\n".encode())
    assert table.frame["x"].isna().sum() == 1


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_reads_excel_unicode_text_exports(codec):
    # Excel's "Unicode text": UTF-16 (a BOM with "utf-16", none with -le/-be), tab-separated.
    text = "nombre\tgrado\tsituación\r\nPeña\t3,5\tDeserción\r\nÁlvaro\t4,0\tEgresado\r\n"
    table = read_table(text.encode(codec))
    assert table.separator == "\t"
    assert list(table.frame.columns) == ["nombre", "grado", "situación"]
    assert table.frame["nombre"].tolist() == ["Peña", "Álvaro"]
    assert table.frame["grado"].tolist() == [3.5, 4.0]
    assert table.encoding.startswith("utf-16")


def test_it_reads_windows_1252_files_with_a_note():
    table = read_table("nombre;año\nPeña;2020\n".encode("cp1252"))
    assert table.frame["año"].tolist() == [2020.0]
    assert table.frame["nombre"].tolist() == ["Peña"]
    assert any("Windows-1252" in note for note in table.notes)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1,5", "2,25", "3"], [1.5, 2.25, 3.0]),
        (["1.234,5", "2,5", "10"], [1234.5, 2.5, 10.0]),
        (["1,234.5", "2.5", "10"], [1234.5, 2.5, 10.0]),
        (["-0,5", "+1", "1e3"], [-0.5, 1.0, 1000.0]),
    ],
)
def test_numbers_with_decimal_commas_or_thousands_separators(values, expected):
    text = "v\n" + "\n".join(f'"{v}"' for v in values) + "\n"
    assert read_table(text.encode(), sep=",").frame["v"].tolist() == expected


def test_a_mostly_numeric_column_keeps_numbers_and_says_how_many_were_not():
    values = [str(i) for i in range(99)] + ["unknown"]
    table = read_table(("v\n" + "\n".join(values) + "\n").encode())
    assert table.frame["v"].notna().sum() == 99
    assert any("non-numeric" in note for note in table.notes)


def test_identifiers_and_constants_are_recognised():
    n = 50
    assert id_like(pd.Series(range(n), dtype=float), "row")
    assert id_like(pd.Series([f"S{i}" for i in range(n)]), "code")
    assert id_like(pd.Series([i // 2 for i in range(n)], dtype=float), "student_id")
    assert not id_like(pd.Series(np.linspace(0, 1, n)), "grade")
    assert not id_like(pd.Series([i % 7 for i in range(n)], dtype=float), "age")
    assert constant(pd.Series(["a"] * n))
    assert not constant(pd.Series(["a"] * (n - 1) + [None]))


@pytest.mark.parametrize(
    ("value", "positive"),
    [
        (" withdrawn ", "Withdrawn"),
        ("WITHDRAWN", " withdrawn"),
        ("1", "1.0"),
        ("1,0", "1"),
        (1.0, "1"),
        ("Drop  out", "drop out"),
    ],
)
def test_target_values_match_trimmed_and_case_insensitively(value, positive):
    assert normalise_label(value) == normalise_label(positive)


def test_prepare_reports_dropped_columns_and_rows_without_target():
    n = 40
    frame = pd.DataFrame(
        {
            "id": [f"S{i}" for i in range(n)],
            "same": ["x"] * n,
            "secret_score": np.arange(n) % 3,
            "age": np.arange(n) % 9,
            "outcome": [" Dropout " if i % 4 == 0 else "Graduate" for i in range(n - 1)] + [None],
        }
    )
    X, y, _, dropped, notes = prepare(frame, target="OUTCOME", positive=["dropout"], exclude=["^secret"])
    assert list(X.columns) == ["age"]
    assert {d["name"]: d["reason"].split()[0] for d in dropped} == {
        "id": "identifier",
        "same": "constant",
        "secret_score": "excluded",
    }
    assert len(y) == n - 1 and y.sum() == 10
    assert any("without a value" in note for note in notes)


def test_prepare_explains_a_positive_value_that_never_occurs():
    frame = pd.DataFrame({"x": range(10), "outcome": ["a", "b"] * 5})
    with pytest.raises(EvaluationError, match="Values"):
        prepare(frame, target="outcome", positive=["c"])


def test_a_ragged_file_is_refused_with_a_message():
    from puente.success.alerts.table import TableError

    with pytest.raises(TableError, match="cannot be read"):
        read_table(b"a;b\n1;2\n3;4;5;6\n", sep=";")


def test_columns_are_found_whatever_the_case_spaces_or_accents():
    from puente.success.alerts.table import find_column

    table = read_table("Situación;Año de ingreso;sexo\nDeserción;2020;F\nEgreso;2021;M\n".encode())
    assert find_column(table.frame, "situacion") == "Situación"
    assert find_column(table.frame, "  AÑO   de ingreso ") == "Año de ingreso"
    assert find_column(table.frame, "ano de ingreso") == "Año de ingreso"
    with pytest.raises(KeyError, match="Situación"):
        find_column(table.frame, "estado")
