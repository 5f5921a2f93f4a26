"""Student records: the workflows pages and the API share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from puente.core.roles import Capability
from puente.core.scoping import AnyUser, access_by_id, acting_user, scope_for

from .models import Student


def access_student_by_id(user: AnyUser | None, student_id: Any, *, sensitive: bool = False) -> Student:
    """The one way to fetch a student for a user: 404 outside their scope; sensitive reads audited."""
    queryset = Student.objects.select_related("institution", "programme", "campus", "tutor")
    return access_by_id(Student, user, student_id, sensitive=sensitive, queryset=queryset)


def students_for(user: AnyUser | None) -> Any:
    return Student.objects.visible_to(user).select_related("institution", "programme", "campus")


def _check_consistency(student: Student) -> None:
    errors: dict[str, str] = {}
    programme, campus = student.programme, student.campus
    if (
        programme is not None
        and programme.institution_id != student.institution_id
        and not (programme.also_offered_by.filter(pk=student.institution_id).exists())
    ):
        errors["programme"] = _("This programme is not offered by the student's institution.")
    if campus is not None and campus.organisation_id != student.institution_id:
        errors["campus"] = _("This campus belongs to another institution.")
    if student.graduated_on and student.enrolled_on and student.graduated_on < student.enrolled_on:
        errors["graduated_on"] = _("The graduation date is before the entry date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_student(user: AnyUser | None, student: Student) -> Student:
    """Create or update a student after checking the user may write to that institution."""
    if not scope_for(user).can(Capability.CHANGE_STUDENTS, student.institution_id):
        raise ValidationError({"institution": _("You cannot add or change students of this institution.")})
    student.full_clean()
    _check_consistency(student)
    student.save()
    return student


# --- Cases, flags, contacts, referrals, appointments ---------------------------------------------

import datetime as dt  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from django.conf import settings as django_settings  # noqa: E402
from django.core.exceptions import PermissionDenied  # noqa: E402
from django.core.mail import send_mail  # noqa: E402
from django.db.models import Count, Max, Q, QuerySet  # noqa: E402
from django.http import Http404  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from puente.core.audit import record_read  # noqa: E402
from puente.core.models import Campus, Organisation  # noqa: E402
from puente.core.roles import Role  # noqa: E402

from . import risk as risk_module  # noqa: E402
from .models import (  # noqa: E402
    CRISIS_CONCERNS,
    Appointment,
    AppointmentStatus,
    Case,
    CaseOutcome,
    CaseSource,
    CaseStatus,
    ConfidentialNote,
    Contact,
    CrisisRoute,
    Flag,
    FlagKind,
    Referral,
    ReferralStatus,
    Service,
    StudentStatus,
    SuccessSettings,
    TutorProfile,
)

DEFAULT_CAPACITY = 10


def settings_for(institution_id: int) -> SuccessSettings:
    """The institution's student-success settings (defaults until an officer changes them)."""
    found = SuccessSettings.objects.filter(institution_id=institution_id).first()
    return found or SuccessSettings(institution_id=institution_id)


def institutions_for(user: AnyUser | None, capability: str) -> list[Organisation]:
    """Institutions where ``user`` works as staff with ``capability``, by code (every institution
    for an administrator). Aggregate-only roles have none: they see figures, not institutions."""
    scope = scope_for(user)
    if scope.is_admin:
        return list(Organisation.objects.filter(kind__in=["tvet_institution", "university"]).order_by("code"))
    ids = scope.organisations_with(capability) & scope.staff_institutions()
    return list(Organisation.objects.filter(pk__in=ids).order_by("code"))


def _require_staff(user: AnyUser | None, institution_id: int) -> None:
    scope = scope_for(user)
    if not (scope.is_admin or institution_id in scope.staff_institutions()):
        raise PermissionDenied


def access_case_by_id(user: AnyUser | None, case_id: Any) -> Case:
    """A case the user may see, or 404 (the same answer whether it exists elsewhere or not)."""
    queryset = Case.objects.select_related("student", "student__programme", "owner", "institution")
    return access_by_id(Case, user, case_id, queryset=queryset)


def cases_for(user: AnyUser | None) -> QuerySet[Case]:
    return Case.objects.visible_to(user).select_related("student", "owner")


