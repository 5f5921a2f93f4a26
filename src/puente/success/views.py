"""Pages of student success: students, the tutor's week, cases, services catalogue, outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from puente.core.models import Campus, Organisation
from puente.core.permissions import requires
from puente.core.roles import Capability, Role
from puente.core.scoping import scope_for
from puente.lib.text import search_key

from . import outcomes, services
from .forms import (
    AppointmentUpdateForm,
    CloseCaseForm,
    ConfidentialNoteForm,
    ContactForm,
    FlagForm,
    ReferralForm,
    ServiceForm,
    StudentForm,
    SuccessSettingsForm,
)
from .models import CaseStatus, Service, ServiceCategory, Student, SuccessSettings
from .services import access_student_by_id, students_for


def _hx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _institutions_for(request: HttpRequest, capability: str) -> list[Organisation]:
    return services.institutions_for(request.user, capability)


def _institution_param(request: HttpRequest, capability: str) -> Organisation:
    """The institution the page is about: ?institution=<code>, else the user's first one; 404 outside scope."""
    institutions = _institutions_for(request, capability)
    code = request.GET.get("institution") or request.POST.get("institution")
    for institution in institutions:
        if not code or institution.code == code:
            return institution
    raise Http404


# --- Students ---------------------------------------------------------------------------------------


@requires(Capability.VIEW_STUDENTS)
def student_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    students = students_for(request.user)
    for word in search_key(query).split():
        students = students.filter(family_name__icontains=word) | students.filter(external_id__iexact=word)
    page = Paginator(students, 50).get_page(request.GET.get("page"))
    can_add = bool(_institutions_for(request, Capability.CHANGE_STUDENTS))
    return render(request, "success/student_list.html", {"page": page, "q": query, "can_add": can_add})


@requires(Capability.VIEW_STUDENTS)
def student_detail(request: HttpRequest, pk: int) -> HttpResponse:
    show_sensitive = request.GET.get("sensitive") == "1"
    student = access_student_by_id(request.user, pk, sensitive=show_sensitive)
    cases = services.cases_for(request.user).filter(student=student)
    return render(
        request,
        "success/student_detail.html",
        {
            "student": student,
            "show_sensitive": show_sensitive,
            "cases": cases,
            "flag_form": FlagForm(),
            "can_change": scope_for(request.user).can(Capability.CHANGE_STUDENTS, student.institution_id),
        },
    )


