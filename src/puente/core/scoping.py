"""The one mechanism that decides which records a user may see.

Every model holding personal data subclasses :class:`InstitutionScopedModel` and is read
through ``Model.objects.visible_to(user)`` or :func:`access_by_id`. Pages, API routes, exports
and autocomplete all go through here, so a rule changes in one place. Aggregate-only roles
(ministry, regional body, funder) never receive an individual record from this module; they
read statistics computed by :mod:`puente.core.aggregates` with small-cell suppression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Q
from django.http import Http404

from .roles import AGGREGATE_ONLY, INSTITUTION_STAFF, ROLE_CAPABILITIES, Capability, Role

AnyUser = AbstractBaseUser | AnonymousUser


def acting_user(user: Any) -> Any:
    """The user to record as the author of a change (``created_by``, ``decided_by``…): ``user``
    when it is a logged-in person, None for anonymous or system work (imports, schedules)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


@dataclass(frozen=True)
class Scope:
    """What one user may reach, computed once per request from their memberships."""

    user_id: int | None
    is_admin: bool = False
    roles: dict[int, frozenset[str]] = field(default_factory=dict)  # organisation id -> roles
    countries: dict[int, str | None] = field(default_factory=dict)  # organisation id -> country code

    def roles_in(self, organisation_id: int) -> frozenset[str]:
        return self.roles.get(organisation_id, frozenset())

    def all_roles(self) -> frozenset[str]:
        return frozenset(role for roles in self.roles.values() for role in roles)

    def can(self, capability: str, organisation_id: int | None = None) -> bool:
        if self.is_admin:
            return True
        orgs = [organisation_id] if organisation_id is not None else list(self.roles)
        return any(capability in ROLE_CAPABILITIES.get(role, ()) for org in orgs for role in self.roles_in(org))

    def organisations_with(self, capability: str) -> frozenset[int]:
        return frozenset(
            org for org, roles in self.roles.items() if any(capability in ROLE_CAPABILITIES.get(r, ()) for r in roles)
        )

    def staff_institutions(self, *, excluding: frozenset[str] = frozenset()) -> frozenset[int]:
        """Institutions where the user holds an institution-staff role other than ``excluding``."""
        wanted = INSTITUTION_STAFF - excluding
        return frozenset(org for org, roles in self.roles.items() if roles & wanted)

    def tutor_institutions(self) -> frozenset[int]:
        return frozenset(org for org, roles in self.roles.items() if Role.TUTOR in roles)

    def aggregate_countries(self) -> frozenset[str] | None:
        """Country codes whose aggregates the user may read; None means every country."""
        if self.is_admin:
            return None
        codes: set[str] = set()
        for org, roles in self.roles.items():
            if roles & {Role.REGIONAL_ANALYST, Role.PROGRAMME_MANAGER}:
                return None
            if roles & (AGGREGATE_ONLY | INSTITUTION_STAFF) and self.countries.get(org):
                codes.add(self.countries[org] or "")
        return frozenset(codes)

    @property
    def sees_individuals(self) -> bool:
        return self.is_admin or bool(self.staff_institutions()) or Role.STUDENT in self.all_roles()


ANONYMOUS = Scope(user_id=None)


def scope_for(user: AnyUser | None) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_puente_scope", None)
    if cached is not None:
        return cached
    from .models import Membership

    roles: dict[int, set[str]] = {}
    countries: dict[int, str | None] = {}
    for org_id, role, country in Membership.objects.filter(user_id=user.pk).values_list(
        "organisation_id", "role", "organisation__country_id"
    ):
        roles.setdefault(org_id, set()).add(role)
        countries[org_id] = country
    is_admin = bool(getattr(user, "is_superuser", False)) or any(Role.ADMIN in r for r in roles.values())
    scope = Scope(
        user_id=user.pk,
        is_admin=is_admin,
        roles={org: frozenset(r) for org, r in roles.items()},
        countries=countries,
    )
    user._puente_scope = scope  # type: ignore[union-attr,attr-defined]
    return scope


def forget_scope(user: AnyUser) -> None:
    """Drop the cached scope after memberships change."""
    if hasattr(user, "_puente_scope"):
        del user._puente_scope  # type: ignore[union-attr]


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser | None) -> Self:
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        if scope.user_id is None:
            return self.none()
        return self.filter(self.model.scope_q(scope))  # type: ignore[attr-defined]


class InstitutionScopedModel(models.Model):
    """A record that belongs to one institution and holds personal data.

    ``scope_path`` is the lookup from the model to its institution (``"institution"`` or
    ``"student__institution"``); ``scope_capability`` is what a role needs to see it.
    Subclasses may narrow further by overriding :meth:`scope_q` (tutors see their own students).
    """

    scope_path: str = "institution"
    scope_capability: str = Capability.VIEW_STUDENTS

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return Q(**{f"{cls.scope_path}__in": scope.organisations_with(cls.scope_capability)})

    @classmethod
    def institution_id_of(cls, obj: Any) -> int | None:
        target = obj
        for part in cls.scope_path.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target.pk


M = TypeVar("M", bound=InstitutionScopedModel)


def access_by_id(model: type[M], user: AnyUser | None, pk: Any, *, sensitive: bool = False, queryset: Any = None) -> M:
    """Fetch one scoped record or raise 404 — the same answer whether it exists or not,
    so ids of other institutions cannot be guessed. Reading sensitive fields is audited."""
    qs = queryset if queryset is not None else model.objects.all()
    try:
        obj = qs.visible_to(user).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if sensitive:
        scope = scope_for(user)
        if not scope.can(Capability.VIEW_SENSITIVE, model.institution_id_of(obj)):
            raise Http404
        from .audit import record_read

        record_read(user, obj)
    return obj  # type: ignore[no-any-return,return-value]