def services_of(institution: Organisation, *, campus: Campus | None = None) -> QuerySet[Service]:
    """Active services of an institution (on one campus, or on every campus when none is given)."""
    services = Service.objects.filter(institution=institution, active=True).select_related("provider_unit")
    if campus is not None:
        services = services.filter(Q(campuses=campus) | Q(campuses__isnull=True)).distinct()
    return services.prefetch_related("campuses")


def crisis_service_for(institution_id: int, concern: str) -> Service | None:
    return Service.objects.filter(institution_id=institution_id, crisis_route=concern, active=True).first()


@transaction.atomic
def open_case(
    user: AnyUser | None,
    student: Student,
    *,
    source: str,
    concern: str = "",
    summary: str = "",
    owner: Any = None,
    student_risk: risk_module.StudentRisk | None = None,
) -> Case:
    """Open a case, or return the student's open case of the same confidentiality.

    Crisis concerns (mental health, disability, safety) open a *confidential* case with no owner,
    visible only to officers with sensitive-data access until one of them takes it.
    """
    confidential = concern in CRISIS_CONCERNS
    existing = (
        Case.objects.select_for_update()
        .filter(student=student, confidential=confidential)
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )
    if existing is not None:
        return existing
    if owner is None and not confidential:
        owner = student.tutor
    due_days = settings_for(student.institution_id).case_due_days
    case = Case(
        institution_id=student.institution_id,
        student=student,
        owner=owner,
        source=source,
        concern=concern,
        confidential=confidential,
        summary=summary[:300],
        due_on=timezone.localdate() + dt.timedelta(days=due_days),
    )
    if student_risk is not None:
        case.risk_score_id = student_risk.score_id
        case.risk_band = student_risk.band
        case.reasons = list(student_risk.reasons)
    case.save()
    return case


@transaction.atomic
def raise_flag(user: AnyUser | None, student: Student, *, kind: str, concern: str = "", note: str = "") -> Flag:
    """A teacher's concern or kudos. Concerns open (or join) a case; kudos are simply recorded."""
    _require_staff(user, student.institution_id)
    if kind == FlagKind.CONCERN and not concern:
        raise ValidationError({"concern": _("Say what the concern is about.")})
    flag = Flag(
        institution_id=student.institution_id,
        student=student,
        raised_by=acting_user(user),
        kind=kind,
        concern=concern if kind == FlagKind.CONCERN else "",
        note=note[:500],
    )
    if kind == FlagKind.CONCERN:
        flag.case = open_case(user, student, source=CaseSource.FLAG, concern=concern, summary=note)
    flag.save()
    return flag


def _check_case_access(user: AnyUser | None, case: Case) -> Case:
    """Re-read the case through the scope: writing needs the same right as reading."""
    return access_case_by_id(user, case.pk)


@transaction.atomic
def log_contact(
    user: AnyUser | None,
    case: Case,
    *,
    channel: str,
    reached: bool = True,
    summary: str = "",
    confidential_note: str = "",
    at: dt.datetime | None = None,
) -> Contact:
    """Record a contact (or attempt) with the student; the case moves to "in progress"."""
    case = _check_case_access(user, case)
    if not case.is_open:
        raise ValidationError(_("This case is closed."))
    contact = Contact.objects.create(
        case=case,
        by=acting_user(user),
        at=at or timezone.now(),
        channel=channel,
        reached=reached,
        summary=summary[:300],
    )
    if confidential_note.strip():
        add_confidential_note(user, case, confidential_note)
    if case.status == CaseStatus.OPEN:
        case.status = CaseStatus.IN_PROGRESS
        case.save(update_fields=["status"])
    return contact


def contact_student(
    user: AnyUser | None,
    student: Student,
    *,
    channel: str,
    reached: bool = True,
    summary: str = "",
    confidential_note: str = "",
) -> Contact:
    """A tutor's contact from the weekly list: joins the student's open case or opens one."""
    _require_staff(user, student.institution_id)
    student_risk = risk_module.latest_risks([student.pk]).get(student.pk)
    source = (
        CaseSource.MODEL_ALERT
        if student_risk and student_risk.band in (risk_module.RED, risk_module.AMBER)
        else CaseSource.OFFICER
    )
    case = open_case(user, student, source=source, student_risk=student_risk, owner=user)
    return log_contact(
        user, case, channel=channel, reached=reached, summary=summary, confidential_note=confidential_note
    )


