"""Fixtures of early-alert tests: a few terms of an institution's history with a dropout signal.

``history`` writes to the database (Instituto Andino of the ``world`` fixture): 6 semesters,
~25 new students a term, results, attendance and Moodle activity. Students with low engagement
pass fewer units, miss classes, go quiet on Moodle and more often do not enrol the next term.
Tina tutors a third of them. ``pure_records`` gives the same kind of records as frames, no DB.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from puente.success.alerts.features import Records

TERM_STARTS = [
    date(2022, 3, 1),
    date(2022, 8, 1),
    date(2023, 3, 1),
    date(2023, 8, 1),
    date(2024, 3, 1),
    date(2024, 8, 1),
]
TERM_DAYS = 120


def simulate(seed: int = 0, per_term: int = 25, n_terms: int = 6) -> dict[str, list[dict]]:
    """Plain rows of a synthetic history (students, terms, enrolments, results, attendance, lms)."""
    rng = np.random.default_rng(seed)
    terms = [
        {
            "term_id": i + 1,
            "code": f"T{i + 1}",
            "starts_on": TERM_STARTS[i],
            "ends_on": TERM_STARTS[i] + timedelta(days=TERM_DAYS),
        }
        for i in range(n_terms)
    ]
    students, enrolments, results, attendance, lms = [], [], [], [], []
    sid = 0
    for entry in range(n_terms):
        for _ in range(per_term):
            sid += 1
            engagement = rng.normal()
            sex = "F" if rng.random() < 0.5 else "M"
            students.append(
                {
                    "student_id": sid,
                    "sex": sex,
                    "birth_date": date(2000 + int(rng.integers(0, 6)), 1 + int(rng.integers(0, 12)), 1),
                    "enrolled_on": terms[entry]["starts_on"],
                    "programme": "P1" if rng.random() < 0.6 else "P2",
                    "campus": None,
                    "disability": "yes" if rng.random() < 0.1 else "no",
                    "graduated_on": None,
                    "left_on": None,
                    "engagement": engagement,
                }
            )
            for t in range(entry, n_terms):
                term = terms[t]
                enrolments.append(
                    {
                        "student_id": sid,
                        "term_id": term["term_id"],
                        "semester": t - entry + 1,
                        "enrolled_on": term["starts_on"],
                        "withdrawn_on": None,
                    }
                )
                for unit in range(4):
                    passed = rng.random() < 1 / (1 + np.exp(-(1.0 + 1.5 * engagement)))
                    results.append(
                        {
                            "student_id": sid,
                            "term_id": term["term_id"],
                            "course_code": f"U{unit}",
                            "grade": round(float(np.clip(11 + 3 * engagement + rng.normal(), 0, 20)), 1),
                            "passed": bool(passed),
                            "recorded_on": term["ends_on"] - timedelta(days=int(rng.integers(0, 10))),
                        }
                    )
                for week in range(0, TERM_DAYS // 7, 2):
                    day = term["starts_on"] + timedelta(days=7 * week + 1)
                    attendance.append(
                        {
                            "student_id": sid,
                            "date": day,
                            "present": bool(rng.random() < 1 / (1 + np.exp(-(1.5 + engagement)))),
                        }
                    )
                    for _ in range(int(rng.poisson(max(0.2, 2 + engagement)))):
                        lms.append({"student_id": sid, "day": day + timedelta(days=int(rng.integers(0, 7)))})
                leaves = rng.random() < 1 / (1 + np.exp(-(-2.2 - 1.8 * engagement)))
                if leaves:
                    students[-1]["left_on"] = term["ends_on"]
                    break
    return {
        "students": students,
        "terms": terms,
        "enrolments": enrolments,
        "results": results,
        "attendance": attendance,
        "lms": lms,
    }


def to_records(rows: dict[str, list[dict]]) -> Records:
    frames = {k: pd.DataFrame(v) for k, v in rows.items()}
    frames["students"] = frames["students"].drop(columns=["engagement"])
    frames["results"] = frames["results"].assign(passed=frames["results"]["passed"].astype(float))
    frames["attendance"] = frames["attendance"].assign(present=frames["attendance"]["present"].astype(float))
    return Records(**frames).normalised()


@pytest.fixture
def pure_records() -> Records:
    return to_records(simulate(seed=1, per_term=12, n_terms=4))


@pytest.fixture
def history(world, settings, tmp_path):
    """The simulated history written for Instituto Andino; model files go to a temporary folder."""
    from puente.success.models import AttendanceRecord, CourseResult, Enrolment, LmsActivity, Student, Term

    settings.ALERT_MODELS_DIR = tmp_path / "models"
    rows = simulate(seed=3)
    terms = {
        t["term_id"]: Term.objects.create(
            institution=world.andino, code=t["code"], starts_on=t["starts_on"], ends_on=t["ends_on"]
        )
        for t in rows["terms"]
    }
    students = {}
    for i, s in enumerate(rows["students"]):
        students[s["student_id"]] = Student(
            institution=world.andino,
            external_id=f"H-{s['student_id']:04d}",
            given_name=f"Nombre{i}",
            family_name=f"Apellido{i}",
            sex=s["sex"],
            birth_date=s["birth_date"],
            enrolled_on=s["enrolled_on"],
            programme=world.andino_programme if s["programme"] == "P1" else None,
            disability=s["disability"] == "yes",
            left_on=s["left_on"],
            tutor=world.tina if i % 3 == 0 else None,
        )
    Student.objects.bulk_create(students.values())
    Enrolment.objects.bulk_create(
        Enrolment(
            student=students[e["student_id"]],
            term=terms[e["term_id"]],
            semester=e["semester"],
            enrolled_on=e["enrolled_on"],
        )
        for e in rows["enrolments"]
    )
    CourseResult.objects.bulk_create(
        CourseResult(
            student=students[r["student_id"]],
            term=terms[r["term_id"]],
            course_code=r["course_code"],
            grade=r["grade"],
            passed=r["passed"],
            recorded_on=r["recorded_on"],
        )
        for r in rows["results"]
    )
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(student=students[a["student_id"]], date=a["date"], present=a["present"])
        for a in {(a["student_id"], a["date"]): a for a in rows["attendance"]}.values()
    )
    LmsActivity.objects.bulk_create(
        LmsActivity(
            student=students[x["student_id"]],
            occurred_at=datetime.combine(x["day"], datetime.min.time(), tzinfo=UTC) + timedelta(hours=15),
            fingerprint=f"{x['student_id']}-{i}",
        )
        for i, x in enumerate(rows["lms"])
    )
    return SimpleNamespace(world=world, terms=terms, students=students, rows=rows)


FAST_MODEL = {"inner_folds": 3, "max_rounds": 300, "early_stopping_rounds": 30, "time_budget": 5.0}
