"""Reading CSV and Excel files as chunks of text cells, with the row numbers users see.

Everything is read as text; typing is the columns' job. Each chunk is a DataFrame whose columns
are the positions of the file's columns (0, 1, …) with the data rows, plus the spreadsheet row
number of each row (the header is usually row 1). Blank rows are dropped but keep their place
in the numbering, so "row 12" is row 12 in the user's spreadsheet program.

CSV: UTF-8 with or without BOM, UTF-16 with BOM (or without, detected from the zero bytes),
or an encoding the user chose (Windows-1252, Latin-1); ``;``, ``,`` or tab sniffed from the
first lines; CRLF; quoted fields with embedded newlines. Invalid bytes stop the reading with
the line number. Excel: .xlsx read with openpyxl in read-only mode; the old binary .xls is
refused with advice.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from .errors import FileProblem

DEFAULT_CHUNK_SIZE = 50_000
HEADER_SEARCH_ROWS = 20
SNIFF_CHARS = 64 * 1024
DELIMITERS = (";", ",", "\t", "|")

ENCODINGS = {
    "auto": "auto",
    "utf-8": "utf-8",
    "utf-16": "utf-16",
    "windows-1252": "cp1252",
    "latin-1": "latin-1",
}
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}

HeaderScore = Callable[[list[str]], int]


def clean_header(value: Any) -> str:
    """A header as the user wrote it, without the BOM, stray spaces, tabs and line breaks."""
    text = "" if value is None else str(value)
    return re.sub(r"\s+", " ", text.replace("\ufeff", "").replace("\xa0", " ")).strip()


@dataclass
class Chunk:
    frame: pd.DataFrame  # columns 0..n-1, text cells ('' when empty), blank rows removed
    rows: np.ndarray  # spreadsheet row number of each row of ``frame``


@dataclass
class Table:
    """An opened file: its header, where it came from, and an iterator over its data."""

    format: str  # "csv" or "xlsx"
    headers: list[str]
    header_row: int
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    size: int = 0
    _chunks: Iterator[Chunk] | None = None
    _progress: Callable[[], float] = lambda: 0.0

    def chunks(self) -> Iterator[Chunk]:
        assert self._chunks is not None, "a table can be read once"
        chunks, self._chunks = self._chunks, None
        return chunks

    def progress(self) -> float:
        """Fraction of the file read so far (0–1)."""
        return self._progress()


def detect_format(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise FileProblem("empty_file")
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem("legacy_xls")
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")):
        raise FileProblem("not_a_table")
    return "csv"


def open_table(
    path: str | Path,
    *,
    encoding: str = "auto",
    sheet: str = "",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    header_score: HeaderScore | None = None,
) -> Table:
    """Open a CSV or .xlsx file; raise :class:`FileProblem` when it cannot be read as a table."""
    path = Path(path)
    kind = detect_format(path)
    if kind == "xlsx":
        return _open_xlsx(path, sheet=sheet, chunk_size=chunk_size, header_score=header_score)
    return _open_csv(path, encoding=encoding, chunk_size=chunk_size, header_score=header_score)


# ---------------------------------------------------------------------------------------- CSV


class _TextSource:
    """A text stream over a binary file that names the line of the first undecodable byte."""

    def __init__(self, handle: IO[bytes], encoding: str, label: str) -> None:
        self.handle = handle
        self.label = label
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self.lines = 0  # newlines decoded so far
        self.pending = ""  # text pushed back after sniffing
        self.done = False

    def _decode(self, size: int) -> str:
        if self.done:
            return ""
        data = self.handle.read(size)
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            good = exc.object[: exc.start]
            try:
                prefix = codecs.decode(good, exc.encoding, errors="ignore")
            except LookupError:  # pragma: no cover
                prefix = ""
            raise FileProblem("bad_encoding", line=self.lines + prefix.count("\n") + 1, encoding=self.label) from None
        if not data:
            self.done = True
        self.lines += text.count("\n")
        return text

    def read(self, size: int = -1) -> str:
        if self.pending:
            text, self.pending = self.pending, ""
            return text
        if size is None or size < 0:
            parts = []
            while chunk := self._decode(1 << 20):
                parts.append(chunk)
            return "".join(parts)
        text = self._decode(max(size, 4096))
        # The C parser treats an empty read as the end of the file: keep reading past
        # chunks that decoded to nothing (a multi-byte character split across reads).
        while not text and not self.done:
            text = self._decode(max(size, 4096))
        return text

    def sample(self, chars: int) -> str:
        parts: list[str] = []
        length = 0
        while length < chars and not self.done:
            text = self._decode(chars)
            parts.append(text)
            length += len(text)
        self.pending = "".join(parts)
        return self.pending

    def __iter__(self) -> Iterator[str]:  # pandas checks for it; reading goes through read()
        return iter(())


def utf16_codec(head: bytes) -> tuple[str, int] | None:
    """``(codec, BOM bytes to skip)`` when ``head`` is UTF-16 text (with or without a BOM), else None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"), 2
    # Without a BOM: ASCII text has a zero byte in every other position.
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and odd.count(0) > len(odd) * 0.4 and even.count(0) == 0:
        return "utf-16-le", 0
    if len(head) >= 4 and even.count(0) > len(even) * 0.4 and odd.count(0) == 0:
        return "utf-16-be", 0
    return None


