"""Early alerts: scoring a million students against the raw ``predict`` of the same model.

``run()`` builds a synthetic feature matrix with Puente's own feature columns
(:mod:`puente.success.alerts.features`) and a built-in dropout signal, trains the product's
:class:`~puente.success.alerts.pipeline.EarlyAlertModel` on a sample, then times on the same
``BENCH_ALERTS_STUDENTS`` rows (default 1 000 000):

1. **baseline** — the raw prediction of the fitted estimator on the matrix it reads, prepared
   untimed: LightGBM's ``Booster.predict`` on the encoded matrix; for the logistic model
   ``LogisticRegression.decision_function`` on its design matrix. Also the fitted model's own
   ``decision_matrix`` (its internal transformations included);
2. **product path** — features (a DataFrame) → encoding → prediction → calibrated probability →
   traffic-light band (``EarlyAlertModel.predict_proba`` + ``services.band_for``). Target: ≤ 1.5×
   the baseline. Both candidate kinds (LightGBM and logistic) are measured;
3. **explanations** — reasons for the students flagged red or amber, reported separately, in
   milliseconds per flagged student (green students get no reasons, see ``services.score_frame``);
4. **database write** — ``RiskScore`` rows bulk-inserted into a throw-away database
   (``BENCH_ALERTS_DB_ROWS``, default 100 000), as rows per second and extrapolated to the full
   count; reported separately from the scoring ratio.

    .venv/bin/python -m bench.bench_alerts
    BENCH_ALERTS_STUDENTS=200000 BENCH_ALERTS_DB_ROWS=20000 .venv/bin/python -m bench.bench_alerts
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

STUDENTS = int(os.getenv("BENCH_ALERTS_STUDENTS", "1000000"))
TRAIN_ROWS = int(os.getenv("BENCH_ALERTS_TRAIN_ROWS", "20000"))
DB_ROWS = int(os.getenv("BENCH_ALERTS_DB_ROWS", "100000"))
REPEATS = int(os.getenv("BENCH_ALERTS_REPEATS", "3"))


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


def synthetic_features(n: int, seed: int = 0) -> tuple[Any, Any]:
    """A feature frame shaped like ``build_features`` output, and a dropout outcome."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    engagement = rng.normal(size=n).astype(np.float32)
    attempted = rng.integers(3, 7, n).astype(np.float32)
    passed = np.minimum(attempted, rng.binomial(attempted.astype(int), 1 / (1 + np.exp(-(1 + engagement))))).astype(
        np.float32
    )
    frame = pd.DataFrame(
        {
            "age_at_entry": (18 + rng.gamma(2, 2, n)).astype(np.float32),
            "semester": rng.integers(1, 7, n).astype(np.float32),
            "terms_before": rng.integers(0, 6, n).astype(np.float32),
            "withdrawals_before": rng.binomial(1, 0.05, n).astype(np.float32),
            "late_enrolment_days": rng.poisson(2, n).astype(np.float32),
            "first_term_passed": passed,
            "first_term_attempted": attempted,
            "prev_term_passed": np.where(rng.random(n) < 0.3, np.nan, passed),
            "prev_term_attempted": np.where(rng.random(n) < 0.3, np.nan, attempted),
            "prev_term_grade_mean": (12 + 2.5 * engagement + rng.normal(size=n)).astype(np.float32),
            "total_passed": passed * 2,
            "total_attempted": attempted * 2,
            "pass_rate": passed / attempted,
            "grade_mean": (12 + 2 * engagement + rng.normal(size=n)).astype(np.float32),
            "term_results": rng.integers(0, 3, n).astype(np.float32),
            "term_failed": rng.binomial(1, 1 / (1 + np.exp(2 + engagement))).astype(np.float32),
            "attendance_rate_4w": np.clip(0.8 + 0.1 * engagement + 0.1 * rng.normal(size=n), 0, 1).astype(np.float32),
            "attendance_sessions_4w": rng.integers(4, 12, n).astype(np.float32),
            "attendance_rate_term": np.clip(0.8 + 0.1 * engagement, 0, 1).astype(np.float32),
            "lms_days_since_last": rng.exponential(np.exp(1.5 - 0.7 * engagement)).round().astype(np.float32),
            "lms_events_4w": rng.poisson(np.exp(2.5 + 0.5 * engagement)).astype(np.float32),
            "lms_events_prev_4w": rng.poisson(np.exp(2.5 + 0.3 * engagement)).astype(np.float32),
            "lms_trend": rng.normal(0, 0.5, n).astype(np.float32),
            "lms_active_days_4w": rng.integers(0, 20, n).astype(np.float32),
            "programme": rng.choice([f"PRG-{i:02d}" for i in range(30)], n),
            "campus": rng.choice(["1", "2", "3", "4", None], n),
        }
    )
    z = -2.0 - 1.5 * engagement + 0.8 * frame["withdrawals_before"].to_numpy()
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    return frame, y


