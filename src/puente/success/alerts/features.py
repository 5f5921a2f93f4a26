"""Features and targets from Puente's own student records, as pure functions of plain tables.

:class:`Records` holds the records of one institution as pandas frames (loaded by
:func:`load_records`). :func:`build_features` computes one row per student enrolled in a term
using **only records dated on or before the cut-off** — results by ``recorded_on``, attendance
by ``date``, learning-platform events by ``occurred_at``, withdrawals by ``withdrawn_on`` — and
never a student's current status, graduation or leaving date (those are outcomes). Adding any
record dated after the cut-off changes nothing (tests/alerts/test_features_no_leak.py).

:func:`build_targets` computes the outcome per :class:`~.models.TargetDefinition`; it reads the
future on purpose and is only used for training and evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from .definitions import TargetDefinition

# Feature columns, in order. Sex and disability are not model features by default (see
# docs/early-alerts.md, "Fairness"); metrics are always reported per sex and disability.
NUMERIC_FEATURES = (
    "age_at_entry",
    "semester",
    "terms_before",
    "withdrawals_before",
    "late_enrolment_days",
    "first_term_passed",
    "first_term_attempted",
    "prev_term_passed",
    "prev_term_attempted",
    "prev_term_grade_mean",
    "total_passed",
    "total_attempted",
    "pass_rate",
    "grade_mean",
    "term_results",
    "term_failed",
    "attendance_rate_4w",
    "attendance_sessions_4w",
    "attendance_rate_term",
    "lms_days_since_last",
    "lms_events_4w",
    "lms_events_prev_4w",
    "lms_trend",
    "lms_active_days_4w",
)
CATEGORICAL_FEATURES = ("programme", "campus")
OPTIONAL_FEATURES = ("sex", "disability")


def _frame(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


STUDENT_COLUMNS = {
    "student_id": "int64",
    "sex": "object",
    "birth_date": "datetime64[ns]",
    "enrolled_on": "datetime64[ns]",
    "programme": "object",
    "campus": "object",
    "disability": "object",
    # Outcomes: read by build_targets only, never by build_features.
    "graduated_on": "datetime64[ns]",
    "left_on": "datetime64[ns]",
}
TERM_COLUMNS = {"term_id": "int64", "code": "object", "starts_on": "datetime64[ns]", "ends_on": "datetime64[ns]"}
ENROLMENT_COLUMNS = {
    "student_id": "int64",
    "term_id": "int64",
    "semester": "float64",
    "enrolled_on": "datetime64[ns]",
    "withdrawn_on": "datetime64[ns]",
}
RESULT_COLUMNS = {
    "student_id": "int64",
    "term_id": "int64",
    "grade": "float64",
    "passed": "float64",
    "recorded_on": "datetime64[ns]",
}
ATTENDANCE_COLUMNS = {"student_id": "int64", "date": "datetime64[ns]", "present": "float64"}
LMS_COLUMNS = {"student_id": "int64", "day": "datetime64[ns]"}


@dataclass
class Records:
    """An institution's records as frames (see the ``*_COLUMNS`` constants for their columns)."""

    students: pd.DataFrame = field(default_factory=lambda: _frame(STUDENT_COLUMNS))
    terms: pd.DataFrame = field(default_factory=lambda: _frame(TERM_COLUMNS))
    enrolments: pd.DataFrame = field(default_factory=lambda: _frame(ENROLMENT_COLUMNS))
    results: pd.DataFrame = field(default_factory=lambda: _frame(RESULT_COLUMNS))
    attendance: pd.DataFrame = field(default_factory=lambda: _frame(ATTENDANCE_COLUMNS))
    lms: pd.DataFrame = field(default_factory=lambda: _frame(LMS_COLUMNS))

    def normalised(self) -> Records:
        """The same records with the expected columns and dtypes (dates as datetime64)."""

        def fix(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
            frame = frame.copy()
            for name, dtype in columns.items():
                if name not in frame.columns:
                    frame[name] = pd.Series(dtype=dtype)
                elif dtype.startswith("datetime"):
                    frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
                elif dtype == "float64":
                    frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
            return frame[list(columns)]

        return Records(
            students=fix(self.students, STUDENT_COLUMNS),
            terms=fix(self.terms, TERM_COLUMNS).sort_values("starts_on").reset_index(drop=True),
            enrolments=fix(self.enrolments, ENROLMENT_COLUMNS),
            results=fix(self.results, RESULT_COLUMNS),
            attendance=fix(self.attendance, ATTENDANCE_COLUMNS),
            lms=fix(self.lms, LMS_COLUMNS),
        )


def _ts(value: date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value)


def population(records: Records, term_id: int, cutoff: date) -> pd.DataFrame:
    """Students enrolled in the term and not withdrawn on or before the cut-off."""
    cut = _ts(cutoff)
    enr = records.enrolments
    current = enr.loc[enr["term_id"] == term_id]
    gone = current["withdrawn_on"].notna() & (current["withdrawn_on"] <= cut)
    late = current["enrolled_on"].notna() & (current["enrolled_on"] > cut)
    return current.loc[~gone & ~late, ["student_id", "semester", "enrolled_on"]].drop_duplicates("student_id")


def build_features(records: Records, term_id: int, cutoff: date, *, include: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per student of the term's population, indexed by ``student_id``.

    ``include`` adds optional columns (``"sex"``, ``"disability"``) when an institution chooses to.
    """
    records = records.normalised()
    cut = _ts(cutoff)
    terms = records.terms.set_index("term_id")
    if term_id not in terms.index:
        raise ValueError(f"Unknown term {term_id}.")
    term_start = terms.at[term_id, "starts_on"]
    pop = population(records, term_id, cutoff).set_index("student_id")
    ids = pop.index
    out = pd.DataFrame(index=ids)
    out.index.name = "student_id"

    students = records.students.drop_duplicates("student_id").set_index("student_id").reindex(ids)
    entry = students["enrolled_on"].where(students["enrolled_on"].notna() & (students["enrolled_on"] <= cut))
    out["age_at_entry"] = ((entry.fillna(term_start) - students["birth_date"]).dt.days / 365.25).round(1)
    out["semester"] = pop["semester"]

    # Enrolment history, known by the cut-off.
    enr = records.enrolments.merge(records.terms[["term_id", "starts_on"]], on="term_id", how="left")
    enr = enr.loc[enr["student_id"].isin(ids) & (enr["starts_on"] <= cut)]
    before = enr.loc[enr["starts_on"] < term_start]
    out["terms_before"] = before.groupby("student_id").size().reindex(ids).fillna(0)
    withdrawn = before.loc[before["withdrawn_on"].notna() & (before["withdrawn_on"] <= cut)]
    out["withdrawals_before"] = withdrawn.groupby("student_id").size().reindex(ids).fillna(0)
    out["late_enrolment_days"] = (pop["enrolled_on"] - term_start).dt.days.clip(lower=0)

    # Course results recorded by the cut-off.
    res = records.results.loc[records.results["student_id"].isin(ids) & (records.results["recorded_on"] <= cut)]
    res = res.merge(records.terms[["term_id", "starts_on"]], on="term_id", how="left")
    res = res.assign(passed01=res["passed"].fillna(0))
    first_term = enr.groupby("student_id")["starts_on"].min()
    res = res.assign(first=res["starts_on"].eq(res["student_id"].map(first_term)))
    first = res.loc[res["first"]].groupby("student_id")
    out["first_term_passed"] = first["passed01"].sum().reindex(ids)
    out["first_term_attempted"] = first.size().reindex(ids)
    past = res.loc[res["starts_on"] < term_start]
    if len(past):
        last_start = past.groupby("student_id")["starts_on"].transform("max")
        prev = past.loc[past["starts_on"].eq(last_start)].groupby("student_id")
        out["prev_term_passed"] = prev["passed01"].sum().reindex(ids)
        out["prev_term_attempted"] = prev.size().reindex(ids)
        out["prev_term_grade_mean"] = prev["grade"].mean().reindex(ids)
    else:
        out["prev_term_passed"] = out["prev_term_attempted"] = out["prev_term_grade_mean"] = np.nan
    allres = res.groupby("student_id")
    out["total_passed"] = allres["passed01"].sum().reindex(ids).fillna(0)
    out["total_attempted"] = allres.size().reindex(ids).fillna(0)
    out["pass_rate"] = out["total_passed"] / out["total_attempted"].where(out["total_attempted"] > 0)
    out["grade_mean"] = allres["grade"].mean().reindex(ids)
    now = res.loc[res["term_id"] == term_id]
    out["term_results"] = now.groupby("student_id").size().reindex(ids).fillna(0)
    out["term_failed"] = now.loc[now["passed"] == 0].groupby("student_id").size().reindex(ids).fillna(0)

    # Attendance up to the cut-off.
    att = records.attendance.loc[records.attendance["student_id"].isin(ids) & (records.attendance["date"] <= cut)]
    four = att.loc[att["date"] > cut - timedelta(days=28)].groupby("student_id")["present"]
    out["attendance_rate_4w"] = four.mean().reindex(ids)
    out["attendance_sessions_4w"] = four.size().reindex(ids).fillna(0)
    out["attendance_rate_term"] = (
        att.loc[att["date"] >= term_start].groupby("student_id")["present"].mean().reindex(ids)
    )

    # Learning-platform activity up to the cut-off.
    lms = records.lms.loc[records.lms["student_id"].isin(ids) & (records.lms["day"] <= cut)]
    last = lms.groupby("student_id")["day"].max().reindex(ids)
    out["lms_days_since_last"] = (cut - last).dt.days
    recent = lms.loc[lms["day"] > cut - timedelta(days=28)]
    earlier = lms.loc[(lms["day"] > cut - timedelta(days=56)) & (lms["day"] <= cut - timedelta(days=28))]
    out["lms_events_4w"] = recent.groupby("student_id").size().reindex(ids).fillna(0)
    out["lms_events_prev_4w"] = earlier.groupby("student_id").size().reindex(ids).fillna(0)
    out["lms_trend"] = np.log((out["lms_events_4w"] + 1) / (out["lms_events_prev_4w"] + 1)).round(4)
    out["lms_active_days_4w"] = recent.groupby("student_id")["day"].nunique().reindex(ids).fillna(0)

    out["programme"] = students["programme"].astype(object).where(students["programme"].notna(), None)
    out["campus"] = students["campus"].astype(object).where(students["campus"].notna(), None)
    for name in include:
        if name in OPTIONAL_FEATURES:
            out[name] = students[name].astype(object).where(students[name].notna(), None)
    numeric = [c for c in NUMERIC_FEATURES if c in out.columns]
    out[numeric] = out[numeric].astype("float64")
    return out


def next_terms(records: Records, term_id: int, count: int) -> list[int]:
    """Ids of the ``count`` terms after ``term_id`` (fewer when the calendar stops)."""
    terms = records.terms.sort_values("starts_on").reset_index(drop=True)
    position = terms.index[terms["term_id"] == term_id]
    if not len(position):
        return []
    i = int(position[0])
    return terms["term_id"].iloc[i + 1 : i + 1 + count].tolist()


def target_observable(records: Records, term_id: int, definition: str, as_of: date, options: dict[str, Any]) -> bool:
    """Whether the outcome of the term's students is known on ``as_of`` (training needs it)."""
    records = records.normalised()
    terms = records.terms.set_index("term_id")
    needed = {
        TargetDefinition.WITHDREW_IN_TERM: 0,
        TargetDefinition.NOT_ENROLLED_NEXT_TERM: 1,
        TargetDefinition.SPADIES: 2,
        TargetDefinition.NOT_GRADUATED_ON_TIME: 0,
    }[TargetDefinition(definition)]
    if needed == 0:
        return bool(terms.at[term_id, "ends_on"] <= _ts(as_of))
    following = next_terms(records, term_id, needed)
    return len(following) == needed and bool(terms.loc[following[-1], "starts_on"] <= _ts(as_of))


def build_targets(
    records: Records, term_id: int, cutoff: date, definition: str, options: dict[str, Any] | None = None
) -> pd.Series:
    """The outcome (1 = the event to prevent) of each student of the term's population.

    - ``withdrew_in_term``: the enrolment is withdrawn after the cut-off and by the term's end, or
      the student left the institution in that time;
    - ``not_enrolled_next_term``: no enrolment in the next term, unless graduated by its end;
    - ``spadies``: no enrolment in either of the next two terms, unless graduated by then
      (SPADIES' dropout: two consecutive periods without enrolment, without graduating);
    - ``not_graduated_on_time``: not graduated by the end of the student's
      ``options["nominal_terms"]``-th term (default 6) counted from their first term.
    """
    options = options or {}
    records = records.normalised()
    cut = _ts(cutoff)
    terms = records.terms.set_index("term_id")
    ids = population(records, term_id, cutoff)["student_id"]
    students = records.students.drop_duplicates("student_id").set_index("student_id").reindex(ids)
    enr = records.enrolments
    definition = TargetDefinition(definition)
    if definition == TargetDefinition.WITHDREW_IN_TERM:
        end = terms.at[term_id, "ends_on"]
        current = enr.loc[enr["term_id"] == term_id].drop_duplicates("student_id").set_index("student_id").reindex(ids)
        withdrew = current["withdrawn_on"].notna() & (current["withdrawn_on"] > cut) & (current["withdrawn_on"] <= end)
        left = students["left_on"].notna() & (students["left_on"] > cut) & (students["left_on"] <= end)
        y = withdrew | left
    elif definition in (TargetDefinition.NOT_ENROLLED_NEXT_TERM, TargetDefinition.SPADIES):
        count = 1 if definition == TargetDefinition.NOT_ENROLLED_NEXT_TERM else 2
        following = next_terms(records, term_id, count)
        if len(following) < count:
            raise ValueError("The outcome of this term is not known yet.")
        horizon = terms.loc[following[-1], "ends_on"]
        enrolled_later = enr.loc[enr["term_id"].isin(following), "student_id"].unique()
        graduated = students["graduated_on"].notna() & (students["graduated_on"] <= horizon)
        y = ~pd.Series(ids.to_numpy(), index=ids.to_numpy()).isin(enrolled_later) & ~graduated
    else:
        nominal = int(options.get("nominal_terms", 6))
        ordered = records.terms.sort_values("starts_on").reset_index(drop=True)
        position = {tid: i for i, tid in enumerate(ordered["term_id"])}
        first = (
            enr.assign(pos=enr["term_id"].map(position)).groupby("student_id")["pos"].min().reindex(ids).fillna(0)
        ).astype(int)
        due_pos = (first + nominal - 1).clip(upper=len(ordered) - 1)
        due_end = pd.Series(ordered["ends_on"].to_numpy()[due_pos.to_numpy()], index=ids.to_numpy())
        graduated = students["graduated_on"].notna() & (students["graduated_on"] <= due_end)
        y = ~graduated
    return pd.Series(np.asarray(y, dtype=int), index=pd.Index(ids.to_numpy(), name="student_id"), name="target")


# ------------------------------------------------------------------------------------------------
# Loading from the database (the only impure part)
# ------------------------------------------------------------------------------------------------


def load_records(institution_id: int, *, until: date | None = None, student_ids: Any = None) -> Records:
    """The institution's records as frames; rows dated after ``until`` are not even loaded."""
    from django.utils import timezone

    from puente.success.models import AttendanceRecord, CourseResult, Enrolment, LmsActivity, Student, Term

    students = Student.objects.filter(institution_id=institution_id)
    if student_ids is not None:
        students = students.filter(pk__in=student_ids)
    student_rows = pd.DataFrame.from_records(
        students.values_list(
            "pk",
            "sex",
            "birth_date",
            "enrolled_on",
            "programme__code",
            "campus_id",
            "disability",
            "graduated_on",
            "left_on",
        ),
        columns=list(STUDENT_COLUMNS),
    )
    student_rows["campus"] = student_rows["campus"].map(lambda v: None if v is None else str(v))
    student_rows["disability"] = student_rows["disability"].map({True: "yes", False: "no"})
    terms = Term.objects.filter(institution_id=institution_id)
    if until is not None:
        terms = terms.filter(starts_on__lte=until)
    term_rows = pd.DataFrame.from_records(
        terms.values_list("pk", "code", "starts_on", "ends_on"), columns=list(TERM_COLUMNS)
    )
    scope = {"student__institution_id": institution_id}
    if student_ids is not None:
        scope["student_id__in"] = student_ids
    enr = Enrolment.objects.filter(**scope)
    res = CourseResult.objects.filter(**scope)
    att = AttendanceRecord.objects.filter(**scope)
    lms = LmsActivity.objects.filter(**scope)
    if until is not None:
        enr = enr.filter(term__starts_on__lte=until)
        res = res.filter(recorded_on__lte=until)
        att = att.filter(date__lte=until)
        lms = lms.filter(occurred_at__date__lte=until)
    enr_rows = pd.DataFrame.from_records(
        enr.values_list("student_id", "term_id", "semester", "enrolled_on", "withdrawn_on"),
        columns=list(ENROLMENT_COLUMNS),
    )
    res_rows = pd.DataFrame.from_records(
        res.values_list("student_id", "term_id", "grade", "passed", "recorded_on"), columns=list(RESULT_COLUMNS)
    )
    res_rows["grade"] = pd.to_numeric(res_rows["grade"], errors="coerce")
    res_rows["passed"] = res_rows["passed"].map({True: 1.0, False: 0.0})
    att_rows = pd.DataFrame.from_records(
        att.values_list("student_id", "date", "present"), columns=list(ATTENDANCE_COLUMNS)
    )
    att_rows["present"] = att_rows["present"].astype(float)
    lms_rows = pd.DataFrame.from_records(lms.values_list("student_id", "occurred_at"), columns=list(LMS_COLUMNS))
    if len(lms_rows):
        # The local day of each event, as the cut-off date is a local date.
        local = pd.to_datetime(lms_rows["day"], utc=True).dt.tz_convert(timezone.get_current_timezone_name())
        lms_rows["day"] = local.dt.tz_localize(None).dt.normalize()
    return Records(
        students=student_rows, terms=term_rows, enrolments=enr_rows, results=res_rows, attendance=att_rows, lms=lms_rows
    ).normalised()
