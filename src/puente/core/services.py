"""Registry workflows and queries used by the pages and the API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from puente.lib.text import search_key

from .models import AuditEvent, DemoAccount, Organisation, OrganisationKind, Project


def demo_accounts() -> QuerySet[DemoAccount]:
    if not settings.DEMO_LOGIN:
        return DemoAccount.objects.none()
    return DemoAccount.objects.select_related("user").prefetch_related("user__memberships__organisation")


def organisations_matching(query: str = "", kind: str = "", country: str = "") -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("country")
    if query:
        for word in search_key(query).split():
            qs = qs.filter(search_text__contains=word)
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_id=country.upper())
    return qs


def projects_overview() -> QuerySet[Project]:
    return (
        Project.objects.select_related("country")
        .prefetch_related("themes", "sectors")
        .annotate(
            canadian_count=Count("partners", filter=Q(partners__side="canadian")),
            ap_count=Count("partners", filter=Q(partners__side="pacific_alliance")),
        )
    )


def institution_counts_by_country() -> list[dict[str, Any]]:
    rows = (
        Organisation.objects.filter(kind=OrganisationKind.TVET_INSTITUTION)
        .values("country_id")
        .annotate(n=Count("id"))
        .order_by("country_id")
    )
    return list(rows)


def audit_events(action: str = "", object_type: str = "", actor: str = "") -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.select_related("organisation")
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    return qs
