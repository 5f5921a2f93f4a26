"""Which column of the file fills which field: proposed from the headers, remembered per organisation.

A mapping is ``{column key: header as written in the file}``. The proposal uses, in order, the
organisation's saved mapping for the spec, the columns' names in es/fr/en and their aliases
(ignoring case, accents and punctuation), then a close spelling (one typo) for what is left.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from .columns import header_key
from .spec import ImportSpec

FUZZY_THRESHOLD = 88


def propose_mapping(spec: type[ImportSpec], headers: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """The best guess of ``{key: header}`` for these headers."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    by_key = {header_key(h): h for h in reversed(headers) if h}
    columns = spec.column_by_key()
    # 1. What this organisation chose last time, when the same headers come back.
    for key, header in (saved or {}).items():
        if key in columns and header_key(header) in by_key and by_key[header_key(header)] not in used:
            mapping[key] = by_key[header_key(header)]
            used.add(mapping[key])
    # 2. Names and aliases in every language.
    for key, column in columns.items():
        if key in mapping:
            continue
        for name in column.header_names():
            found = by_key.get(header_key(name))
            if found and found not in used:
                mapping[key] = found
                used.add(found)
                break
    # 3. One typo away.
    for key, column in columns.items():
        if key in mapping:
            continue
        names = {header_key(name) for name in column.header_names()}
        best, best_score = None, 0.0
        for normal, header in by_key.items():
            if header in used or len(normal) < 4:
                continue
            score = max(fuzz.ratio(normal, name) for name in names)
            if score > best_score:
                best, best_score = header, score
        if best is not None and best_score >= FUZZY_THRESHOLD:
            mapping[key] = best
            used.add(best)
    return mapping


def clean_mapping(spec: type[ImportSpec], headers: list[str], mapping: dict[str, Any]) -> dict[str, str]:
    """Keep only known keys mapped to headers present in the file."""
    present = set(headers)
    keys = spec.column_by_key()
    return {k: str(v) for k, v in (mapping or {}).items() if k in keys and v and str(v) in present}
