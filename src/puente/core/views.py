"""Pages of the registry: home, login, dashboard, organisations, projects, audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import AuditAction, DemoAccount, Organisation, OrganisationKind, Project
from .permissions import requires
from .roles import Capability
from .scoping import scope_for


@requires(public=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "demo_accounts": services.demo_accounts(),
            "institution_counts": services.institution_counts_by_country(),
            "project_count": Project.objects.count(),
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


login_view = requires(public=True)(auth_views.LoginView.as_view(template_name="core/login.html"))
logout_view = requires(public=True)(auth_views.LogoutView.as_view())


@requires()
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    memberships = request.user.memberships.select_related("organisation", "organisation__country")  # type: ignore[union-attr]
    return render(request, "core/dashboard.html", {"memberships": memberships, "scope": scope})


@requires(public=True)
def organisation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    country = request.GET.get("country", "")
    page = Paginator(services.organisations_matching(query, kind, country), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/organisation_list.html",
        {"page": page, "q": query, "kind": kind, "country": country, "kinds": OrganisationKind.choices},
    )


@requires(public=True)
def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("country", "parent"), code=code)
    roles = organisation.project_roles.select_related("project")
    return render(
        request,
        "core/organisation_detail.html",
        {"organisation": organisation, "project_roles": roles, "programmes": organisation.programmes.all()},
    )


@requires(public=True)
def project_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/project_list.html", {"projects": services.projects_overview()})


@requires(public=True)
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("country").prefetch_related("themes", "sectors"), code=code
    )
    partners = project.partners.select_related("organisation", "organisation__country")
    return render(
        request,
        "core/project_detail.html",
        {"project": project, "partners": partners, "programmes": project.programmes.select_related("institution")},
    )


@requires(Capability.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    actor = request.GET.get("actor", "").strip()
    events = services.audit_events(action=action, actor=actor)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.html",
        {"page": page, "action": action, "actor": actor, "actions": AuditAction.choices},
    )
