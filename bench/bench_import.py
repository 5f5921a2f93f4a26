"""Tabular import: N rows through the import mechanism against a raw bulk load of the same rows.

``run()`` creates a throw-away database (``test_<name>`` of the configured one), an institution
with programmes and terms, and files of N students and N enrolments as a person would export
them from a spreadsheet (Spanish headers, ``;``, dd/mm/yyyy dates, programme codes, "sí/no").
Each step runs in its own process so that its peak memory is measured alone (``VmHWM``)
and its time excludes start-up:

1. **baseline** — the same rows, already in database form (ids resolved, ISO dates), loaded
   with ``COPY … FROM STDIN`` (PostgreSQL) or one ``executemany`` INSERT (SQLite);
2. **mechanism** — ``puente.lib.tabular.run_import`` on the user's file into the empty table:
   reading, mapping, validation of every cell, foreign-key look-ups, duplicate check, upsert,
   audit — all or nothing;
3. **re-import** — the same file again (every row unchanged).

The ratio reported is baseline time / mechanism time (1.0 = as fast as a raw load). Issue 4
asks for ≥ 0.5 on 1 M enrolment rows on PostgreSQL and a peak under 2 GiB.

    .venv/bin/python -m bench.bench_import                      # SQLite, 200 000 rows
    BENCH_IMPORT_ROWS=1000000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/puente_bench \\
        .venv/bin/python -m bench.bench_import                  # the issue-4 target
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROWS = int(os.getenv("BENCH_IMPORT_ROWS", "200000"))
ORGANISATION = "bench-instituto"
PROGRAMMES = [f"BENCH-P{i}" for i in range(1, 6)]
TERMS = ["2024-1", "2024-2"]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


# ----------------------------------------------------------------------------------- data files


def _student_frames(rows: int, seed: int) -> tuple[Any, Any]:
    """(the user's file as text cells, the same rows in database form without ids)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    numbers = np.arange(rows)
    external = pd.Series([f"E{n:08d}" for n in numbers])
    given = pd.Series(rng.choice(["Ana María", "José", "Lucía", "Ñusta", "Raúl", "Wendy"], rows))
    family = pd.Series(rng.choice(["Quispe Mamani", "Pérez", "Rojas", "Huamán", "Castillo"], rows))
    sex = pd.Series(rng.choice(["F", "M"], rows))
    birth = pd.to_datetime("1995-01-01") + pd.to_timedelta(rng.integers(0, 3650, rows), unit="D")
    programme = pd.Series(rng.choice(PROGRAMMES, rows))
    disability = pd.Series(rng.choice(["sí", "no", ""], rows, p=[0.05, 0.9, 0.05]))
    user_file = pd.DataFrame(
        {
            "Matrícula": external,
            "Nombres": given,
            "Apellidos": family,
            "Sexo": sex,
            "Fecha de nacimiento": birth.strftime("%d/%m/%Y"),
            "Correo": "e" + pd.Series(numbers).astype(str) + "@correo.example.pe",
            "Programa": programme,
            "Cohorte": "2024-1",
            "Discapacidad": disability,
        }
    )
    database = pd.DataFrame(
        {
            "external_id": external,
            "given_name": given,
            "family_name": family,
            "sex": sex,
            "birth_date": birth.strftime("%Y-%m-%d"),
            "email": user_file["Correo"],
            "programme": programme,
            "cohort": "2024-1",
            "disability": disability.map({"sí": "1", "no": "0", "": None}),
        }
    )
    return user_file, database


def _enrolment_file(rows: int, seed: int) -> Any:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed + 1)
    numbers = np.arange(rows)
    return pd.DataFrame(
        {
            "Matrícula": [f"E{n:08d}" for n in numbers],
            "Periodo": [TERMS[n % 2] for n in numbers],
            "Programa": rng.choice(PROGRAMMES, rows),
            "Semestre": rng.integers(1, 7, rows).astype(str),
            "Estado": rng.choice(["activo", "retirado", "completado"], rows, p=[0.8, 0.1, 0.1]),
            "Fecha de matrícula": (
                pd.to_datetime("2024-03-01") + pd.to_timedelta(rng.integers(0, 20, rows), unit="D")
            ).strftime("%d/%m/%Y"),
        }
    )


def _bench_enrolment_spec() -> Any:
    """The enrolments spec of the success app when it exists; else an equivalent one for the bench."""
    from puente.lib import tabular as t
    from puente.success.models import Enrolment

    registered = t.specs().get("enrolments")
    if registered is not None:
        return registered

    class BenchEnrolmentImport(t.ImportSpec):
        slug = "bench-enrolments"
        register = False
        model = Enrolment
        natural_key = ("student", "term")
        columns = [
            t.ForeignKey("student", by="external_id", scope="institution", aliases=["matrícula"]),
            t.ForeignKey("term", by="code", scope="institution", aliases=["periodo"]),
            t.ForeignKey("programme", by="code", scope="institution", aliases=["programa"]),
            t.Integer("semester", aliases=["semestre"]),
            t.Choice(
                "status",
                aliases={"active": ["activo"], "withdrawn": ["retirado"], "completed": ["completado"]},
                header_aliases=["estado"],
            ),
            t.Date("enrolled_on", aliases=["fecha de matrícula"]),
        ]

    return BenchEnrolmentImport


