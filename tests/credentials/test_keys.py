"""Keys: private halves are 0600 files under KEYS_DIR, never in the database; rotation keeps old credentials valid."""

from __future__ import annotations

import json

import pytest
from django.core import serializers

from puente.credentials import keystore, services
from puente.credentials.models import KeyStatus, SigningKey


def test_a_key_is_a_private_file_outside_the_database(world, settings):
    key = services.create_first_key(world.andino)
    path = settings.KEYS_DIR / "pe-andino" / f"{key.public_key_multibase}.json"
    assert path.is_file()
    assert keystore.file_mode("pe-andino", key.public_key_multibase) == 0o600
    assert (path.parent.stat().st_mode & 0o777) == 0o700
    private = json.loads(path.read_text())["privateKeyMultibase"]
    dump = serializers.serialize("json", SigningKey.objects.all())
    assert private not in dump and "privateKey" not in dump


def test_rotation_retires_the_old_key_and_old_credentials_stay_valid(world, graduate, achievement, settings):
    old_credential = services.issue_credential(world.alice, student=graduate, achievement=achievement)
    new, old = services.rotate_key(world.andino)
    assert old.status == KeyStatus.RETIRED and new.status == KeyStatus.ACTIVE
    new_credential = services.issue_credential(world.alice, student=graduate, achievement=achievement)
    assert new_credential.signing_key == new
    assert new_credential.document["issuer"]["id"] != old_credential.document["issuer"]["id"]
    assert services.verify_credential(old_credential.document).valid
    assert services.verify_credential(new_credential.document).valid
    # Revoking an old credential re-signs its own list with its own (retired) key.
    services.revoke_credential(world.alice, old_credential)
    assert services.verify_credential(old_credential.document).code == "revoked"
    assert services.verify_credential(new_credential.document).valid
    assert old_credential.status_list.signed_credential["issuer"] == old.did


def test_only_one_key_is_active_per_organisation(world):
    services.create_first_key(world.andino)
    services.rotate_key(world.andino)
    services.rotate_key(world.andino)
    assert SigningKey.objects.filter(organisation=world.andino, status=KeyStatus.ACTIVE).count() == 1
    assert SigningKey.objects.filter(organisation=world.andino).count() == 3


def test_the_did_web_document_lists_current_and_previous_keys(client, world):
    services.create_first_key(world.andino)
    services.rotate_key(world.andino)
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    document = response.json()
    assert document["id"] == "did:web:puente.example"
    keys = {m["publicKeyMultibase"] for m in document["verificationMethod"]}
    assert keys == set(SigningKey.objects.values_list("public_key_multibase", flat=True))
    assert all(
        m["type"] == "Multikey" and m["controller"] == "did:web:puente.example" for m in document["verificationMethod"]
    )
    assert len(document["assertionMethod"]) == 2


def test_did_web_encodes_the_port(settings, db):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert services.did_web() == "did:web:127.0.0.1%3A8000"


def test_a_missing_key_file_is_reported(world):
    key = services.create_first_key(world.andino)
    with pytest.raises(keystore.KeyFileMissingError):
        keystore.load("pe-caribe", key.public_key_multibase)
