"""Imports of enrolment records through the one tabular mechanism: errors name the row and the
column in Spanish, nothing is half-written, re-importing changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from puente.lib import tabular as t
from puente.success.models import AttendanceRecord, CourseResult, Enrolment, LmsAccount, LmsActivity, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "table.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def terms(world):
    return [
        Term.objects.create(
            institution=world.andino, code="2024-1", starts_on=dt.date(2024, 3, 1), ends_on=dt.date(2024, 7, 31)
        ),
        Term.objects.create(
            institution=world.andino, code="2024-2", starts_on=dt.date(2024, 8, 1), ends_on=dt.date(2024, 12, 20)
        ),
        Term.objects.create(
            institution=world.caribe, code="2024-1", starts_on=dt.date(2024, 2, 1), ends_on=dt.date(2024, 6, 30)
        ),
    ]


def _run(slug, path, world, **kwargs):
    return t.run_import(t.get_spec(slug), path, organisation=world.andino, user=world.alice, write=True, **kwargs)


ENROLMENTS = (
    "matrícula;periodo;semestre;estado\nA-001;2024-1;1;activo\nA-001;2024-2;2;activo\nA-002;2024-1;1;retirado\n"
)


def test_enrolments_import_and_reimport_changes_nothing(world, terms, write):
    path = write(ENROLMENTS)
    first = _run("enrolments", path, world)
    assert first.ok and first.created == 3
    assert Enrolment.objects.filter(student=world.a1).count() == 2
    assert Enrolment.objects.get(student=world.a2).status == "withdrawn"
    again = _run("enrolments", path, world)
    assert again.ok and again.created == 0 and again.updated == 0 and again.unchanged == 3


def test_an_error_names_row_and_column_in_spanish_and_nothing_is_written(world, terms, write):
    path = write("matrícula;periodo;semestre\nA-001;2024-1;1\nB-001;2024-1;1\nA-002;2099-9;x\n")
    with translation.override("es"):
        outcome = _run("enrolments", path, world)
        sentences = [p.sentence() for p in outcome.errors]
    assert not outcome.ok and not outcome.committed
    assert Enrolment.objects.count() == 0  # all or nothing: the valid first row is not kept either
    rows = {(p.row, p.column) for p in outcome.errors}
    assert (3, "matrícula") in rows  # Ana Restrepo belongs to Instituto Caribe: not found here
    assert (4, "periodo") in rows and (4, "semestre") in rows
    # The wording (Spanish once lib's catalogue is compiled) names the row, the column and the value.
    assert any("3" in s and "matrícula" in s and "B-001" in s for s in sentences), sentences


def test_course_results_and_attendance(world, terms, write):
    results = write(
        "matrícula,periodo,curso,nota,aprobado,fecha\nA-001,2024-1,MEC-101,14.5,sí,2024-07-20\nA-001,2024-1,MEC-102,8,no,2024-07-20\n"
    )
    assert _run("course-results", results, world).ok
    assert CourseResult.objects.get(course_code="MEC-102").passed is False
    attendance = write("matrícula,fecha,curso,asistió\nA-001,2024-03-04,MEC-101,1\nA-001,2024-03-05,MEC-101,0\n")
    outcome = _run("attendance", attendance, world)
    assert outcome.ok and AttendanceRecord.objects.filter(present=False).count() == 1
    assert _run("attendance", attendance, world).unchanged == 2


MOODLE_ACCOUNTS = (
    "id,full name,email,idnumber\n101,Rosa Quispe,rosa@example.org,A-001\n102,Luis Mamani,luis@example.org,\n"
)
MOODLE_LOG = (
    "Time,User full name,Affected user,Event context,Component,Event name,Description,Origin,IP address\n"
    "\"4/03/24, 10:15\",Rosa Quispe,-,Course: Mecánica I,System,Course viewed,The user with id '101' viewed the course with id '7'.,web,10.0.0.1\n"
    "\"4/03/24, 10:15\",Rosa Quispe,-,Course: Mecánica I,System,Course viewed,The user with id '101' viewed the course with id '7'.,web,10.0.0.1\n"
    "\"5/03/24, 08:02\",Luis Mamani,-,Course: Mecánica I,File submissions,A file has been uploaded.,The user with id '102' has uploaded a file.,web,10.0.0.2\n"
)


def test_the_moodle_standard_log_reaches_students_through_their_accounts(world, write):
    world.a2.email = "luis@example.org"
    world.a2.save()
    accounts = _run("lms-accounts", write(MOODLE_ACCOUNTS), world)
    assert accounts.ok, [p.sentence() for p in accounts.errors]
    assert dict(LmsAccount.objects.values_list("lms_user_id", "student_id")) == {"101": world.a1.pk, "102": world.a2.pk}
    log = write(MOODLE_LOG)
    first = _run("moodle-log", log, world)
    assert first.ok, [p.sentence() for p in first.errors]
    assert LmsActivity.objects.filter(student=world.a1).count() == 2  # two identical lines, two views
    assert LmsActivity.objects.filter(student=world.a2, component="File submissions").exists()
    assert not LmsActivity.objects.exclude(description="").filter(description__contains="10.0.0").exists()
    again = _run("moodle-log", log, world)
    assert again.ok and again.created == 0 and LmsActivity.objects.count() == 3


def test_an_unknown_moodle_user_is_reported_with_its_row(world, write):
    outcome = _run("moodle-log", write(MOODLE_LOG), world)
    assert not outcome.ok and LmsActivity.objects.count() == 0
    assert {(p.row, p.column) for p in outcome.errors} >= {(2, "User full name"), (4, "User full name")}


def test_the_importer_cannot_reach_another_institutions_students(world, terms, write):
    outcome = t.run_import(
        t.get_spec("enrolments"),
        write("matrícula,periodo\nA-001,2024-1\n"),
        organisation=world.caribe,
        user=world.bob,
        write=True,
    )
    assert not outcome.ok and Enrolment.objects.count() == 0
