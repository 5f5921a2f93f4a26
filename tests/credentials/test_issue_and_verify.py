"""Issuing signs an Open Badges 3.0 credential that verifies offline; any change breaks it."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from puente.credentials import integrity, services
from puente.credentials.jsonld import OB_V3, VC_V2
from puente.credentials.models import IssuedCredential, SigningKey
from puente.success.models import StudentStatus


@pytest.fixture
def issued(world, graduate, achievement):
    return services.issue_credential(world.alice, student=graduate, achievement=achievement)


def test_the_credential_has_the_open_badges_shape(issued, graduate):
    doc = issued.document
    assert doc["@context"] == [VC_V2, OB_V3]
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["issuer"]["id"] == issued.signing_key.did
    assert doc["issuer"]["id"].startswith("did:key:z6Mk")
    assert doc["issuer"]["name"] == "Instituto Andino"
    subject = doc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    email_id = next(i for i in subject["identifier"] if i["identityType"] == "emailAddress")
    assert email_id["hashed"] is True and email_id["identityHash"].startswith("sha256$")
    assert "rosa.quispe" not in str(doc)  # the email never appears in clear
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "Diploma"
    assert {a["targetType"] for a in achievement["alignment"]} == {
        "ext:RegionalFrameworkLevel",
        "ext:NationalFrameworkLevel",
        "ext:ESCOSkill",
    }
    assert all(a["type"] == ["Alignment"] and a["targetUrl"] and a["targetName"] for a in achievement["alignment"])
    status = doc["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusListCredential"].startswith("https://puente.example/api/v1/credential-status-lists/")
    assert doc["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert doc["awardedDate"] == "2025-12-15T00:00:00Z"


def test_it_verifies(issued):
    report = services.verify_credential(issued.document)
    assert report.valid, report.summary()
    assert report.holder_name == "Rosa Quispe"
    assert report.organisation.code == "pe-andino"
    assert len(report.alignments) == 3
    with translation.override("en"):
        assert report.summary().startswith("VALID: Cocina profesional, issued by Instituto Andino to Rosa Quispe")


def test_the_holder_email_can_be_checked_against_the_hash(issued):
    assert services.holder_matches_email(issued.document, "Rosa.Quispe@example.org ")
    assert not services.holder_matches_email(issued.document, "someone@example.org")


def test_the_credential_also_verifies_with_rdfc(world, graduate, achievement):
    credential = services.issue_credential(
        world.alice, student=graduate, achievement=achievement, cryptosuite=integrity.RDFC
    )
    assert services.verify_credential(credential.document).valid


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["credentialSubject"]["achievement"].__setitem__("name", "Ingeniería"),
        lambda d: d["credentialSubject"]["achievement"]["alignment"][0].__setitem__("targetCode", "8"),
        lambda d: d.__setitem__("validUntil", "2099-01-01T00:00:00Z"),
        lambda d: d["issuer"].__setitem__("name", "Universidad Falsa"),
    ],
    ids=["name", "level", "validity", "issuer-name"],
)
def test_a_tampered_credential_is_rejected(issued, tamper):
    forged = copy.deepcopy(issued.document)
    tamper(forged)
    assert services.verify_credential(forged).code == "bad_signature"


def test_an_unknown_issuer_is_rejected(issued):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from puente.credentials.multibase import did_key, did_key_verification_method, public_key_multibase

    stranger = Ed25519PrivateKey.generate()
    public = public_key_multibase(stranger.public_key())
    unsigned = {k: v for k, v in issued.document.items() if k != "proof"}
    unsigned["issuer"] = {**unsigned["issuer"], "id": did_key(public)}
    forged = integrity.add_proof(
        unsigned, stranger, verification_method=did_key_verification_method(public), created="2026-01-01T00:00:00Z"
    )
    assert integrity.verify_proof(forged)  # a valid signature…
    assert services.verify_credential(forged).code == "unknown_issuer"  # …by nobody we know


def test_a_proof_by_another_key_than_the_issuer_is_rejected(issued, world):
    other = services.create_first_key(world.caribe)
    unsigned = {k: v for k, v in issued.document.items() if k != "proof"}
    forged = integrity.add_proof(
        unsigned,
        services._private_key(other),
        verification_method=other.verification_method,
        created="2026-01-01T00:00:00Z",
    )
    assert services.verify_credential(forged).code == "unknown_issuer"


@pytest.mark.parametrize(
    "document",
    [[], "text", {}, {"@context": ["https://example.org"], "type": ["VerifiableCredential"]}],
    ids=["list", "string", "empty", "foreign-context"],
)
def test_malformed_input_is_rejected(document, db):
    assert services.verify_credential(document).code == "malformed"


def test_it_expires_and_is_not_valid_before_its_time(world, graduate, achievement):
    credential = services.issue_credential(
        world.alice,
        student=graduate,
        achievement=achievement,
        valid_until=timezone.now() + dt.timedelta(days=30),
    )
    assert services.verify_credential(credential.document).valid
    later = timezone.now() + dt.timedelta(days=31)
    assert services.verify_credential(credential.document, now=later).code == "expired"
    earlier = timezone.now() - dt.timedelta(days=1)
    assert services.verify_credential(credential.document, now=earlier).code == "not_yet_valid"


def test_only_graduates_receive_credentials(world, achievement):
    with pytest.raises(ValidationError):
        services.issue_credential(world.alice, student=world.a2, achievement=achievement)
    assert not IssuedCredential.objects.exists()


def test_it_rejects_other_institutions(world, graduate, achievement):
    with pytest.raises(PermissionDenied):
        services.issue_credential(world.bob, student=graduate, achievement=achievement)
    with pytest.raises(PermissionDenied):
        services.issue_credential(world.tina, student=graduate, achievement=achievement)
    assert not IssuedCredential.objects.exists()


def test_nothing_is_saved_when_signing_fails(world, graduate, achievement, settings):
    key = services.create_first_key(graduate.institution)
    (settings.KEYS_DIR / "pe-andino" / f"{key.public_key_multibase}.json").unlink()
    with pytest.raises(Exception, match="json"):
        services.issue_credential(world.alice, student=graduate, achievement=achievement)
    assert not IssuedCredential.objects.exists()
    assert graduate.status == StudentStatus.GRADUATED


def test_each_credential_gets_its_own_random_status_index(world, graduate, achievement):
    first = services.issue_credential(world.alice, student=graduate, achievement=achievement)
    second = services.issue_credential(world.alice, student=graduate, achievement=achievement)
    assert first.status_list_id == second.status_list_id
    assert first.status_index != second.status_index
    assert SigningKey.objects.filter(organisation=graduate.institution).count() == 1
