"""Student records: the workflows pages and the API share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from puente.core.roles import Capability
from puente.core.scoping import AnyUser, access_by_id, scope_for

from .models import Student


def access_student_by_id(user: AnyUser | None, student_id: Any, *, sensitive: bool = False) -> Student:
    """The one way to fetch a student for a user: 404 outside their scope; sensitive reads audited."""
    queryset = Student.objects.select_related("institution", "programme", "campus", "tutor")
    return access_by_id(Student, user, student_id, sensitive=sensitive, queryset=queryset)


def students_for(user: AnyUser | None) -> Any:
    return Student.objects.visible_to(user).select_related("institution", "programme", "campus")


def _check_consistency(student: Student) -> None:
    errors: dict[str, str] = {}
    if (
        student.programme_id
        and student.programme.institution_id != student.institution_id
        and not (student.programme.also_offered_by.filter(pk=student.institution_id).exists())
    ):
        errors["programme"] = _("This programme is not offered by the student's institution.")
    if student.campus_id and student.campus.organisation_id != student.institution_id:
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
