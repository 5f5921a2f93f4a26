"""Revocation sets the credential's bit in a signed Bitstring Status List served at a stable URL."""

from __future__ import annotations

import pytest
from django.utils import translation

from puente.credentials import bitstring, integrity, services
from puente.credentials.models import StatusList


@pytest.fixture
def issued(world, graduate, achievement):
    return services.issue_credential(world.alice, student=graduate, achievement=achievement)


def test_a_revoked_credential_fails_verification(world, issued):
    assert services.verify_credential(issued.document).valid
    services.revoke_credential(world.alice, issued, "issued by mistake")
    report = services.verify_credential(issued.document)
    assert report.code == "revoked"
    with translation.override("en"):
        assert report.summary().startswith("INVALID (revoked)")


def test_revoking_twice_changes_nothing(world, issued):
    first = services.revoke_credential(world.alice, issued, "first")
    second = services.revoke_credential(world.alice, issued, "second")
    assert second.revoked_at == first.revoked_at and second.revocation_reason == "first"


def test_it_rejects_revocation_by_other_institutions(world, issued):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.revoke_credential(world.bob, issued)
    assert services.verify_credential(issued.document).valid


def test_the_status_list_credential_is_signed_and_has_the_bit(world, issued):
    services.revoke_credential(world.alice, issued)
    status_list = StatusList.objects.get()
    document = services.status_list_credential(status_list)
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["id"] == issued.document["credentialStatus"]["statusListCredential"]
    assert document["issuer"] == issued.document["issuer"]["id"]  # verifiers expect the same issuer
    assert integrity.verify_proof(document).controller == issued.signing_key.did
    bits = bitstring.decode(document["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == 131_072
    assert bitstring.get(bits, issued.status_index)
    assert sum(bin(b).count("1") for b in bits) == 1


def test_a_downloaded_status_list_can_be_used_instead_of_the_database(world, issued):
    before = services.status_list_credential(StatusList.objects.get())
    services.revoke_credential(world.alice, issued)
    after = services.status_list_credential(StatusList.objects.get())
    assert services.verify_credential(issued.document, status_list_document=before).valid
    assert services.verify_credential(issued.document, status_list_document=after).code == "revoked"
    forged = {
        **after,
        "credentialSubject": {**after["credentialSubject"], "encodedList": before["credentialSubject"]["encodedList"]},
    }
    assert services.verify_credential(issued.document, status_list_document=forged).code == "status_unavailable"


def test_the_status_list_is_served_publicly(client, world, issued):
    url = issued.document["credentialStatus"]["statusListCredential"].removeprefix("https://puente.example")
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["type"][1] == "BitstringStatusListCredential"


@pytest.mark.parametrize("index", [0, 7, 8, 131_071])
def test_bit_order_is_left_most_first(index):
    bits = bitstring.new()
    bitstring.set_bit(bits, index)
    decoded = bitstring.decode(bitstring.encode(bits))
    assert bitstring.get(decoded, index)
    assert decoded[index // 8] == 0x80 >> (index % 8)


def test_a_short_or_garbled_list_is_refused():
    import base64
    import gzip

    short = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).decode().rstrip("=")
    for encoded in (short, "zabc", "u!!!"):
        with pytest.raises(bitstring.BitstringError):
            bitstring.decode(encoded)
