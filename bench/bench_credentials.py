"""Credential verification: p95 of a full verification against a raw Ed25519 verify of the same bytes.

``run()`` creates a throw-away database (``test_<name>`` of the configured one, SQLite or
PostgreSQL) and a temporary KEYS_DIR, issues one Open Badges 3.0 credential to a graduate, then
times, interleaved in the same run,

1. **full** — :func:`puente.credentials.services.verify_credential`: shape checks, JCS
   canonicalisation of the document and the proof configuration, two SHA-256, the Ed25519
   verify, the issuer lookup, validity dates and the revocation bit read from the status list
   in the database — what the verification page, the API and ``puente credentials verify`` do;
2. **baseline** — a raw Ed25519 verify (``cryptography``) of exactly the 64 bytes the proof
   signs, with the same key and signature.

It reports p50/p95/p99 in milliseconds for both — wall-clock and CPU time of the thread (the
latter does not grow when other processes share the cores) — the p95 ratios full/baseline, and
the target (full wall-clock p95 under 20 ms). The ``eddsa-rdfc-2022`` path (JSON-LD expansion + RDF canonicalisation)
is measured too, for information.

    .venv/bin/python -m bench.bench_credentials
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/puente_bench .venv/bin/python -m bench.bench_credentials
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_P95_MS = 20.0


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    return {
        "p50_ms": round(_percentile(ms, 50), 4),
        "p95_ms": round(_percentile(ms, 95), 4),
        "p99_ms": round(_percentile(ms, 99), 4),
        "mean_ms": round(statistics.fmean(ms), 4),
    }


def _fixtures() -> tuple[Any, Any]:
    """A graduate of one institution and an aligned achievement."""
    import datetime as dt

    from puente.core.models import Country, Organisation, OrganisationKind
    from puente.credentials.models import Achievement
    from puente.success.models import Student, StudentStatus

    country, _ = Country.objects.get_or_create(code="PE", defaults={"name": {"es": "Perú"}})
    institution = Organisation.objects.create(
        code="bench-andino", name={"es": "Instituto Andino"}, kind=OrganisationKind.TVET_INSTITUTION, country=country
    )
    student = Student.objects.create(
        institution=institution,
        external_id="B-1",
        given_name="Rosa",
        family_name="Quispe",
        email="rosa@example.org",
        status=StudentStatus.GRADUATED,
        graduated_on=dt.date(2025, 12, 15),
    )
    achievement = Achievement.objects.create(
        code="PE:BENCH-1",
        name={"es": "Técnico/a en Cocina"},
        description={"es": "Cualificación ilustrativa."},
        alignments=[
            {
                "targetType": "ext:RegionalFrameworkLevel",
                "targetName": "Nivel 4",
                "targetCode": "4",
                "targetFramework": "MRC-AP",
                "targetUrl": "urn:puente:framework:mrc-ap@1:level:4",
            },
            {
                "targetType": "ext:NationalFrameworkLevel",
                "targetName": "MNCP nivel 4",
                "targetCode": "4",
                "targetFramework": "MNCP",
                "targetUrl": "urn:puente:framework:pe-mncp@1:level:4",
            },
        ]
        + [
            {
                "targetType": "ext:ESCOSkill",
                "targetName": f"skill {i}",
                "targetFramework": "ESCO",
                "targetUrl": f"http://data.europa.eu/esco/skill/{i:08d}-0000-0000-0000-000000000000",
            }
            for i in range(8)
        ],
    )
    return student, achievement


def run(iterations: int = 2000, rdfc_iterations: int = 100, keep_db: bool = False) -> dict[str, Any]:
    """Measure full verification and the raw Ed25519 baseline on a throw-away database."""
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from puente.credentials import integrity, services
    from puente.credentials.multibase import decode_base58btc, public_key_from_did_key

    if connection.vendor == "sqlite":
        name = Path(tempfile.gettempdir()) / f"puente_bench_credentials_{os.getpid()}.sqlite3"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(name)
    databases = setup_databases(verbosity=0, interactive=False, keepdb=keep_db)
    keys_dir = tempfile.TemporaryDirectory(prefix="puente-bench-keys-")
    settings.KEYS_DIR = Path(keys_dir.name)
    try:
        student, achievement = _fixtures()
        credential = services.issue_credential(None, student=student, achievement=achievement, language="es")
        document = credential.document
        assert services.verify_credential(document).valid

        # The exact bytes the proof signs, for the baseline.
        proof = document["proof"]
        unsecured = {k: v for k, v in document.items() if k != "proof"}
        options = {k: v for k, v in proof.items() if k != "proofValue"}
        signed_bytes = integrity.hash_data(
            integrity.proof_config_jcs(options, unsecured), integrity.transform_jcs(unsecured)
        )
        _, public_key = public_key_from_did_key(proof["verificationMethod"])
        signature = decode_base58btc(proof["proofValue"])

        for _ in range(50):  # warm caches and connections
            services.verify_credential(document)
            public_key.verify(signature, signed_bytes)

        full: list[float] = []
        baseline: list[float] = []
        full_cpu: list[float] = []
        baseline_cpu: list[float] = []
        clock, cpu = time.perf_counter, time.thread_time
        for _ in range(iterations):
            started, started_cpu = clock(), cpu()
            report = services.verify_credential(document)
            full.append(clock() - started)
            full_cpu.append(cpu() - started_cpu)
            started, started_cpu = clock(), cpu()
            public_key.verify(signature, signed_bytes)
            baseline.append(clock() - started)
            baseline_cpu.append(cpu() - started_cpu)
            assert report.valid

        rdfc_credential = services.issue_credential(
            None, student=student, achievement=achievement, language="es", cryptosuite=integrity.RDFC
        )
        rdfc: list[float] = []
        for _ in range(rdfc_iterations):
            started = clock()
            assert services.verify_credential(rdfc_credential.document).valid
            rdfc.append(clock() - started)

        full_summary = _summary(full)
        baseline_summary = _summary(baseline)
        return {
            "benchmark": "credentials",
            "database": connection.vendor,
            "iterations": iterations,
            "credential_bytes": len(json.dumps(document).encode()),
            "full_verify_jcs": full_summary,
            "baseline_raw_ed25519": baseline_summary,
            "p95_ratio_full_to_baseline": round(full_summary["p95_ms"] / baseline_summary["p95_ms"], 1),
            # CPU time of the verifying thread: what the work costs, whatever the machine's load.
            "full_verify_jcs_cpu": (full_cpu_summary := _summary(full_cpu)),
            "baseline_raw_ed25519_cpu": (baseline_cpu_summary := _summary(baseline_cpu)),
            "p95_cpu_ratio_full_to_baseline": round(full_cpu_summary["p95_ms"] / baseline_cpu_summary["p95_ms"], 1),
            "full_verify_rdfc": _summary(rdfc),
            "target_p95_ms": TARGET_P95_MS,
            # Two shared cores: a busy machine shows in the baseline's p95 (an idle one is ~0.1 ms).
            "load_average_1min": round(os.getloadavg()[0], 2),
            "meets_target": full_summary["p95_ms"] < TARGET_P95_MS,
        }
    finally:
        keys_dir.cleanup()
        teardown_databases(databases, verbosity=0, keepdb=keep_db)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--rdfc-iterations", type=int, default=100)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args(argv)
    json.dump(run(args.iterations, args.rdfc_iterations, args.keep_db), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
