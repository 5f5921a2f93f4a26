"""``puente credentials``: issue to a file, verify it (exit code per reason), revoke, rotate keys."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from puente.credentials.models import IssuedCredential, KeyStatus, SigningKey, StatusList


def run(*args):
    out, err = StringIO(), StringIO()
    code = 0
    with translation.override("en"):
        try:
            call_command("credentials", *args, stdout=out, stderr=err)
        except SystemExit as exit:
            code = exit.code
    return code, out.getvalue() + err.getvalue()


@pytest.fixture
def credential_file(tmp_path, graduate, achievement):
    path = tmp_path / "rosa.json"
    code, output = run(
        "issue", "--qualification", "TUR-COC-3", "--holder", "rosa.quispe@example.org", "--out", str(path)
    )
    assert code == 0, output
    return path


def test_issue_writes_a_signed_credential(credential_file):
    document = json.loads(credential_file.read_text())
    assert document["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert IssuedCredential.objects.get().credential_id == document["id"]


def test_verify_prints_one_line_and_exits_0(credential_file):
    code, output = run("verify", str(credential_file))
    assert code == 0
    assert output.count("\n") == 1 and output.startswith("VALID: Cocina profesional, issued by Instituto Andino")


def test_verify_explains_a_tampered_file(credential_file):
    document = json.loads(credential_file.read_text())
    document["credentialSubject"]["achievement"]["name"] = "Doctorado"
    credential_file.write_text(json.dumps(document))
    code, output = run("verify", str(credential_file))
    assert code == 3 and "INVALID (bad_signature)" in output


def test_verify_explains_malformed_json(tmp_path, db):
    path = tmp_path / "bad.json"
    path.write_text("{oops")
    code, output = run("verify", str(path))
    assert code == 2 and "INVALID (malformed)" in output


def test_verify_explains_an_unknown_issuer(credential_file):
    SigningKey.objects.all().update(public_key_multibase="z6MkRetiredElsewhere")
    code, output = run("verify", str(credential_file))
    assert code == 4 and "unknown_issuer" in output


def test_revoke_then_verify_fails(credential_file):
    credential = IssuedCredential.objects.get()
    code, output = run("revoke", credential.credential_id, "--reason", "mistake")
    assert code == 0 and "revoked" in output
    code, output = run("verify", str(credential_file))
    assert code == 5 and "INVALID (revoked)" in output


def test_verify_against_a_downloaded_status_list(credential_file, tmp_path):
    from puente.credentials import services

    status_path = tmp_path / "status.json"
    status_path.write_text(json.dumps(services.status_list_credential(StatusList.objects.get())))
    assert run("verify", str(credential_file), "--status-list", str(status_path))[0] == 0
    run("revoke", str(IssuedCredential.objects.get().uuid))
    # The old download still says "not revoked": the verifier sees what the list says.
    assert run("verify", str(credential_file), "--status-list", str(status_path))[0] == 0
    status_path.write_text(json.dumps(services.status_list_credential(StatusList.objects.get())))
    assert run("verify", str(credential_file), "--status-list", str(status_path))[0] == 5


def test_verify_checks_the_holder_email(credential_file):
    assert run("verify", str(credential_file), "--email", "rosa.quispe@example.org")[0] == 0
    assert run("verify", str(credential_file), "--email", "other@example.org")[0] == 10


def test_issue_refuses_unknown_holders_and_codes(tmp_path, graduate, achievement):
    with pytest.raises(CommandError, match="no graduate"):
        call_command(
            "credentials",
            "issue",
            "--qualification",
            "TUR-COC-3",
            "--holder",
            "x@example.org",
            "--out",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="no qualification"):
        call_command(
            "credentials",
            "issue",
            "--qualification",
            "NOPE",
            "--holder",
            "rosa.quispe@example.org",
            "--out",
            str(tmp_path / "x"),
        )
    assert not IssuedCredential.objects.exists()


def test_keys_rotate_keeps_old_credentials_valid(credential_file, world):
    code, output = run("keys", "rotate", "--organisation", "pe-andino")
    assert code == 0 and "retired" in output
    assert SigningKey.objects.filter(status=KeyStatus.RETIRED).count() == 1
    assert run("verify", str(credential_file))[0] == 0
    code, output = run("keys", "list")
    assert output.count("private key on disk") == 2
