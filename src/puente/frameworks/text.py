"""Spanish text keys for qualification search and comparison.

A title such as "Cocinera/o de hotel" and a query such as "cocinero hoteles" must meet. Keys are
built in three steps, all pure functions:

1. :func:`puente.lib.text.search_key` folds case, accents and spacing ("Guía" -> "guia");
2. slash forms are split ("camarero/a" -> "camarero a") and one-letter remnants dropped;
3. each word is reduced to a *stem* that merges gender and number forms: the plural "-es"/"-s"
   and a final vowel go ("cocinera", "cocinero", "cocineros" -> "cociner"; "guías" -> "gui";
   "profesora", "profesor" -> "profesor"). Stop words ("de", "en", "y"…) are dropped.

It is not a full stemmer on purpose: merging more (e.g. "turismo" and "turístico") would bring
noise into exact-title searches; the typo-tolerant matching of :mod:`.search` covers the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

STOP_WORDS = frozenset(
    [
        "a",
        "al",
        "con",
        "de",
        "del",
        "e",
        "el",
        "en",
        "la",
        "las",
        "lo",
        "los",
        "o",
        "para",
        "por",
        "u",
        "un",
        "una",
        "y",
        "d",
        "l",
        "the",
        "of",
        "and",
        "in",
        "et",
        "du",
        "des",
        "le",
        "les",
        "pour",
    ]
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(value: str | None) -> str:
    """Accent- and case-folded text with punctuation turned into spaces (as
    :func:`puente.lib.text.search_key`, but fast enough for 50 000 titles and their outcomes)."""
    if not value:
        return ""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NON_WORD.split(ascii_text.casefold())).strip()


def stem(word: str) -> str:
    """Merge the gender and number forms of one folded Spanish word."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("es") and len(word) > 5 and word[-3] not in "aeiou":
        word = word[:-2]  # hoteles -> hotel, operadores -> operador
    elif word.endswith("s") and word[-2] in "aeiou":
        word = word[:-1]  # cocineros -> cocinero, guias -> guia
    if len(word) > 3 and word[-1] in "aoe":
        word = word[:-1]  # cocinera/cocinero -> cociner, profesora -> profesor
    return word


def words(value: str | None) -> list[str]:
    """Folded words without stop words: 'Técnica en Cocina' -> ['tecnica', 'cocina']."""
    return [w for w in fold(value).split() if len(w) > 1 and w not in STOP_WORDS]


def stems(value: str | None) -> list[str]:
    """Stemmed words, in order and without repeats."""
    seen: dict[str, None] = {}
    for word in words(value):
        seen.setdefault(stem(word), None)
    return list(seen)


def match_stems(title: dict | None, outcomes: Iterable[str]) -> str:
    """The text the suggestions compare: stems of the Spanish title, a bar, stems of the title
    and the learning outcomes."""
    spanish = str((title or {}).get("es") or "")
    return " ".join(stems(spanish)) + " | " + " ".join(stems(" ".join([spanish, *outcomes])))


def qualification_search_keys(title: dict | Iterable[str] | None, code: str = "") -> tuple[str, str]:
    """The two derived columns of a qualification: folded text and stems of all its titles."""
    texts: list[str] = []
    if isinstance(title, dict):
        # Spanish first: the public search is in Spanish, other languages still match.
        texts = [str(title[k]) for k in ("es", "fr", "en") if title.get(k)]
        texts += [str(v) for k, v in title.items() if k not in ("es", "fr", "en") and v]
    elif title:
        texts = [str(t) for t in title]
    folded = " ".join(fold(t) for t in [*texts, code] if t)
    stemmed: dict[str, None] = {}
    for text in [*texts, code]:
        for s in stems(text):
            stemmed.setdefault(s, None)
    return folded, " ".join(stemmed)
