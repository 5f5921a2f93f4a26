"""Read a flat table of past students as institutions really export it.

:func:`read_table` accepts UTF-8 with or without BOM, UTF-16 (and falls back to Windows-1252), CRLF or
LF, ``;``, ``,``, tab or ``|`` separators (sniffed when not given), quoted fields, stray spaces
or tabs around header names and values, ``?``/empty/``NA``-like tokens as missing, and numbers
written with a decimal comma. It returns the cleaned frame with one note per decision so that
nothing is dropped or reinterpreted silently.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from puente.lib.text import search_key

MISSING_TOKENS = frozenset(
    {"", "?", "na", "n/a", "n.a.", "nan", "null", "none", "-", "--", "#n/a", "#na", "missing", "sin dato", "s/d", "nd"}
)
SEPARATORS = (";", ",", "\t", "|")

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
_EUROPEAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567,89
_AMERICAN = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234,567.89
_ID_NAME = re.compile(r"(^|[_\s.-])(id|ident|identifier|uuid|dni|rut|curp|nie)($|[_\s.-])", re.IGNORECASE)


@dataclass
class Table:
    frame: pd.DataFrame
    separator: str
    encoding: str
    notes: list[str] = field(default_factory=list)
    numeric: list[str] = field(default_factory=list)


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding that decoded it: UTF-8 with or without BOM, UTF-16 (Excel's
    "Unicode text", with or without BOM), else Windows-1252."""
    from puente.lib.tabular.reader import utf16_codec

    utf16 = utf16_codec(raw[:4096])
    if utf16 is not None:
        codec, skip = utf16
        return raw[skip:].decode(codec, errors="replace"), codec
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def sniff_separator(text: str) -> str:
    """The separator of the first lines: csv.Sniffer, checked for consistency, else the most
    frequent candidate outside quotes in the header line."""
    sample_lines = [line for line in text[:200_000].splitlines()[:50] if line.strip()]
    sample = "\n".join(sample_lines)
    if not sample_lines:
        return ","

    def fields_per_line(sep: str) -> list[int]:
        return [len(row) for row in csv.reader(io.StringIO(sample), delimiter=sep)]

    best, best_score = ",", (-1, -1)
    for sep in SEPARATORS:
        counts = fields_per_line(sep)
        if not counts or counts[0] < 2:
            continue
        consistent = sum(1 for c in counts if c == counts[0])
        score = (consistent, counts[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def clean_header(names: list[str]) -> list[str]:
    """Strip spaces, tabs, BOMs and quotes from header names; name empty ones; de-duplicate."""
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(names):
        name = str(raw).replace("\ufeff", "").strip().strip('"').strip()
        name = re.sub(r"\s+", " ", name) or f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def parse_numbers(values: pd.Series) -> tuple[pd.Series | None, int]:
    """Parse a text column as numbers, or return None when it is not numeric.

    Accepts plain numbers, decimal commas (``3,5``) and thousands separators (``1.234,5`` or
    ``1,234.5``). A column is numeric when at least 97 % of its non-missing values parse and the
    rest are few distinct tokens; those become missing and are counted."""
    present = values.dropna()
    if present.empty:
        return None, 0
    text = present.astype(str)
    plain = text.str.match(_PLAIN_NUMBER)
    comma = text.str.match(_DECIMAL_COMMA)
    european = text.str.match(_EUROPEAN) & ~plain
    american = text.str.match(_AMERICAN) & ~plain
    # "1,234" is ambiguous; it is a thousands separator only if no value uses a decimal comma
    # with other than three digits after it.
    if comma.any() and american.any():
        decimals = text[comma].str.split(",").str[-1].str.len()
        if (decimals != 3).any():
            american &= ~comma
        else:
            comma &= ~american
    parsed = pd.Series(np.nan, index=present.index, dtype="float64")
    parsed[plain] = pd.to_numeric(text[plain], errors="coerce")
    parsed[comma] = pd.to_numeric(text[comma].str.replace(",", ".", regex=False), errors="coerce")
    parsed[european & ~comma] = pd.to_numeric(
        text[european & ~comma].str.replace(".", "", regex=False).str.replace(",", ".", regex=False), errors="coerce"
    )
    parsed[american & ~comma] = pd.to_numeric(
        text[american & ~comma].str.replace(",", "", regex=False), errors="coerce"
    )
    ok = parsed.notna()
    share = ok.mean()
    bad_tokens = text[~ok].nunique()
    if share < 0.97 or bad_tokens > 3 or not ok.any():
        return None, 0
    full = pd.Series(np.nan, index=values.index, dtype="float64")
    full[present.index] = parsed
    return full, int((~ok).sum())


def read_table(source: str | Path | bytes, sep: str | None = None) -> Table:
    """Read and clean a CSV file (see the module docstring for what is accepted)."""
    raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    text, encoding = decode(raw)
    notes: list[str] = []
    if encoding == "cp1252":
        notes.append("The file is not UTF-8; it was read as Windows-1252.")
    if sep is None:
        sep = sniff_separator(text)
        notes.append(f"Separator detected: {sep!r}.")
    elif sep in ("\\t", "tab", "TAB"):
        sep = "\t"
    try:
        frame = _parse(text, sep)
    except pd.errors.ParserError as exc:
        raise TableError(f"The file cannot be read as a table with separator {sep!r}: {exc}") from exc
    frame.columns = clean_header(list(frame.columns))
    return _clean(frame, sep, encoding, notes)


class TableError(ValueError):
    """The bytes are not a readable table (ragged rows, unbalanced quotes…)."""


def _parse(text: str, sep: str) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(text),
        sep=sep,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        quotechar='"',
        skipinitialspace=True,
        engine="c",
        on_bad_lines="error",
    )


def _clean(frame: pd.DataFrame, sep: str, encoding: str, notes: list[str]) -> Table:
    empty_rows = 0
    numeric: list[str] = []
    for column in frame.columns:
        values = frame[column].astype(str).str.strip().str.replace(r'^"(.*)"$', r"\1", regex=True).str.strip()
        values = values.mask(values.str.lower().isin(MISSING_TOKENS))
        parsed, n_bad = parse_numbers(values)
        if parsed is not None:
            frame[column] = parsed
            numeric.append(column)
            if n_bad:
                notes.append(f"Column {column!r}: {n_bad} non-numeric values read as missing.")
        else:
            frame[column] = values.astype(object).where(values.notna(), None)
    all_missing = frame.isna().all(axis=1)
    if all_missing.any():
        empty_rows = int(all_missing.sum())
        frame = frame.loc[~all_missing].reset_index(drop=True)
        notes.append(f"{empty_rows} empty lines skipped.")
    return Table(frame=frame, separator=sep, encoding=encoding, notes=notes, numeric=numeric)


def find_column(frame: pd.DataFrame, name: str) -> str:
    """The frame's column called ``name``, ignoring surrounding spaces, letter case and, when
    only one column matches that way, accents (``--target situacion`` finds "Situación")."""
    wanted = re.sub(r"\s+", " ", name.strip())
    if wanted in frame.columns:
        return wanted
    folded = {str(c).casefold(): str(c) for c in frame.columns}
    if wanted.casefold() in folded:
        return folded[wanted.casefold()]
    bare = [str(c) for c in frame.columns if search_key(str(c)) == search_key(wanted)]
    if len(bare) == 1:
        return bare[0]
    raise KeyError(f"No column {name!r}. Columns: {', '.join(map(str, frame.columns))}")


def normalise_label(value: Any) -> str:
    """How target values are compared: trimmed, inner spaces collapsed, case-folded;
    numbers compared as numbers (``1``, ``1.0`` and ``1,0`` are equal)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    text = re.sub(r"\s+", " ", str(value).strip()).casefold()
    candidate = text.replace(",", ".") if _DECIMAL_COMMA.match(text) else text
    if _PLAIN_NUMBER.match(candidate):
        number = float(candidate)
        return str(int(number)) if number.is_integer() else repr(number)
    return text


def id_like(series: pd.Series, name: str) -> bool:
    """An identifier rather than a feature: text or integers unique on every row, or a column
    named like an identifier (``id``, ``student_id``, ``rut``…) that is nearly unique."""
    present = series.dropna()
    n = len(series)
    if n < 10 or present.empty:
        return False
    unique = present.nunique()
    if pd.api.types.is_numeric_dtype(present):
        integer = bool(np.all(np.mod(present.to_numpy(dtype=float), 1) == 0))
        if integer and unique == n:
            return True
    elif unique == n:
        return True
    return bool(_ID_NAME.search(name)) and unique >= 0.5 * n


def constant(series: pd.Series) -> bool:
    """No information: one value on every row (a value-or-missing column is kept, since
    whether a value is missing can be informative)."""
    present = series.dropna()
    return present.nunique() <= 1 and (present.empty or len(present) == len(series))
