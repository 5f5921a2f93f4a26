"""Dashboard panels about vacancies (registered in EmploymentConfig.dashboard_panels)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from puente.core.aggregates import Dimension, count_by
from puente.core.dashboards import Panel, PanelContext, aggregate_readers, employers, table_rows
from puente.core.roles import Role
from puente.core.scoping import Scope

from .models import Vacancy, VacancyStatus


def _employer_organisations(scope: Scope) -> list[int]:
    return [org for org, roles in scope.roles.items() if Role.EMPLOYER in roles]


def _own_vacancies(request: HttpRequest, scope: Scope) -> PanelContext | None:
    vacancies = (
        Vacancy.objects.filter(employer__in=_employer_organisations(scope))
        .select_related("sector", "country")
        .order_by("-posted_on", "reference")[:20]
    )
    return {
        "caption": _("Your latest vacancies"),
        "columns": [_("Reference"), _("Title"), _("Status"), _("Positions"), _("Posted on"), _("Closes on")],
        "rows": table_rows(
            [[v.reference, v.title, v.get_status_display(), v.positions, v.posted_on, v.closes_on] for v in vacancies]
        ),
        "empty": _("You have not posted any vacancy yet."),
    }


def _vacancies_by_sector(request: HttpRequest, scope: Scope) -> PanelContext | None:
    table = count_by(
        Vacancy.objects.all(),
        Dimension("sector", _("Sector"), label_field="sector__name", sort="total"),
        Dimension("status", _("Status"), choices=VacancyStatus.choices, zero_choices=False),
        user=request.user,
        country_field="country",
        title=_("Vacancies by sector and status"),
        value_title=_("Vacancies"),
    )
    if table.is_empty:
        return None
    return {"charts": [table.chart(dom_id="chart-vacancies-by-sector")]}


PANELS = [
    Panel("own_vacancies", _("Your vacancies"), "core/panels/table.html", _own_vacancies, employers, order=20),
    Panel(
        "vacancies_by_sector",
        _("Vacancies"),
        "core/panels/charts.html",
        _vacancies_by_sector,
        aggregate_readers,
        order=45,
    ),
]
