"""Pages of programmes: list with filters and exports, detail, create and edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from puente.core.forms import error_item
from puente.core.permissions import requires
from puente.core.roles import Capability
from puente.core.views import PAGE_SIZE, book_sourced, export_response

from . import services
from .forms import CompetencyFormSet, ProgrammeFilterForm, ProgrammeForm
from .models import Programme


@requires(public=True)
def programme_list(request: HttpRequest) -> HttpResponseBase:
    filters = ProgrammeFilterForm(request.GET or None)
    programmes = services.programmes_matching(**filters.values())
    exported = export_response(request, "programmes", *services.programme_export(programmes))
    if exported is not None:
        return exported
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/programme_list.html",
        {
            "page": page,
            "filters": filters,
            "book_source": book_sourced(page),
            "isced": any(p.isced_field_id for p in page),
            "can_add": services.can_manage_programme(request.user),
        },
    )


@requires(public=True)
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = services.programme_with_details(code)
    competencies = list(programme.competencies.all())
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "competencies": competencies,
            "esco": any(c.esco_uri for c in competencies),
            "can_manage": services.can_manage_programme(request.user, programme.institution_id),
        },
    )


def _programme_form_page(request: HttpRequest, programme: Programme | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ProgrammeForm(data, instance=programme, user=request.user)
    competencies = CompetencyFormSet(data, instance=programme or Programme(), prefix="competencies")
    if data is not None and form.is_valid() and competencies.is_valid():
        try:
            saved = services.save_programme(
                request.user, form.save(commit=False), competencies, changed=form.changed_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("programmes:programme_detail", saved.code)
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "competencies": competencies,
            "competency_errors": competency_errors(competencies) if data is not None else [],
            "programme": programme,
        },
    )


def competency_errors(formset: Any) -> list[dict[str, Any]]:
    """Errors of the competency rows for the summary, each naming its row and field."""
    items = [error_item("", m) for m in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        row = _("Competency %(number)s") % {"number": number}
        for item in form.error_list():
            label = f"{row} — {item['label']}" if item["label"] else row
            items.append(error_item(label, item["message"], item["anchor"]))
    return items


@requires(Capability.MANAGE_PROGRAMMES)
def programme_create(request: HttpRequest) -> HttpResponse:
    if not services.can_manage_programme(request.user):
        raise PermissionDenied
    return _programme_form_page(request, None)


@requires(Capability.MANAGE_PROGRAMMES)
def programme_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _programme_form_page(request, services.access_programme_for_change(request.user, code))
