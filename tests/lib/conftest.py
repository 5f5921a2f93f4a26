"""Helpers for import tests: files written on the fly, and a private MEDIA_ROOT."""

from __future__ import annotations

import io
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files go to a temporary folder; progress goes to a cache of this test alone
    (the file cache in var/ is shared with parallel test workers, whose job ids collide)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}
    }


@pytest.fixture
def write_file(tmp_path):
    """``write_file("a;b\\n1;2\\n")`` → a path; text is encoded (``encoding=``), bytes are written as given."""
    counter = [0]

    def _write(content: str | bytes, *, name: str = "", encoding: str = "utf-8") -> Path:
        counter[0] += 1
        path = tmp_path / (name or f"file{counter[0]}.csv")
        data = content if isinstance(content, bytes) else content.encode(encoding)
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def write_xlsx(tmp_path):
    """``write_xlsx({"Hoja1": [[...], ...]}, merge=["A1:C1"])`` → a path."""

    def _write(sheets: dict[str, list[list]], *, name: str = "book.xlsx", merge: dict[str, list[str]] | None = None):
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
            for cells in (merge or {}).get(title, []):
                sheet.merge_cells(cells)
        buffer = io.BytesIO()
        workbook.save(buffer)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue())
        return path

    return _write
