"""Dashboard panels of the registry itself: roles, administrator overview, organisations."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .aggregates import Dimension, count_by
from .dashboards import Panel, PanelContext, admins, aggregate_readers, everyone, table_rows
from .models import AuditEvent, Country, Organisation, OrganisationKind, Project
from .scoping import Scope


def _roles(request: HttpRequest, scope: Scope) -> PanelContext:
    memberships = request.user.memberships.select_related("organisation", "organisation__country")  # type: ignore[union-attr]
    countries = scope.aggregate_countries()
    aggregate_countries = None
    if aggregate_readers(scope) and countries is not None:
        aggregate_countries = [str(c) for c in Country.objects.filter(code__in=countries)]
    return {
        "memberships": memberships,
        "scope": scope,
        "all_countries": aggregate_readers(scope) and countries is None,
        "aggregate_countries": aggregate_countries,
    }


def _admin_counts(request: HttpRequest, scope: Scope) -> PanelContext:
    since = timezone.now() - timedelta(days=7)
    return {
        "facts": [
            (_("Organisations"), Organisation.objects.count()),
            (
                _("TVET institutions"),
                Organisation.objects.filter(kind=OrganisationKind.TVET_INSTITUTION).count(),
            ),
            (_("Projects"), Project.objects.count()),
            (_("User accounts"), get_user_model().objects.filter(is_active=True).count()),
            (_("Audit events in the last 7 days"), AuditEvent.objects.filter(at__gte=since).count()),
        ]
    }


def _recent_audit(request: HttpRequest, scope: Scope) -> PanelContext:
    events = AuditEvent.objects.select_related("organisation")[:10]
    return {
        "caption": _("The last ten events of the audit log"),
        "columns": [_("When"), _("Who"), _("Action"), _("Record")],
        "rows": table_rows(
            [
                [
                    e.at,
                    e.actor_label,
                    e.get_action_display(),
                    f"{e.object_type} #{e.object_id}",
                ]
                for e in events
            ]
        ),
        "empty": _("No events yet."),
        "more_url": reverse("core:audit_list"),
        "more_label": _("Open the audit log"),
    }


def _organisations_by_kind(request: HttpRequest, scope: Scope) -> PanelContext:
    # Organisations are public registry entries, not people: exact counts (threshold 0).
    table = count_by(
        Organisation.objects.all(),
        Dimension("kind", _("Kind"), choices=OrganisationKind.choices, sort="total", zero_choices=False),
        user=request.user,
        country_field="country",
        threshold=0,
        title=_("Organisations by kind in your countries"),
        value_title=_("Organisations"),
    )
    return {"charts": [table.chart(dom_id="chart-organisations-by-kind")]}


PANELS = [
    Panel("roles", _("Your roles"), "core/panels/roles.html", _roles, everyone, order=1),
    Panel("admin_counts", _("This installation"), "core/panels/facts.html", _admin_counts, admins, order=10),
    Panel("recent_audit", _("Recent audit events"), "core/panels/table.html", _recent_audit, admins, order=11),
    Panel(
        "organisations_by_kind",
        _("Registry"),
        "core/panels/charts.html",
        _organisations_by_kind,
        aggregate_readers,
        order=60,
    ),
]
