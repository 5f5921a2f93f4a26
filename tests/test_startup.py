"""A missing, malformed or unreachable database stops start-up with one line, never a traceback.

Each case runs the real ``puente`` console script in a subprocess, as a newcomer would.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PUENTE = Path(sys.executable).with_name("puente")
POSTGRES = ("127.0.0.1", 5432)


def _command() -> list[str]:
    if PUENTE.exists():
        return [str(PUENTE)]
    found = shutil.which("puente")
    return [found] if found else [sys.executable, "-m", "puente"]


def _postgres_is_up() -> bool:
    try:
        with socket.create_connection(POSTGRES, timeout=1):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_puente(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PORT", "HOST"}}
    environment.update({"PUENTE_VAR_DIR": str(tmp_path / "var"), "PYTHONWARNINGS": "ignore"}, **env)
    return subprocess.run(
        [*_command(), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )


def assert_one_line_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    stderr_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0, f"expected a failure, got exit 0\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    assert len(stderr_lines) == 1, f"expected one line on stderr, got:\n{result.stderr}"
    assert stderr_lines[0].startswith("puente: "), stderr_lines[0]
    for word in expected:
        assert word in stderr_lines[0], f"{word!r} not in {stderr_lines[0]!r}"
    assert "Puente" not in result.stdout or "is serving" not in result.stdout, "it must not start serving"


HAS_DEMO = importlib.util.find_spec("puente.demo.management.commands.demo") is not None
COMMANDS = [
    pytest.param(["migrate", "--noinput"], id="migrate"),
    pytest.param(["serve", "--no-worker"], id="serve"),
    pytest.param(
        ["demo", "--if-empty"],
        id="demo",
        marks=pytest.mark.skipif(not HAS_DEMO, reason="`puente demo` is not written yet"),
    ),
]

# Rejected by settings before any command runs: cheap, so every command is tried.
MALFORMED_URLS = [
    pytest.param("garbage", "DATABASE_URL", id="garbage"),
    pytest.param("postgres://postgres@127.0.0.1:notaport/puente", "DATABASE_URL", id="bad-port"),
    pytest.param("mysql://root@127.0.0.1/puente", "PostgreSQL and SQLite", id="unsupported-engine"),
    pytest.param("postgres://postgres@127.0.0.1:5432/", "names no database", id="no-database-name"),
]
# Well-formed but unusable: each costs a Django start-up, so `serve` (the command that must
# check before listening) gets every case and the others one each.
UNREACHABLE_URLS = [
    pytest.param("postgres://postgres@nohost.invalid:5432/puente", id="unknown-host"),
    pytest.param("postgres://postgres@127.0.0.1:1/puente", id="connection-refused"),
    pytest.param("sqlite:////nonexistent/folder/puente.sqlite3", id="sqlite-unopenable"),
]
MISSING_DATABASE = "postgres://postgres@127.0.0.1:5432/puente_missingdb_for_startup_test"


def _args(command: list[str]) -> list[str]:
    return [*command, "--port", str(_free_port())] if command[0] == "serve" else command


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("url", "expected"), MALFORMED_URLS)
def test_a_malformed_database_url_stops_start_up_with_one_line(tmp_path, command, url, expected):
    result = run_puente(*_args(command), tmp_path=tmp_path, DATABASE_URL=url)
    assert_one_line_failure(result, expected)


@pytest.mark.parametrize("url", UNREACHABLE_URLS)
def test_serve_checks_the_database_before_listening(tmp_path, url):
    result = run_puente(*_args(["serve", "--no-worker"]), tmp_path=tmp_path, DATABASE_URL=url)
    assert_one_line_failure(result, "cannot use the database")


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.id != "serve"])
def test_an_unreachable_database_stops_other_commands_with_one_line(tmp_path, command):
    result = run_puente(*command, tmp_path=tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:1/puente")
    assert_one_line_failure(result, "cannot use the database", "DATABASE_URL")


@pytest.mark.skipif(not _postgres_is_up(), reason="PostgreSQL is not running on 127.0.0.1:5432")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_postgres_database_stops_start_up_with_one_line(tmp_path, command):
    result = run_puente(*_args(command), tmp_path=tmp_path, DATABASE_URL=MISSING_DATABASE)
    assert_one_line_failure(result, "cannot use the database", "does not exist")


def test_the_url_password_is_never_echoed(tmp_path):
    result = run_puente("migrate", tmp_path=tmp_path, DATABASE_URL="postgres://u:s3cr3t-pw@127.0.0.1:notaport/x")
    assert_one_line_failure(result)
    assert "s3cr3t-pw" not in result.stderr


def test_serve_refuses_an_unmigrated_database(tmp_path):
    result = run_puente("serve", "--no-worker", "--port", str(_free_port()), tmp_path=tmp_path)
    assert_one_line_failure(result, "puente migrate")


def test_demo_on_an_unmigrated_database_says_to_migrate(tmp_path):
    if not HAS_DEMO:
        pytest.skip("`puente demo` is not written yet")
    result = run_puente("demo", tmp_path=tmp_path)
    assert_one_line_failure(result, "puente migrate")


def test_a_bad_port_stops_start_up_with_one_line(tmp_path):
    result = run_puente("serve", "--no-worker", tmp_path=tmp_path, PORT="eighty")
    assert_one_line_failure(result, "PORT")


def test_an_unwritable_data_folder_stops_start_up_with_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_puente("migrate", tmp_path=tmp_path, PUENTE_VAR_DIR=str(blocker / "var"))
    assert_one_line_failure(result, "PUENTE_VAR_DIR")
