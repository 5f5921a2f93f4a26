"""Importing a million enrolment rows through the one tabular mechanism, against raw ``COPY`` of
the same rows, on PostgreSQL (SQLite runs too, against ``executemany``).

``run()`` creates a throw-away database, bulk-inserts the students and terms the rows refer to
(set-up, not measured), writes a CSV of ``rows`` enrolments (student number, term code,
semester, status) and then times

1. **import** — ``puente.lib.tabular.run_import`` with the ``enrolments`` spec of
   :mod:`puente.success.imports`, ``write=True``: reading, mapping, validating every cell,
   resolving student numbers and term codes to ids, duplicate detection, the all-or-nothing
   upsert and the audit record — what the import page and ``puente import`` do;
2. **baseline** — after emptying the table, raw ``COPY success_enrolment (...) FROM STDIN`` of the
   same rows already resolved to ids (``executemany`` on SQLite).

It reports both throughputs (rows/s), the ratio import/COPY (target ≥ 50 %), and the peak
resident memory of the process during the import (target < 2 GiB).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/puente_bench .venv/bin/python -m bench.bench_import_enrolments
    .venv/bin/python -m bench.bench_import_enrolments --rows 100000
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROWS = 1_000_000
TERMS = 8
TARGET_RATIO = 0.5
TARGET_PEAK_MB = 2048


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


def _copy(table: str, columns: list[str], lines: Any) -> None:
    """Raw bulk load: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                buffer = io.StringIO()
                for n, row in enumerate(lines, 1):
                    buffer.write("\t".join(row) + "\n")
                    if n % 100_000 == 0:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                copy.write(buffer.getvalue())
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(lines))


def run(rows: int = ROWS, keep_db: bool = False) -> dict[str, Any]:
    _setup_django()
    import datetime as dt

    from django.db import connection, transaction
    from django.test.utils import setup_databases, teardown_databases

    from puente.core.models import Organisation, OrganisationKind
    from puente.lib import tabular as t
    from puente.success.models import Enrolment, Student, Term

    if connection.vendor == "sqlite":
        name = Path(tempfile.gettempdir()) / f"puente_bench_import_{os.getpid()}.sqlite3"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(name)
    databases = setup_databases(verbosity=0, interactive=False, keepdb=keep_db)
    workdir = Path(tempfile.mkdtemp(prefix="puente_bench_import_"))
    try:
        institution = Organisation.objects.create(
            code="bench-import", name={"es": "Instituto de prueba"}, kind=OrganisationKind.TVET_INSTITUTION
        )
        terms = [
            Term.objects.create(
                institution=institution,
                code=f"{2020 + i // 2}-{i % 2 + 1}",
                starts_on=dt.date(2020 + i // 2, 3 if i % 2 == 0 else 8, 1),
                ends_on=dt.date(2020 + i // 2, 7 if i % 2 == 0 else 12, 20),
            )
            for i in range(TERMS)
        ]
        students = -(-rows // TERMS)
        _copy(
            Student._meta.db_table,
            [
                "institution_id",
                "external_id",
                "given_name",
                "family_name",
                "sex",
                "email",
                "cohort",
                "status",
                "disability_detail",
                "ethnicity",
            ],
            (
                (str(institution.pk), f"E{i:07d}", "Nombre", "Apellido", "F", "", "2020-1", "enrolled", "", "")
                for i in range(students)
            ),
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Student._meta.db_table}")
        ids = dict(Student.objects.filter(institution=institution).values_list("external_id", "pk"))
        statuses = ["active", "completed", "withdrawn"]
        path = workdir / "enrolments.csv"
        with path.open("w", encoding="utf-8") as out:
            out.write("matrícula,periodo,semestre,estado\n")
            for n in range(rows):
                out.write(f"E{n // TERMS:07d},{terms[n % TERMS].code},{n % TERMS + 1},{statuses[n % 3]}\n")
        size_mb = path.stat().st_size / 1e6

        rss_before = _peak_rss_mb()
        started = time.perf_counter()
        outcome = t.run_import(t.get_spec("enrolments"), path, organisation=institution, write=True)
        import_seconds = time.perf_counter() - started
        rss_import = _peak_rss_mb()
        if not outcome.ok:
            raise RuntimeError(f"import failed: {[p.sentence() for p in outcome.errors[:5]]}")
        imported = Enrolment.objects.count()

        with connection.cursor() as cursor:  # no per-row signals: this is set-up, not measured
            cursor.execute(f"DELETE FROM {Enrolment._meta.db_table}")
        term_ids = [str(term.pk) for term in terms]
        columns = ["student_id", "term_id", "semester", "status"]
        resolved = [
            (str(ids[f"E{n // TERMS:07d}"]), term_ids[n % TERMS], str(n % TERMS + 1), statuses[n % 3])
            for n in range(rows)
        ]
        started = time.perf_counter()
        with transaction.atomic():
            _copy(Enrolment._meta.db_table, columns, iter(resolved))
        copy_seconds = time.perf_counter() - started
        copied = Enrolment.objects.count()
        ratio = copy_seconds / import_seconds  # throughput of the import as a share of COPY's
        return {
            "bench": "import_enrolments",
            "database": connection.vendor,
            "rows": rows,
            "file_mb": round(size_mb, 1),
            "imported": imported,
            "copied": copied,
            "import_seconds": round(import_seconds, 2),
            "copy_seconds": round(copy_seconds, 2),
            "import_rows_per_s": round(rows / import_seconds),
            "copy_rows_per_s": round(rows / copy_seconds),
            "throughput_ratio": round(ratio, 3),
            "target_ratio": TARGET_RATIO,
            "peak_rss_mb_before_import": round(rss_before),
            "peak_rss_mb_after_import": round(rss_import),
            "target_peak_mb": TARGET_PEAK_MB,
            "meets_target": ratio >= TARGET_RATIO and rss_import < TARGET_PEAK_MB,
        }
    finally:
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
        teardown_databases(databases, verbosity=0, keepdb=keep_db)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.rows, args.keep_db)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
