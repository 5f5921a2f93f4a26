"""MAPA-RUTA: public pages per campus and per service in the student's language, appointment
requests, the printable QR sheet (one code per service), and the 41-service demo catalogue."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from puente.success.catalogue import load_demo_catalogue
from puente.success.models import Appointment, Service, ServiceCategory

pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_follows_the_b09_guide(world):
    assert load_demo_catalogue(world.andino) == 41
    assert load_demo_catalogue(world.andino) == 41  # idempotent
    services = Service.objects.filter(institution=world.andino)
    assert services.count() == 41
    assert Counter(services.values_list("category", flat=True)) == {
        ServiceCategory.ACADEMIC: 18,
        ServiceCategory.HEALTH: 2,
        ServiceCategory.STUDENT_LIFE: 9,
        ServiceCategory.EMPLOYABILITY: 12,
    }
    assert set(services.values_list("level", flat=True)) == {1, 2, 3, 4, 5}
    for service in services:
        assert all(service.name.get(code) for code in ("es", "fr", "en"))
        assert service.provider_unit.kind == "institutional_unit"
    assert set(services.exclude(crisis_route="").values_list("crisis_route", flat=True)) == {
        "mental_health",
        "disability",
        "safety",
    }


@pytest.mark.parametrize(
    ("language", "expected"), [("es", "Tutoría entre pares"), ("fr", "Tutorat par les pairs"), ("en", "Peer tutoring")]
)
def test_the_campus_page_speaks_the_students_language(world, catalogue, client, language, expected):
    response = client.get(f"/{language}/services/pe-andino/campus/{catalogue.andino_campus.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    assert f'<html lang="{language}"' in page


def test_a_service_page_shows_how_to_request_and_accessibility(world, catalogue, client):
    page = client.get("/es/services/pe-andino/mental-health/").content.decode()
    assert "Salud mental y apoyo psicológico" in page
    assert "Lengua de señas" in page or "Sign language" in page
    assert "confidencial" in page.lower()
    assert 'for="id_name"' in page and 'for="id_email"' in page


def test_an_anonymous_visitor_asks_for_an_appointment_with_name_and_email(world, catalogue, client):
    url = "/es/services/pe-andino/peer-tutoring/"
    missing = client.post(url, {"preferred_times": "martes"})
    assert missing.status_code == 200 and not Appointment.objects.exists()
    response = client.post(
        url,
        {
            "name": "Rosa Q.",
            "email": "rosa@example.org",
            "preferred_times": "martes",
            "campus": catalogue.andino_campus.pk,
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.requester_email == "rosa@example.org" and appointment.student is None
    assert appointment.campus == catalogue.andino_campus and appointment.language == "es"


def test_a_logged_in_student_asks_without_typing_their_details(world, catalogue, login, client):
    login(world.sam)
    response = client.post("/fr/services/pe-andino/peer-tutoring/", {"message": "Aide en maths"})
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.student == world.a1 and appointment.language == "fr"


def test_the_honeypot_stops_bots(world, catalogue, client):
    response = client.post(
        "/es/services/pe-andino/peer-tutoring/", {"name": "x", "email": "x@example.org", "website": "spam"}
    )
    assert response.status_code == 404 and not Appointment.objects.exists()


def test_the_qr_sheet_has_one_code_per_service_with_name_and_url(world, catalogue, login, client):
    login(world.alice)
    page = client.get(f"/es/services/pe-andino/campus/{catalogue.andino_campus.pk}/qr/").content.decode()
    assert page.count("<svg") == 41
    assert page.count('role="img"') >= 41
    assert "Tutoría entre pares" in page
    assert re.search(r"/es/services/pe-andino/peer-tutoring/\?campus=\d+", page)


def test_an_institution_without_services_has_no_map(world, client):
    assert client.get("/es/services/pe-andino/").status_code == 404
    assert client.get("/es/services/").status_code == 200


def test_inactive_services_are_not_published(world, catalogue, client):
    Service.objects.filter(pk=catalogue.tutoring.pk).update(active=False)
    assert client.get("/es/services/pe-andino/peer-tutoring/").status_code == 404
    assert "Tutoría entre pares" not in client.get("/es/services/pe-andino/").content.decode()
