"""A worker killed (SIGKILL) in the middle of an import leaves 0 rows behind.

The import runs in a separate process (``puente import``) against a file-based copy of the
test database (SQLite) or the test database itself (PostgreSQL); once it has written its first
chunks it is killed without warning. The transaction never commits, so nothing remains.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection

from puente.success.models import Student

pytestmark = pytest.mark.slow


def _students_file(path, count: int) -> None:
    lines = ["Matrícula;Nombres;Apellidos;Sexo;Fecha de nacimiento"]
    lines += [f"K-{i:06d};Nombre {i};Apellido {i};F;01/02/2003" for i in range(count)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def _database_url(tmp_path) -> tuple[str, object]:
    """A URL the child process can open, and how to count Andino's students afterwards."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings.get("USER") or "postgres"
        url = (
            f"postgres://{user}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"
        )
        return url, lambda andino: Student.objects.filter(institution=andino).count()
    copy = tmp_path / "killed.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()

    def count(andino):
        with sqlite3.connect(copy) as db:
            return db.execute("SELECT COUNT(*) FROM success_student WHERE institution_id = ?", [andino.pk]).fetchone()[
                0
            ]

    return f"sqlite:///{copy}", count


def test_a_worker_killed_mid_import_leaves_nothing_written(transactional_db, world, tmp_path):
    data = tmp_path / "students.csv"
    _students_file(data, 40_000)
    url, count_students = _database_url(tmp_path)
    before = count_students(world.andino)
    env = {**os.environ, "DATABASE_URL": url, "PUENTE_VAR_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "puente", "import", "students", str(data), "-o", "pe-andino"]
    child = subprocess.Popen(
        [*command, "--chunk-size", "500", "--verbosity", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        chunks = 0
        deadline = time.monotonic() + 120
        while chunks < 3 and time.monotonic() < deadline:
            line = child.stderr.readline()
            if not line:
                break
            chunks += line.startswith("progress")
        assert chunks >= 3, "the import never reported writing a chunk"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL  # killed mid-way, not finished
    assert count_students(world.andino) == before == 2
