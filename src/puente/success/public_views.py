"""MAPA-RUTA: the services map students reach from a QR code on a wall. Public, mobile-first, in
the student's language; a page per campus and per service, with "ask for an appointment"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from puente.core.models import Campus, Organisation
from puente.core.permissions import requires
from puente.core.roles import Capability
from puente.core.scoping import scope_for

from . import services
from .forms import AppointmentRequestForm
from .models import Service, ServiceCategory
from .qr import qr_svg

LANGUAGE_NAMES = {
    "es": "Español",
    "fr": "Français",
    "en": "English",
    "pt": "Português",
    "qu": "Runasimi (quechua)",
    "ay": "Aymar aru (aimara)",
    "gn": "Avañe'ẽ (guaraní)",
    "arn": "Mapudungun",
    "sgn": gettext_lazy("Sign language"),
}


def language_names(codes: list[str]) -> list[str]:
    return [str(LANGUAGE_NAMES.get(code, code)) for code in codes]


def _grouped(service_list: Any) -> list[tuple[Any, list[Service]]]:
    groups: dict[str, list[Service]] = {code: [] for code, _label in ServiceCategory.choices}
    for service in service_list:
        groups.setdefault(service.category, []).append(service)
    return [(ServiceCategory(code).label, items) for code, items in groups.items() if items]


def _institution(code: str) -> Organisation:
    institution = get_object_or_404(Organisation, code=code)
    if not Service.objects.filter(institution=institution, active=True).exists():
        raise Http404
    return institution


@requires(public=True)
def map_index(request: HttpRequest) -> HttpResponse:
    """Institutions that publish a services map."""
    institutions = (
        Organisation.objects.annotate(n=Count("student_services", filter=Q(student_services__active=True)))
        .filter(n__gt=0)
        .prefetch_related("campuses")
        .order_by("code")
    )
    return render(request, "success/map_index.html", {"institutions": institutions})


@requires(public=True)
def map_institution(request: HttpRequest, org: str, campus: int | None = None) -> HttpResponse:
    institution = _institution(org)
    campus_obj = get_object_or_404(Campus, pk=campus, organisation=institution) if campus is not None else None
    service_list = services.services_of(institution, campus=campus_obj)
    return render(
        request,
        "success/map_campus.html",
        {
            "institution": institution,
            "campus": campus_obj,
            "campuses": institution.campuses.all(),
            "groups": _grouped(service_list),
        },
    )


@requires(public=True)
def map_service(request: HttpRequest, org: str, code: str) -> HttpResponse:
    institution = _institution(org)
    service = get_object_or_404(
        Service.objects.select_related("provider_unit"), institution=institution, code=code, active=True
    )
    campus_id = request.GET.get("campus") or request.POST.get("campus")
    campus = (
        Campus.objects.filter(pk=int(campus_id or 0), organisation=institution).first()
        if str(campus_id or "").isdigit()
        else None
    )
    anonymous = (
        not request.user.is_authenticated
        or not services.Student.objects.filter(user_id=request.user.pk, institution=institution).exists()
    )
    form = AppointmentRequestForm(request.POST or None, anonymous=anonymous)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("website"):
            raise Http404  # a bot filled the trap field
        try:
            services.request_appointment(
                service,
                user=request.user,
                campus=campus,
                name=form.cleaned_data.get("name", ""),
                email=form.cleaned_data.get("email", ""),
                preferred_times=form.cleaned_data["preferred_times"],
                message=form.cleaned_data["message"],
                language=get_language() or settings.LANGUAGE_CODE,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been sent. The unit will contact you soon."))
            return redirect(reverse("mapa:service_requested", args=[institution.code, service.code]))
    return render(
        request,
        "success/map_service.html",
        {
            "institution": institution,
            "service": service,
            "campus": campus,
            "campuses": service.campuses.all() or institution.campuses.all(),
            "service_languages": language_names(service.languages),
            "form": form,
            "anonymous": anonymous,
        },
    )


@requires(public=True)
def service_requested(request: HttpRequest, org: str, code: str) -> HttpResponse:
    institution = _institution(org)
    service = get_object_or_404(Service, institution=institution, code=code, active=True)
    return render(request, "success/map_requested.html", {"institution": institution, "service": service})


@requires(Capability.VIEW_STUDENTS)
def qr_sheet(request: HttpRequest, org: str, campus: int | None = None) -> HttpResponse:
    """A printable sheet: one QR code per service (SVG inline), its name and the URL in print."""
    institution = get_object_or_404(Organisation, code=org)
    scope = scope_for(request.user)
    if not (scope.is_admin or institution.pk in scope.staff_institutions()):
        raise Http404
    campus_obj = get_object_or_404(Campus, pk=campus, organisation=institution) if campus is not None else None
    items = []
    for service in services.services_of(institution, campus=campus_obj):
        path = reverse("mapa:service", args=[institution.code, service.code])
        if campus_obj is not None:
            path += f"?campus={campus_obj.pk}"
        url = settings.SITE_URL.rstrip("/") + path
        items.append({"service": service, "url": url, "svg": qr_svg(url, title=str(service.name))})
    campus_path = (
        reverse("mapa:campus", args=[institution.code, campus_obj.pk])
        if campus_obj
        else reverse("mapa:institution", args=[institution.code])
    )
    return render(
        request,
        "success/qr_sheet.html",
        {
            "institution": institution,
            "campus": campus_obj,
            "items": items,
            "map_url": settings.SITE_URL.rstrip("/") + campus_path,
        },
    )


@requires(public=True)
def my_support(request: HttpRequest) -> HttpResponse:
    """A student's own page: their appointment requests and, only if the institution enables it,
    their own risk level with its reasons."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not scope_for(request.user).can(Capability.VIEW_OWN_RECORD):
        raise Http404
    return render(request, "success/my_support.html", services.my_support(request.user))
