"""Typed columns as pure functions over a few cells (parametrised)."""

from __future__ import annotations

import pandas as pd
import pytest

from puente.lib import tabular as t
from puente.lib.tabular.engine import RunContext
from puente.success.models import CourseResult, Student


def parse(column: t.Column, model, values: list[str], *, source_format: str = "csv"):
    column.bind(model)
    ctx = RunContext(spec=None, organisation=None, user=None, vendor="sqlite", source_format=source_format)
    parsed = column.read(pd.Series(values, dtype=str), ctx)
    codes = [None] * len(values)
    for problem in parsed.problems:
        for i, bad in enumerate(problem.mask):
            if bad:
                codes[i] = problem.code
    return list(parsed.values), codes


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        ("14,5", "14.5", None),
        ("14.5", "14.5", None),
        ("1.234,5", "1234.5", None),
        ("1,234.5", "1234.5", None),
        ("1 234,5", "1234.5", None),
        ("-3,25", "-3.25", None),
        ("+7", "7", None),
        ("0,500", "0.500", None),
        ("1.234.567", None, "too_many_digits"),
        ("1.234", None, "ambiguous_number"),
        ("1,234", None, "ambiguous_number"),
        ("12,3,4", None, "not_decimal"),
        ("1.2.3,4,5", None, "not_decimal"),
        ("abc", None, "not_decimal"),
        ("14,555", None, "ambiguous_number"),
        ("14,5555", None, "too_many_decimals"),
        ("12345", None, "too_many_digits"),
        ("", None, None),
    ],
)
def test_decimal_cells(cell, value, code):
    values, codes = parse(t.Decimal("grade"), CourseResult, [cell])
    assert (values[0], codes[0]) == (value, code)


def test_an_ambiguous_number_is_settled_by_the_rest_of_the_column():
    # "12,5" shows the comma is the decimal separator, so "1,234" is 1.234 — too precise for a grade.
    assert parse(t.Decimal("grade"), CourseResult, ["1,234", "12,5"])[1] == ["too_many_decimals", None]
    assert parse(t.Decimal("grade"), CourseResult, ["1.234", "12.5"])[1] == ["too_many_decimals", None]
    # "1.5" shows the point is the decimal separator, so "1,234" is one thousand two hundred…
    assert parse(t.Decimal("grade"), CourseResult, ["1,234", "1.5"]) == (["1234", "1.5"], [None, None])
    assert parse(t.Decimal("grade"), CourseResult, ["1,234"])[1] == ["ambiguous_number"]


def test_excel_numbers_are_never_ambiguous():
    assert parse(t.Decimal("grade"), CourseResult, ["1.234"], source_format="xlsx")[1] == ["too_many_decimals"]
    assert parse(t.Decimal("grade"), CourseResult, ["12.25"], source_format="xlsx")[0] == ["12.25"]


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        ("2001-03-12", "2001-03-12", None),
        ("12/03/2001", "2001-03-12", None),
        ("1/3/2001", "2001-03-01", None),
        ("12-03-2001", "2001-03-12", None),
        ("12.03.2001", "2001-03-12", None),
        ("2001-03-12 00:00:00", "2001-03-12", None),
        ("31/02/2001", None, "bad_day"),
        ("2001-02-30", None, "bad_day"),
        ("12/03/01", None, "two_digit_year"),
        ("marzo", None, "not_date"),
        ("45123", None, "not_date"),
        ("01/01/1800", None, "out_of_range"),
    ],
)
def test_date_cells(cell, value, code):
    values, codes = parse(t.Date("birth_date"), Student, [cell])
    assert (values[0], codes[0]) == (value, code)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("sí", "1"),
        ("SI", "1"),
        ("Yes", "1"),
        ("oui", "1"),
        ("1", "1"),
        ("x", "1"),
        ("VERDADERO", "1"),
        ("no", "0"),
        ("No", "0"),
        ("non", "0"),
        ("false", "0"),
        ("0", "0"),
        ("Falso", "0"),
        ("", None),
    ],
)
def test_boolean_cells(cell, value):
    values, codes = parse(t.Boolean("disability"), Student, [cell])
    assert values[0] == value and codes[0] is None


def test_a_word_that_is_not_yes_or_no_is_refused():
    assert parse(t.Boolean("disability"), Student, ["quizás"])[1] == ["not_boolean"]


@pytest.mark.parametrize(
    ("cells", "values"),
    [
        (["F", "M"], ["F", "M"]),
        (["Mujer", "Hombre"], ["F", "M"]),
        (["femenino", "MASCULINO"], ["F", "M"]),
        (["Female", "Male"], ["F", "M"]),
        (["Femme", "Homme"], ["F", "M"]),
        (["M", "H"], ["F", "M"]),  # H/M forms: M is Mujer when H (Hombre) is used in the column
        (["No registrado", ""], ["", ""]),
    ],
)
def test_sex_is_read_from_common_spellings(cells, values):
    spec = t.get_spec("students")
    column = spec.column_by_key()["sex"]
    got, codes = parse(column, Student, cells)
    assert codes == [None] * len(cells)
    assert [v or "" for v in got] == values


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("Rosa", None),
        ('=HYPERLINK("http://x")', "formula"),
        ("+cmd|' /C calc'!A0", "formula"),
        ("@SUM(A1)", "formula"),
        ("-2+3", "formula"),
        ("+51 1 234 5678", None),  # a phone number
        ("-12,5", None),
        ("Ana\x00", "control_chars"),
        ("x" * 121, "too_long"),
    ],
)
def test_text_cells(cell, code):
    assert parse(t.Text("given_name"), Student, [cell])[1] == [code]


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("ana@example.pe", None),
        ("ana.paz+tag@sub.example.org", None),
        ("ana@", "not_email"),
        ("ana example.pe", "not_email"),
        ("@example.pe", "not_email"),
        ("ana@example", "not_email"),
    ],
)
def test_email_cells(cell, code):
    assert parse(t.Email("email"), Student, [cell])[1] == [code]
