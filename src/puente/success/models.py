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


class Term(models.Model):
    """An academic period of one institution (semester, trimester…), the unit of enrolment."""

    institution = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="terms", verbose_name=_("institution")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 2024-1"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["institution", "starts_on"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="term_unique_code")]

    def __str__(self) -> str:
        return self.code


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Enrolment(InstitutionScopedModel, AuditedModel):
    """A student enrolled in a programme for one term."""

    scope_path = "student__institution"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("student"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("term"))
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("programme"),
    )
    semester = models.PositiveSmallIntegerField(_("semester of the programme"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["student", "term"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["student", "term"], name="enrolment_unique_term")]
        indexes = [models.Index(fields=["term", "status"])]

    def __str__(self) -> str:
        return f"{self.student} — {self.term}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        """Whoever may see the student may see their enrolments (tutors included)."""
        return Q(student__in=Student.objects.filter(Student.scope_q(scope)).values("pk"))


class CourseResult(InstitutionScopedModel, AuditedModel):
    """The result of one course unit (unidad didáctica, asignatura) taken in a term."""

    scope_path = "student__institution"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="results", verbose_name=_("student"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="results", verbose_name=_("term"))
    course_code = models.CharField(_("course code"), max_length=40)
    course_name = models.CharField(_("course name"), max_length=200, blank=True)
    grade = models.DecimalField(_("grade"), max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    recorded_on = models.DateField(_("recorded on"), help_text=_("When the result became known."))

    class Meta:
        ordering = ["student", "term", "course_code"]
        verbose_name = _("course result")
        verbose_name_plural = _("course results")
        constraints = [models.UniqueConstraint(fields=["student", "term", "course_code"], name="result_unique_course")]

    def __str__(self) -> str:
        return f"{self.course_code} {self.grade}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return Q(student__in=Student.objects.filter(Student.scope_q(scope)).values("pk"))


class AttendanceRecord(InstitutionScopedModel):
    """Attendance of one student at one session (or one day)."""

    scope_path = "student__institution"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("student"))
    date = models.DateField(_("date"))
    course_code = models.CharField(_("course code"), max_length=40, blank=True)
    present = models.BooleanField(_("present"))

    class Meta:
        ordering = ["student", "date"]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["student", "date", "course_code"], name="attendance_unique_session")
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.date}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return Q(student__in=Student.objects.filter(Student.scope_q(scope)).values("pk"))


class LmsActivity(InstitutionScopedModel):
    """One event of the learning platform's log (Moodle's standard log export)."""

    scope_path = "student__institution"

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="lms_activity", verbose_name=_("student")
    )
    occurred_at = models.DateTimeField(_("time"))
    course_code = models.CharField(_("course"), max_length=120, blank=True)
    event = models.CharField(_("event"), max_length=200, blank=True)
    component = models.CharField(_("component"), max_length=120, blank=True)
    fingerprint = models.CharField(
        _("fingerprint"), max_length=64, help_text=_("Hash of the log line, so a re-import adds nothing.")
    )

    class Meta:
        ordering = ["student", "occurred_at"]
        verbose_name = _("learning-platform activity")
        verbose_name_plural = _("learning-platform activity")
        constraints = [models.UniqueConstraint(fields=["fingerprint"], name="lms_activity_unique_fingerprint")]
        indexes = [models.Index(fields=["student", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.student_id} {self.occurred_at:%Y-%m-%d} {self.event}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return Q(student__in=Student.objects.filter(Student.scope_q(scope)).values("pk"))
