from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from puente.core.models import Sector
from puente.core.permissions import requires

from . import services
from .models import Programme


@requires(public=True)
def programme_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    country = request.GET.get("country", "")
    sector = request.GET.get("sector", "")
    page = Paginator(services.programmes_matching(query, country, sector), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/programme_list.html",
        {"page": page, "q": query, "country": country, "sector": sector, "sectors": Sector.objects.all()},
    )


@requires(public=True)
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.select_related("institution", "sector", "isced_field", "project"), code=code
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "competencies": programme.competencies.all()},
    )
