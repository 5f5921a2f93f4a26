"""Pages of the registry: home, login, dashboard, organisations and campuses, projects,
countries, audit log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from puente.lib import exports

from . import services
from .dashboards import panels_for
from .forms import (
    AuditFilterForm,
    CampusForm,
    LoginForm,
    OrganisationFilterForm,
    OrganisationForm,
    ProjectFilterForm,
)
from .models import Campus, Country, DemoAccount, Organisation, OrganisationKind, Project
from .permissions import requires
from .roles import Capability

PAGE_SIZE = 50


def book_sourced(records: Iterable[Any]) -> bool:
    """True when a record on the page comes from the EPE-AP book (its source is a page locator)."""
    return any(str(getattr(r, "source", "")).startswith("p. ") for r in records)


def export_response(
    request: HttpRequest, name: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]
) -> HttpResponseBase | None:
    """CSV or Excel when the request asks for it (``?format=csv|xlsx``), else None."""
    fmt = request.GET.get("format", "")
    header = [str(h) for h in header]
    if fmt == "csv":
        return exports.csv_response(f"{name}.csv", header, rows)
    if fmt == "xlsx":
        return exports.xlsx_response(f"{name}.xlsx", header, rows)
    return None


# --- home, login, dashboard --------------------------------------------------------------------


@requires(public=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "demo_accounts": services.demo_accounts(),
            "institution_counts": services.institution_counts_by_country(),
            "project_count": Project.objects.count(),
            "organisation_count": Organisation.objects.count(),
            "demo_loaded": Project.objects.filter(source__startswith="p. ").exists(),
        },
    )


@requires(public=True)
@require_POST
def demo_login(request: HttpRequest) -> HttpResponse:
    if not settings.DEMO_LOGIN:
        raise Http404
    account = get_object_or_404(DemoAccount.objects.select_related("user"), pk=request.POST.get("account"))
    login(request, account.user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("core:dashboard")


login_view = requires(public=True)(
    auth_views.LoginView.as_view(template_name="core/login.html", authentication_form=LoginForm)
)
logout_view = requires(public=True)(auth_views.LogoutView.as_view())


@requires()
def dashboard(request: HttpRequest) -> HttpResponse:
    """One page per person, made of the panels their roles may see (core.dashboards)."""
    return render(request, "core/dashboard.html", {"panels": panels_for(request)})


# --- organisations and campuses ----------------------------------------------------------------


@requires(public=True)
def organisation_list(request: HttpRequest) -> HttpResponseBase:
    filters = OrganisationFilterForm(request.GET or None)
    organisations = services.organisations_matching(**filters.values())
    header, rows = services.organisation_export(organisations)
    exported = export_response(request, "organisations", header, rows)
    if exported is not None:
        return exported
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/organisation_list.html",
        {
            "page": page,
            "filters": filters,
            "book_source": book_sourced(page),
            "can_add": services.can_manage_organisation(request.user),
        },
    )


@requires(public=True)
def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("country", "parent", "subdivision"), code=code)
    roles = organisation.project_roles.select_related("project").order_by("project__code")
    # Programmes live in a domain app; reach them through the reverse relation, not an import.
    programmes = getattr(organisation, "programmes", None)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "campuses": organisation.campuses.select_related("subdivision"),
            "units": organisation.children.order_by("code"),
            "project_roles": roles,
            "programmes": programmes.select_related("sector").order_by("code") if programmes is not None else [],
            "can_manage": services.can_manage_organisation(request.user, organisation),
        },
    )


def _organisation_form_page(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_organisation(request.user, form.save(commit=False), form.changed_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("core:organisation_detail", saved.code)
    return render(request, "core/organisation_form.html", {"form": form, "organisation": organisation})


@requires(Capability.MANAGE_REGISTRY)
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not services.can_manage_organisation(request.user):
        raise PermissionDenied
    return _organisation_form_page(request, None)


@requires(Capability.MANAGE_REGISTRY)
def organisation_edit(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, code=code)
    if not services.can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    return _organisation_form_page(request, organisation)


def _campus_form_page(request: HttpRequest, organisation: Organisation, campus: Campus | None) -> HttpResponse:
    if not services.can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    form = CampusForm(request.POST or None, instance=campus, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        instance.organisation = organisation
        try:
            services.save_campus(request.user, instance, form.changed_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The campus was saved."))
            return redirect("core:organisation_detail", organisation.code)
    return render(request, "core/campus_form.html", {"form": form, "organisation": organisation, "campus": campus})


@requires(Capability.MANAGE_REGISTRY)
def campus_create(request: HttpRequest, code: str) -> HttpResponse:
    return _campus_form_page(request, get_object_or_404(Organisation, code=code), None)


@requires(Capability.MANAGE_REGISTRY)
def campus_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, code=code)
    return _campus_form_page(request, organisation, get_object_or_404(Campus, pk=pk, organisation=organisation))


# --- projects ----------------------------------------------------------------------------------


@requires(public=True)
def project_list(request: HttpRequest) -> HttpResponseBase:
    filters = ProjectFilterForm(request.GET or None)
    projects = services.projects_matching(**filters.values())
    exported = export_response(request, "projects", *services.project_export(projects))
    if exported is not None:
        return exported
    return render(
        request,
        "core/project_list.html",
        {"projects": projects, "filters": filters, "book_source": book_sourced(projects)},
    )


@requires(public=True)
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = services.project_with_partners(code)
    if project is None:
        raise Http404
    partners = list(project.partners.all())
    programmes = getattr(project, "programmes", None)
    return render(
        request,
        "core/project_detail.html",
        {
            "project": project,
            "canadian_partners": [p for p in partners if p.side == "canadian"],
            "ap_partners": [p for p in partners if p.side != "canadian"],
            "programmes": programmes.select_related("institution").order_by("code") if programmes is not None else [],
        },
    )


# --- countries ---------------------------------------------------------------------------------


@requires(public=True)
def country_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/country_list.html", {"countries": services.countries_overview()})


@requires(public=True)
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    organisations = country.organisations.order_by("kind", "code")
    by_kind: dict[str, dict[str, Any]] = {}
    labels = dict(OrganisationKind.choices)
    for organisation in organisations:
        group = by_kind.setdefault(
            organisation.kind, {"label": labels.get(organisation.kind, organisation.kind), "items": []}
        )
        group["items"].append(organisation)
    projects = Project.objects.filter(country=country).order_by("code")
    partnered = (
        Project.objects.filter(partners__organisation__country=country)
        .exclude(country=country)
        .distinct()
        .order_by("code")
    )
    return render(
        request,
        "core/country_detail.html",
        {
            "country": country,
            "groups": list(by_kind.values()),
            "projects": projects,
            "partnered_projects": partnered,
            "subdivision_count": country.subdivisions.count(),
        },
    )


# --- audit log ---------------------------------------------------------------------------------


@requires(Capability.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponseBase:
    filters = AuditFilterForm(request.GET or None, object_types=services.audit_object_types())
    events = services.audit_events(**filters.values())
    if request.GET.get("format") == "csv":
        services.record_export(request.user, "core.auditevent", events.count())
        return exports.csv_response("audit.csv", *services.audit_export(events))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page, "filters": filters})
