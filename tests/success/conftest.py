"""Fixtures of the student-success tests: a catalogue at Instituto Andino, tina's tutor profile,
a cohort with known outcomes, and an early-alert score provider standing in for the alerts app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from puente.core.models import Campus
from puente.success import risk
from puente.success.catalogue import load_demo_catalogue
from puente.success.models import Enrolment, Service, Sex, StudentStatus, Term, TutorProfile, TutorType
from tests.factories import StudentFactory


@pytest.fixture
def catalogue(world):
    world.andino_campus = Campus.objects.create(organisation=world.andino, name="Sede Arequipa")
    load_demo_catalogue(world.andino)
    load_demo_catalogue(world.caribe)
    world.tutoring = Service.objects.get(institution=world.andino, code="peer-tutoring")
    world.mental_health = Service.objects.get(institution=world.andino, code="mental-health")
    world.caribe_service = Service.objects.get(institution=world.caribe, code="peer-tutoring")
    return world


@pytest.fixture
def cohort(world):
    """Cohort 2022-1 at Instituto Andino: 12 women (3 dropped out) and 11 men (all graduated, 10 on time)."""
    today = dt.date.today()
    terms = [
        Term.objects.create(
            institution=world.andino,
            code=f"T{i}",
            starts_on=today - dt.timedelta(days=180 * (4 - i)),
            ends_on=today - dt.timedelta(days=180 * (4 - i) - 170),
        )
        for i in range(4)
    ]
    people = []
    for i in range(12):  # 12 women: 9 still enrolled in the last terms, 3 stopped after the first
        s = StudentFactory(institution=world.andino, sex=Sex.FEMALE, cohort="2022-1", enrolled_on=terms[0].starts_on)
        for term in terms if i < 9 else terms[:1]:
            Enrolment.objects.create(student=s, term=term)
        people.append(s)
    for i in range(11):  # 11 men: all graduated, 10 on time
        s = StudentFactory(
            institution=world.andino,
            sex=Sex.MALE,
            cohort="2022-1",
            status=StudentStatus.GRADUATED,
            enrolled_on=terms[0].starts_on,
            graduated_on=terms[0].starts_on + dt.timedelta(days=700 if i < 10 else 1500),
        )
        Enrolment.objects.create(student=s, term=terms[0])
    return terms


@pytest.fixture
def tutor_profile(world):
    return TutorProfile.objects.create(
        user=world.tina, institution=world.andino, tutor_type=TutorType.PIVOT_TEACHER, capacity=5
    )


@pytest.fixture
def scores(world):
    """Rosa (a1, tina's student) is at high risk, with reasons in plain Spanish."""
    table = {
        world.a1.pk: risk.StudentRisk(
            student_id=world.a1.pk,
            probability=0.72,
            band=risk.RED,
            reasons=["aprobó 2 de 6 unidades del primer semestre", "sin actividad en Moodle desde hace 12 días"],
            change=0.08,
            scored_at=timezone.now() - dt.timedelta(days=1),
            score_id=501,
        )
    }
    risk.use_provider(lambda ids: {i: table[i] for i in ids if i in table})
    yield table
    risk.use_provider(None)


@pytest.fixture(autouse=True)
def _no_leftover_provider():
    yield
    risk.use_provider(None)
