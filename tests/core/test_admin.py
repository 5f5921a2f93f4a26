"""The Django admin lists the registry for administrators, and no one else."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "core/organisation",
    "core/campus",
    "core/project",
    "core/country",
    "core/membership",
    "core/auditevent",
    "programmes/programme",
    "programmes/competency",
    "programmes/iscedfield",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_administrators_browse_and_search(world, client, model):
    client.force_login(world.root)
    assert client.get(f"/es/admin/{model}/").status_code == 200
    assert client.get(f"/es/admin/{model}/?q=andino").status_code == 200


def test_the_audit_log_cannot_be_edited_in_the_admin(world, client):
    client.force_login(world.root)
    assert client.get("/es/admin/core/auditevent/add/").status_code == 403


def test_staff_of_an_institution_do_not_enter_the_admin(world, client):
    client.force_login(world.alice)
    response = client.get("/es/admin/core/organisation/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
