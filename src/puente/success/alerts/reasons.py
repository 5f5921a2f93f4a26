"""Plain-language reasons behind a risk score.

A score stores its top reasons as codes with values (``{"code": "attendance_4w", "values":
{"percent": 55}, "weight": 0.41}``) so each reader sees them in their own language:
"asistencia del 55 % en las últimas 4 semanas". :func:`reasons_from_contributions` turns the
model's per-feature contributions (log-odds, positive = more risk) into those codes — only the
factors that *raise* the risk, strongest first, several features folded into one reason where
they tell one story (passed units and attempted units); :func:`reason_text` renders one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from django.utils import formats
from django.utils.translation import gettext, ngettext

# Features that tell the same story share a reason code.
FEATURE_REASON = {
    "first_term_passed": "first_term_units",
    "first_term_attempted": "first_term_units",
    "prev_term_passed": "prev_term_units",
    "prev_term_attempted": "prev_term_units",
    "prev_term_grade_mean": "grade",
    "total_passed": "units_so_far",
    "total_attempted": "units_so_far",
    "pass_rate": "units_so_far",
    "grade_mean": "grade",
    "term_failed": "term_failed",
    "term_results": "term_failed",
    "attendance_rate_4w": "attendance_4w",
    "attendance_sessions_4w": "attendance_4w",
    "attendance_rate_term": "attendance_term",
    "lms_days_since_last": "lms_inactive",
    "lms_events_4w": "lms_activity",
    "lms_events_prev_4w": "lms_activity",
    "lms_trend": "lms_activity",
    "lms_active_days_4w": "lms_activity",
    "withdrawals_before": "withdrawals_before",
    "late_enrolment_days": "late_enrolment",
    "age_at_entry": "age_at_entry",
    "semester": "semester",
    "terms_before": "semester",
    "programme": "programme",
    "campus": "campus",
    "sex": "sex",
    "disability": "disability",
}


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float | np.floating) and math.isnan(value))


def _int(value: Any) -> int | None:
    return None if _missing(value) else round(float(value))


def _num(value: Any, digits: int = 1) -> float | None:
    return None if _missing(value) else round(float(value), digits)


def _values(code: str, row: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The reason's final code and values from the student's feature row (None: nothing to say)."""
    get = row.get
    if code in ("first_term_units", "prev_term_units", "units_so_far"):
        prefix = {"first_term_units": "first_term", "prev_term_units": "prev_term", "units_so_far": "total"}[code]
        passed, attempted = _int(get(f"{prefix}_passed")), _int(get(f"{prefix}_attempted"))
        if not attempted:
            return None
        return code, {"passed": passed or 0, "attempted": attempted}
    if code == "grade":  # last term's average when there is one, else the average so far
        previous, overall = _num(get("prev_term_grade_mean")), _num(get("grade_mean"))
        if previous is not None:
            return "prev_term_grade", {"grade": previous}
        return ("grade_mean", {"grade": overall}) if overall is not None else None
    if code == "term_failed":
        failed = _int(get("term_failed"))
        return (code, {"count": failed}) if failed else None
    if code in ("attendance_4w", "attendance_term"):
        rate = _num(get("attendance_rate_4w" if code == "attendance_4w" else "attendance_rate_term"), 3)
        if rate is None:
            return ("attendance_none", {}) if code == "attendance_4w" else None
        return code, {"percent": round(rate * 100)}
    if code == "lms_inactive":
        days = _int(get("lms_days_since_last"))
        return ("lms_never", {}) if days is None else (code, {"days": days})
    if code == "lms_activity":
        recent, before = _int(get("lms_events_4w")) or 0, _int(get("lms_events_prev_4w")) or 0
        if before > recent:
            return "lms_drop", {"recent": recent, "before": before}
        return "lms_low", {"events": recent}
    if code == "withdrawals_before":
        count = _int(get("withdrawals_before"))
        return (code, {"count": count}) if count else None
    if code == "late_enrolment":
        days = _int(get("late_enrolment_days"))
        return (code, {"days": days}) if days else None
    if code == "age_at_entry":
        age = _int(get("age_at_entry"))
        return (code, {"age": age}) if age is not None else None
    if code == "semester":
        semester = _int(get("semester"))
        return (code, {"semester": semester}) if semester is not None else None
    if code in ("programme", "campus", "sex", "disability"):
        value = get(code)
        return (code, {"value": "" if _missing(value) else str(value)})
    return None


