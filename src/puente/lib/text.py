"""Text normalisation for search keys: case-, accent- and spacing-insensitive."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_key(value: str | None) -> str:
    """Lower-case, accent-free, single-spaced text: 'Técnico  en Minería' -> 'tecnico en mineria'."""
    if not value:
        return ""
    return _SPACES.sub(" ", strip_accents(value).casefold()).strip()
