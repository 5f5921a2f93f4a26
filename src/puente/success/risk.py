"""The interface between the student-success pages and the early-alert model (``success.alerts``).

INTERFACE — owned by the alerts app. Pages and services of ``success`` read risk *only* through
:func:`latest_risks`, which adapts whatever ``puente.success.alerts.services.latest_scores_for``
returns into :class:`StudentRisk`. Until the alerts app provides that function, no student has a
score and the pages say so (human flags still feed the case queue). Tests install a provider with
:func:`use_provider`.

Expected from the alerts app (any object with these attributes, or a dict with these keys)::

    latest_scores_for(student_ids: list[int]) -> dict[int, Score] | Iterable[Score]
    Score.student_id: int
    Score.probability (or .score): float in [0, 1]
    Score.band (optional): "red" | "amber" | "green"
    Score.reasons: list[str]   # plain Spanish (or the active language), most important first
    Score.previous_probability (optional) or Score.change (optional): for the change since last scoring
    Score.scored_at (or .created_at): datetime
    Score.pk / Score.id (optional): kept on the case opened from it
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

RED, AMBER, GREEN = "red", "amber", "green"
BAND_LABELS = {RED: _("High risk"), AMBER: _("Some risk"), GREEN: _("Low risk"), "": _("No score yet")}
BAND_ORDER = {RED: 0, AMBER: 1, GREEN: 2, "": 3}
# Used only when the model gives no band of its own.
RED_FROM, AMBER_FROM = 0.5, 0.25


@dataclass(frozen=True)
class StudentRisk:
    student_id: int
    probability: float | None
    band: str
    reasons: list[str] = field(default_factory=list)
    change: float | None = None
    scored_at: dt.datetime | None = None
    score_id: int | None = None

    @property
    def band_label(self) -> Any:
        return BAND_LABELS.get(self.band, BAND_LABELS[""])

    @property
    def percent(self) -> int | None:
        return None if self.probability is None else round(100 * self.probability)

    @property
    def change_points(self) -> int | None:
        return None if self.change is None else round(100 * self.change)


Provider = Callable[[list[int]], Mapping[int, StudentRisk]]
_provider: Provider | None = None


def use_provider(provider: Provider | None) -> None:
    """Replace the risk source (tests, demos). ``None`` goes back to the alerts app."""
    global _provider
    _provider = provider


def band_for(probability: float | None) -> str:
    if probability is None:
        return ""
    if probability >= RED_FROM:
        return RED
    if probability >= AMBER_FROM:
        return AMBER
    return GREEN


def _get(obj: Any, *names: str) -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
        if value is not None:
            return value
    return None


def adapt(score: Any) -> StudentRisk:
    """One score object of the alerts app → :class:`StudentRisk`."""
    probability = _get(score, "probability", "score")
    probability = float(probability) if probability is not None else None
    change = _get(score, "change")
    if change is None:
        previous = _get(score, "previous_probability", "previous_score")
        if previous is not None and probability is not None:
            change = probability - float(previous)
    reasons = _get(score, "reasons") or []
    return StudentRisk(
        student_id=int(_get(score, "student_id")),
        probability=probability,
        band=str(_get(score, "band") or band_for(probability)),
        reasons=[str(r) for r in reasons][:5],
        change=float(change) if change is not None else None,
        scored_at=_get(score, "scored_at", "created_at"),
        score_id=_get(score, "pk", "id"),
    )


def _from_alerts_app(student_ids: list[int]) -> dict[int, StudentRisk]:
    try:
        from puente.success.alerts import services as alerts_services  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return {}
    latest = getattr(alerts_services, "latest_scores_for", None)
    if latest is None:
        return {}
    scores = latest(student_ids)
    values: Iterable[Any] = scores.values() if isinstance(scores, Mapping) else scores
    result = {}
    for score in values:
        risk = adapt(score)
        result[risk.student_id] = risk
    return result


def latest_risks(student_ids: Iterable[int]) -> dict[int, StudentRisk]:
    """The latest risk of each student that has one: ``{student_id: StudentRisk}``."""
    ids = list(student_ids)
    if not ids:
        return {}
    if _provider is not None:
        return dict(_provider(ids))
    return _from_alerts_app(ids)
