"""Correlation reports: for one sector and some countries, each qualification with its decided
equivalences and, clearly apart, Puente's suggestions.

A draft report is computed live; publishing freezes the content into ``snapshot`` so the page,
PDF, CSV and JSON of a published report never change afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.core.models import Country, Sector
from puente.core.scoping import AnyUser

from . import services
from .models import Correlation, CorrelationReport, Qualification, QualificationStatus, ReportStatus

CSV_HEADER = [
    "source_country",
    "source_code",
    "source_title",
    "source_national_level",
    "regional_level",
    "target_country",
    "target_code",
    "target_title",
    "target_regional_level",
    "status",
    "decision",
    "score",
    "gaps",
    "compensatory_measures",
    "decided_by",
    "decided_at",
]


def _qual(q: Qualification) -> dict[str, Any]:
    return {
        "identifier": q.identifier,
        "country": q.country_id,
        "code": q.code,
        "title": dict(q.title),
        "national_level": str(q.level) if q.level else None,
        "regional_level": q.regional_level,
        "isced_field": q.isced_field_id,
    }


def build_report(sector: Sector, countries: Sequence[str], *, per_country: int = 2) -> dict[str, Any]:
    """The content of a correlation report (JSON-ready)."""
    codes = sorted({c.upper() for c in countries})
    quals = list(
        Qualification.objects.filter(sector=sector, country_id__in=codes)
        .exclude(status=QualificationStatus.WITHDRAWN)
        .select_related("country", "level__framework")
        .order_by("regional_level", "country_id", "code")
    )
    ids = {q.pk for q in quals}
    correlations = list(
        Correlation.objects.filter(Q(source_id__in=ids) | Q(target_id__in=ids)).select_related(
            "source__level__framework", "target__level__framework"
        )
    )
    rows = []
    summary: dict[str, int] = {"equivalent": 0, "partial": 0, "not_equivalent": 0, "suggested": 0}
    for q in quals:
        counterparts: dict[str, dict[str, list[dict[str, Any]]]] = {c: {"decided": [], "suggested": []} for c in codes}
        decided_ids = set()
        for corr in correlations:
            if q.pk not in (corr.source_id, corr.target_id):
                continue
            other = corr.target if corr.source_id == q.pk else corr.source
            if other.country_id not in counterparts:
                continue
            decided_ids.add(other.pk)
            counterparts[other.country_id]["decided"].append(
                {
                    **_qual(other),
                    "decision": corr.decision,
                    "direction": "from" if corr.source_id == q.pk else "to",
                    "gaps": dict(corr.gaps),
                    "compensatory_measures": dict(corr.compensatory_measures),
                    "rationale": dict(corr.rationale),
                    "decided_by": corr.decided_by_label,
                    "decided_at": corr.decided_at.isoformat(),
                }
            )
        suggestions = services.suggest_equivalents(
            q, countries=[c for c in codes if c != q.country_id], per_country=per_country
        )
        for country, items in suggestions.items():
            for s in items:
                if s.qualification_id in decided_ids or s.qualification is None:
                    continue
                counterparts[country]["suggested"].append(
                    {**_qual(s.qualification), "score": s.score, "features": s.as_dict()["features"]}
                )
        counterparts.pop(q.country_id, None)
        for parts in counterparts.values():
            for d in parts["decided"]:
                if d["direction"] == "from":
                    summary[d["decision"]] += 1
            summary["suggested"] += len(parts["suggested"])
        rows.append({**_qual(q), "counterparts": counterparts})
    levels: dict[str, dict[int, int]] = {c: {} for c in codes}
    for q in quals:
        if q.regional_level is not None:
            levels[q.country_id][q.regional_level] = levels[q.country_id].get(q.regional_level, 0) + 1
    return {
        "sector": {"code": sector.code, "name": dict(sector.name)},
        "countries": codes,
        "generated_at": timezone.now().isoformat(),
        "summary": summary,
        "levels": {c: {str(k): v for k, v in sorted(levels[c].items())} for c in codes},
        "rows": rows,
    }


def report_content(report: CorrelationReport) -> dict[str, Any]:
    if report.status == ReportStatus.PUBLISHED and report.snapshot:
        return report.snapshot
    return build_report(report.sector, report.countries)


@transaction.atomic
def create_report(
    user: AnyUser, *, sector: Sector, countries: Iterable[str], title: Any = None, introduction: Any = None
) -> CorrelationReport:
    """Start a draft correlation report (regional analysts and administrators)."""
    if not services.can_decide(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only regional analysts and administrators may do this."))
    codes = sorted({c.upper() for c in countries})
    known = set(Country.objects.filter(code__in=codes).values_list("code", flat=True))
    if len(codes) < 2 or known != set(codes):
        raise ValidationError(_("Choose at least two known countries."))
    if title is None:
        title = {
            lang: text % {"sector": sector.name.get_text(lang), "countries": ", ".join(codes)}
            for lang, text in (
                ("es", "Correlación de cualificaciones — %(sector)s (%(countries)s)"),
                ("fr", "Corrélation des qualifications — %(sector)s (%(countries)s)"),
                ("en", "Qualifications correlation — %(sector)s (%(countries)s)"),
            )
        }
    return CorrelationReport.objects.create(
        title=title,
        sector=sector,
        countries=codes,
        introduction=introduction or {},
        author=services.author_of(user),
    )


@transaction.atomic
def publish_report(user: AnyUser, report: CorrelationReport) -> CorrelationReport:
    """Freeze the report's content and make it public."""
    if not services.can_decide(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only regional analysts and administrators may do this."))
    report.snapshot = build_report(report.sector, report.countries)
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.save(update_fields=["snapshot", "status", "published_at"])
    return report


def csv_rows(content: dict[str, Any], language: str = "es") -> Iterable[list[Any]]:
    """One line per qualification and counterpart (decided or suggested)."""

    def text(value: dict[str, str]) -> str:
        return value.get(language) or value.get("es") or next(iter(value.values()), "")

    for row in content["rows"]:
        base = [row["country"], row["code"], text(row["title"]), row["national_level"] or "", row["regional_level"]]
        for country, parts in row["counterparts"].items():
            for d in parts["decided"]:
                yield [
                    *base,
                    country,
                    d["code"],
                    text(d["title"]),
                    d["regional_level"],
                    "decided",
                    d["decision"],
                    "",
                    text(d["gaps"]) if d["gaps"] else "",
                    text(d["compensatory_measures"]) if d["compensatory_measures"] else "",
                    d["decided_by"],
                    d["decided_at"],
                ]
            for s in parts["suggested"]:
                yield [
                    *base,
                    country,
                    s["code"],
                    text(s["title"]),
                    s["regional_level"],
                    "suggested",
                    "",
                    s["score"],
                    "",
                    "",
                    "",
                    "",
                ]
            if not parts["decided"] and not parts["suggested"]:
                yield [*base, country, "", "", "", "none", "", "", "", "", "", ""]


def level_chart(content: dict[str, Any]) -> Any:
    """Qualifications per regional level and country, through the shared chart helper (or None)."""
    try:
        from puente.lib.charts import bar_chart
    except ImportError:  # the shared helper is optional; the table is always shown
        return None
    rows = [
        {"level": f"{level}", "country": country, "n": n}
        for country, levels in content["levels"].items()
        for level, n in levels.items()
    ]
    if not rows:
        return None
    return bar_chart(
        rows,
        x="level",
        y="n",
        color="country",
        title=_("Qualifications per regional level and country"),
        x_title=_("Regional level"),
        y_title=_("Qualifications"),
        color_title=_("Country"),
        order=[str(i) for i in range(1, 9)],
        dom_id="levels-chart",
    )
