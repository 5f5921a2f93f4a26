"""Credential pages: staff issue and revoke, graduates download, anyone verifies."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from puente.credentials import services
from puente.credentials.models import IssuedCredential
from tests.permissions import assert_page_access


@pytest.fixture
def issued(world, graduate, achievement):
    return services.issue_credential(world.alice, student=graduate, achievement=achievement)


def client_for(client):
    def factory(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return factory


def test_credential_pages_are_scoped(client, world, issued):
    pages = [
        f"/es/credentials/{issued.pk}/",
        f"/es/credentials/{issued.pk}/credential.json",
        f"/es/credentials/{issued.pk}/qr.png",
    ]
    for url in pages:
        assert_page_access(
            client_for(client),
            url,
            allowed=[world.alice, world.sam, world.root],
            denied=[world.bob, world.tina, world.mia, world.eve],
        )


def test_the_issue_page_needs_the_change_students_capability(client, world):
    assert_page_access(
        client_for(client),
        "/es/credentials/issue/",
        allowed=[world.alice, world.root],
        denied=[world.tina, world.mia, world.sam, world.eve],
    )


def test_the_list_shows_each_user_only_their_credentials(client, world, issued, django_assert_max_num_queries):
    client.force_login(world.alice)
    with django_assert_max_num_queries(12):
        body = client.get("/es/credentials/").content.decode()
    assert "Rosa Quispe" in body
    client.force_login(world.sam)
    assert "Rosa Quispe" in client.get("/es/credentials/mine/").content.decode()
    client.force_login(world.bob)
    assert "Rosa Quispe" not in client.get("/es/credentials/").content.decode()


def test_staff_issue_through_the_form(client, world, graduate, achievement):
    client.force_login(world.alice)
    response = client.post(
        "/es/credentials/issue/",
        {
            "student_number": "A-001",
            "qualification": "PE:TUR-COC-3",
            "language": "fr",
            "holder_did": "",
            "valid_until": "",
        },
    )
    credential = IssuedCredential.objects.get()
    assert response.status_code == 302 and response.url == f"/es/credentials/{credential.pk}/"
    assert credential.document["credentialSubject"]["achievement"]["name"] == "Cuisine professionnelle"
    assert credential.issued_by == world.alice


def test_the_issue_form_explains_what_is_wrong(client, world, graduate, achievement):
    client.force_login(world.alice)
    body = client.post(
        "/en/credentials/issue/", {"student_number": "A-999", "qualification": "X", "language": "es"}
    ).content.decode()
    assert "No student of your institution has this number." in body
    body = client.post(
        "/en/credentials/issue/", {"student_number": "A-002", "qualification": "PE:TUR-COC-3", "language": "es"}
    ).content.decode()
    assert "Only graduates receive credentials" in body
    body = client.post(
        "/es/credentials/issue/", {"student_number": "A-001", "qualification": "NOPE", "language": "es"}
    ).content.decode()
    assert "Ninguna cualificación" in body
    assert not IssuedCredential.objects.exists()


def test_bob_cannot_issue_to_andino_graduates(client, world, graduate, achievement):
    client.force_login(world.bob)
    client.post(
        "/es/credentials/issue/", {"student_number": "A-001", "qualification": "PE:TUR-COC-3", "language": "es"}
    )
    assert not IssuedCredential.objects.exists()


def test_revoking_from_the_page(client, world, issued):
    client.force_login(world.bob)
    assert client.post(f"/es/credentials/{issued.pk}/revoke/", {"reason": "x"}).status_code in {403, 404}
    client.force_login(world.sam)
    assert client.post(f"/es/credentials/{issued.pk}/revoke/", {"reason": "x"}).status_code == 403
    client.force_login(world.alice)
    response = client.post(f"/es/credentials/{issued.pk}/revoke/", {"reason": "error de registro"})
    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.revoked_at is not None and issued.revoked_by == world.alice


def test_the_graduate_downloads_json_and_qr_codes(client, world, issued):
    client.force_login(world.sam)
    response = client.get(f"/es/credentials/{issued.pk}/credential.json")
    assert json.loads(response.content) == issued.document
    assert "attachment" in response["Content-Disposition"]
    png = client.get(f"/es/credentials/{issued.pk}/qr.png")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(f"/es/credentials/{issued.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert client.get(f"/es/credentials/{issued.pk}/qr.gif").status_code == 404


# --- the public verification page ---------------------------------------------------------------


def test_anyone_verifies_a_pasted_credential(client, issued):
    response = client.post("/en/credentials/verify/", {"credential": json.dumps(issued.document)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Valid credential" in body and "Instituto Andino" in body and "Rosa Quispe" in body
    assert "Nivel 4 del MRC-AP" in body


def test_anyone_verifies_an_uploaded_file_and_the_holder_email(client, issued):
    upload = SimpleUploadedFile("c.json", json.dumps(issued.document).encode(), content_type="application/json")
    body = client.post("/en/credentials/verify/", {"file": upload, "email": "rosa.quispe@example.org"}).content.decode()
    assert "Valid credential" in body and "The email you entered is the holder" in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", "La firma no coincide"),
        ("fr", "La signature ne correspond pas"),
        ("en", "The signature does not match"),
    ],
)
def test_a_tampered_credential_gets_a_translated_reason(client, issued, language, expected):
    forged = json.loads(json.dumps(issued.document))
    forged["credentialSubject"]["achievement"]["name"] = "Doctorado"
    body = client.post(f"/{language}/credentials/verify/", {"credential": json.dumps(forged)}).content.decode()
    assert expected in body


def test_a_revoked_credential_shows_as_revoked(client, world, issued):
    services.revoke_credential(world.alice, issued)
    body = client.post("/en/credentials/verify/", {"credential": json.dumps(issued.document)}).content.decode()
    assert "The issuer has revoked this credential." in body


@pytest.mark.parametrize(("text", "message"), [("{not json", "This is not valid JSON"), ("", "Paste a credential")])
def test_bad_input_gets_a_clear_message(client, db, text, message):
    body = client.post("/en/credentials/verify/", {"credential": text}).content.decode()
    assert message in body


def test_the_qr_link_verifies_the_stored_credential(client, issued):
    body = client.get(f"/en/credentials/verify/?id={issued.uuid}").content.decode()
    assert "Valid credential" in body
    body = client.get("/en/credentials/verify/?id=00000000-0000-4000-8000-000000000000").content.decode()
    assert "No credential with this identifier" in body
