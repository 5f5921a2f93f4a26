"""Fixtures of the student-success tests: a catalogue at Instituto Andino, tina's tutor profile,
and an early-alert score provider standing in for the alerts app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from puente.core.models import Campus
from puente.success import risk
from puente.success.catalogue import load_demo_catalogue
from puente.success.models import Service, TutorProfile, TutorType


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