def _best(fn: Any, repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def _measure_model(kind: str, features: Any, train: Any, y: Any, repeats: int) -> dict[str, Any]:
    import numpy as np

    from puente.success.alerts.pipeline import EarlyAlertModel
    from puente.success.alerts.services import band_for, score_frame

    started = time.perf_counter()
    model = EarlyAlertModel(candidates=(kind,), inner_folds=3, time_budget=20.0, n_jobs=1).fit(train, y)
    train_seconds = time.perf_counter() - started
    p_train = model.predict_proba(train)[:, 1]
    rate = float(y.mean())
    policy = {"red": float(np.quantile(p_train, 1 - rate)), "amber": float(np.quantile(p_train, 1 - 2 * rate))}

    # Baselines get their input prepared, untimed.
    encoded = model.transform_matrix(features)
    if kind == "gbm":
        raw_seconds, _ = _best(lambda: model.booster_.predict(encoded, raw_score=True), repeats)
    else:
        design = model.design_.transform(encoded)
        raw_seconds, _ = _best(lambda: model.logistic_.decision_function(design), repeats)
    model_seconds, _ = _best(lambda: model.decision_matrix(encoded), repeats)

    def product() -> Any:
        probability = model.predict_proba(features)[:, 1]
        return band_for(probability, policy)

    product_seconds, bands = _best(product, repeats)
    encoding_seconds, _ = _best(lambda: model.transform_matrix(features), repeats)
    sample = features.iloc[: min(len(features), 100_000)]
    sample_bands = bands[: len(sample)]
    explain_seconds, _ = _best(lambda: score_frame(model, sample, policy), 1)
    flagged_in_sample = max(1, int((sample_bands != "green").sum()))
    return {
        "model": model.model_name_,
        "train_seconds": round(train_seconds, 1),
        "raw_estimator_predict_seconds": round(raw_seconds, 3),
        "model_predict_seconds": round(model_seconds, 3),
        "product_scoring_seconds": round(product_seconds, 3),
        "ratio_product_to_raw_estimator": round(product_seconds / raw_seconds, 3),
        "ratio_product_to_model_predict": round(product_seconds / model_seconds, 3),
        "encoding_seconds": round(encoding_seconds, 3),
        "flagged_share": round(float((bands != "green").mean()), 4),
        "reasons_ms_per_flagged_student": round(1000 * explain_seconds / flagged_in_sample, 3),
    }


def measure_scoring(students: int = STUDENTS, train_rows: int = TRAIN_ROWS, repeats: int = REPEATS) -> dict[str, Any]:
    """Both candidate kinds on the same feature matrix: LightGBM and the logistic model."""
    features, _ = synthetic_features(students, seed=1)
    train, y = synthetic_features(train_rows, seed=2)
    return {
        "students": students,
        "train_rows": train_rows,
        "target_ratio": 1.5,
        "gbm": _measure_model("gbm", features, train, y, repeats),
        "logistic": _measure_model("logistic", features, train, y, repeats),
    }


def measure_db_write(rows: int = DB_ROWS) -> dict[str, Any]:
    """Bulk insert ``rows`` risk scores into a throw-away database (SQLite file or PostgreSQL)."""
    _setup_django()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.vendor == "sqlite":
        name = Path(tempfile.gettempdir()) / f"puente_bench_alerts_{os.getpid()}.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(name)
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from puente.core.models import Country, Organisation, OrganisationKind
        from puente.success.alerts.models import Band, ModelRelease, RiskScore
        from puente.success.models import Student

        country = Country.objects.create(code="PE", name={"es": "Perú"})
        org = Organisation.objects.create(
            code="bench", name={"es": "Bench"}, kind=OrganisationKind.TVET_INSTITUTION, country=country
        )
        Student.objects.bulk_create(
            (Student(institution=org, external_id=f"B{i:07d}", given_name="N", family_name="A") for i in range(rows)),
            batch_size=5000,
        )
        ids = list(Student.objects.filter(institution=org).values_list("pk", flat=True))
        release = ModelRelease.objects.create(
            institution=org,
            version=1,
            target="not_enrolled_next_term",
            prediction_point="week_4",
            data_from=date(2024, 1, 1),
            data_to=date(2024, 12, 31),
            model_name="gbm",
            file_path="x",
            file_sha256="x",
        )
        reasons = [{"code": "attendance_4w", "values": {"percent": 55}, "weight": 0.4}]
        objects = [
            RiskScore(
                student_id=pk,
                release=release,
                scored_on=date(2025, 3, 1),
                probability=0.5,
                band=Band.RED,
                reasons=reasons if i % 5 == 0 else [],
                previous_probability=0.4,
            )
            for i, pk in enumerate(ids)
        ]
        started = time.perf_counter()
        RiskScore.objects.bulk_create(objects, batch_size=2000)
        seconds = time.perf_counter() - started
        return {
            "database": connection.vendor,
            "db_rows": rows,
            "db_write_seconds": round(seconds, 2),
            "db_rows_per_second": round(rows / seconds),
            "db_write_seconds_per_million_extrapolated": round(seconds * 1_000_000 / rows, 1),
        }
    finally:
        teardown_databases(old, verbosity=0)


def run() -> dict[str, Any]:
    _setup_django()
    result = {"benchmark": "alerts", **measure_scoring()}
    if DB_ROWS > 0:
        result.update(measure_db_write())
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    json.dump(run(), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
