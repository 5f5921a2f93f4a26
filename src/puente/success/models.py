"""Students: the personal records every institution keeps, scoped to that institution."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.audit import AuditedModel
from puente.core.models import Campus, Organisation
from puente.core.roles import Capability, Role
from puente.core.scoping import InstitutionScopedModel, Scope
from puente.lib.translated import TranslatedField
from puente.programmes.models import Programme


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / non-binary")
    UNKNOWN = "", _("Not recorded")


class StudentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    GRADUATED = "graduated", _("Graduated")
    WITHDRAWN = "withdrawn", pgettext_lazy("student status", "Withdrawn")
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
    ACTIVE = "active", pgettext_lazy("enrolment status", "Active")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment status", "Withdrawn")


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
    component = models.CharField(pgettext_lazy("LMS log", "component"), max_length=120, blank=True)
    lms_user = models.CharField(_("user as named in the log"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
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


class LmsAccount(InstitutionScopedModel, AuditedModel):
    """A learning-platform account (Moodle user) and the student behind it, so that log lines
    that name only the platform's user id or full name reach the right student."""

    institution = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="lms_accounts", verbose_name=_("institution")
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="lms_accounts", verbose_name=_("student")
    )
    lms_user_id = models.CharField(_("platform user id"), max_length=40)
    full_name = models.CharField(_("full name on the platform"), max_length=200, blank=True)
    email = models.EmailField(_("email on the platform"), blank=True)

    class Meta:
        ordering = ["institution", "lms_user_id"]
        verbose_name = _("learning-platform account")
        verbose_name_plural = _("learning-platform accounts")
        constraints = [models.UniqueConstraint(fields=["institution", "lms_user_id"], name="lms_account_unique_user")]

    def __str__(self) -> str:
        return f"{self.lms_user_id} → {self.student_id}"


# --- Services catalogue, cases, referrals and appointments -------------------------------------


class SuccessSettings(models.Model):
    """Per-institution choices of the student-success module."""

    institution = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="success_settings", verbose_name=_("institution")
    )
    show_risk_to_students = models.BooleanField(
        _("students see their own risk level"),
        default=False,
        help_text=_("Off by default: students never see a risk score unless the institution decides so."),
    )
    case_due_days = models.PositiveSmallIntegerField(
        _("days to act on a new case"), default=7, help_text=_("Sets the due date of every new case.")
    )
    dropout_terms = models.PositiveSmallIntegerField(
        _("terms without enrolment that count as dropout"),
        default=2,
        help_text=_("SPADIES counts two consecutive terms without enrolment and without graduating."),
    )
    timely_graduation_months = models.PositiveSmallIntegerField(
        _("months to graduate on time"),
        default=36,
        help_text=_("A graduate counts as on time when they graduate within this many months of entry."),
    )

    class Meta:
        verbose_name = _("student-success settings")
        verbose_name_plural = _("student-success settings")

    def __str__(self) -> str:
        return str(self.institution)


class ServiceCategory(models.TextChoices):
    ACADEMIC = "academic", _("Academic")
    HEALTH = "health", _("Health")
    STUDENT_LIFE = "student_life", _("Student life")
    EMPLOYABILITY = "employability", _("Employability")


class ImplementationLevel(models.IntegerChoices):
    """B09's five implementation levels: 1 must exist when an institution opens; 5 needs the most
    resources (the seed's wording is inverted in one sentence, contradiction C23; we follow its examples)."""

    ESSENTIAL = 1, _("1 — Essential: must exist when the institution opens")
    BASIC = 2, _("2 — Basic: expected in every running institution")
    INTERMEDIATE = 3, _("3 — Intermediate: needs dedicated staff")
    ADVANCED = 4, _("4 — Advanced: needs specialised staff or partners")
    COMPREHENSIVE = 5, _("5 — Comprehensive: needs the most resources")


class CrisisRoute(models.TextChoices):
    """Concerns that never go through the ordinary flag queue (Starfish guidance)."""

    NONE = "", _("Not a crisis route")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    DISABILITY = "disability", _("Disability and accessibility")
    SAFETY = "safety", _("Safety, harassment or violence")


