"""Dashboard panels about students (registered in SuccessConfig.dashboard_panels).

Aggregate roles get protected counts only (core.aggregates, small cells hidden); institution
staff get exact counts of the students they may already see; a student gets their own record.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from puente.core.aggregates import Dimension, count_by
from puente.core.dashboards import Panel, PanelContext, aggregate_readers, institution_staff, students
from puente.core.scoping import Scope

from .models import Sex, Student, StudentStatus

SEX = Dimension("sex", _("Sex"), choices=Sex.choices)
# Hide institution totals rather than the counts of women and men (gender equality first).
SEXES_SHOWN = (Sex.FEMALE, Sex.MALE)


def _national_students(request: HttpRequest, scope: Scope) -> PanelContext | None:
    enrolled = count_by(
        Student.objects.filter(status=StudentStatus.ENROLLED),
        Dimension("institution", _("Institution"), label_field="institution__name"),
        SEX,
        user=request.user,
        country_field="institution__country",
        keep_visible=SEXES_SHOWN,
        title=_("Enrolled students by institution and sex"),
        value_title=_("Students"),
    )
    graduates = count_by(
        Student.objects.filter(status=StudentStatus.GRADUATED),
        Dimension("programme__sector", _("Sector"), label_field="programme__sector__name"),
        SEX,
        user=request.user,
        country_field="institution__country",
        keep_visible=SEXES_SHOWN,
        title=_("Graduates by programme sector and sex"),
        value_title=_("Graduates"),
    )
    charts = [t.chart(dom_id=f"chart-{key}") for key, t in (("enrolled", enrolled), ("graduates", graduates))]
    return {
        "intro": _("Counts of people, never individual records. Counts below the privacy threshold are hidden."),
        "charts": charts,
    }


def _institution_students(request: HttpRequest, scope: Scope) -> PanelContext | None:
    # Staff may read these students one by one, so exact counts are no disclosure.
    visible = Student.objects.visible_to(request.user)
    by_programme = count_by(
        visible.filter(status=StudentStatus.ENROLLED),
        Dimension("programme", _("Programme"), label_field="programme__title"),
        SEX,
        already_scoped=True,
        threshold=0,
        title=_("Enrolled students by programme and sex"),
        value_title=_("Students"),
    )
    by_status = count_by(
        visible,
        Dimension("status", _("Status"), choices=StudentStatus.choices),
        already_scoped=True,
        threshold=0,
        title=_("Students by status"),
        value_title=_("Students"),
    )
    if by_status.total.value == 0:
        return {"intro": _("No students are visible to you yet."), "charts": []}
    return {
        "charts": [
            by_programme.chart(dom_id="chart-students-by-programme"),
            by_status.chart(dom_id="chart-students-by-status"),
        ]
    }


def _own_record(request: HttpRequest, scope: Scope) -> PanelContext | None:
    if scope.user_id is None:
        return None
    record = Student.objects.filter(user_id=scope.user_id).select_related("institution", "programme", "campus").first()
    if record is None:
        return {"intro": _("No student record is linked to your account yet."), "facts": []}
    return {
        "facts": [
            (_("Name"), str(record)),
            (_("Institution"), str(record.institution)),
            (_("Programme"), str(record.programme) if record.programme else None),
            (_("Campus"), str(record.campus) if record.campus else None),
            (_("Cohort"), record.cohort or None),
            (_("Status"), record.get_status_display()),
            (_("Entry date"), record.enrolled_on),
            (_("Graduation date"), record.graduated_on),
        ]
    }


PANELS = [
    Panel("own_record", _("Your student record"), "core/panels/facts.html", _own_record, students, order=15),
    Panel(
        "institution_students",
        _("Your students"),
        "core/panels/charts.html",
        _institution_students,
        institution_staff,
        order=30,
    ),
    Panel(
        "national_students",
        _("Students and graduates"),
        "core/panels/charts.html",
        _national_students,
        aggregate_readers,
        order=30,
    ),
]
