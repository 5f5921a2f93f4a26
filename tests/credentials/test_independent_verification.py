"""A Puente credential verifies with an independent implementation: Digital Bazaar's JavaScript
libraries (``@digitalbazaar/vc``, ``data-integrity``, ``eddsa-jcs-2022-cryptosuite``,
``eddsa-rdfc-2022-cryptosuite``, ``did-method-key``, ``vc-bitstring-status-list``).

``independent/`` is a small node project (package.json + package-lock.json); its dependencies
are installed by this test with ``npm ci`` into ``independent/node_modules`` (ignored by git).
The test is skipped, with the reason, when node/npm are missing or the install fails.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from puente.credentials import integrity, services
from puente.credentials.models import StatusList

PROJECT = Path(__file__).resolve().parent / "independent"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def node_project() -> Path:
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.skip("node and npm are not installed: the independent verifier cannot run")
    # pytest-xdist workers share the folder: one installs while the others wait on the lock.
    with (PROJECT / ".npm-install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (PROJECT / "node_modules" / ".puente-installed").is_file():
            install = subprocess.run(
                ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=PROJECT,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if install.returncode != 0:
                pytest.skip(f"npm ci failed, cannot install the independent verifier: {install.stderr.strip()[-300:]}")
            (PROJECT / "node_modules" / ".puente-installed").touch()
    return PROJECT


def independent_verify(project: Path, tmp_path: Path, credential: dict, status_list: dict | None = None) -> dict:
    credential_path = tmp_path / "credential.json"
    credential_path.write_text(json.dumps(credential))
    args = ["node", str(project / "verify.mjs"), str(credential_path)]
    if status_list is not None:
        status_path = tmp_path / "status.json"
        status_path.write_text(json.dumps(status_list))
        args.append(str(status_path))
    done = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip(), done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["exit"] = done.returncode
    return result


@pytest.mark.parametrize("cryptosuite", [integrity.JCS, integrity.RDFC])
def test_a_puente_credential_verifies_independently(node_project, tmp_path, world, graduate, achievement, cryptosuite):
    credential = services.issue_credential(
        world.alice, student=graduate, achievement=achievement, cryptosuite=cryptosuite
    )
    status_list = services.status_list_credential(StatusList.objects.get())
    result = independent_verify(node_project, tmp_path, credential.document, status_list)
    assert result == {"verified": True, "revoked": False, "errors": [], "exit": 0}


def test_the_independent_verifier_rejects_a_tampered_credential(node_project, tmp_path, world, graduate, achievement):
    credential = services.issue_credential(world.alice, student=graduate, achievement=achievement)
    forged = json.loads(json.dumps(credential.document))
    forged["credentialSubject"]["achievement"]["alignment"][0]["targetCode"] = "8"
    result = independent_verify(node_project, tmp_path, forged)
    assert result["verified"] is False and result["exit"] == 1
    assert "Invalid signature." in result["errors"]


def test_the_independent_verifier_sees_the_revocation(node_project, tmp_path, world, graduate, achievement):
    credential = services.issue_credential(world.alice, student=graduate, achievement=achievement)
    services.revoke_credential(world.alice, credential)
    status_list = services.status_list_credential(StatusList.objects.get())
    result = independent_verify(node_project, tmp_path, credential.document, status_list)
    assert result["verified"] is True and result["revoked"] is True and result["exit"] == 1