class Service(models.Model):
    """A student service of one institution (B09 guide): what it is, who provides it, where and how to ask."""

    institution = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="student_services", verbose_name=_("institution")
    )
    code = models.SlugField(_("code"), max_length=60)
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices)
    level = models.PositiveSmallIntegerField(
        _("implementation level"), choices=ImplementationLevel.choices, default=ImplementationLevel.ESSENTIAL
    )
    name = TranslatedField(_("name"))
    description = TranslatedField(_("description"), blank=True)
    how_to_request = TranslatedField(_("how to request it"), blank=True)
    accessibility = TranslatedField(_("accessibility notes"), blank=True)
    provider_unit = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provided_services",
        limit_choices_to={"kind": "institutional_unit"},
        verbose_name=_("provider unit"),
    )
    provider_text = models.CharField(
        _("provider (as text)"), max_length=200, blank=True, help_text=_("When the unit is not in the registry.")
    )
    campuses = models.ManyToManyField(
        Campus,
        blank=True,
        related_name="student_services",
        verbose_name=_("campuses"),
        help_text=_("Leave empty when the service is offered on every campus."),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. es, en, lsc (sign language).")
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    crisis_route = models.CharField(
        _("crisis route"),
        max_length=20,
        choices=CrisisRoute.choices,
        blank=True,
        help_text=_("Concerns of this kind are routed here confidentially."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["institution", "category", "order", "code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="service_unique_code")]

    def __str__(self) -> str:
        return str(self.name) or self.code

    def save(self, *args: object, **kwargs: object) -> None:
        from puente.lib.text import search_key

        self.search_text = search_key(" ".join([*self.name.all_texts(), self.code, self.provider_text]))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def provider(self) -> str:
        return str(self.provider_unit) if self.provider_unit_id else self.provider_text


class TutorType(models.TextChoices):
    PIVOT_TEACHER = "pivot_teacher", _("Pivot teacher")
    PEDAGOGICAL_AIDE = "pedagogical_aide", _("Individual pedagogical aide")
    PEER_TUTOR = "peer_tutor", _("Peer tutor")


class TutorProfile(models.Model):
    """How a tutor works in one institution, and how many students they can see in a week."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tutor_profiles", verbose_name=_("user")
    )
    institution = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tutor_profiles", verbose_name=_("institution")
    )
    tutor_type = models.CharField(_("tutor type"), max_length=20, choices=TutorType.choices)
    capacity = models.PositiveSmallIntegerField(
        _("weekly capacity"), default=10, help_text=_("How many students this tutor can contact in a week.")
    )

    class Meta:
        ordering = ["institution", "user"]
        verbose_name = _("tutor profile")
        verbose_name_plural = _("tutor profiles")
        constraints = [models.UniqueConstraint(fields=["user", "institution"], name="tutor_profile_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_tutor_type_display()})"


class CaseSource(models.TextChoices):
    MODEL_ALERT = "model_alert", _("Early-alert model")
    FLAG = "flag", _("Flag raised by staff")
    SELF = "self", _("Student's own request")
    OFFICER = "officer", _("Opened by an officer")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


class CaseOutcome(models.TextChoices):
    NONE = "", _("Not closed yet")
    RESOLVED = "resolved", _("Resolved")
    REFERRED = "referred", _("Referred and followed up")
    NO_CONTACT = "no_contact", _("Could not reach the student")
    DECLINED = "declined", _("Student declined support")
    WITHDREW = "withdrew", _("Student withdrew")
    NOT_NEEDED = "not_needed", _("No action needed")


class Concern(models.TextChoices):
    ACADEMIC = "academic", _("Academic difficulty")
    ATTENDANCE = "attendance", _("Attendance")
    ENGAGEMENT = "engagement", _("Low participation")
    FINANCIAL = "financial", _("Financial difficulty")
    PERSONAL = "personal", _("Personal or family situation")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    DISABILITY = "disability", _("Disability or accessibility need")
    SAFETY = "safety", _("Safety, harassment or violence")
    OTHER = "other", _("Other")


# Concerns routed confidentially to the wellbeing unit, never shown in ordinary queues.
CRISIS_CONCERNS = frozenset({Concern.MENTAL_HEALTH, Concern.DISABILITY, Concern.SAFETY})


def _case_scope_q(scope: Scope, prefix: str = "") -> Q:
    """Cases a user may see: officers (sensitive access) see every case of their institution;
    other staff see non-confidential cases; tutors the cases of their own students; owners theirs."""
    p = prefix
    sensitive = scope.organisations_with(Capability.VIEW_SENSITIVE) & scope.staff_institutions()
    staff = scope.organisations_with(Capability.VIEW_STUDENTS) & scope.staff_institutions(
        excluding=frozenset({Role.TUTOR})
    )
    q = Q(**{f"{p}institution__in": sensitive})
    q |= Q(**{f"{p}institution__in": staff - sensitive, f"{p}confidential": False})
    tutor_only = scope.tutor_institutions() - staff - sensitive
    if tutor_only:
        q |= Q(**{f"{p}institution__in": tutor_only, f"{p}student__tutor_id": scope.user_id, f"{p}confidential": False})
    q |= Q(**{f"{p}owner_id": scope.user_id, f"{p}institution__in": scope.staff_institutions()})
    return q


class Case(InstitutionScopedModel, AuditedModel):
    """One student's need for support: opened by the model or by a person, owned, followed up, closed."""

    institution = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="success_cases", verbose_name=_("institution")
    )
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="cases", verbose_name=_("student"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_cases",
        verbose_name=_("owner"),
    )
    source = models.CharField(pgettext_lazy("case", "source"), max_length=20, choices=CaseSource.choices)
    concern = models.CharField(_("concern"), max_length=20, choices=Concern.choices, blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Mental health, disability and safety: only the owner and officers see it."),
    )
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    outcome = models.CharField(_("outcome"), max_length=12, choices=CaseOutcome.choices, blank=True)
    outcome_note = models.CharField(_("how it was resolved"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Snapshot of the alert that opened the case (no foreign key: the alerts app evolves on its own).
    risk_score_id = models.BigIntegerField(_("risk score"), null=True, blank=True)
    risk_band = models.CharField(_("risk band"), max_length=10, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["institution", "status"]),
            models.Index(fields=["student", "status"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return _("Case %(id)s") % {"id": self.pk}  # type: ignore[return-value]

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return _case_scope_q(scope)

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class FlagKind(models.TextChoices):
    CONCERN = "concern", _("Concern")
    KUDOS = "kudos", _("Kudos")


class Flag(InstitutionScopedModel, AuditedModel):
    """A teacher's concern (or kudos) about a student: the human channel into the case queue."""

    institution = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="success_flags", verbose_name=_("institution")
    )
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="flags", verbose_name=_("student"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="raised_flags",
        verbose_name=_("raised by"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FlagKind.choices, default=FlagKind.CONCERN)
    concern = models.CharField(_("concern"), max_length=20, choices=Concern.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="flags", verbose_name=_("case")
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution = models.CharField(_("what was done"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        indexes = [models.Index(fields=["raised_by", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.student_id}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        """The raiser sees their flags; otherwise whoever sees the case (or the student, for kudos)."""
        q = Q(raised_by_id=scope.user_id) if scope.user_id else Q(pk__in=[])
        q |= Q(case__in=Case.objects.filter(Case.scope_q(scope)).values("pk"))
        q |= Q(kind=FlagKind.KUDOS, student__in=Student.objects.filter(Student.scope_q(scope)).values("pk"))
        return q


class ContactChannel(models.TextChoices):
    IN_PERSON = "in_person", pgettext_lazy("contact channel", "In person")
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    MESSAGE = "message", _("Text message or chat")
    EMAIL = "email", _("Email")


class Contact(InstitutionScopedModel, AuditedModel):
    """A tutor's or officer's contact (or attempt) with the student about a case."""

    scope_path = "case__institution"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("case"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"))
    channel = models.CharField(_("channel"), max_length=12, choices=ContactChannel.choices)
    reached = models.BooleanField(_("the student was reached"), default=True)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("Seen by everyone who sees the case: no sensitive details."),
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return _case_scope_q(scope, "case__")


class ConfidentialNote(InstitutionScopedModel, AuditedModel):
    """A note only the case owner and officers with sensitive-data access may read; every read is audited."""

    scope_path = "case__institution"
    sensitive_fields = ("text",)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="confidential_notes", verbose_name=_("case"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("confidential note")
        verbose_name_plural = _("confidential notes")

    def __str__(self) -> str:
        return _("Confidential note %(id)s") % {"id": self.pk}  # type: ignore[return-value]

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        sensitive = scope.organisations_with(Capability.VIEW_SENSITIVE) & scope.staff_institutions()
        q = Q(case__institution__in=sensitive)
        if scope.user_id:
            q |= Q(case__owner_id=scope.user_id, case__institution__in=scope.staff_institutions())
        return q


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    ATTENDED = "attended", _("Attended the service")
    NOT_ATTENDED = "not_attended", _("Did not attend")
    CLOSED = "closed", pgettext_lazy("referral status", "Closed")


class Referral(InstitutionScopedModel, AuditedModel):
    """A case sent to a service of the catalogue."""

    scope_path = "case__institution"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case"))
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("referred by")
    )
    note = models.CharField(_("note for the service"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    created_at = models.DateTimeField(_("referred"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    survey_invitation_id = models.BigIntegerField(_("satisfaction survey invitation"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["service", "status"])]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.service}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return _case_scope_q(scope, "case__")


class AppointmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SCHEDULED = "scheduled", _("Scheduled")
    ATTENDED = "attended", _("Attended")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class Appointment(InstitutionScopedModel, AuditedModel):
    """A request for (or a booked) appointment with a service, from a student or from a referral."""

    sensitive_fields = ("message",)

    institution = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="service_appointments", verbose_name=_("institution")
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("service")
    )
    campus = models.ForeignKey(
        Campus, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("campus")
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="appointments", verbose_name=_("student")
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("referral"),
    )
    requester_name = models.CharField(_("name"), max_length=200, blank=True)
    requester_email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="es")
    preferred_times = models.CharField(_("when suits you"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AppointmentStatus.choices, default=AppointmentStatus.REQUESTED
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return f"{self.service} — {self.requested_at:%Y-%m-%d}"

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        """Officers and other non-tutor staff see their institution's requests (crisis services only
        with sensitive access); tutors their students'; a student their own."""
        sensitive = scope.organisations_with(Capability.VIEW_SENSITIVE) & scope.staff_institutions()
        staff = scope.organisations_with(Capability.VIEW_STUDENTS) & scope.staff_institutions(
            excluding=frozenset({Role.TUTOR})
        )
        q = Q(institution__in=sensitive)
        q |= Q(institution__in=staff - sensitive, service__crisis_route="")
        tutor_only = scope.tutor_institutions() - staff - sensitive
        if tutor_only:
            q |= Q(institution__in=tutor_only, student__tutor_id=scope.user_id, service__crisis_route="")
        if Role.STUDENT in scope.all_roles():
            q |= Q(student__user_id=scope.user_id)
        return q
