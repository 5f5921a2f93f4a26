"""``puente import``: prints errors (row, column, value, reason) and exits 1, or prints the counts."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from puente.success.models import Student

CSV = "Matrícula;Nombres;Apellidos\r\nA-100;Ana;Paz\r\nA-101;Luis;Rojas\r\n"


def test_it_imports_and_prints_the_counts(world, write_file, capsys):
    path = write_file(CSV)
    call_command("import", "students", str(path), organisation="pe-andino", language="en")
    assert "2 rows: 2 created, 0 updated, 0 unchanged." in capsys.readouterr().out
    call_command("import", "students", str(path), organisation="pe-andino", language="en")
    assert "2 rows: 0 created, 0 updated, 2 unchanged." in capsys.readouterr().out


def test_a_dry_run_writes_nothing(world, write_file, capsys):
    call_command("import", "students", str(write_file(CSV)), organisation="pe-andino", dry_run=True, language="en")
    assert "2 created" in capsys.readouterr().out
    assert not Student.objects.filter(external_id="A-100").exists()


def test_errors_are_printed_and_the_exit_status_is_not_zero(world, write_file, capsys):
    path = write_file(CSV.replace("Luis", "=cmd"))
    with pytest.raises(CommandError) as error:
        call_command("import", "students", str(path), organisation="pe-andino", language="en")
    assert error.value.returncode == 1
    out = capsys.readouterr().out
    assert "Row 3, column “Nombres” (value “=cmd”)" in out
    assert "1 errors; nothing was imported." in out
    assert not Student.objects.filter(external_id="A-100").exists()


def test_an_organisation_is_required_for_organisation_tables(world, write_file):
    with pytest.raises(CommandError, match="--organisation"):
        call_command("import", "students", str(write_file(CSV)))
