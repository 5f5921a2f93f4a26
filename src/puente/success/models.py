"""Students: the personal records every institution keeps, scoped to that institution."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.core.audit import AuditedModel
from puente.core.models import Campus, Organisation
from puente.core.roles import Capability, Role
from puente.core.scoping import InstitutionScopedModel, Scope
from puente.programmes.models import Programme


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / non-binary")
    UNKNOWN = "", _("Not recorded")


class StudentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    GRADUATED = "graduated", _("Graduated")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUSPENDED = "suspended", _("Suspended")


class Student(InstitutionScopedModel, AuditedModel):
    """A student or graduate of one institution.

    ``disability`` and ``ethnicity`` are sensitive: masked in lists and exports, and every
    read of them is audited.
    """

    sensitive_fields = ("disability", "disability_detail", "ethnicity")

    institution = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="students", verbose_name=_("institution")
    )
    external_id = models.CharField(_("student number"), max_length=40, help_text=_("The institution's own identifier."))
    given_name = models.CharField(_("given name"), max_length=120)
    family_name = models.CharField(_("family name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    campus = models.ForeignKey(
        Campus, on_delete=models.PROTECT, null=True, blank=True, related_name="students", verbose_name=_("campus")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="students", verbose_name=_("programme")
    )
    cohort = models.CharField(_("cohort"), max_length=20, blank=True, help_text=_("Entry term, e.g. 2023-1."))
    status = models.CharField(_("status"), max_length=20, choices=StudentStatus.choices, default=StudentStatus.ENROLLED)
    enrolled_on = models.DateField(_("entry date"), null=True, blank=True)
    graduated_on = models.DateField(_("graduation date"), null=True, blank=True)
    left_on = models.DateField(_("withdrawal date"), null=True, blank=True)
    disability = models.BooleanField(_("disability"), null=True, blank=True)
    disability_detail = models.CharField(_("disability detail"), max_length=200, blank=True)
    ethnicity = models.CharField(_("ethnic or indigenous group"), max_length=120, blank=True)
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tutored_students",
        verbose_name=_("tutor"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="student_record",
        verbose_name=_("user account"),
    )

    class Meta:
        ordering = ["institution", "family_name", "given_name"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        constraints = [
            models.UniqueConstraint(fields=["institution", "external_id"], name="student_unique_external_id")
        ]
        indexes = [
            models.Index(fields=["institution", "status"]),
            models.Index(fields=["institution", "programme", "cohort"]),
            models.Index(fields=["tutor"]),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        """Staff see their institution's students; a tutor only the students assigned to them;
        a student only their own record."""
        full = scope.organisations_with(Capability.VIEW_STUDENTS) & scope.staff_institutions(
            excluding=frozenset({Role.TUTOR})
        )
        q = Q(institution__in=full)
        tutor_only = scope.tutor_institutions() - full
        if tutor_only:
            q |= Q(institution__in=tutor_only, tutor_id=scope.user_id)
        if Role.STUDENT in scope.all_roles():
            q |= Q(user_id=scope.user_id)
        return q
