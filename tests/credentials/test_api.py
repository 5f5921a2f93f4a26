"""Credentials API: issue, get, revoke (staff of the institution), verify and status lists (public)."""

from __future__ import annotations

import pytest

from puente.credentials import services
from puente.credentials.models import IssuedCredential


@pytest.fixture
def issued(world, graduate, achievement):
    return services.issue_credential(world.alice, student=graduate, achievement=achievement)


def test_staff_issue_through_the_api(api, world, graduate, achievement):
    response = api(world.alice).post(
        "/api/v1/credentials/", {"student": graduate.pk, "qualification": "TUR-COC-3", "language": "en"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["credential"]["credentialSubject"]["achievement"]["name"] == "Professional cooking"
    assert body["id"].startswith("urn:uuid:")


@pytest.mark.parametrize("persona", ["bob", "tina", "mia", "sam", "eve"])
def test_it_rejects_issuing_by_others(api, world, graduate, achievement, persona):
    response = api(getattr(world, persona)).post(
        "/api/v1/credentials/", {"student": graduate.pk, "qualification": "PE:TUR-COC-3"}, format="json"
    )
    assert response.status_code in {403, 404}
    assert not IssuedCredential.objects.exists()


def test_issuing_to_a_student_who_has_not_graduated_is_a_400(api, world, achievement):
    response = api(world.alice).post(
        "/api/v1/credentials/", {"student": world.a2.pk, "qualification": "PE:TUR-COC-3"}, format="json"
    )
    assert response.status_code == 400


def test_get_is_scoped(api, world, issued):
    url = f"/api/v1/credentials/{issued.uuid}/"
    assert api(world.alice).get(url).status_code == 200
    assert api(world.sam).get(url).json()["credential"] == issued.document
    assert api(world.bob).get(url).status_code == 404
    assert api().get(url).status_code in {401, 403}
    assert [c["uuid"] for c in api(world.bob).get("/api/v1/credentials/").json()["results"]] == []


def test_revoke_through_the_api(api, world, issued):
    url = f"/api/v1/credentials/{issued.uuid}/revoke/"
    assert api(world.bob).post(url, {}, format="json").status_code in {403, 404}
    assert api(world.sam).post(url, {}, format="json").status_code == 403
    response = api(world.alice).post(url, {"reason": "duplicate"}, format="json")
    assert response.status_code == 200 and response.json()["revoked"] is True


def test_verify_is_public(api, world, issued):
    response = api().post(
        "/api/v1/credentials/verify/",
        {"credential": issued.document, "email": "rosa.quispe@example.org"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["code"] == "valid" and body["holder_email_matches"] is True
    assert body["issuer"]["name"] == "Instituto Andino"
    assert len(body["alignments"]) == 3


def test_verify_reports_the_reason(api, world, issued):
    forged = {**issued.document, "validUntil": "2020-01-01T00:00:00Z"}
    body = api().post("/api/v1/credentials/verify/", {"credential": forged}, format="json").json()
    assert body["valid"] is False and body["code"] == "bad_signature"
    body = api().post("/api/v1/credentials/verify/", {"credential": "nope"}, format="json").json()
    assert body["code"] == "malformed"
    services.revoke_credential(world.alice, issued)
    body = api().post("/api/v1/credentials/verify/", {"credential": issued.document}, format="json").json()
    assert body["code"] == "revoked"


def test_the_status_list_is_public_and_signed(api, issued):
    url = issued.document["credentialStatus"]["statusListCredential"].removeprefix("https://puente.example")
    response = api().get(url)
    assert response.status_code == 200
    assert response.json()["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert api().get("/api/v1/credential-status-lists/999999/").status_code == 404


def test_verify_never_fails_on_a_null_credential(api, world):
    """Found by schemathesis: a form field ``credential=null`` used to raise a server error."""
    as_form = api().post("/api/v1/credentials/verify/", {"credential": "null", "email": "someone@example.org"})
    assert as_form.status_code in {200, 400}
    if as_form.status_code == 200:
        assert as_form.json()["valid"] is False and as_form.json()["holder_email_matches"] is False
    as_json = api().post(
        "/api/v1/credentials/verify/", {"credential": None, "email": "someone@example.org"}, format="json"
    )
    assert as_json.status_code == 400 and "credential" in as_json.json()