def add_confidential_note(user: AnyUser | None, case: Case, text: str) -> ConfidentialNote:
    case = _check_case_access(user, case)
    scope = scope_for(user)
    if not (scope.can(Capability.VIEW_SENSITIVE, case.institution_id) or case.owner_id == scope.user_id):
        raise PermissionDenied
    return ConfidentialNote.objects.create(case=case, author=acting_user(user), text=text.strip())


def confidential_notes_for(user: AnyUser | None, case: Case) -> list[ConfidentialNote]:
    """The case's confidential notes if the user may read them (owner or sensitive access); each
    read is recorded in the audit log. Others get an empty list."""
    notes = list(
        ConfidentialNote.objects.visible_to(user).filter(case=case).select_related("author").order_by("created_at")
    )
    for note in notes:
        record_read(user, note)
    return notes


def may_read_confidential(user: AnyUser | None, case: Case) -> bool:
    scope = scope_for(user)
    return scope.is_admin or (
        case.institution_id in scope.staff_institutions()
        and (scope.can(Capability.VIEW_SENSITIVE, case.institution_id) or case.owner_id == scope.user_id)
    )


@transaction.atomic
def refer(user: AnyUser | None, case: Case, service: Service, *, note: str = "") -> Referral:
    """Send the case to a service of the same institution."""
    case = _check_case_access(user, case)
    if service.institution_id != case.institution_id:
        raise ValidationError({"service": _("This service belongs to another institution.")})
    referral = Referral.objects.create(
        case=case,
        service=service,
        referred_by=acting_user(user),
        note=note[:300],
    )
    Appointment.objects.create(
        institution_id=case.institution_id,
        service=service,
        student=case.student,
        referral=referral,
        campus_id=case.student.campus_id,
        requester_name=str(case.student),
        requester_email=case.student.email,
        message=note,
    )
    if case.status == CaseStatus.OPEN:
        case.status = CaseStatus.IN_PROGRESS
        case.save(update_fields=["status"])
    return referral


def access_referral_by_id(user: AnyUser | None, referral_id: Any) -> Referral:
    return access_by_id(
        Referral, user, referral_id, queryset=Referral.objects.select_related("case", "service", "case__student")
    )


@transaction.atomic
def close_referral(user: AnyUser | None, referral: Referral, *, attended: bool) -> Referral:
    """Record whether the student attended; if so, invite them to the satisfaction survey."""
    referral = access_referral_by_id(user, referral.pk)
    referral.status = ReferralStatus.ATTENDED if attended else ReferralStatus.NOT_ATTENDED
    referral.closed_at = timezone.now()
    fields = ["status", "closed_at"]
    if attended:
        from puente.surveys import services as surveys

        survey = surveys.ensure_satisfaction_survey(referral.case.institution)
        student = referral.case.student
        invitation = surveys.invite(
            survey,
            email=student.email,
            name=str(student),
            group=referral.service.code,
            subject=("success.referral", referral.pk),
        )
        referral.survey_invitation_id = invitation.pk
        fields.append("survey_invitation_id")
    referral.save(update_fields=fields)
    referral.appointments.filter(status__in=[AppointmentStatus.REQUESTED, AppointmentStatus.SCHEDULED]).update(
        status=AppointmentStatus.ATTENDED if attended else AppointmentStatus.MISSED
    )
    return referral


@transaction.atomic
def close_case(user: AnyUser | None, case: Case, *, outcome: str, note: str = "") -> Case:
    """Close the case with an outcome and tell whoever raised a flag how it was resolved."""
    case = _check_case_access(user, case)
    if outcome not in CaseOutcome.values or not outcome:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.outcome_note = note[:300]
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "outcome", "outcome_note", "closed_at"])
    for flag in case.flags.filter(resolved_at__isnull=True).select_related("raised_by"):
        notify_flag_resolved(flag, case)
    return case


def notify_flag_resolved(flag: Flag, case: Case) -> None:
    """Close the loop with the person who raised the flag. Confidential cases say only the outcome."""
    outcome = CaseOutcome(case.outcome).label
    if case.confidential:
        message = str(outcome)
    else:
        message = f"{outcome}. {case.outcome_note}".strip(" .") + "." if case.outcome_note else str(outcome)
    flag.resolved_at = case.closed_at or timezone.now()
    flag.resolution = message[:300]
    flag.save(update_fields=["resolved_at", "resolution"])
    raiser = flag.raised_by
    if raiser is not None and raiser.email:
        with translation.override(django_settings.LANGUAGE_CODE):
            subject = _("Your concern about a student was followed up")
            body = _(
                "The concern you raised on %(date)s about %(student)s has been closed.\n\nOutcome: %(outcome)s\n"
            ) % {"date": flag.created_at.date().isoformat(), "student": flag.student, "outcome": flag.resolution}
        send_mail(subject, body, None, [raiser.email], fail_silently=True)


