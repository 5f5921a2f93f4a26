"""Public qualification search: an in-memory inverted index over precomputed stems.

Each qualification stores ``search_stems`` (see :mod:`.text`): folded, gender- and
number-merged words of all its titles. The index maps every stem to the rows that contain it
and keeps the sorted vocabulary, so a query word matches

- the same stem (weight 1.0): "cocinera" finds "Cocinero";
- stems it begins (weight 0.9, from 3 letters): "recep" finds "recepcionista";
- for a word the index does not know (probably mistyped), stems with the same first letter
  within a small edit distance (rapidfuzz, weight ≤ 0.85): "cosinero", "resepcionista";
- and the same in the labels of the qualification's ESCO occupations, masculine, feminine and
  regional forms included (weight × 0.7): "camarero" or "mozo" find "Garzón de restaurante".

Rows matching the most query words come first, then by score, then by similarity of the whole
folded title. The index is built from one query and rebuilt when the table changes (highest id,
latest ``updated_at``, or the generation counter that :func:`invalidate` and deletions move), so
it works the same on SQLite and PostgreSQL and with several worker processes.
"""

from __future__ import annotations

import bisect
import gc
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, TextField
from django.db.models.functions import Cast
from rapidfuzz import fuzz, process

from puente.core.models import Country

from .models import Level, Qualification, QualificationStatus
from .text import fold, stems

GENERATION_KEY = "puente:frameworks:index-generation"
# A word found only in the labels of the qualification's ESCO occupations counts less than one
# in its title.
RELATED_WEIGHT = 0.7
MAX_PREFIX_EXPANSION = 60


@dataclass
class Hit:
    """One result, with what a list of results shows (read from the index, not the database)."""

    id: int
    score: float
    country_id: str = ""
    country_name: dict[str, str] = field(default_factory=dict)
    code: str = ""
    kind: str = ""
    title: dict[str, str] = field(default_factory=dict)
    level: str = ""
    regional_level: int | None = None


@dataclass
class _Index:
    stamp: tuple[Any, ...]
    ids: np.ndarray
    countries: np.ndarray
    texts: list[str]
    vocab: list[str]
    postings: dict[str, np.ndarray] = field(default_factory=dict)
    by_initial: dict[str, list[str]] = field(default_factory=dict)
    related: dict[str, np.ndarray] = field(default_factory=dict)
    # Per row: code, kind, title as JSON text, level label, regional level. Only atomic values, so
    # the garbage collector does not track the 50 000 tuples; titles are decoded for hits only.
    display: list[tuple[str, str, str, str, int | None]] = field(default_factory=list)
    country_names: dict[str, dict[str, str]] = field(default_factory=dict)


_lock = threading.Lock()
_index: _Index | None = None
_checked_at = 0.0
# Writes in this process invalidate the index at once (signals); writes by other processes are
# seen within this many seconds.
STAMP_TTL = 2.0


def drop_local(*args: Any, **kwargs: Any) -> None:
    """Forget this process's indexes (signal receiver: a qualification changed here)."""
    global _index
    from . import matching

    _index = None
    matching.invalidate()


def invalidate() -> None:
    """Make every process rebuild its index at its next search."""
    global _index
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
    _index = None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index is built: the build creates hundreds of
    thousands of small objects, each few hundred of which would otherwise trigger a collection
    that walks the whole heap (about a third of the build time at 50 000 qualifications). The
    objects hold no reference cycles, so nothing is left for the collector to find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def labels_changed(*args: Any, **kwargs: Any) -> None:
    """Signal receiver: a framework, level or country changed, so every process rebuilds the
    labels its index shows."""
    invalidate()


def rows_deleted(*args: Any, **kwargs: Any) -> None:
    """Signal receiver: a qualification was deleted here. Other processes learn it from the
    generation counter, moved once per transaction, when it commits (a deletion moves neither the
    highest id nor the latest ``updated_at`` of the stamp)."""
    drop_local()
    connection = transaction.get_connection()
    if not any(func is _deleted_and_committed for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_deleted_and_committed)


def _deleted_and_committed() -> None:
    invalidate()


def _stamp() -> tuple[Any, ...]:
    # Two index lookups (primary key, updated_at), not a count: counting 50 000 rows took 15-50 ms
    # on SQLite, paid by one search every STAMP_TTL. New rows raise the highest id, changes the
    # latest updated_at, deletions and bulk updates the generation counter.
    agg = Qualification.objects.aggregate(n=Max("id"), t=Max("updated_at"))
    return (agg["n"], agg["t"], cache.get(GENERATION_KEY, 0))


