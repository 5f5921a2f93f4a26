"""``puente demo``: --if-empty leaves a loaded database alone; the same seed gives the same people."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from puente.core.models import Organisation, Project
from puente.demo import people
from puente.demo.services import database_is_empty
from puente.demo.synthetic import SYNTHETIC_PREFIX
from puente.employment.models import Vacancy
from puente.success.models import CourseResult, Enrolment, Student

from .conftest import TEST_SCALE, TEST_SEED


def _people():
    return list(
        Student.objects.filter(external_id__startswith=SYNTHETIC_PREFIX)
        .order_by("external_id")
        .values_list("external_id", "given_name", "family_name", "sex", "birth_date", "status", "programme__code")
    )


def test_if_empty_does_nothing_on_a_loaded_database(demo, db):
    before = (Organisation.objects.count(), Student.objects.count(), Project.objects.count())
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "already" in out.getvalue()
    assert (Organisation.objects.count(), Student.objects.count(), Project.objects.count()) == before
    assert not database_is_empty()


def test_the_synthetic_people_are_there(demo, db):
    assert Student.objects.filter(external_id__startswith=SYNTHETIC_PREFIX).count() == TEST_SCALE.students
    assert Enrolment.objects.count() == demo.counts["enrolments"]
    assert CourseResult.objects.count() == demo.counts["course results"]
    assert Vacancy.objects.count() == TEST_SCALE.vacancies
    assert Vacancy.objects.filter(employer__code="DEMO-PE-MINERA").exists()
    assert Student.objects.filter(status="graduated").exists()


def test_regenerating_with_the_same_seed_gives_the_same_people(demo, db):
    before = _people()
    counts = {m.__name__: m.objects.count() for m in (Student, Enrolment, CourseResult, Vacancy)}
    people.delete_synthetic_people()
    assert not Student.objects.filter(external_id__startswith=SYNTHETIC_PREFIX).exists()
    people.write_students(TEST_SCALE, TEST_SEED)
    people.write_employers_and_vacancies(TEST_SCALE, TEST_SEED)
    assert _people() == before
    assert Student.objects.count() == counts["Student"]
    assert Enrolment.objects.count() == counts["Enrolment"]
    assert CourseResult.objects.count() == counts["CourseResult"]
