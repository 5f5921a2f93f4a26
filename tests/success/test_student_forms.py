"""Student create and edit pages go through success.services.save_student, with field errors in
the reader's language."""

from __future__ import annotations

import pytest

from puente.success.models import Student

pytestmark = pytest.mark.django_db


def test_an_officer_adds_a_student(world, login, client):
    login(world.alice)
    response = client.post(
        "/es/students/new/",
        {
            "external_id": "A-100",
            "given_name": "Nina",
            "family_name": "Ccori",
            "sex": "F",
            "status": "enrolled",
            "programme": world.andino_programme.pk,
        },
    )
    assert response.status_code == 302
    assert Student.objects.get(external_id="A-100").institution == world.andino


def test_errors_are_translated(world, login, client):
    login(world.alice)
    response = client.post(
        "/es/students/new/",
        {
            "external_id": "",
            "given_name": "Nina",
            "family_name": "Ccori",
            "status": "enrolled",
            "enrolled_on": "2024-03-01",
            "graduated_on": "2023-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Este campo es requerido." in page
    french = client.post(
        "/fr/students/new/", {"given_name": "Nina", "family_name": "Ccori", "status": "enrolled"}
    ).content.decode()
    assert "Ce champ est obligatoire." in french


def test_the_graduation_date_rule_of_save_student_shows_on_the_form(world, login, client):
    login(world.alice)
    response = client.post(
        f"/es/students/{world.a2.pk}/edit/",
        {
            "external_id": "A-002",
            "given_name": "Luis",
            "family_name": "Mamani",
            "status": "graduated",
            "enrolled_on": "2024-03-01",
            "graduated_on": "2023-01-01",
        },
    )
    assert response.status_code == 200
    world.a2.refresh_from_db()
    assert world.a2.graduated_on is None


def test_tutors_and_other_institutions_cannot_edit(world, login, client):
    login(world.tina)
    assert client.get(f"/es/students/{world.a1.pk}/edit/").status_code == 403
    login(world.bob)
    assert client.get(f"/es/students/{world.a1.pk}/edit/").status_code == 404
    assert client.post(f"/es/students/{world.a1.pk}/edit/", {"family_name": "Hack"}).status_code == 404


def test_the_tutor_list_costs_a_fixed_number_of_queries(
    world, catalogue, tutor_profile, scores, login, client, django_assert_max_num_queries
):
    from tests.factories import StudentFactory

    for _ in range(30):
        StudentFactory(institution=world.andino, tutor=world.tina)
    login(world.tina)
    client.get("/es/students/week/")  # warm caches (scope, menu)
    with django_assert_max_num_queries(14):
        assert client.get("/es/students/week/").status_code == 200
