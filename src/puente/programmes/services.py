"""Programme queries and workflows shared by pages and API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from puente.core import audit
from puente.core.models import AuditAction
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, scope_for
from puente.lib.text import search_key

from .models import Programme


def programmes_matching(
    query: str = "",
    country: str = "",
    sector: str = "",
    isced_level: int | None = None,
    field: str = "",
    kind: str = "",
    institution: str = "",
) -> QuerySet[Programme]:
    """Programmes by words of their title or code, country, sector, ISCED level, ISCED-F field
    (a broad, narrow or detailed code matches every field below it) and kind."""
    qs = Programme.objects.select_related("institution", "institution__country", "sector", "isced_field")
    for word in search_key(query).split():
        qs = qs.filter(search_text__contains=word)
    if country:
        qs = qs.filter(institution__country_id=country.upper())
    if sector:
        qs = qs.filter(sector__code=sector)
    if isced_level is not None:
        qs = qs.filter(isced_level=isced_level)
    if field:
        qs = qs.filter(isced_field__code__startswith=field)
    if kind:
        qs = qs.filter(kind=kind)
    if institution:
        qs = qs.filter(institution__code=institution)
    return qs


def programme_with_details(code: str) -> Programme:
    programme = (
        Programme.objects.select_related(
            "institution", "institution__country", "sector", "isced_field", "isced_field__parent", "project"
        )
        .prefetch_related("competencies", "also_offered_by")
        .filter(code=code)
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def can_manage_programme(user: AnyUser | None, institution_id: int | None = None) -> bool:
    """May ``user`` create programmes (anywhere they manage), or change those of ``institution_id``?"""
    scope = scope_for(user)
    if institution_id is None:
        return scope.is_admin or bool(scope.organisations_with(Capability.MANAGE_PROGRAMMES))
    return scope.can(Capability.MANAGE_PROGRAMMES, institution_id)


def access_programme_for_change(user: AnyUser | None, code: str) -> Programme:
    programme = Programme.objects.filter(code=code).first()
    if programme is None:
        raise Http404
    if not can_manage_programme(user, programme.institution_id):
        raise PermissionDenied
    return programme


@transaction.atomic
def save_programme(
    user: AnyUser | None, programme: Programme, competencies: Any = None, changed: Iterable[str] = ()
) -> Programme:
    """Create or update a programme and its competencies in one transaction: either everything
    is saved or nothing is. ``competencies`` is a bound, valid competency formset."""
    creating = programme.pk is None
    if not can_manage_programme(user, programme.institution_id):
        raise PermissionDenied
    if not creating:
        previous = (
            Programme.objects.select_for_update()
            .filter(pk=programme.pk)
            .values_list("institution_id", flat=True)
            .first()
        )
        if previous is not None and not can_manage_programme(user, previous):
            raise PermissionDenied
    programme.full_clean()
    programme.save()
    if competencies is not None:
        competencies.instance = programme
        competencies.save()
    audit.record(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        programme,
        actor=user,
        fields=[] if creating else list(changed),
        organisation_id=programme.institution_id,
    )
    return programme


def programme_export(programmes: QuerySet[Programme]) -> tuple[list[str], Iterator[list[Any]]]:
    header = [
        _("Code"),
        _("Title"),
        _("Institution"),
        _("Country"),
        _("Kind"),
        _("ISCED 2011 level"),
        _("ISCED-F 2013 field"),
        _("Sector"),
        _("Hours"),
        _("Modality"),
        _("Source"),
    ]
    rows = (
        [
            p.code,
            str(p.title),
            p.institution.code,
            p.institution.country_id or "",
            p.get_kind_display(),
            p.isced_level if p.isced_level is not None else "",
            p.isced_field_id or "",
            p.sector.code if p.sector else "",
            p.duration_hours if p.duration_hours is not None else "",
            p.get_modality_display(),
            p.source,
        ]
        for p in programmes.iterator(chunk_size=500)
    )
    return header, rows
