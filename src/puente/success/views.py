from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from puente.core.permissions import requires
from puente.core.roles import Capability
from puente.lib.text import search_key

from .services import access_student_by_id, students_for


@requires(Capability.VIEW_STUDENTS)
def student_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    students = students_for(request.user)
    for word in search_key(query).split():
        students = students.filter(family_name__icontains=word) | students.filter(external_id__iexact=word)
    page = Paginator(students, 50).get_page(request.GET.get("page"))
    return render(request, "success/student_list.html", {"page": page, "q": query})


@requires(Capability.VIEW_STUDENTS)
def student_detail(request: HttpRequest, pk: int) -> HttpResponse:
    show_sensitive = request.GET.get("sensitive") == "1"
    student = access_student_by_id(request.user, pk, sensitive=show_sensitive)
    return render(request, "success/student_detail.html", {"student": student, "show_sensitive": show_sensitive})