@requires(Capability.CHANGE_STUDENTS)
def student_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        institution = _institution_param(request, Capability.CHANGE_STUDENTS)
        student = Student(institution=institution)
    else:
        student = access_student_by_id(request.user, pk)
        if not scope_for(request.user).can(Capability.CHANGE_STUDENTS, student.institution_id):
            raise PermissionDenied
    form = StudentForm(request.POST or None, instance=student, institution_id=student.institution_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_student(request.user, form.instance)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The student has been saved."))
            return redirect("success:student_detail", form.instance.pk)
    return render(request, "success/student_form.html", {"form": form, "student": student})


@requires(Capability.VIEW_STUDENTS)
def flag_create(request: HttpRequest, pk: int) -> HttpResponse:
    student = access_student_by_id(request.user, pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flag = services.raise_flag(
                request.user,
                student,
                kind=form.cleaned_data["kind"],
                concern=form.cleaned_data.get("concern", ""),
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if flag.case_id and flag.case and flag.case.confidential:
                messages.success(
                    request,
                    _("Thank you. The wellbeing unit will follow up confidentially and tell you when it is resolved."),
                )
            elif flag.case_id:
                messages.success(request, _("Thank you. A case is open and you will be told how it is resolved."))
            else:
                messages.success(request, _("Thank you. Your kudos has been recorded."))
            return redirect("success:student_detail", student.pk)
    return render(request, "success/flag_form.html", {"form": form, "student": student})


@requires(Capability.VIEW_STUDENTS)
def my_flags(request: HttpRequest) -> HttpResponse:
    flags = services.flags_raised_by(request.user)
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    return render(request, "success/flag_list.html", {"page": page})


# --- The tutor's week --------------------------------------------------------------------------------


@requires(Capability.VIEW_STUDENTS)
def tutor_list(request: HttpRequest) -> HttpResponse:
    """This week's students for the logged-in tutor (officers may pick a tutor with ?tutor=<id>)."""
    tutor: Any = request.user
    picker = None
    tutor_id = request.GET.get("tutor")
    scope = scope_for(request.user)
    if Role.TUTOR not in scope.all_roles() or tutor_id:
        picker = services.tutors_of(request.user)
        if tutor_id:
            tutor = get_object_or_404(picker, pk=tutor_id) if tutor_id.isdigit() else None
            if tutor is None:
                raise Http404
    week = services.tutor_week(request.user, tutor)
    return render(
        request,
        "success/tutor_list.html",
        {
            "week": week,
            "picker": picker,
            "tutor": tutor,
            "today": dt.date.today(),
            # Reversed once: the rows append ids (45 rows × 4 links would cost 180 reverses).
            "urls": {
                "students": _reverse("success:student_list"),
                "week": _reverse("success:tutor_list"),
                "cases": _reverse("success:case_list"),
            },
        },
    )


@requires(Capability.VIEW_STUDENTS)
def tutor_contact(request: HttpRequest, student_id: int) -> HttpResponse:
    """Log a contact from the weekly list (HTMX: the row is replaced in place)."""
    student = access_student_by_id(request.user, student_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_student(
            request.user,
            student,
            channel=form.cleaned_data["channel"],
            reached=form.cleaned_data["reached"],
            summary=form.cleaned_data["summary"],
            confidential_note=form.cleaned_data["confidential_note"],
        )
        if _hx(request):
            case = services.cases_for(request.user).filter(student=student).exclude(status=CaseStatus.CLOSED).first()
            return render(request, "success/_contact_done.html", {"student": student, "case": case})
        messages.success(request, _("Contact recorded."))
        return redirect("success:tutor_list")
    template = "success/_contact_form.html" if _hx(request) else "success/contact_form.html"
    return render(request, template, {"form": form, "student": student})


# --- Cases ---------------------------------------------------------------------------------------------


@requires(Capability.VIEW_STUDENTS)
def case_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    cases = services.cases_for(request.user)
    if status == "open":
        cases = cases.exclude(status=CaseStatus.CLOSED)
    elif status == "closed":
        cases = cases.filter(status=CaseStatus.CLOSED)
    if request.GET.get("mine") == "1":
        cases = cases.filter(owner_id=request.user.pk)
    if request.GET.get("unowned") == "1":
        cases = cases.filter(owner__isnull=True)
    page = Paginator(cases.order_by("due_on", "-opened_at"), 50).get_page(request.GET.get("page"))
    return render(request, "success/case_list.html", {"page": page, "status": status, "today": dt.date.today()})


def _case_context(request: HttpRequest, case: Any, **extra: Any) -> dict[str, Any]:
    may_read = services.may_read_confidential(request.user, case)
    return {
        "case": case,
        "contacts": case.contacts.select_related("by"),
        "referrals": case.referrals.select_related("service"),
        "flags": case.flags.select_related("raised_by"),
        "notes": services.confidential_notes_for(request.user, case)
        if may_read and request.GET.get("notes") == "1"
        else None,
        "may_read_notes": may_read,
        "contact_form": extra.pop("contact_form", ContactForm()),
        "referral_form": extra.pop("referral_form", ReferralForm(institution_id=case.institution_id)),
        "close_form": extra.pop("close_form", CloseCaseForm()),
        "note_form": ConfidentialNoteForm(),
        **extra,
    }


@requires(Capability.VIEW_STUDENTS)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.access_case_by_id(request.user, pk)
    return render(request, "success/case_detail.html", _case_context(request, case))


@requires(Capability.VIEW_STUDENTS)
@require_POST
def case_contact(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.access_case_by_id(request.user, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.log_contact(
            request.user,
            case,
            **{k: form.cleaned_data[k] for k in ("channel", "reached", "summary", "confidential_note")},
        )
        messages.success(request, _("Contact recorded."))
        return redirect("success:case_detail", case.pk)
    return render(request, "success/case_detail.html", _case_context(request, case, contact_form=form), status=400)


@requires(Capability.VIEW_STUDENTS)
@require_POST
def case_refer(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.access_case_by_id(request.user, pk)
    form = ReferralForm(request.POST, institution_id=case.institution_id)
    if form.is_valid():
        services.refer(request.user, case, form.cleaned_data["service"], note=form.cleaned_data["note"])
        messages.success(request, _("Referral sent to the service."))
        return redirect("success:case_detail", case.pk)
    return render(request, "success/case_detail.html", _case_context(request, case, referral_form=form), status=400)


@requires(Capability.VIEW_STUDENTS)
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.access_case_by_id(request.user, pk)
    form = CloseCaseForm(request.POST)
    if form.is_valid():
        services.close_case(request.user, case, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
        messages.success(request, _("Case closed. Whoever raised a flag has been told the outcome."))
        return redirect("success:case_detail", case.pk)
    return render(request, "success/case_detail.html", _case_context(request, case, close_form=form), status=400)


@requires(Capability.VIEW_STUDENTS)
@require_POST
def case_take(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.access_case_by_id(request.user, pk)
    services.take_case(request.user, case)
    messages.success(request, _("You now own this case."))
    return redirect("success:case_detail", case.pk)


@requires(Capability.VIEW_STUDENTS)
@require_POST
def case_note(request: HttpRequest, pk: int) -> HttpResponse:
    case = services.access_case_by_id(request.user, pk)
    form = ConfidentialNoteForm(request.POST)
    if form.is_valid():
        services.add_confidential_note(request.user, case, form.cleaned_data["text"])
        messages.success(request, _("Confidential note saved."))
    return redirect("success:case_detail", case.pk)


@requires(Capability.VIEW_STUDENTS)
@require_POST
def referral_close(request: HttpRequest, pk: int) -> HttpResponse:
    referral = services.access_referral_by_id(request.user, pk)
    attended = request.POST.get("attended") == "1"
    services.close_referral(request.user, referral, attended=attended)
    if attended:
        messages.success(request, _("Marked as attended. The student has been invited to rate the service."))
    else:
        messages.success(request, _("Marked as not attended."))
    return redirect("success:case_detail", referral.case_id)


# --- Appointments ----------------------------------------------------------------------------------------


@requires(Capability.VIEW_STUDENTS)
def appointment_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "requested")
    appointments = services.appointments_for(request.user)
    if status:
        appointments = appointments.filter(status=status)
    page = Paginator(appointments, 50).get_page(request.GET.get("page"))
    return render(request, "success/appointment_list.html", {"page": page, "status": status})


@requires(Capability.VIEW_STUDENTS)
def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = services.access_appointment_by_id(request.user, pk)
    form = AppointmentUpdateForm(request.POST or None, instance=appointment)
    if request.method == "POST" and form.is_valid():
        services.update_appointment(
            request.user,
            appointment,
            status=form.cleaned_data["status"],
            scheduled_for=form.cleaned_data["scheduled_for"],
        )
        messages.success(request, _("Appointment updated."))
        return redirect("success:appointment_list")
    return render(request, "success/appointment_detail.html", {"appointment": appointment, "form": form})


# --- Services catalogue (officers) -----------------------------------------------------------------------


@requires(Capability.VIEW_STUDENTS)
def catalogue(request: HttpRequest) -> HttpResponse:
    institution = _institution_param(request, Capability.VIEW_STUDENTS)
    service_list = (
        Service.objects.filter(institution=institution).select_related("provider_unit").prefetch_related("campuses")
    )
    category = request.GET.get("category", "")
    if category:
        service_list = service_list.filter(category=category)
    return render(
        request,
        "success/catalogue.html",
        {
            "institution": institution,
            "institutions": _institutions_for(request, Capability.VIEW_STUDENTS),
            "services": service_list,
            "category": category,
            "categories": ServiceCategory.choices,
            "campuses": Campus.objects.filter(organisation=institution),
            "can_edit": scope_for(request.user).can(Capability.CHANGE_STUDENTS, institution.pk),
        },
    )


@requires(Capability.CHANGE_STUDENTS)
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        institution = _institution_param(request, Capability.CHANGE_STUDENTS)
        service = Service(institution=institution)
    else:
        allowed = [i.pk for i in _institutions_for(request, Capability.CHANGE_STUDENTS)]
        service = get_object_or_404(Service, pk=pk, institution__in=allowed)
    form = ServiceForm(request.POST or None, instance=service, institution_id=service.institution_id)
    if request.method == "POST" and form.is_valid():
        form.instance.languages = form.cleaned_data["languages_text"]
        form.save()
        messages.success(request, _("The service has been saved."))
        return redirect(f"{_reverse('success:catalogue')}?institution={service.institution.code}")
    return render(request, "success/service_form.html", {"form": form, "service": service})


def _reverse(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@requires(Capability.CHANGE_STUDENTS)
def success_settings(request: HttpRequest) -> HttpResponse:
    institution = _institution_param(request, Capability.CHANGE_STUDENTS)
    instance = SuccessSettings.objects.filter(institution=institution).first() or SuccessSettings(
        institution=institution
    )
    form = SuccessSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect(f"{_reverse('success:settings')}?institution={institution.code}")
    return render(request, "success/settings_form.html", {"form": form, "institution": institution})


# --- Outcomes (officers, coordinators, directors, ministries) ---------------------------------------------


@requires(Capability.VIEW_AGGREGATES)
def outcome_report(request: HttpRequest) -> HttpResponse:
    from django.conf import settings as django_settings

    dimension = request.GET.get("by", "sex")
    if dimension not in outcomes.DIMENSIONS:
        dimension = "sex"
    cohort = request.GET.get("cohort", "")
    report = outcomes.report_scope(request.user, request.GET.get("institution", ""))
    reach, institution_id = report.reach, report.institution_id
    table = outcomes.outcome_table(request.user, report, dimension, cohort=cohort)
    funnel = outcomes.funnel(request.user, institution_id=institution_id)
    use = outcomes.service_use(request.user, institution_id) if institution_id and not reach.suppress else []
    return render(
        request,
        "success/outcome_report.html",
        {
            "table": table,
            "outcome_chart": outcomes.outcome_chart(table),
            "funnel_chart": outcomes.funnel_chart(funnel),
            "dimension": dimension,
            "dimensions": outcomes.DIMENSIONS,
            "cohort": cohort,
            "cohorts": outcomes.cohorts_in(reach),
            "funnel": funnel,
            "service_use": use,
            "institution": report.institution,
            "threshold": django_settings.SMALL_CELL_THRESHOLD,
            "config": report.config,
        },
    )
