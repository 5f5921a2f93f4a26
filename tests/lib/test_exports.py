"""Exports neutralise formula injection: a cell starting with = + - @ (or tab, CR) becomes text."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from puente.lib.exports import csv_response, neutralise, xlsx_response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","clic")', '\'=HYPERLINK("http://evil.example","clic")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Rosa", "Rosa"),
        (12, 12),
        (-3.5, -3.5),
        (None, ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_exports_neutralise_every_cell():
    response = csv_response("x.csv", ["=name"], [["=1+1"], ["@A1"], ["ok"]])
    text = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in response.streaming_content)
    lines = text.decode("utf-8-sig").splitlines()
    assert lines == ["'=name", "'=1+1", "'@A1", "ok"]


def test_xlsx_exports_store_text_not_formulas():
    response = xlsx_response("x.xlsx", ["name"], [["=1+1"], [7]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == 7