class _Row(Mapping[str, Any]):
    """One row of column arrays, read like a dict (no per-row dict is built)."""

    def __init__(self, columns: dict[str, Any], i: int) -> None:
        self.columns, self.i = columns, i

    def __getitem__(self, key: str) -> Any:
        return self.columns[key][self.i]

    def __iter__(self) -> Any:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)


def _reason(code: str, weight: float, row: Mapping[str, Any]) -> dict[str, Any] | None:
    if code.startswith("feature:"):
        name = code.split(":", 1)[1]
        value = row.get(name)
        shown = "" if value is None or (isinstance(value, float) and math.isnan(value)) else value
        if isinstance(shown, float | np.floating):
            shown = round(float(shown), 2)
        return {"code": "feature", "values": {"name": name, "value": str(shown)}, "weight": round(weight, 3)}
    found = _values(code, row)
    if found is None:
        return None
    final, values = found
    return {"code": final, "values": values, "weight": round(weight, 3)}


def reasons_for_frame(
    contributions: pd.DataFrame, features: pd.DataFrame, *, top: int = 5, min_weight: float = 0.05
) -> list[list[dict[str, Any]]]:
    """The top risk-raising reasons of every row: ``[[{"code", "values", "weight"}, …], …]``.

    Contributions of features sharing a reason are added (one matrix product); only reasons that
    add at least ``min_weight`` to the log-odds are kept, at most ``top`` per row."""
    names = [str(c) for c in contributions.columns]
    codes = [FEATURE_REASON.get(name, f"feature:{name}") for name in names]
    unique = list(dict.fromkeys(codes))
    grouping = np.zeros((len(codes), len(unique)))
    for i, code in enumerate(codes):
        grouping[i, unique.index(code)] = 1.0
    weights = np.nan_to_num(contributions.to_numpy(dtype=float)) @ grouping
    spare = min(len(unique), top + 3)  # a few more, for reasons with nothing to say
    order = np.argsort(-weights, axis=1, kind="stable")[:, :spare]
    ranked = np.take_along_axis(weights, order, axis=1)
    columns = {str(c): features[c].to_numpy(dtype=object) for c in features.columns}
    out: list[list[dict[str, Any]]] = []
    for i in range(len(weights)):
        row = _Row(columns, i)
        reasons: list[dict[str, Any]] = []
        for j in range(spare):
            weight = float(ranked[i, j])
            if weight < min_weight or len(reasons) >= top:
                break
            reason = _reason(unique[order[i, j]], weight, row)
            if reason is not None:
                reasons.append(reason)
        out.append(reasons)
    return out


def reasons_from_contributions(
    contributions: Mapping[str, float], row: Mapping[str, Any], *, top: int = 5, min_weight: float = 0.05
) -> list[dict[str, Any]]:
    """The top risk-raising reasons of one student (see :func:`reasons_for_frame`)."""
    frame = pd.DataFrame([{k: (np.nan if v is None else v) for k, v in contributions.items()}])
    features = pd.DataFrame([dict(row)]) if row else pd.DataFrame(index=[0])
    return reasons_for_frame(frame, features, top=top, min_weight=min_weight)[0]


def _decimal(values: Mapping[str, Any], key: str) -> dict[str, Any]:
    """The values with ``key`` written as the reader's language writes decimals (7,2 or 7.2)."""
    return {**values, key: formats.number_format(values[key], decimal_pos=1, use_l10n=True)}