def _resolve_encoding(head: bytes, chosen: str) -> tuple[str, int, str]:
    """(codec, bytes of BOM to skip, name shown to the user)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3, "UTF-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, skip = utf16_codec(head) or ("utf-16-le", 2)
        return codec, skip, "UTF-16"
    codec = ENCODINGS.get(chosen, chosen or "auto")
    if codec == "auto":
        utf16 = utf16_codec(head)
        if utf16 is not None:
            return utf16[0], utf16[1], "UTF-16"
        if 0 in head:
            raise FileProblem("not_a_table")
        return "utf-8", 0, "UTF-8"
    try:
        codecs.lookup(codec)
    except LookupError:
        codec = "utf-8"
    return codec, 0, {"cp1252": "Windows-1252", "latin-1": "Latin-1"}.get(codec, codec.upper())


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the same number of cells, preferring more cells."""
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    if len(sample) >= SNIFF_CHARS - 1 and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample is incomplete
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for row in rows if len(row) == width)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(path: Path, *, encoding: str, chunk_size: int, header_score: HeaderScore | None) -> Table:
    size = path.stat().st_size
    handle = path.open("rb")
    head = handle.read(4096)
    codec, skip, label = _resolve_encoding(head, encoding)
    handle.seek(skip)
    source = _TextSource(handle, codec, label)
    try:
        sample = source.sample(SNIFF_CHARS)
    except FileProblem:
        handle.close()
        raise
    if not sample.strip():
        handle.close()
        raise FileProblem("empty_file")
    delimiter = sniff_delimiter(sample)

    reader = pd.read_csv(
        source,  # type: ignore[call-overload]
        sep=delimiter,
        header=None,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        chunksize=chunk_size,
        quotechar='"',
        doublequote=True,
        engine="c",
        skipinitialspace=False,
        low_memory=True,
    )

    def frames() -> Iterator[pd.DataFrame]:
        try:
            yield from reader
        except pd.errors.ParserError as exc:
            raise _parser_problem(exc) from None
        finally:
            handle.close()

    raw = frames()
    try:
        first = next(raw)
    except StopIteration:
        raise FileProblem("empty_file") from None
    first = first.fillna("")
    header_index = _find_header(first.values.tolist()[:HEADER_SEARCH_ROWS], header_score)
    if header_index is None:
        raise FileProblem("no_header")
    headers = [clean_header(v) for v in first.iloc[header_index].tolist()]
    width = len(headers)

    def chunks() -> Iterator[Chunk]:
        offset = 0
        frame = first.iloc[header_index + 1 :]
        start = header_index + 1
        pending: pd.DataFrame | None = frame
        while True:
            if pending is None:
                try:
                    pending = next(raw).fillna("")
                except StopIteration:
                    return
                start = offset
            rows = np.arange(start, start + len(pending), dtype=np.int64) + 1
            offset = start + len(pending)
            chunk = _drop_blank(pending.reindex(columns=range(width), fill_value=""), rows)
            pending = None
            if len(chunk.frame):
                yield chunk

    return Table(
        format="csv",
        headers=headers,
        header_row=header_index + 1,
        encoding=label,
        delimiter=delimiter,
        size=size,
        _chunks=chunks(),
        _progress=lambda: min(1.0, handle.tell() / size) if not handle.closed and size else 1.0,
    )


