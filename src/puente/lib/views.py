from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from puente.core.permissions import requires
from puente.core.roles import Capability


@requires(Capability.IMPORT_DATA)
def import_list(request: HttpRequest) -> HttpResponse:
    return render(request, "lib/import_list.html", {})