def _first_term_units(v: Mapping[str, Any]) -> str:
    return ngettext(
        "passed %(passed)s of %(attempted)s unit in the first semester",
        "passed %(passed)s of %(attempted)s units in the first semester",
        v["attempted"],
    ) % {"passed": v["passed"], "attempted": v["attempted"]}


def _prev_term_units(v: Mapping[str, Any]) -> str:
    return ngettext(
        "passed %(passed)s of %(attempted)s unit last term",
        "passed %(passed)s of %(attempted)s units last term",
        v["attempted"],
    ) % {"passed": v["passed"], "attempted": v["attempted"]}


def _units_so_far(v: Mapping[str, Any]) -> str:
    return ngettext(
        "passed %(passed)s of %(attempted)s unit so far",
        "passed %(passed)s of %(attempted)s units so far",
        v["attempted"],
    ) % {"passed": v["passed"], "attempted": v["attempted"]}


def _term_failed(v: Mapping[str, Any]) -> str:
    return ngettext("failed %(count)s unit this term", "failed %(count)s units this term", v["count"]) % {
        "count": v["count"]
    }


def _lms_inactive(v: Mapping[str, Any]) -> str:
    return ngettext("no activity on Moodle for %(days)s day", "no activity on Moodle for %(days)s days", v["days"]) % {
        "days": v["days"]
    }


def _withdrawals(v: Mapping[str, Any]) -> str:
    return ngettext("withdrew from %(count)s earlier term", "withdrew from %(count)s earlier terms", v["count"]) % {
        "count": v["count"]
    }


def _late(v: Mapping[str, Any]) -> str:
    return ngettext(
        "enrolled %(days)s day after the term started", "enrolled %(days)s days after the term started", v["days"]
    ) % {"days": v["days"]}


RENDERERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "first_term_units": _first_term_units,
    "prev_term_units": _prev_term_units,
    "units_so_far": _units_so_far,
    "prev_term_grade": lambda v: gettext("grade average of %(grade)s last term") % _decimal(v, "grade"),
    "grade_mean": lambda v: gettext("grade average of %(grade)s") % _decimal(v, "grade"),
    "term_failed": _term_failed,
    "attendance_4w": lambda v: gettext("attendance of %(percent)s %% in the last 4 weeks") % v,
    "attendance_none": lambda v: gettext("no attendance recorded in the last 4 weeks"),
    "attendance_term": lambda v: gettext("attendance of %(percent)s %% this term") % v,
    "lms_inactive": _lms_inactive,
    "lms_never": lambda v: gettext("no activity on Moodle yet"),
    "lms_drop": lambda v: (
        gettext("Moodle activity fell from %(before)s to %(recent)s events (4 weeks before vs last 4 weeks)") % v
    ),
    "lms_low": lambda v: gettext("only %(events)s Moodle events in the last 4 weeks") % v,
    "withdrawals_before": _withdrawals,
    "late_enrolment": _late,
    "age_at_entry": lambda v: gettext("age at entry: %(age)s") % v,
    "semester": lambda v: gettext("semester %(semester)s of the programme") % v,
    "programme": lambda v: gettext("programme %(value)s") % v,
    "campus": lambda v: gettext("campus %(value)s") % v,
    "sex": lambda v: gettext("sex: %(value)s") % v,
    "disability": lambda v: gettext("disability recorded: %(value)s") % v,
    "feature": lambda v: gettext("%(name)s: %(value)s") % v,
}


def reason_text(reason: Mapping[str, Any]) -> str:
    """One reason in the active language."""
    render = RENDERERS.get(str(reason.get("code")))
    if render is None:
        return str(reason.get("code"))
    try:
        return render(reason.get("values") or {})
    except (KeyError, TypeError, ValueError):
        return str(reason.get("code"))