def _parser_problem(exc: Exception) -> FileProblem:
    text = str(exc)
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if match:
        return FileProblem(
            "too_many_cells", line=int(match.group(2)), expected=int(match.group(1)), found=int(match.group(3))
        )
    match = re.search(r"EOF inside string starting at row (\d+)", text)
    if match:
        return FileProblem("unclosed_quote", line=int(match.group(1)) + 1)
    match = re.search(r"row (\d+)", text)
    return FileProblem("bad_csv", line=int(match.group(1)) + 1 if match else 1, detail=text.strip()[:200])


def _drop_blank(frame: pd.DataFrame, rows: np.ndarray) -> Chunk:
    """Drop rows whose cells are all empty; whitespace-only rows are left to the engine, which
    strips the cells it reads anyway."""
    frame.columns = range(frame.shape[1])
    if frame.shape[1] == 0:
        return Chunk(frame.iloc[:0], rows[:0])
    filled = (frame.to_numpy(dtype=object) != "").any(axis=1)
    if filled.all():
        return Chunk(frame.reset_index(drop=True), rows)
    return Chunk(frame[filled].reset_index(drop=True), rows[filled])


def _find_header(records: list[list[Any]], header_score: HeaderScore | None) -> int | None:
    """The header is the first non-blank row, unless a later one (after a title) names known columns."""
    first_non_blank = None
    best, best_score = None, 0
    for index, record in enumerate(records):
        cells = [clean_header(v) for v in record]
        if not any(cells):
            continue
        if first_non_blank is None:
            first_non_blank = index
        if header_score is not None:
            score = header_score(cells)
            if score > best_score:
                best, best_score = index, score
    return best if best is not None else first_non_blank


# --------------------------------------------------------------------------------------- Excel


def cell_text(value: Any) -> str:
    """An Excel cell as text the columns parse: dates in ISO, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _open_xlsx(path: Path, *, sheet: str, chunk_size: int, header_score: HeaderScore | None) -> Table:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FileProblem("bad_xlsx") from None
    names = list(workbook.sheetnames)
    if sheet:
        if sheet not in names:
            workbook.close()
            raise FileProblem("sheet_not_found", sheet=sheet, sheets=names)
        candidates = [sheet]
    else:
        candidates = names
    chosen = None
    best_score = -1
    head_rows: list[list[Any]] = []
    for name in candidates:
        worksheet = workbook[name]
        rows = []
        for record in worksheet.iter_rows(values_only=True, max_row=HEADER_SEARCH_ROWS):
            rows.append([cell_text(v) for v in record])
        score = 0
        if header_score is not None:
            score = max((header_score([clean_header(v) for v in r]) for r in rows), default=0)
        if score > best_score or chosen is None:
            chosen, best_score, head_rows = name, score, rows
    assert chosen is not None
    worksheet = workbook[chosen]
    header_index = _find_header(head_rows, header_score)
    if header_index is None:
        workbook.close()
        raise FileProblem("header_only" if not head_rows else "no_header")
    headers = [clean_header(v) for v in head_rows[header_index]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    total_rows = max(worksheet.max_row or 1, 1)
    state = {"row": 0}

    def chunks() -> Iterator[Chunk]:
        batch: list[list[str]] = []
        numbers: list[int] = []
        try:
            for number, record in enumerate(worksheet.iter_rows(values_only=True), start=1):
                state["row"] = number
                if number <= header_index + 1:
                    continue
                cells = [cell_text(v) for v in record[:width]]
                if len(cells) < width:
                    cells.extend([""] * (width - len(cells)))
                batch.append(cells)
                numbers.append(number)
                if len(batch) >= chunk_size:
                    chunk = _drop_blank(pd.DataFrame(batch, dtype=str), np.array(numbers, dtype=np.int64))
                    batch, numbers = [], []
                    if len(chunk.frame):
                        yield chunk
            if batch:
                chunk = _drop_blank(pd.DataFrame(batch, dtype=str), np.array(numbers, dtype=np.int64))
                if len(chunk.frame):
                    yield chunk
        finally:
            workbook.close()

    return Table(
        format="xlsx",
        headers=headers,
        header_row=header_index + 1,
        sheet=chosen,
        sheets=names,
        size=path.stat().st_size,
        _chunks=chunks(),
        _progress=lambda: min(1.0, state["row"] / total_rows),
    )
