"""Rules of level referencing: which references are allowed, which contradict each other.

Pure functions over plain tuples so that they are easy to test; :func:`services.reference_levels`
loads the existing references, calls :func:`check_references` and saves only when it returns
no error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The criteria a referencing report answers, adapted from the ten EQF referencing criteria
# (Council Recommendation of 22 May 2017, annex III) to the Pacific Alliance setting.
CRITERIA: list[tuple[str, object]] = [
    ("responsibilities", _("The responsibilities of the national bodies involved are clear and published.")),
    ("link_demonstrated", _("A clear and demonstrable link exists between national levels and regional descriptors.")),
    (
        "learning_outcomes",
        _("The national framework is based on learning outcomes and recognises non-formal learning."),
    ),
    ("inclusion_procedures", _("The procedures for placing qualifications in the national framework are transparent.")),
    ("quality_assurance", _("The national quality-assurance system applies to the qualifications referenced.")),
    ("qa_bodies_agree", _("The quality-assurance bodies state that they agree with the referencing.")),
    ("international_experts", _("Experts from other Pacific Alliance countries took part in the referencing.")),
    ("single_report", _("One report sets out the referencing and the evidence for each criterion.")),
    ("platform_published", _("The referencing is published on a public platform (this one).")),
    ("qualifications_show_level", _("New qualifications documents show their regional level.")),
]
CRITERIA_CODES = [code for code, _label in CRITERIA]

STRICT = {"exact", "close"}


@dataclass(frozen=True)
class Row:
    """One reference to check: source level number → target level number."""

    source: int
    target: int
    match: str


def check_references(
    rows: Iterable[Row],
    *,
    source_levels: set[int],
    target_levels: set[int],
    source_label: str,
    target_label: str,
) -> list[str]:
    """Every problem in one referencing table, as translated sentences (empty when valid)."""
    errors: list[str] = []
    rows = list(rows)
    seen: dict[tuple[int, int], str] = {}
    exact_from: dict[int, int] = {}
    exact_to: dict[int, int] = {}
    for row in rows:
        if row.source not in source_levels:
            errors.append(
                str(_("Level %(level)s does not exist in %(framework)s."))
                % {"level": row.source, "framework": source_label}
            )
            continue
        if row.target not in target_levels:
            errors.append(
                str(_("Level %(level)s does not exist in %(framework)s."))
                % {"level": row.target, "framework": target_label}
            )
            continue
        pair = (row.source, row.target)
        if pair in seen and seen[pair] != row.match:
            errors.append(
                str(
                    _(
                        "Contradictory references: level %(source)s is given as both “%(first)s” and “%(second)s” "
                        "to level %(target)s."
                    )
                )
                % {"source": row.source, "target": row.target, "first": seen[pair], "second": row.match}
            )
        seen[pair] = row.match
        if row.match == "exact":
            if row.source in exact_from and exact_from[row.source] != row.target:
                errors.append(
                    str(
                        _(
                            "Contradictory references: level %(source)s cannot match exactly both level %(first)s "
                            "and level %(second)s of %(framework)s."
                        )
                    )
                    % {
                        "source": row.source,
                        "first": exact_from[row.source],
                        "second": row.target,
                        "framework": target_label,
                    }
                )
            if row.target in exact_to and exact_to[row.target] != row.source:
                errors.append(
                    str(
                        _(
                            "Contradictory references: levels %(first)s and %(second)s of %(framework)s cannot both "
                            "match level %(target)s exactly."
                        )
                    )
                    % {
                        "first": exact_to[row.target],
                        "second": row.source,
                        "framework": source_label,
                        "target": row.target,
                    }
                )
            exact_from[row.source] = row.target
            exact_to[row.target] = row.source
    strict = sorted({(r.source, r.target) for r in rows if r.match in STRICT})
    for i, (s1, t1) in enumerate(strict):
        for s2, t2 in strict[i + 1 :]:
            if s2 > s1 and t2 < t1:
                errors.append(
                    str(
                        _(
                            "Contradictory references: level %(higher)s is placed below level %(lower)s "
                            "(%(higher)s → %(t_high)s, %(lower)s → %(t_low)s)."
                        )
                    )
                    % {"higher": s2, "lower": s1, "t_high": t2, "t_low": t1}
                )
    return errors


def reaches(edges: dict[int, set[int]], start: int, goal: int) -> bool:
    """Whether ``goal`` can be reached from ``start`` following ``edges`` (framework ids)."""
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


MATCH_PRIORITY = {"exact": 0, "close": 1, "narrower": 2, "broader": 3}


def best_regional_level(references: Iterable[tuple[int, str]]) -> int | None:
    """The regional level a national level is shown at: the exact match, else close, else the
    lowest of the narrower/broader ones."""
    ordered = sorted(references, key=lambda ref: (MATCH_PRIORITY.get(ref[1], 9), ref[0]))
    return ordered[0][0] if ordered else None
