"""Features are pure functions of the records up to the cut-off: later records change nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from puente.success.alerts.definitions import PredictionPoint, TargetDefinition
from puente.success.alerts.features import NUMERIC_FEATURES, Records, build_features, build_targets

CUTOFFS = [
    pytest.param(2, 0, id="term-2-enrolment"),
    pytest.param(2, 28, id="term-2-week-4"),
    pytest.param(3, 28, id="term-3-week-4"),
    pytest.param(3, 60, id="term-3-week-8-ish"),
    pytest.param(4, 119, id="term-4-end"),
]


def _cutoff(records: Records, term_id: int, days: int) -> date:
    start = records.terms.set_index("term_id").at[term_id, "starts_on"]
    return (start + timedelta(days=days)).date()


def _with_future(records: Records, cutoff: date) -> Records:
    """The same records plus one of everything dated the day after the cut-off (and later)."""
    after = pd.Timestamp(cutoff + timedelta(days=1))
    later = pd.Timestamp(cutoff + timedelta(days=40))
    ids = records.students["student_id"].tolist()
    some = ids[::2]
    terms = records.terms
    future_term = terms.loc[terms["starts_on"] > pd.Timestamp(cutoff), "term_id"]
    term_now = int(terms.loc[terms["starts_on"] <= pd.Timestamp(cutoff), "term_id"].iloc[-1])
    extra_results = pd.DataFrame(
        {"student_id": some, "term_id": term_now, "grade": 1.0, "passed": 0.0, "recorded_on": after}
    )
    extra_attendance = pd.DataFrame({"student_id": some, "date": after, "present": 0.0})
    extra_lms = pd.DataFrame({"student_id": some * 3, "day": [after] * len(some) + [later] * (2 * len(some))})
    enrolments = records.enrolments.copy()
    # Withdrawals recorded after the cut-off, and enrolments in terms that start later.
    mask = enrolments["student_id"].isin(some) & (enrolments["term_id"] == term_now)
    enrolments.loc[mask, "withdrawn_on"] = after
    if len(future_term):
        enrolments = pd.concat(
            [enrolments, pd.DataFrame({"student_id": some, "term_id": int(future_term.iloc[0]), "semester": 9.0})]
        )
    students = records.students.copy()
    students.loc[students["student_id"].isin(some), "left_on"] = after
    students.loc[students["student_id"].isin(ids[1::2]), "graduated_on"] = later
    return Records(
        students=students,
        terms=terms,
        enrolments=enrolments,
        results=pd.concat([records.results, extra_results]),
        attendance=pd.concat([records.attendance, extra_attendance]),
        lms=pd.concat([records.lms, extra_lms]),
    ).normalised()


@pytest.mark.parametrize(("term_id", "days"), CUTOFFS)
def test_records_after_the_cutoff_change_nothing(pure_records, term_id, days):
    cutoff = _cutoff(pure_records, term_id, days)
    before = build_features(pure_records, term_id, cutoff)
    after = build_features(_with_future(pure_records, cutoff), term_id, cutoff)
    assert len(before) > 0
    pd.testing.assert_frame_equal(before, after)


@pytest.mark.parametrize(("term_id", "days"), CUTOFFS)
def test_records_on_the_cutoff_day_are_used(pure_records, term_id, days):
    """The guard is "on or before": a record dated on the cut-off itself counts."""
    cutoff = _cutoff(pure_records, term_id, days)
    student = int(build_features(pure_records, term_id, cutoff).index[0])
    extra = pd.DataFrame({"student_id": [student], "day": [pd.Timestamp(cutoff)]})
    records = Records(**{**pure_records.__dict__, "lms": pd.concat([pure_records.lms, extra])}).normalised()
    assert build_features(records, term_id, cutoff).at[student, "lms_days_since_last"] == 0


def test_features_never_read_outcomes(pure_records):
    cutoff = _cutoff(pure_records, 3, 28)
    changed = pure_records.students.assign(graduated_on=pd.Timestamp("2020-01-01"), left_on=pd.Timestamp("2020-01-01"))
    records = Records(**{**pure_records.__dict__, "students": changed})
    pd.testing.assert_frame_equal(build_features(pure_records, 3, cutoff), build_features(records, 3, cutoff))


def test_sex_and_disability_are_features_only_when_asked(pure_records):
    cutoff = _cutoff(pure_records, 3, 28)
    plain = build_features(pure_records, 3, cutoff)
    assert "sex" not in plain.columns and "disability" not in plain.columns
    assert set(NUMERIC_FEATURES) <= set(plain.columns)
    assert "sex" in build_features(pure_records, 3, cutoff, include=("sex",)).columns


def test_students_already_withdrawn_are_not_scored(pure_records):
    cutoff = _cutoff(pure_records, 3, 28)
    student = int(build_features(pure_records, 3, cutoff).index[0])
    enrolments = pure_records.enrolments.copy()
    enrolments.loc[(enrolments["student_id"] == student) & (enrolments["term_id"] == 3), "withdrawn_on"] = pd.Timestamp(
        cutoff - timedelta(days=1)
    )
    records = Records(**{**pure_records.__dict__, "enrolments": enrolments})
    assert student not in build_features(records, 3, cutoff).index


@pytest.mark.parametrize(
    ("definition", "enrolled_next", "enrolled_after", "graduated", "expected"),
    [
        (TargetDefinition.NOT_ENROLLED_NEXT_TERM, False, False, False, 1),
        (TargetDefinition.NOT_ENROLLED_NEXT_TERM, True, False, False, 0),
        (TargetDefinition.NOT_ENROLLED_NEXT_TERM, False, False, True, 0),
        (TargetDefinition.SPADIES, False, True, False, 0),
        (TargetDefinition.SPADIES, False, False, False, 1),
        (TargetDefinition.SPADIES, False, False, True, 0),
    ],
)
def test_dropout_definitions(definition, enrolled_next, enrolled_after, graduated, expected):
    terms = pd.DataFrame(
        {
            "term_id": [1, 2, 3],
            "code": ["A", "B", "C"],
            "starts_on": pd.to_datetime(["2024-03-01", "2024-08-01", "2025-03-01"]),
            "ends_on": pd.to_datetime(["2024-07-01", "2024-12-01", "2025-07-01"]),
        }
    )
    enrolments = [{"student_id": 1, "term_id": 1, "semester": 1.0}]
    if enrolled_next:
        enrolments.append({"student_id": 1, "term_id": 2, "semester": 2.0})
    if enrolled_after:
        enrolments.append({"student_id": 1, "term_id": 3, "semester": 2.0})
    students = pd.DataFrame(
        [{"student_id": 1, "sex": "F", "graduated_on": pd.Timestamp("2024-07-20") if graduated else None}]
    )
    records = Records(students=students, terms=terms, enrolments=pd.DataFrame(enrolments)).normalised()
    cutoff = PredictionPoint.cutoff(PredictionPoint.WEEK_4, date(2024, 3, 1), date(2024, 7, 1))
    assert build_targets(records, 1, cutoff, definition).tolist() == [expected]


def test_withdrawal_within_the_term_is_the_target_of_that_definition(pure_records):
    cutoff = _cutoff(pure_records, 3, 28)
    student = int(build_features(pure_records, 3, cutoff).index[0])
    enrolments = pure_records.enrolments.copy()
    enrolments.loc[(enrolments["student_id"] == student) & (enrolments["term_id"] == 3), "withdrawn_on"] = pd.Timestamp(
        cutoff + timedelta(days=10)
    )
    records = Records(**{**pure_records.__dict__, "enrolments": enrolments})
    y = build_targets(records, 3, cutoff, TargetDefinition.WITHDREW_IN_TERM)
    assert y[student] == 1


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        (PredictionPoint.ENROLMENT, date(2024, 3, 1)),
        (PredictionPoint.WEEK_4, date(2024, 3, 29)),
        (PredictionPoint.WEEK_8, date(2024, 4, 26)),
        (PredictionPoint.END_OF_TERM, date(2024, 7, 1)),
    ],
)
def test_prediction_points(point, expected):
    assert PredictionPoint.cutoff(point, date(2024, 3, 1), date(2024, 7, 1)) == expected