# ----------------------------------------------------------------------------------- workers


def _database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings.get("USER") or "postgres"
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        host = settings.get("HOST") or "127.0.0.1"
        return f"postgres://{user}{password}@{host}:{settings.get('PORT') or 5432}/{settings['NAME']}"
    return f"sqlite:///{settings['NAME']}"


def _worker(args: argparse.Namespace) -> None:
    """One measured step, in a fresh process; prints its JSON result."""
    _setup_django()
    from django.db import connection, transaction

    from puente.core.models import Organisation
    from puente.lib import tabular as t

    organisation = Organisation.objects.get(code=ORGANISATION)
    if args.worker == "import":
        spec = t.get_spec("students") if args.spec == "students" else _bench_enrolment_spec()
        started = time.perf_counter()
        outcome = t.run_import(spec, args.file, organisation=organisation, write=True)
        seconds = time.perf_counter() - started
        result = {
            "seconds": seconds,
            "rows": outcome.valid_rows,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "errors": [p.sentence() for p in outcome.errors[:5]],
        }
    else:  # raw load of database-ready rows
        table, columns = args.table, args.columns.split(",")
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            if connection.vendor == "postgresql":
                sql = f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
                with open(args.file, "rb") as handle, cursor.cursor.copy(sql) as copy:
                    while block := handle.read(1 << 20):
                        copy.write(block)
            else:
                import csv

                marks = ", ".join("?" for _c in columns)
                with open(args.file, newline="", encoding="utf-8") as handle:
                    rows = ([None if v == "\\N" else v for v in row] for row in csv.reader(handle))
                    cursor.executemany(
                        f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})", rows
                    )
        seconds = time.perf_counter() - started
        result = {"seconds": seconds}
    result["peak_rss_mib"] = _own_peak_rss_mib()
    sys.stdout.write(json.dumps(result) + "\n")


def _own_peak_rss_mib() -> int:
    """This process's peak resident memory (VmHWM: not inherited from the parent that forked it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _measure(arguments: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a worker; its JSON result, with its own peak resident memory."""
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_import", *arguments], env=env, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    output = child.stdout.read()
    child.wait()
    if child.returncode != 0:
        raise RuntimeError(f"bench worker {arguments[:2]} failed ({child.returncode}): {output[-2000:]}")
    return json.loads(output.strip().splitlines()[-1])


# ----------------------------------------------------------------------------------- the run


def _prepare(rows: int, seed: int, folder: Path) -> dict[str, Any]:
    """Reference data, the user's files and the database-ready baseline files."""
    from puente.core.models import Country, Organisation, OrganisationKind
    from puente.programmes.models import Programme
    from puente.success.models import Term

    country, _ = Country.objects.get_or_create(code="PE", defaults={"name": {"es": "Perú"}})
    organisation, _ = Organisation.objects.get_or_create(
        code=ORGANISATION,
        defaults={
            "name": {"es": "Instituto de banco de pruebas"},
            "kind": OrganisationKind.TVET_INSTITUTION,
            "country": country,
        },
    )
    programme_ids = {}
    for code in PROGRAMMES:
        programme, _ = Programme.objects.get_or_create(
            code=code, defaults={"institution": organisation, "title": {"es": code}}
        )
        programme_ids[code] = programme.pk
    term_ids = {}
    for code in TERMS:
        term, _ = Term.objects.get_or_create(
            institution=organisation, code=code, defaults={"starts_on": "2024-03-01", "ends_on": "2024-07-31"}
        )
        term_ids[code] = term.pk

    user_file, database = _student_frames(rows, seed)
    students_csv = folder / "students.csv"
    user_file.to_csv(students_csv, sep=";", index=False, encoding="utf-8-sig")
    enrolments = _enrolment_file(rows, seed)
    enrolments_csv = folder / "enrolments.csv"
    enrolments.to_csv(enrolments_csv, sep=";", index=False, encoding="utf-8-sig")

    # The same students in database form, every column the mechanism writes.
    student_columns = [
        "institution_id",
        "external_id",
        "given_name",
        "family_name",
        "sex",
        "birth_date",
        "email",
        "programme_id",
        "cohort",
        "disability",
        "status",
        "disability_detail",
        "ethnicity",
    ]
    baseline = database.assign(
        institution_id=organisation.pk,
        programme_id=database["programme"].map(programme_ids),
        status="enrolled",
        disability_detail="",
        ethnicity="",
    )[student_columns]
    students_db = folder / "students-db.csv"
    baseline.to_csv(students_db, header=False, index=False, na_rep="\\N")
    return {
        "organisation": organisation,
        "students_csv": students_csv,
        "students_db": students_db,
        "student_columns": student_columns,
        "enrolments": enrolments,
        "enrolments_csv": enrolments_csv,
        "programme_ids": programme_ids,
        "term_ids": term_ids,
    }


