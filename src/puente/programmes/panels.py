"""Dashboard panels of the programmes app (registered in ProgrammesConfig.dashboard_panels)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.aggregates import Dimension, count_by
from puente.core.dashboards import Panel, PanelContext, aggregate_readers, link, table_rows
from puente.core.roles import Capability
from puente.core.scoping import Scope

from .models import IscedLevel, Programme


def _programmes_by_sector(request: HttpRequest, scope: Scope) -> PanelContext | None:
    # Programmes are public registry entries, not people: exact counts (threshold 0).
    table = count_by(
        Programme.objects.all(),
        Dimension("sector", _("Sector"), label_field="sector__name", sort="total"),
        Dimension("isced_level", _("ISCED 2011 level"), choices=IscedLevel.choices, zero_choices=False),
        user=request.user,
        country_field="institution__country",
        threshold=0,
        title=_("Programmes by sector and ISCED level"),
        value_title=_("Programmes"),
    )
    if table.is_empty:
        return None
    return {"charts": [table.chart(dom_id="chart-programmes-by-sector")]}


def _managed_programmes(request: HttpRequest, scope: Scope) -> PanelContext | None:
    institutions = scope.organisations_with(Capability.MANAGE_PROGRAMMES)
    if scope.is_admin or not institutions:
        return None
    programmes = Programme.objects.filter(institution__in=institutions).select_related("sector")[:20]
    return {
        "caption": _("Programmes of your institution"),
        "columns": [_("Programme"), _("Sector"), _("ISCED level"), _("Hours")],
        "rows": table_rows(
            [
                [
                    link(p.title, reverse("programmes:programme_detail", args=[p.code])),
                    p.sector,
                    p.isced_level,
                    p.duration_hours,
                ]
                for p in programmes
            ]
        ),
        "empty": _("No programmes yet."),
        "more_url": reverse("programmes:programme_create"),
        "more_label": _("Add a programme"),
    }


def _can_manage_programmes(scope: Scope) -> bool:
    return bool(scope.organisations_with(Capability.MANAGE_PROGRAMMES)) and not scope.is_admin


PANELS = [
    Panel(
        "managed_programmes",
        _("Your programmes"),
        "core/panels/table.html",
        _managed_programmes,
        _can_manage_programmes,
        order=25,
    ),
    Panel(
        "programmes_by_sector",
        _("Programmes"),
        "core/panels/charts.html",
        _programmes_by_sector,
        aggregate_readers,
        order=50,
    ),
]
