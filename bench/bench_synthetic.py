"""Synthetic people: generation + insert time per 100 000 students, against a raw bulk insert.

``run()`` creates a throw-away database (``test_<name>`` of the configured one, SQLite or
PostgreSQL), loads the programme's facts, then

1. **demo path** — times :func:`puente.demo.people.write_students`: generating the students
   and their records chunk by chunk and inserting them as ``puente demo`` does;
2. **baseline** — deletes them, pre-generates exactly the same rows as database-ready frames
   (not timed), and times inserting those frames with the raw bulk writer of
   :mod:`puente.lib.tabular` (``COPY`` on PostgreSQL, ``executemany`` on SQLite) alone.

It reports both times scaled to 100 000 students, their ratio (how much generating and the
ORM cost on top of moving the same bytes), the time to delete the synthetic people again (what
a re-run of ``puente demo`` does first), rows per second and the peak resident memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/puente_bench .venv/bin/python -m bench.bench_synthetic
    .venv/bin/python -m bench.bench_synthetic --students 20000
    BENCH_SYNTHETIC_STUDENTS=20000 .venv/bin/python -m bench synthetic
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STUDENTS = 100_000  # per-100k figures are scaled from the measured run
DEFAULT_STUDENTS = int(os.getenv("BENCH_SYNTHETIC_STUDENTS", str(STUDENTS)))


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


def run(students: int = DEFAULT_STUDENTS, seed: int = 42, keep_db: bool = False) -> dict[str, Any]:
    """Measure the demo path and the raw-insert baseline on a throw-away database."""
    _setup_django()
    import numpy as np
    from django.db import connection, transaction
    from django.test.utils import setup_databases, teardown_databases

    from puente.demo import people
    from puente.demo import synthetic as syn
    from puente.demo.catalogue import catalogue_from_db
    from puente.demo.programme import load_programme, read_programme_data
    from puente.success.models import Student

    if connection.vendor == "sqlite":
        # A file, not the in-memory default of SQLite test databases: measure real writes.
        name = Path(tempfile.gettempdir()) / f"puente_bench_synthetic_{os.getpid()}.sqlite3"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(name)
    databases = setup_databases(verbosity=0, interactive=False, keepdb=keep_db)
    try:
        load_programme()
        people.ensure_campuses()
        scale = syn.Scale("bench", students, 0, 0, activity_terms=2)
        rss_before = _peak_rss_mb()

        started = time.perf_counter()
        report = people.write_students(scale, seed)
        demo_seconds = time.perf_counter() - started
        rss_demo = _peak_rss_mb()
        rows = sum(report.counts.values())

        started = time.perf_counter()
        people.delete_synthetic_people()
        delete_seconds = time.perf_counter() - started
        institutions, programmes = catalogue_from_db(read_programme_data())
        terms = people.ensure_terms([i.id for i in institutions])
        next_id = (Student.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        frames: list[tuple[Any, Any]] = []
        for chunk, frame in enumerate(syn.iter_student_chunks(students, seed, institutions, programmes)):
            records = syn.generate_records(frame, seed, chunk, institutions, programmes, activity_terms=2)
            ids = np.arange(next_id, next_id + len(frame))
            next_id += len(frame)
            student_rows = people.student_frame(frame).assign(id=ids)
            chunk_frames = people.record_frames(frame, records, terms, ids, connection.vendor)
            frames.append((student_rows, chunk_frames))
        baseline_rows = 0
        started = time.perf_counter()
        for student_rows, chunk_frames in frames:
            with transaction.atomic():
                baseline_rows += people.insert_frame(Student, student_rows)
                for model, frame in chunk_frames.items():
                    baseline_rows += people.insert_frame(model, frame)
        baseline_seconds = time.perf_counter() - started
        assert baseline_rows == rows, (baseline_rows, rows)
        per = STUDENTS / students
        return {
            "benchmark": "synthetic",
            "database": connection.vendor,
            "students": students,
            "rows": rows,
            "rows_per_student": round(rows / students, 1),
            "demo_seconds_per_100k": round(demo_seconds * per, 1),
            "baseline_seconds_per_100k": round(baseline_seconds * per, 1),
            # As the other benches: baseline time / measured time (1.0 = as fast as a raw load).
            "ratio": round(baseline_seconds / demo_seconds, 2),
            "ratio_demo_to_baseline": round(demo_seconds / baseline_seconds, 2),
            "delete_seconds_per_100k": round(delete_seconds * per, 1),
            "demo_rows_per_second": round(rows / demo_seconds),
            "baseline_rows_per_second": round(rows / baseline_seconds),
            "peak_rss_mb_before": round(rss_before),
            "peak_rss_mb_after_demo_path": round(rss_demo),
            "peak_rss_mb_with_baseline_frames_in_memory": round(_peak_rss_mb()),
        }
    finally:
        teardown_databases(databases, verbosity=0, keepdb=keep_db)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=DEFAULT_STUDENTS)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args(argv)
    json.dump(run(args.students, args.seed, args.keep_db), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
