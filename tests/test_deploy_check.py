"""`puente check --deploy` is clean with production settings and loud with development ones.

Settings are read from the environment, so each case runs the console script in a subprocess
with the environment an operator would set (docs/operations.md lists it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PUENTE = Path(sys.executable).with_name("puente")

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "s" * 10 + "an-operator-generated-key-of-fifty-or-more-random-characters-8e1f",
    "ALLOWED_HOSTS": "puente.example.org",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "DEMO_LOGIN": "0",
}


def check_deploy(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DATABASE_URL"}
    environment.update({"PUENTE_VAR_DIR": str(tmp_path / "var")}, **env)
    command = [str(PUENTE)] if PUENTE.exists() else [sys.executable, "-m", "puente"]
    return subprocess.run(
        [*command, "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = check_deploy(tmp_path, PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_fail_the_deploy_check_and_say_why(tmp_path):
    result = check_deploy(tmp_path, {})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for check_id in ("security.W009", "security.W008", "security.W004", "security.W012", "puente.W001"):
        assert check_id in output, f"{check_id} missing from:\n{output}"


def test_cookies_follow_the_ssl_redirect_unless_told_otherwise(tmp_path):
    result = check_deploy(tmp_path, {**PRODUCTION_ENV, "SESSION_COOKIE_SECURE": "0"})
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


def test_signing_keys_open_to_other_users_fail_the_deploy_check(tmp_path):
    keys = tmp_path / "var" / "keys" / "PE-IESTP-HDE"
    keys.mkdir(parents=True)
    key = keys / "z6Mk.json"
    key.write_text("{}")
    key.chmod(0o644)
    result = check_deploy(tmp_path, PRODUCTION_ENV)
    assert result.returncode != 0
    assert "puente.W002" in result.stdout + result.stderr
    key.chmod(0o600)
    keys.chmod(0o700)
    assert check_deploy(tmp_path, PRODUCTION_ENV).returncode == 0
