"""Equivalence suggestions between qualifications of different countries, with their evidence.

Puente suggests, an expert decides. A candidate's score is a weighted sum of five features,
each in [0, 1], all shown to the expert:

========== ====== ===========================================================================
feature    weight how it is computed
========== ====== ===========================================================================
level      0.25   regional level: same 1, one apart 0.5, further 0
field      0.15   ISCED-F 2013: same detailed field 1, same narrow 0.6, same broad 0.3
occupation 0.25   ESCO occupations: Jaccard overlap; else same ISCO unit group 0.8, minor 0.5
outcomes   0.20   TF-IDF cosine of the stemmed Spanish title and learning outcomes
title      0.15   rapidfuzz token-set ratio of the folded titles (gender forms merged)
========== ====== ===========================================================================

The vectors and arrays of all qualifications are kept in memory per process (built once from
three queries over precomputed stems, ``Qualification.match_stems``, and rebuilt when the table changes), so scoring one qualification against 50 000
is a few numpy operations and one sparse product.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from .models import Qualification, QualificationStatus

WEIGHTS = {"level": 0.25, "field": 0.15, "occupation": 0.25, "outcomes": 0.20, "title": 0.15}
MIN_SCORE = 0.30


@dataclass
class Feature:
    name: str
    score: float
    weight: float
    detail: str = ""


@dataclass
class Suggestion:
    qualification_id: int
    country: str
    score: float
    features: list[Feature] = field(default_factory=list)
    qualification: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "qualification_id": self.qualification_id,
            "country": self.country,
            "score": self.score,
            "features": [asdict(f) for f in self.features],
        }


@dataclass
class _Index:
    stamp: tuple[Any, ...]
    ids: np.ndarray
    row_of: dict[int, int]
    countries: np.ndarray
    # Drafts get suggestions (experts correlate them) but are never suggested: not public yet.
    active: np.ndarray
    regional: np.ndarray
    field4: np.ndarray
    field3: np.ndarray
    field2: np.ndarray
    # Tuples of strings rather than sets: the garbage collector stops tracking them, so the
    # 100 000 of them do not lengthen every full collection of the process.
    occupations: list[tuple[str, ...]]
    occ_count: np.ndarray
    occ_post: dict[str, np.ndarray]
    isco4_post: dict[str, np.ndarray]
    isco3_post: dict[str, np.ndarray]
    isco_of: list[tuple[str, ...]]
    titles: list[str]
    docs: list[str]
    vectorizer: TfidfVectorizer
    matrix: Any


_lock = threading.Lock()
_index: _Index | None = None


def invalidate() -> None:
    global _index
    _index = None


def build_index() -> _Index:
    from . import search

    stamp = search.get_index().stamp
    rows = list(
        Qualification.objects.exclude(status=QualificationStatus.WITHDRAWN)
        .order_by("id")
        # The ISCO codes as JSON text: most are "[]", decoded only when they are not.
        .annotate(isco_text=Cast("isco_codes", TextField()))
        .values_list("id", "country_id", "regional_level", "isced_field_id", "match_stems", "isco_text", "status")
    )
    n = len(rows)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
    row_of = {int(qid): i for i, qid in enumerate(ids)}
    occ: list[set[str]] = [set() for _ in range(n)]
    isco: list[set[str]] = [set() for _ in range(n)]
    through = Qualification.occupations.through
    for qid, uri, code in through.objects.values_list("qualification_id", "escoconcept_id", "escoconcept__code"):
        row = row_of.get(qid)
        if row is not None:
            occ[row].add(uri)
            if code:
                isco[row].add(code[:4])
    titles, docs = [], []
    for i, (_qid, _c, _r, _f, matched, isco_text, _status) in enumerate(rows):
        if isco_text and isco_text != "[]":
            for code in json.loads(isco_text) or []:
                isco[i].add(str(code)[:4])
        title, _bar, doc = (matched or "").partition(" | ")
        titles.append(title)
        docs.append(doc or title)

    def postings(sets: list[set[str]], cut: int | None = None) -> dict[str, np.ndarray]:
        lists: dict[str, list[int]] = {}
        for row, values in enumerate(sets):
            for value in {v[:cut] if cut else v for v in values}:
                lists.setdefault(value, []).append(row)
        return {k: np.asarray(v, dtype=np.int64) for k, v in lists.items()}

    vectorizer = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
    matrix = vectorizer.fit_transform(docs) if any(docs) else None
    fields = [r[3] or "" for r in rows]
    return _Index(
        stamp=stamp,
        ids=ids,
        row_of=row_of,
        countries=np.array([r[1] for r in rows], dtype="<U2"),
        active=np.array([r[6] == QualificationStatus.ACTIVE for r in rows], dtype=np.bool_),
        regional=np.array([r[2] if r[2] is not None else -1 for r in rows], dtype=np.int16),
        field4=np.array(fields, dtype="<U4"),
        field3=np.array([f[:3] for f in fields], dtype="<U3"),
        field2=np.array([f[:2] for f in fields], dtype="<U2"),
        occupations=[tuple(sorted(s)) for s in occ],
        occ_count=np.array([len(s) for s in occ], dtype=np.float32),
        occ_post=postings(occ),
        isco4_post=postings(isco, 4),
        isco3_post=postings(isco, 3),
        isco_of=[tuple(sorted(s)) for s in isco],
        titles=titles,
        docs=docs,
        vectorizer=vectorizer,
        matrix=matrix,
    )


def get_index() -> _Index:
    global _index
    from . import search

    current = _index
    if current is not None and current.stamp == search.get_index().stamp:
        return current
    stamp = search.get_index().stamp
    with _lock:
        if _index is None or _index.stamp != stamp:
            with search.gc_paused():
                _index = build_index()
        return _index


def _feature_arrays(index: _Index, row: int) -> dict[str, np.ndarray]:
    n = len(index.ids)
    level = int(index.regional[row])
    if level >= 0:
        diff = np.abs(index.regional.astype(np.int32) - level)
        level_score = np.where(index.regional >= 0, np.clip(1.0 - 0.5 * diff, 0.0, 1.0), 0.0)
    else:
        level_score = np.zeros(n)
    f4 = index.field4[row]
    if f4:
        field_score = np.where(
            index.field4 == f4,
            1.0,
            np.where(index.field3 == f4[:3], 0.6, np.where(index.field2 == f4[:2], 0.3, 0.0)),
        )
        field_score = np.where(index.field4 == "", 0.0, field_score)
    else:
        field_score = np.zeros(n)
    occ_score = np.zeros(n, dtype=np.float32)
    mine = index.occupations[row]
    if mine:
        hits = np.zeros(n, dtype=np.float32)
        for uri in mine:
            rows = index.occ_post.get(uri)
            if rows is not None:
                hits[rows] += 1
        union = len(mine) + index.occ_count - hits
        occ_score = np.where(union > 0, hits / np.maximum(union, 1), 0.0).astype(np.float32)
    isco_score = np.zeros(n, dtype=np.float32)
    for code in index.isco_of[row]:
        rows3 = index.isco3_post.get(code[:3])
        if rows3 is not None:
            isco_score[rows3] = np.maximum(isco_score[rows3], 0.5)
        rows4 = index.isco4_post.get(code[:4])
        if rows4 is not None:
            isco_score[rows4] = np.maximum(isco_score[rows4], 0.8)
    occ_score = np.maximum(occ_score, isco_score)
    if index.matrix is not None:
        text_score = np.asarray((index.matrix @ index.matrix[row].T).todense()).ravel()
    else:
        text_score = np.zeros(n)
    return {"level": level_score, "field": field_score, "occupation": occ_score, "outcomes": text_score}


def _partial_total(arrays: dict[str, np.ndarray]) -> np.ndarray:
    total = np.zeros(len(arrays["level"]), dtype=np.float64)
    for name in ("level", "field", "occupation", "outcomes"):
        total += WEIGHTS[name] * arrays[name]
    return total


def _explain(index: _Index, row: int, other: int, arrays: dict[str, np.ndarray], title: float) -> list[Feature]:
    level_a, level_b = int(index.regional[row]), int(index.regional[other])
    level_detail = (
        _("regional level %(a)s and %(b)s") % {"a": level_a, "b": level_b}
        if level_a >= 0 and level_b >= 0
        else _("regional level unknown")
    )
    field_detail = (
        _("ISCED-F %(a)s and %(b)s") % {"a": index.field4[row], "b": index.field4[other]}
        if index.field4[row] and index.field4[other]
        else _("ISCED-F field unknown")
    )
    shared_occ = sorted(set(index.occupations[row]) & set(index.occupations[other]))
    shared_isco = sorted(set(index.isco_of[row]) & set(index.isco_of[other]))
    if shared_occ:
        from .models import EscoConcept

        labels = list(EscoConcept.objects.filter(uri__in=shared_occ).values_list("preferred_label", flat=True))
        occ_detail = _("shared ESCO occupations: %(labels)s") % {"labels": "; ".join(labels)}
    elif shared_isco:
        occ_detail = _("same ISCO-08 group %(codes)s") % {"codes": ", ".join(shared_isco)}
    else:
        occ_detail = _("no shared occupation")
    words_a = set(index.docs[row].split())
    words_b = set(index.docs[other].split())
    shared = sorted(words_a & words_b, key=lambda w: -_idf(index, w))[:8]
    text_detail = _("shared terms: %(terms)s") % {"terms": ", ".join(shared)} if shared else _("no shared terms")
    return [
        Feature("level", round(float(arrays["level"][other]), 3), WEIGHTS["level"], level_detail),
        Feature("field", round(float(arrays["field"][other]), 3), WEIGHTS["field"], field_detail),
        Feature("occupation", round(float(arrays["occupation"][other]), 3), WEIGHTS["occupation"], occ_detail),
        Feature("outcomes", round(float(arrays["outcomes"][other]), 3), WEIGHTS["outcomes"], text_detail),
        Feature(
            "title",
            round(title, 3),
            WEIGHTS["title"],
            _("“%(a)s” and “%(b)s”") % {"a": index.titles[row], "b": index.titles[other]},
        ),
    ]


def _idf(index: _Index, word: str) -> float:
    vocab = index.vectorizer.vocabulary_
    pos = vocab.get(word)
    return float(index.vectorizer.idf_[pos]) if pos is not None else 0.0


def suggest(
    qualification: Qualification,
    *,
    countries: Iterable[str] | None = None,
    per_country: int = 3,
    min_score: float = MIN_SCORE,
    fetch: bool = True,
) -> dict[str, list[Suggestion]]:
    """The best ``per_country`` counterparts in each other country, with the evidence."""
    index = get_index()
    row = index.row_of.get(qualification.pk)
    if row is None:
        return {}
    arrays = _feature_arrays(index, row)
    partial = _partial_total(arrays)
    own = index.countries[row]
    wanted = {c.upper() for c in countries} if countries else set(np.unique(index.countries)) - {own}
    found: dict[str, list[Suggestion]] = {}
    for country in sorted(wanted - {own}):
        rows = np.nonzero((index.countries == country) & index.active)[0]
        if not len(rows):
            continue
        # Shortlist on the four cheap features, then add the title feature and re-rank.
        top = rows[np.argsort(-partial[rows], kind="stable")[: max(per_country * 10, 30)]]
        scored = []
        for other in top:
            title = fuzz.token_set_ratio(index.titles[row], index.titles[other]) / 100.0
            total = float(partial[other]) + WEIGHTS["title"] * title
            scored.append((total, title, int(other)))
        scored.sort(key=lambda s: (-s[0], s[2]))
        best = [s for s in scored if s[0] >= min_score][:per_country]
        found[country] = [
            Suggestion(
                qualification_id=int(index.ids[other]),
                country=country,
                score=round(total, 3),
                features=_explain(index, row, other, arrays, title),
            )
            for total, title, other in best
        ]
    if fetch:
        ids = [s.qualification_id for items in found.values() for s in items]
        by_id = Qualification.objects.select_related("country", "level__framework").in_bulk(ids)
        for items in found.values():
            for s in items:
                s.qualification = by_id.get(s.qualification_id)
    return found


def compare(source: Qualification, target: Qualification) -> Suggestion | None:
    """The evidence for one pair (recorded with an expert's decision)."""
    index = get_index()
    row, other = index.row_of.get(source.pk), index.row_of.get(target.pk)
    if row is None or other is None:
        return None
    arrays = _feature_arrays(index, row)
    title = fuzz.token_set_ratio(index.titles[row], index.titles[other]) / 100.0
    total = float(_partial_total(arrays)[other]) + WEIGHTS["title"] * title
    return Suggestion(
        qualification_id=target.pk,
        country=target.country_id,
        score=round(total, 3),
        features=_explain(index, row, other, arrays, title),
    )
