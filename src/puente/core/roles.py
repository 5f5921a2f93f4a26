"""Roles and what each may do.

A user holds one or more memberships; each membership gives a role inside one organisation.
Capabilities are coarse verbs checked by views and API routes; *which* records a user sees
is decided separately by :mod:`puente.core.scoping`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ADMIN = "admin", _("System administrator")
    MINISTRY_ANALYST = "ministry_analyst", _("Ministry analyst")
    REGIONAL_ANALYST = "regional_analyst", _("Regional body analyst")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager / funder")
    PROGRAMME_COORDINATOR = "programme_coordinator", _("Programme coordinator")
    STUDENT_SERVICES = "student_services", _("Student-services officer")
    TUTOR = "tutor", pgettext_lazy("role", "Tutor")
    PLACEMENT_OFFICER = "placement_officer", _("Placement officer")
    EMPLOYER = "employer", _("Employer")
    STUDENT = "student", _("Student or graduate")


# Staff of a TVET institution: they see the personal records of their institution.
INSTITUTION_STAFF = frozenset({Role.PROGRAMME_COORDINATOR, Role.STUDENT_SERVICES, Role.TUTOR, Role.PLACEMENT_OFFICER})
# Roles that see aggregates only, never an individual.
AGGREGATE_ONLY = frozenset({Role.MINISTRY_ANALYST, Role.REGIONAL_ANALYST, Role.PROGRAMME_MANAGER})


class Capability(models.TextChoices):
    VIEW_REGISTRY = "view_registry", _("View the public registry")
    MANAGE_REGISTRY = "manage_registry", _("Manage organisations, projects and programmes")
    MANAGE_PROGRAMMES = "manage_programmes", _("Manage the institution's programmes")
    VIEW_STUDENTS = "view_students", _("View students")
    CHANGE_STUDENTS = "change_students", _("Change students")
    VIEW_SENSITIVE = "view_sensitive", _("View sensitive student data")
    IMPORT_DATA = "import_data", _("Import tables")
    VIEW_AGGREGATES = "view_aggregates", _("View aggregate statistics")
    VIEW_AUDIT = "view_audit", _("Browse the audit log")
    MANAGE_VACANCIES = "manage_vacancies", _("Manage vacancies")
    VIEW_OWN_RECORD = "view_own_record", _("View one's own record")


C = Capability
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(C.values),
    Role.MINISTRY_ANALYST: frozenset({C.VIEW_REGISTRY, C.VIEW_AGGREGATES}),
    Role.REGIONAL_ANALYST: frozenset({C.VIEW_REGISTRY, C.VIEW_AGGREGATES}),
    Role.PROGRAMME_MANAGER: frozenset({C.VIEW_REGISTRY, C.VIEW_AGGREGATES}),
    Role.PROGRAMME_COORDINATOR: frozenset(
        {C.VIEW_REGISTRY, C.MANAGE_PROGRAMMES, C.VIEW_STUDENTS, C.IMPORT_DATA, C.VIEW_AGGREGATES}
    ),
    Role.STUDENT_SERVICES: frozenset(
        {C.VIEW_REGISTRY, C.VIEW_STUDENTS, C.CHANGE_STUDENTS, C.VIEW_SENSITIVE, C.IMPORT_DATA, C.VIEW_AGGREGATES}
    ),
    Role.TUTOR: frozenset({C.VIEW_REGISTRY, C.VIEW_STUDENTS}),
    Role.PLACEMENT_OFFICER: frozenset({C.VIEW_REGISTRY, C.VIEW_STUDENTS, C.MANAGE_VACANCIES, C.VIEW_AGGREGATES}),
    Role.EMPLOYER: frozenset({C.VIEW_REGISTRY, C.MANAGE_VACANCIES}),
    Role.STUDENT: frozenset({C.VIEW_REGISTRY, C.VIEW_OWN_RECORD}),
}