def flags_raised_by(user: AnyUser | None) -> QuerySet[Flag]:
    return Flag.objects.filter(raised_by_id=getattr(user, "pk", None)).select_related("student", "case")


@transaction.atomic
def take_case(user: AnyUser | None, case: Case) -> Case:
    """An officer takes ownership (e.g. of a confidential case waiting in the queue)."""
    case = _check_case_access(user, case)
    _require_staff(user, case.institution_id)
    case.owner = user  # type: ignore[assignment]
    case.save(update_fields=["owner"])
    return case


# --- Appointments ------------------------------------------------------------------------------------


def request_appointment(
    service: Service,
    *,
    user: AnyUser | None = None,
    campus: Campus | None = None,
    name: str = "",
    email: str = "",
    preferred_times: str = "",
    message: str = "",
    language: str = "",
) -> Appointment:
    """A student asks for an appointment from the services map: logged in, or with name and email."""
    student = None
    if user is not None and getattr(user, "is_authenticated", False):
        student = Student.objects.filter(user_id=user.pk or 0, institution_id=service.institution_id).first()
    if student is None and not (name.strip() and email.strip()):
        raise ValidationError(_("Give your name and an email address so that the unit can answer you."))
    return Appointment.objects.create(
        institution_id=service.institution_id,
        service=service,
        campus=campus,
        student=student,
        requester_name=name.strip() or (str(student) if student else ""),
        requester_email=email.strip() or (student.email if student else ""),
        preferred_times=preferred_times.strip()[:200],
        message=message.strip(),
        language=language or django_settings.LANGUAGE_CODE,
    )


def appointments_for(user: AnyUser | None) -> QuerySet[Appointment]:
    return Appointment.objects.visible_to(user).select_related("service", "student", "campus")


def access_appointment_by_id(user: AnyUser | None, appointment_id: Any) -> Appointment:
    return access_by_id(
        Appointment, user, appointment_id, queryset=Appointment.objects.select_related("service", "student")
    )


def update_appointment(
    user: AnyUser | None, appointment: Appointment, *, status: str, scheduled_for: dt.datetime | None = None
) -> Appointment:
    appointment = access_appointment_by_id(user, appointment.pk)
    _require_staff(user, appointment.institution_id)
    if status not in AppointmentStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    appointment.status = status
    if scheduled_for is not None:
        appointment.scheduled_for = scheduled_for
    appointment.save(update_fields=["status", "scheduled_for"])
    return appointment


# --- The tutor's weekly list -------------------------------------------------------------------------


@dataclass
class TutorRow:
    student: Student
    risk: risk_module.StudentRisk | None
    open_case: Case | None
    last_contact: dt.datetime | None
    open_flags: int
    kudos: int

    @property
    def band(self) -> str:
        if self.risk and self.risk.band:
            return self.risk.band
        return risk_module.AMBER if self.open_flags else ""

    @property
    def sort_key(self) -> tuple[int, float, int, str]:
        probability = self.risk.probability if self.risk and self.risk.probability is not None else 0.0
        return (risk_module.BAND_ORDER.get(self.band, 3), -probability, -self.open_flags, self.student.family_name)


@dataclass
class TutorWeek:
    tutor: Any
    capacity: int
    this_week: list[TutorRow] = field(default_factory=list)
    others: list[TutorRow] = field(default_factory=list)
    scored: bool = False

    @property
    def total(self) -> int:
        return len(self.this_week) + len(self.others)


def tutor_capacity(tutor: Any) -> int:
    profile = TutorProfile.objects.filter(user=tutor).order_by("-capacity").first()
    return profile.capacity if profile else DEFAULT_CAPACITY