def _enrolments_db(prepared: dict[str, Any], folder: Path) -> tuple[Path, list[str]]:
    from puente.success.models import Student

    ids = dict(Student.objects.filter(institution=prepared["organisation"]).values_list("external_id", "pk"))
    frame = prepared["enrolments"]
    status = {"activo": "active", "retirado": "withdrawn", "completado": "completed"}
    columns = ["student_id", "term_id", "programme_id", "semester", "status", "enrolled_on", "withdrawn_on"]
    import pandas as pd

    database = pd.DataFrame(
        {
            "student_id": frame["Matrícula"].map(ids),
            "term_id": frame["Periodo"].map(prepared["term_ids"]),
            "programme_id": frame["Programa"].map(prepared["programme_ids"]),
            "semester": frame["Semestre"],
            "status": frame["Estado"].map(status),
            "enrolled_on": pd.to_datetime(frame["Fecha de matrícula"], format="%d/%m/%Y").dt.strftime("%Y-%m-%d"),
            "withdrawn_on": None,
        }
    )[columns]
    path = folder / "enrolments-db.csv"
    database.to_csv(path, header=False, index=False, na_rep="\\N")
    return path, columns


def _empty(table: str, where: str = "") -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)} {where}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def _step(name: str, baseline: dict[str, Any], mechanism: dict[str, Any], rows: int) -> dict[str, Any]:
    return {
        "rows": rows,
        "baseline_seconds": round(baseline["seconds"], 2),
        "mechanism_seconds": round(mechanism["seconds"], 2),
        "throughput_ratio": round(baseline["seconds"] / mechanism["seconds"], 3),
        "baseline_rows_per_second": round(rows / baseline["seconds"]),
        "mechanism_rows_per_second": round(rows / mechanism["seconds"]),
        "baseline_peak_rss_mib": baseline["peak_rss_mib"],
        "mechanism_peak_rss_mib": mechanism["peak_rss_mib"],
        "created": mechanism.get("created"),
        "errors": mechanism.get("errors"),
    }


def run(rows: int = ROWS, seed: int = 7, keep_db: bool = False) -> dict[str, Any]:
    _setup_django()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.vendor == "sqlite":
        name = Path(tempfile.gettempdir()) / f"puente_bench_import_{os.getpid()}.sqlite3"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(name)
    databases = setup_databases(verbosity=0, interactive=False, keepdb=keep_db)
    try:
        with tempfile.TemporaryDirectory(prefix="puente-bench-import-") as tmp:
            folder = Path(tmp)
            prepared = _prepare(rows, seed, folder)
            connection.close()
            env = {**os.environ, "DATABASE_URL": _database_url(), "PYTHONPATH": os.getcwd()}
            org_id = prepared["organisation"].pk
            table = "success_student"

            base = _measure(
                [
                    "--worker",
                    "copy",
                    "--file",
                    str(prepared["students_db"]),
                    "--table",
                    table,
                    "--columns",
                    ",".join(prepared["student_columns"]),
                ],
                env,
            )
            _empty(table, f"WHERE institution_id = {int(org_id)}")
            connection.close()
            mechanism = _measure(
                ["--worker", "import", "--spec", "students", "--file", str(prepared["students_csv"])], env
            )
            again = _measure(["--worker", "import", "--spec", "students", "--file", str(prepared["students_csv"])], env)

            enrolments_db, columns = _enrolments_db(prepared, folder)
            connection.close()
            enrol_base = _measure(
                [
                    "--worker",
                    "copy",
                    "--file",
                    str(enrolments_db),
                    "--table",
                    "success_enrolment",
                    "--columns",
                    ",".join(columns),
                ],
                env,
            )
            _empty("success_enrolment")
            connection.close()
            enrol = _measure(
                ["--worker", "import", "--spec", "enrolments", "--file", str(prepared["enrolments_csv"])], env
            )
            return {
                "benchmark": "import",
                "database": connection.vendor,
                "rows": rows,
                "students": _step("students", base, mechanism, rows),
                "students_reimport_unchanged": {
                    "seconds": round(again["seconds"], 2),
                    "unchanged": again["unchanged"],
                    "created": again["created"],
                    "updated": again["updated"],
                    "throughput_ratio": round(base["seconds"] / again["seconds"], 3),
                    "peak_rss_mib": again["peak_rss_mib"],
                },
                "enrolments": _step("enrolments", enrol_base, enrol, rows),
                "targets": {"enrolments_throughput_ratio_min_postgresql": 0.5, "peak_rss_mib_max": 2048},
            }
    finally:
        teardown_databases(databases, verbosity=0, keepdb=keep_db)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--worker", choices=["import", "copy"], help=argparse.SUPPRESS)
    parser.add_argument("--spec", default="students", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--table", help=argparse.SUPPRESS)
    parser.add_argument("--columns", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args)
        return
    json.dump(run(args.rows, args.seed, args.keep_db), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