def build_index() -> _Index:
    stamp = _stamp()
    # Drafts are not public yet (their page is not either); withdrawn qualifications are gone.
    rows = list(
        Qualification.objects.filter(status=QualificationStatus.ACTIVE)
        .order_by("id")
        .annotate(title_text=Cast("title", TextField()))
        .values_list(
            "id",
            "country_id",
            "search_text",
            "search_stems",
            "search_related",
            "code",
            "kind",
            "title_text",
            "level_id",
            "regional_level",
        )
    )
    country_names = {code: dict(name or {}) for code, name in Country.objects.values_list("code", "name")}
    level_labels = {
        pk: f"{acronym or code} {number}"
        for pk, acronym, code, number in Level.objects.values_list(
            "pk", "framework__acronym", "framework__code", "number"
        )
    }
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    countries = np.array([r[1] for r in rows], dtype="<U2")
    lists: dict[str, list[int]] = {}
    related_lists: dict[str, list[int]] = {}
    for row, (_id, _country, _text, stemmed, related, *_display) in enumerate(rows):
        for word in stemmed.split():
            lists.setdefault(word, []).append(row)
        for word in related.split():
            related_lists.setdefault(word, []).append(row)
    postings = {word: np.asarray(rows_, dtype=np.int64) for word, rows_ in lists.items()}
    related_postings = {word: np.asarray(rows_, dtype=np.int64) for word, rows_ in related_lists.items()}
    vocab = sorted(set(postings) | set(related_postings))
    by_initial: dict[str, list[str]] = {}
    for word in vocab:
        by_initial.setdefault(word[0], []).append(word)
    return _Index(
        stamp=stamp,
        ids=ids,
        countries=countries,
        texts=[r[2] for r in rows],
        vocab=vocab,
        postings=postings,
        related=related_postings,
        by_initial=by_initial,
        country_names=country_names,
        display=[
            (code, kind, title or "{}", level_labels.get(level_id, "") if level_id else "", regional)
            for _id, _c, _t, _s, _r, code, kind, title, level_id, regional in rows
        ],
    )


def get_index() -> _Index:
    global _index, _checked_at
    current = _index
    now = time.monotonic()
    if current is not None and now - _checked_at < STAMP_TTL:
        return current
    stamp = _stamp()
    _checked_at = now
    if current is not None and current.stamp == stamp:
        return current
    with _lock:
        if _index is None or _index.stamp != stamp:
            with gc_paused():
                _index = build_index()
        return _index


def _fuzzy_cutoff(word: str) -> float:
    if len(word) <= 4:
        return 80.0
    if len(word) <= 7:
        return 74.0
    return 70.0


def expand(word: str, index: _Index) -> dict[str, float]:
    """Index stems a query stem matches, with a weight in (0, 1]."""
    matches: dict[str, float] = {}
    known = word in index.postings or word in index.related
    if known:
        matches[word] = 1.0
    if len(word) >= 3:
        start = bisect.bisect_left(index.vocab, word)
        for candidate in index.vocab[start : start + MAX_PREFIX_EXPANSION]:
            if not candidate.startswith(word):
                break
            matches.setdefault(candidate, 0.9)
    if not known and len(word) >= 4:
        # A word the index does not know is probably mistyped: look for close words with the
        # same first letter (typos rarely hit it), which keeps the scan to a few thousand words.
        for candidate, score, _pos in process.extract(
            word,
            index.by_initial.get(word[0], []),
            scorer=fuzz.ratio,
            score_cutoff=_fuzzy_cutoff(word),
            limit=8,
        ):
            matches.setdefault(candidate, 0.85 * score / 100.0)
    return matches


def search(query: str, *, country: str = "", limit: int = 50) -> list[Hit]:
    """Ids of the qualifications best matching ``query``, best first."""
    words = stems(query)
    if not words:
        return []
    index = get_index()
    n = len(index.ids)
    if n == 0:
        return []
    total = np.zeros(n, dtype=np.float32)
    matched = np.zeros(n, dtype=np.int16)
    for word in words:
        best = np.zeros(n, dtype=np.float32)
        for candidate, weight in expand(word, index).items():
            rows = index.postings.get(candidate)
            if rows is not None:  # rows are unique within a posting list
                best[rows] = np.maximum(best[rows], weight)
            rows = index.related.get(candidate)
            if rows is not None:
                best[rows] = np.maximum(best[rows], RELATED_WEIGHT * weight)
        total += best
        matched += best > 0
    if country:
        mask = index.countries == country.upper()
        matched = np.where(mask, matched, 0)
    top_matched = int(matched.max()) if n else 0
    if top_matched == 0:
        return []
    # Every query word must match when some row allows it; otherwise the best partial matches.
    candidates = np.nonzero(matched == top_matched)[0]
    keep = max(limit * 3, 150)
    if len(candidates) > keep:
        candidates = candidates[np.argpartition(-total[candidates], keep - 1)[:keep]]
    shortlist = candidates[np.argsort(-total[candidates], kind="stable")]
    folded_query = fold(query)
    scored = [
        (float(total[row]) + fuzz.token_set_ratio(folded_query, index.texts[row]) / 400.0, int(row))
        for row in shortlist
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    hits = []
    for score, row in scored[:limit]:
        code, kind, title, level, regional = index.display[row]
        hits.append(
            Hit(
                id=int(index.ids[row]),
                score=round(score / len(words), 3),
                country_id=str(index.countries[row]),
                country_name=index.country_names.get(str(index.countries[row]), {}),
                code=code,
                kind=kind,
                title=json.loads(title),
                level=level,
                regional_level=regional,
            )
        )
    return hits
