"""Students never see their own risk score unless their institution enables it."""

from __future__ import annotations

import pytest

from puente.success.models import SuccessSettings

pytestmark = pytest.mark.django_db


def test_a_student_does_not_see_their_risk_by_default(world, scores, login, client):
    login(world.sam)
    page = client.get("/es/services/me/").content.decode()
    assert "aprobó 2 de 6" not in page
    assert "Riesgo alto" not in page and "High risk" not in page


def test_a_student_sees_their_risk_when_the_institution_enables_it(world, scores, login, client):
    SuccessSettings.objects.create(institution=world.andino, show_risk_to_students=True)
    login(world.sam)
    page = client.get("/es/services/me/").content.decode()
    assert "aprobó 2 de 6 unidades del primer semestre" in page


def test_my_support_needs_a_student_record(world, login, client):
    login(world.alice)
    assert client.get("/es/services/me/").status_code == 404
    assert client.get("/es/services/me/", follow=False).status_code == 404
    client.logout()
    assert client.get("/es/services/me/").status_code == 302
