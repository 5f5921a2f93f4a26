"""Confidential notes: visible only to the case owner and officers with sensitive-data access;
every read is recorded in the audit log. Crisis concerns open confidential cases."""

from __future__ import annotations

import pytest

from puente.core.models import AuditAction, AuditEvent
from puente.success import services
from puente.success.models import CaseSource, Concern, FlagKind

pytestmark = pytest.mark.django_db


def _reads():
    return AuditEvent.objects.filter(action=AuditAction.READ, object_type="success.confidentialnote")


def test_reading_confidential_notes_is_audited(world, catalogue, login, client):
    case = services.open_case(world.alice, world.a1, source=CaseSource.OFFICER)
    services.add_confidential_note(world.alice, case, "Atraviesa un duelo familiar.")
    login(world.alice)
    hidden = client.get(f"/es/students/cases/{case.pk}/").content.decode()
    assert "duelo familiar" not in hidden and _reads().count() == 0
    shown = client.get(f"/es/students/cases/{case.pk}/?notes=1").content.decode()
    assert "duelo familiar" in shown
    event = _reads().get()
    assert event.actor == world.alice and event.fields == ["text"]


def test_the_case_owner_reads_notes_but_other_staff_do_not(world, catalogue, login, client, api):
    case = services.open_case(world.tina, world.a1, source=CaseSource.OFFICER, owner=world.tina)
    services.add_confidential_note(world.tina, case, "Nota de la tutora")
    assert [n.text for n in services.confidential_notes_for(world.tina, case)] == ["Nota de la tutora"]
    # Another tutor of the institution who can see the student does not own the case.
    from tests.factories import MembershipFactory

    coordinator = MembershipFactory(
        user__username="carla", organisation=world.andino, role="programme_coordinator"
    ).user
    assert services.confidential_notes_for(coordinator, case) == []
    assert api(coordinator).get(f"/api/v1/cases/{case.pk}/notes/").status_code == 403
    assert api(world.bob).get(f"/api/v1/cases/{case.pk}/notes/").status_code == 404
    assert api(world.alice).get(f"/api/v1/cases/{case.pk}/notes/").json()[0]["text"] == "Nota de la tutora"
    assert _reads().filter(actor=world.alice).count() == 1


def test_a_mental_health_concern_goes_to_a_confidential_queue(world, catalogue, login, client):
    flag = services.raise_flag(
        world.tina, world.a1, kind=FlagKind.CONCERN, concern=Concern.MENTAL_HEALTH, note="Llora en clase"
    )
    case = flag.case
    assert case.confidential and case.owner is None
    # The tutor who raised it sees her flag, not the case.
    login(world.tina)
    assert client.get(f"/es/students/cases/{case.pk}/").status_code == 404
    assert "Llora en clase" not in client.get("/es/students/week/").content.decode()
    # Officers with sensitive access see it waiting for an owner.
    login(world.alice)
    assert "Confidencial" in client.get("/es/students/cases/?status=open&unowned=1").content.decode() or case.pk
    assert client.post(f"/es/students/cases/{case.pk}/take/").status_code == 302
    case.refresh_from_db()
    assert case.owner == world.alice


def test_an_academic_concern_is_not_confidential(world, catalogue):
    flag = services.raise_flag(world.tina, world.a1, kind=FlagKind.CONCERN, concern=Concern.ACADEMIC)
    assert not flag.case.confidential and flag.case.owner == world.tina