def tutor_week(viewer: AnyUser | None, tutor: Any) -> TutorWeek:
    """The tutor's enrolled students ranked by risk (model band, then flags), split at capacity.

    Five queries whatever the number of students: students, risks, open cases, last contacts, flags.
    """
    students = list(
        Student.objects.visible_to(viewer)
        .filter(tutor=tutor, status=StudentStatus.ENROLLED)
        .select_related("programme")
        .only(
            "id",
            "given_name",
            "family_name",
            "external_id",
            "programme__code",
            "programme__title",
            "institution_id",
            "tutor_id",
            "cohort",
        )
    )
    ids = [s.pk for s in students]
    risks = risk_module.latest_risks(ids)
    cases: dict[int, Case] = {}
    for case in (
        Case.objects.visible_to(viewer)
        .filter(student_id__in=ids)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("opened_at")
    ):
        cases.setdefault(case.student_id, case)
    last_contacts = dict(
        Contact.objects.filter(case__student_id__in=ids)
        .values("case__student_id")
        .annotate(last=Max("at"))
        .values_list("case__student_id", "last")
    )
    flag_counts: dict[int, dict[str, int]] = {}
    for row in (
        Flag.objects.filter(student_id__in=ids, resolved_at__isnull=True)
        .values("student_id", "kind")
        .annotate(n=Count("id"))
    ):
        flag_counts.setdefault(row["student_id"], {})[row["kind"]] = row["n"]
    rows = [
        TutorRow(
            student=s,
            risk=risks.get(s.pk),
            open_case=cases.get(s.pk),
            last_contact=last_contacts.get(s.pk),
            open_flags=flag_counts.get(s.pk, {}).get(FlagKind.CONCERN, 0),
            kudos=flag_counts.get(s.pk, {}).get(FlagKind.KUDOS, 0),
        )
        for s in students
    ]
    rows.sort(key=lambda r: r.sort_key)
    capacity = tutor_capacity(tutor)
    # Only students with a reason to call make the week's list; the rest are shown below it.
    needing = [r for r in rows if r.band in (risk_module.RED, risk_module.AMBER) or r.open_case]
    this_week = needing[:capacity]
    chosen = {r.student.pk for r in this_week}
    return TutorWeek(
        tutor=tutor,
        capacity=capacity,
        this_week=this_week,
        others=[r for r in rows if r.student.pk not in chosen],
        scored=bool(risks),
    )


def tutors_of(user: AnyUser | None) -> QuerySet[Any]:
    """Tutors of the institutions where the user is a non-tutor staff member (for officers' picker)."""
    from django.contrib.auth import get_user_model

    scope = scope_for(user)
    institutions = scope.staff_institutions(excluding=frozenset({Role.TUTOR}))
    users = get_user_model().objects.all()
    if not scope.is_admin:
        users = users.filter(memberships__organisation__in=institutions, memberships__role=Role.TUTOR)
    else:
        users = users.filter(memberships__role=Role.TUTOR)
    return users.distinct().order_by("username")


def open_cases_from_alerts(institution_id: int, *, bands: tuple[str, ...] = (risk_module.RED,)) -> int:
    """Open a case (owner: the student's tutor) for each enrolled student whose latest score is in
    ``bands`` and who has no open case. Run after each scoring. Returns how many were opened."""
    opened = 0
    ids = list(
        Student.objects.filter(institution_id=institution_id, status=StudentStatus.ENROLLED).values_list(
            "pk", flat=True
        )
    )
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        risks = {k: v for k, v in risk_module.latest_risks(chunk).items() if v.band in bands}
        if not risks:
            continue
        busy = set(
            Case.objects.filter(student_id__in=list(risks), confidential=False)
            .exclude(status=CaseStatus.CLOSED)
            .values_list("student_id", flat=True)
        )
        for student in Student.objects.filter(pk__in=[k for k in risks if k not in busy]).select_related("tutor"):
            open_case(None, student, source=CaseSource.MODEL_ALERT, student_risk=risks[student.pk])
            opened += 1
    return opened


def crisis_routes_of(institution_id: int) -> QuerySet[Service]:
    return Service.objects.filter(institution_id=institution_id, active=True).exclude(crisis_route=CrisisRoute.NONE)


def my_support(user: AnyUser | None) -> dict[str, Any]:
    """What a logged-in student sees about themselves: requests, referrals and — only when their
    institution enables it — their own risk level with its reasons."""
    student = Student.objects.filter(user_id=getattr(user, "pk", None) or 0).select_related("institution").first()
    if student is None:
        raise Http404
    shown = settings_for(student.institution_id).show_risk_to_students
    return {
        "student": student,
        "appointments": Appointment.objects.filter(student=student).select_related("service").order_by("-requested_at"),
        "risk": risk_module.latest_risks([student.pk]).get(student.pk) if shown else None,
        "show_risk": shown,
    }
