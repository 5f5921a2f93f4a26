"""Whoever raised a flag is told how it was resolved; kudos are recorded without a case."""

from __future__ import annotations

import pytest
from django.core import mail

from puente.success import services
from puente.success.models import Concern, FlagKind

pytestmark = pytest.mark.django_db


def test_the_raiser_is_told_the_outcome_when_the_case_closes(world, catalogue, login, client):
    world.tina.email = "tina@example.org"
    world.tina.save()
    login(world.tina)
    response = client.post(
        f"/es/students/{world.a1.pk}/flag/", {"kind": "concern", "concern": "attendance", "note": "Faltó 3 semanas"}
    )
    assert response.status_code == 302
    flag = world.a1.flags.get()
    login(world.alice)
    client.post(f"/es/students/cases/{flag.case_id}/close/", {"outcome": "resolved", "note": "Cambió de turno"})
    flag.refresh_from_db()
    assert flag.resolved_at is not None and "Cambió de turno" in flag.resolution
    assert mail.outbox and mail.outbox[-1].to == ["tina@example.org"]
    login(world.tina)
    assert "Cambió de turno" in client.get("/es/students/flags/").content.decode()


def test_a_confidential_outcome_tells_only_the_outcome(world, catalogue):
    flag = services.raise_flag(world.tina, world.a1, kind=FlagKind.CONCERN, concern=Concern.SAFETY)
    services.close_case(world.alice, flag.case, outcome="resolved", note="Detalle privado de la atención")
    flag.refresh_from_db()
    assert "Detalle privado" not in flag.resolution and flag.resolution


def test_kudos_open_no_case(world, catalogue):
    flag = services.raise_flag(world.tina, world.a1, kind=FlagKind.KUDOS, note="Excelente proyecto")
    assert flag.case is None and not world.a1.cases.exists()


def test_a_concern_needs_a_topic(world, catalogue, login, client):
    login(world.tina)
    response = client.post(f"/es/students/{world.a1.pk}/flag/", {"kind": "concern", "concern": ""})
    assert response.status_code == 200
    assert (
        "Indica de qué se trata la preocupación" in response.content.decode() or "concern" in response.content.decode()
    )
    assert not world.a1.flags.exists()


def test_a_second_concern_joins_the_open_case(world, catalogue):
    first = services.raise_flag(world.tina, world.a1, kind=FlagKind.CONCERN, concern=Concern.ACADEMIC)
    second = services.raise_flag(world.alice, world.a1, kind=FlagKind.CONCERN, concern=Concern.ATTENDANCE)
    assert first.case_id == second.case_id
