"""Registry workflows and queries used by the pages and the API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from puente.lib.text import search_key

from . import audit
from .models import (
    AuditAction,
    AuditEvent,
    Campus,
    Country,
    DemoAccount,
    Organisation,
    OrganisationKind,
    Project,
    ProjectPartner,
)
from .roles import Capability
from .scoping import AnyUser, scope_for

# --- queries ---------------------------------------------------------------------------------


def demo_accounts() -> QuerySet[DemoAccount]:
    if not settings.DEMO_LOGIN:
        return DemoAccount.objects.none()
    return DemoAccount.objects.select_related("user").prefetch_related("user__memberships__organisation")


def organisations_matching(
    query: str = "", kind: str = "", country: str = "", institution_type: str = ""
) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("country")
    for word in search_key(query).split():
        qs = qs.filter(search_text__contains=word)
    if kind:
        qs = qs.filter(kind=kind)
    if institution_type:
        qs = qs.filter(institution_type=institution_type)
    if country:
        qs = qs.filter(country_id=country.upper())
    return qs


def projects_matching(
    query: str = "", component: str = "", theme: int | None = None, sector: str = "", country: str = ""
) -> QuerySet[Project]:
    qs = projects_overview()
    if query:
        qs = qs.filter(Q(code__icontains=query) | Q(title__icontains=query))
    if component:
        qs = qs.filter(component=component)
    if theme:
        qs = qs.filter(themes__number=theme)
    if sector:
        qs = qs.filter(sectors__code=sector)
    if country:
        qs = qs.filter(country_id=country.upper())
    return qs.distinct() if (theme or sector) else qs


def projects_overview() -> QuerySet[Project]:
    return (
        Project.objects.select_related("country")
        .prefetch_related("themes", "sectors")
        .annotate(
            canadian_count=Count("partners", filter=Q(partners__side="canadian"), distinct=True),
            ap_count=Count("partners", filter=Q(partners__side="pacific_alliance"), distinct=True),
        )
    )


def project_with_partners(code: str) -> Project | None:
    partners = ProjectPartner.objects.select_related("organisation", "organisation__country")
    return (
        Project.objects.select_related("country")
        .prefetch_related("themes", "sectors", Prefetch("partners", queryset=partners))
        .filter(code=code)
        .first()
    )


def institution_counts_by_country() -> list[dict[str, Any]]:
    """TVET institutions per country, with the country's name, for the home page."""
    countries = {c.code: c for c in Country.objects.all()}
    rows = (
        Organisation.objects.filter(kind=OrganisationKind.TVET_INSTITUTION)
        .values("country_id")
        .annotate(n=Count("id"))
        .order_by("country_id")
    )
    return [{"country_id": r["country_id"], "country": countries.get(r["country_id"]), "n": r["n"]} for r in rows]


def countries_overview() -> QuerySet[Country]:
    return Country.objects.annotate(
        institutions=Count(
            "organisations",
            filter=Q(organisations__kind__in=[OrganisationKind.TVET_INSTITUTION, OrganisationKind.UNIVERSITY]),
            distinct=True,
        ),
        organisation_count=Count("organisations", distinct=True),
        project_count=Count("projects", distinct=True),
    ).order_by("-pacific_alliance", "code")


def audit_events(
    action: str = "",
    object_type: str = "",
    actor: str = "",
    organisation: Organisation | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.select_related("organisation")
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        qs = qs.filter(at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return qs


def audit_object_types() -> list[str]:
    return list(AuditEvent.objects.order_by("object_type").values_list("object_type", flat=True).distinct())


# --- exports ---------------------------------------------------------------------------------


def organisation_export(organisations: QuerySet[Organisation]) -> tuple[list[str], Iterator[list[Any]]]:
    header = [
        _("Code"),
        _("Name"),
        _("Acronym"),
        _("Kind"),
        _("Institution type"),
        _("Country"),
        _("City"),
        _("Website"),
        _("Source"),
    ]
    rows = (
        [
            o.code,
            str(o.name),
            o.acronym,
            o.get_kind_display(),
            o.get_institution_type_display() if o.institution_type else "",
            o.country_id or "",
            o.city,
            o.website,
            o.source,
        ]
        for o in organisations.iterator(chunk_size=500)
    )
    return header, rows


def project_export(projects: Iterable[Project]) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Code"),
        _("Title"),
        _("Component"),
        _("Themes"),
        _("Sectors"),
        _("Country"),
        _("Canadian partners"),
        _("Pacific Alliance partners"),
        _("Source"),
    ]
    rows = [
        [
            p.code,
            str(p.title),
            p.component,
            ", ".join(str(t.number) for t in p.themes.all()),
            ", ".join(str(s) for s in p.sectors.all()),
            p.country_id or "",
            getattr(p, "canadian_count", ""),
            getattr(p, "ap_count", ""),
            p.source,
        ]
        for p in projects
    ]
    return header, rows


def audit_export(events: QuerySet[AuditEvent]) -> tuple[list[str], Iterator[list[Any]]]:
    header = [
        _("When"),
        _("Who"),
        _("Action"),
        _("Record type"),
        _("Record id"),
        _("Fields"),
        _("Detail"),
        _("Institution"),
    ]
    rows = (
        [
            e.at.isoformat(),
            e.actor_label,
            e.action,
            e.object_type,
            e.object_id,
            " ".join(e.fields or []),
            e.detail,
            e.organisation.code if e.organisation else "",
        ]
        for e in events.iterator(chunk_size=1000)
    )
    return header, rows


def record_export(user: AnyUser | None, what: str, count: int | None = None) -> None:
    """Leave a trace of an export of the audit log (the log itself is personal data)."""
    detail = what if count is None else f"{what} ({count})"
    audit.record(AuditAction.EXPORT, actor=user, object_type=what, detail=detail)


# --- changes ---------------------------------------------------------------------------------


def can_manage_organisation(user: AnyUser | None, organisation: Organisation | None = None) -> bool:
    scope = scope_for(user)
    return scope.can(Capability.MANAGE_REGISTRY, organisation.pk if organisation and organisation.pk else None)


@transaction.atomic
def save_organisation(user: AnyUser | None, organisation: Organisation, changed: Iterable[str] = ()) -> Organisation:
    """Create or update an organisation of the registry; the change is logged."""
    creating = organisation.pk is None
    if not can_manage_organisation(user, None if creating else organisation):
        raise PermissionDenied
    organisation.full_clean()
    organisation.save()
    audit.record(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        organisation,
        actor=user,
        fields=[] if creating else list(changed),
        organisation_id=organisation.pk if organisation.is_institution else None,
    )
    return organisation


@transaction.atomic
def save_campus(user: AnyUser | None, campus: Campus, changed: Iterable[str] = ()) -> Campus:
    """Create or update a campus of an organisation the user may manage."""
    if not can_manage_organisation(user, campus.organisation):
        raise PermissionDenied
    creating = campus.pk is None
    campus.full_clean()
    if (
        campus.subdivision
        and campus.organisation.country_id
        and campus.subdivision.country_id != campus.organisation.country_id
    ):
        raise ValidationError({"subdivision": _("This subdivision is not in the organisation's country.")})
    campus.save()
    audit.record(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        campus,
        actor=user,
        fields=[] if creating else list(changed),
        organisation_id=campus.organisation_id,
    )
    return campus
