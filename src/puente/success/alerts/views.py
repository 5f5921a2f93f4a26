"""Model cards: what each release predicts, from which data, and how well — per sex and disability."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from puente.core.permissions import requires
from puente.core.roles import Capability

from .services import access_release_by_id, releases_for

METRIC_KEYS = ("n", "positive_rate", "roc_auc", "pr_auc", "brier", "recall", "precision", "alert_rate")


def _group_label(kind: str, value: str) -> str:
    labels = {
        "sex": {"F": _("Women"), "M": _("Men"), "X": _("Other / non-binary"), "(missing)": _("Not recorded")},
        "disability": {"yes": _("With a disability"), "no": _("Without a disability"), "(missing)": _("Not recorded")},
    }
    return str(labels.get(kind, {}).get(value, value))


def _rows(kind: str, groups: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"label": _group_label(kind, value), **{k: m.get(k) for k in METRIC_KEYS}} for value, m in groups.items()]


def _chart(rows: list[dict[str, Any]], title: str, dom_id: str) -> Any:
    """A bar chart of ROC-AUC per group (None when lib.charts cannot render here)."""
    try:
        from puente.lib.charts import bar_chart

        data = [{"group": r["label"], "roc_auc": r["roc_auc"]} for r in rows]
        return bar_chart(
            data,
            x="group",
            y="roc_auc",
            title=title,
            x_title=_("Group"),
            y_title="ROC-AUC",
            value_format="decimal",
            dom_id=dom_id,
        )
    except Exception:  # a chart is a convenience: the table below always shows the same numbers
        return None


@requires(Capability.VIEW_STUDENTS)
def release_list(request: HttpRequest) -> HttpResponse:
    releases = releases_for(request.user)
    return render(request, "alerts/release_list.html", {"releases": releases})


@requires(Capability.VIEW_STUDENTS)
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = access_release_by_id(request.user, pk)
    metrics = release.metrics
    by_sex = _rows("sex", metrics.get("by_sex", {}))
    by_disability = _rows("disability", metrics.get("by_disability", {}))
    context = {
        "release": release,
        "overall": {k: release.overall.get(k) for k in METRIC_KEYS},
        "by_sex": by_sex,
        "by_disability": by_disability,
        "sex_chart": _chart(by_sex, _("ROC-AUC per sex"), "auc-sex") if by_sex else None,
        "disability_chart": _chart(by_disability, _("ROC-AUC per disability status"), "auc-disability")
        if by_disability
        else None,
        "policy": release.threshold_policy,
        "inner_cv": metrics.get("inner_cv", {}),
        "terms": metrics.get("terms", []),
    }
    return render(request, "alerts/release_detail.html", context)
