"""Every page and API route of student success, with and without permission. Bob (Instituto
Caribe) must not reach anything of Alice's institution, by page or by API, and ids of another
institution look like missing records."""

from __future__ import annotations

import pytest
from django.test import Client

from puente.success import services
from puente.success.models import Appointment, CaseSource, FlagKind
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


@pytest.fixture
def case(world, catalogue):
    case = services.open_case(world.alice, world.a1, source=CaseSource.OFFICER, summary="Seguimiento")
    services.log_contact(world.alice, case, channel="phone", summary="Llamada", confidential_note="Situación familiar")
    return case


@pytest.mark.parametrize(
    "path",
    [
        "/es/students/week/",
        "/es/students/cases/",
        "/es/students/appointments/",
        "/es/students/catalogue/",
        "/es/students/flags/",
    ],
)
def test_staff_pages_refuse_anonymous_students_and_aggregate_roles(world, as_user, path):
    assert_page_access(
        as_user, path, allowed=[world.alice, world.tina, world.root], denied=[world.mia, world.eve, world.sam]
    )


def test_a_case_page_is_visible_to_its_institution_only(world, case, as_user):
    url = f"/es/students/cases/{case.pk}/"
    assert_page_access(
        as_user,
        url,
        allowed=[world.alice, world.tina, world.root],
        denied=[world.bob, world.mia, world.eve, world.sam],
        must_not_contain="Quispe",
    )


def test_bob_cannot_act_on_alices_case(world, case, as_user, catalogue):
    bob = as_user(world.bob)
    assert bob.post(f"/es/students/cases/{case.pk}/contact/", {"channel": "phone", "reached": "1"}).status_code == 404
    assert bob.post(f"/es/students/cases/{case.pk}/refer/", {"service": catalogue.caribe_service.pk}).status_code == 404
    assert bob.post(f"/es/students/cases/{case.pk}/close/", {"outcome": "resolved"}).status_code == 404
    assert bob.post(f"/es/students/cases/{case.pk}/note/", {"text": "x"}).status_code == 404
    case.refresh_from_db()
    assert case.is_open and case.contacts.count() == 1


def test_a_referral_cannot_go_to_another_institutions_service(world, case, catalogue, as_user):
    response = as_user(world.alice).post(
        f"/es/students/cases/{case.pk}/refer/", {"service": catalogue.caribe_service.pk}
    )
    assert response.status_code == 400
    assert case.referrals.count() == 0


def test_tutors_see_only_cases_of_their_own_students(world, catalogue, as_user):
    other = services.open_case(world.alice, world.a2, source=CaseSource.OFFICER)
    assert as_user(world.tina).get(f"/es/students/cases/{other.pk}/").status_code == 404
    assert "Mamani" not in as_user(world.tina).get("/es/students/cases/").content.decode()


def test_the_outcome_report_is_for_staff_with_statistics_and_aggregate_roles(world, as_user):
    assert_page_access(
        as_user,
        "/es/students/outcomes/",
        allowed=[world.alice, world.bob, world.mia, world.root],
        denied=[world.tina, world.eve, world.sam],
    )


def test_settings_and_service_edits_need_change_rights(world, catalogue, as_user):
    assert_page_access(
        as_user, "/es/students/settings/", allowed=[world.alice], denied=[world.tina, world.mia, world.sam]
    )
    url = f"/es/students/catalogue/{catalogue.tutoring.pk}/edit/"
    assert_page_access(as_user, url, allowed=[world.alice], denied=[world.bob, world.tina, world.mia])


def test_an_appointment_page_is_visible_to_its_institution_only(world, catalogue, as_user):
    appointment = services.request_appointment(catalogue.tutoring, name="Rosa", email="rosa@example.org")
    assert_page_access(
        as_user,
        f"/es/students/appointments/{appointment.pk}/",
        allowed=[world.alice],
        denied=[world.bob, world.mia, world.sam],
    )


def test_the_qr_sheet_is_for_staff_of_the_institution(world, catalogue, as_user):
    assert_page_access(
        as_user,
        "/es/services/pe-andino/qr/",
        allowed=[world.alice, world.tina],
        denied=[world.bob, world.mia, world.sam],
    )


# --- API -------------------------------------------------------------------------------------


def test_api_lists_only_own_institutions_cases(world, case, api):
    assert [c["id"] for c in api(world.alice).get("/api/v1/cases/").json()["results"]] == [case.pk]
    assert api(world.bob).get("/api/v1/cases/").json()["results"] == []
    assert api(world.mia).get("/api/v1/cases/").status_code == 403


@pytest.mark.parametrize("persona", ["bob", "mia", "eve", "sam"])
def test_api_case_routes_of_another_institution_are_not_found(world, case, catalogue, api, persona):
    client = api(getattr(world, persona))
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code in {403, 404}
    assert client.get(f"/api/v1/cases/{case.pk}/notes/").status_code in {403, 404}
    assert client.post(f"/api/v1/cases/{case.pk}/contacts/", {"channel": "phone"}, format="json").status_code in {
        403,
        404,
    }
    assert client.post(
        f"/api/v1/cases/{case.pk}/referrals/", {"service": catalogue.tutoring.pk}, format="json"
    ).status_code in {403, 404}
    assert client.post(f"/api/v1/cases/{case.pk}/close/", {"outcome": "resolved"}, format="json").status_code in {
        403,
        404,
    }


def test_api_flags_cannot_target_another_institutions_student(world, api):
    response = api(world.bob).post("/api/v1/flags/", {"student": world.a1.pk, "kind": FlagKind.KUDOS}, format="json")
    assert response.status_code == 404
    assert not world.a1.flags.exists()


def test_api_appointments_are_scoped(world, catalogue, api):
    appointment = services.request_appointment(catalogue.tutoring, name="Rosa", email="rosa@example.org")
    assert api(world.alice).get(f"/api/v1/appointments/{appointment.pk}/").status_code == 200
    assert api(world.bob).get(f"/api/v1/appointments/{appointment.pk}/").status_code == 404
    assert (
        api(world.bob)
        .patch(f"/api/v1/appointments/{appointment.pk}/", {"status": "cancelled"}, format="json")
        .status_code
        == 404
    )
    assert Appointment.objects.get(pk=appointment.pk).status == "requested"


def test_api_tutor_week_lists_the_callers_students(world, api):
    data = api(world.tina).get("/api/v1/tutor-week/").json()
    assert {row["student"] for row in data["this_week"] + data["others"]} == {world.a1.pk}
    assert api(world.mia).get("/api/v1/tutor-week/").status_code == 403


def test_api_services_catalogue_is_public(world, catalogue, api):
    rows = api().get("/api/v1/services/?institution=pe-andino").json()
    assert rows["count"] == 41
    assert {"es", "fr", "en"} <= set(rows["results"][0]["name"])
