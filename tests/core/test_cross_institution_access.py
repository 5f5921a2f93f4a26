"""A user of one institution cannot read, list, export or guess the ids of another's students,
by page or by API. Ministry analysts and employers see no individual at all."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.permissions import assert_page_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(db):
    def _as(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _as


def test_a_student_page_is_visible_to_its_institution_only(world, as_user):
    url = f"/es/students/{world.a1.pk}/"
    assert_page_access(
        as_user,
        url,
        allowed=[world.alice, world.tina, world.root],
        denied=[world.bob, world.mia, world.eve],
        must_not_contain="Quispe",
    )


def test_guessing_another_institutions_id_looks_like_a_missing_record(world, as_user):
    other = as_user(world.bob).get(f"/es/students/{world.a1.pk}/")
    missing = as_user(world.bob).get("/es/students/99999999/")
    assert other.status_code == missing.status_code == 404


def test_student_list_shows_only_own_institution(world, as_user):
    page = as_user(world.bob).get("/es/students/").content.decode()
    assert "Restrepo" in page
    assert "Quispe" not in page and "Mamani" not in page


def test_tutor_sees_only_their_assigned_students(world, as_user):
    page = as_user(world.tina).get("/es/students/").content.decode()
    assert "Quispe" in page
    assert "Mamani" not in page
    assert as_user(world.tina).get(f"/es/students/{world.a2.pk}/").status_code == 404


def test_ministry_analyst_and_employer_cannot_list_students(world, as_user):
    for user in (world.mia, world.eve):
        assert as_user(user).get("/es/students/").status_code == 403


def test_api_lists_only_own_institution(world, api):
    response = api(world.bob).get("/api/v1/students/")
    assert response.status_code == 200
    names = {row["family_name"] for row in response.json()["results"]}
    assert names == {"Restrepo"}


@pytest.mark.parametrize("persona", ["bob", "mia", "eve"])
def test_api_detail_of_another_institution_is_not_found(world, api, persona):
    client = api(getattr(world, persona))
    assert client.get(f"/api/v1/students/{world.a1.pk}/").status_code in {403, 404}
    assert client.get(f"/api/v1/students/{world.a1.pk}/sensitive/").status_code in {403, 404}


def test_api_cannot_create_a_student_in_another_institution(world, api):
    response = api(world.bob).post(
        "/api/v1/students/",
        {"institution": "pe-andino", "external_id": "X-1", "given_name": "Intrusa", "family_name": "Falsa"},
        format="json",
    )
    assert response.status_code == 400
    assert "institution" in response.json()
    from puente.success.models import Student

    assert not Student.objects.filter(external_id="X-1").exists()


def test_api_cannot_move_a_student_through_patch(world, api):
    response = api(world.bob).patch(f"/api/v1/students/{world.a1.pk}/", {"family_name": "Hack"}, format="json")
    assert response.status_code == 404
    world.a1.refresh_from_db()
    assert world.a1.family_name == "Quispe"


def test_a_student_sees_only_their_own_record_through_the_api(world, api):
    rows = api(world.sam).get("/api/v1/students/")
    assert rows.status_code == 403  # students have no "view students" capability


def test_anonymous_api_is_refused(world, api):
    assert api().get("/api/v1/students/").status_code in {401, 403}
