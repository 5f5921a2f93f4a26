"""CSV and Excel exports that spreadsheet programs cannot turn into formulas.

A cell starting with ``= + - @`` (or a tab / carriage return) is read as a formula by Excel
and LibreOffice (OWASP "CSV injection"). Exports prefix such text with an apostrophe; numbers
stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Return a value safe to put in a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_rows(rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    for row in rows:
        yield [neutralise(cell) for cell in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> StreamingHttpResponse:
    """Stream a UTF-8 CSV (with BOM so Excel reads accents) with neutralised cells."""
    writer = csv.writer(_Echo())

    def generate() -> Iterable[str]:
        yield "\ufeff"
        yield writer.writerow([neutralise(cell) for cell in header])
        for row in safe_rows(rows):
            yield writer.writerow(row)

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([neutralise(cell) for cell in header])
    for row in safe_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
