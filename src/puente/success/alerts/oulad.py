"""A flat table "what was known by day D" from the Open University Learning Analytics Dataset.

Used to develop and document the pipeline (docs/early-alerts.md). For each student-module
presentation still registered on day ``D`` (not unregistered on or before D), the table holds
the demographics of ``studentInfo``, the registration date, and the assessments *submitted on or
before D* (counts, scores, lateness) — never a later submission, score or unregistration. The
target is ``final_result == "Withdrawn"``; ``code_presentation`` is the cohort.

Source: Kuzilek, Hlosta, Zdrahal (2017), Open University Learning Analytics dataset, Scientific
Data 4:170171, CC BY 4.0.

    python -m puente.success.alerts.oulad --day 60 --out /tmp/oulad_d60.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

KEYS = ["code_module", "code_presentation", "id_student"]


def load(folder: str | Path) -> dict[str, pd.DataFrame]:
    folder = Path(folder)
    read = lambda name: pd.read_csv(folder / f"{name}.csv", na_values=["?", ""], keep_default_na=False)  # noqa: E731
    return {
        name: read(name)
        for name in ("studentInfo", "studentRegistration", "assessments", "studentAssessment", "courses")
    }


def table_at_day(data: dict[str, pd.DataFrame], day: int) -> pd.DataFrame:
    """One row per presentation-student still registered on ``day``; features known by then."""
    info = data["studentInfo"].merge(data["studentRegistration"], on=KEYS, how="left")
    info = info.merge(data["courses"], on=["code_module", "code_presentation"], how="left")
    still = info["date_unregistration"].isna() | (info["date_unregistration"] > day)
    info = info.loc[still].copy()
    assessments = data["assessments"]
    submitted = data["studentAssessment"].merge(assessments, on="id_assessment", how="left")
    known = submitted.loc[submitted["date_submitted"] <= day].copy()
    known["late_days"] = (known["date_submitted"] - known["date"]).clip(lower=0)
    known["is_late"] = (known["date_submitted"] > known["date"]).astype(float)
    known["weighted"] = known["score"] * known["weight"]
    known["is_tma"] = (known["assessment_type"] == "TMA").astype(float)
    known["is_cma"] = (known["assessment_type"] == "CMA").astype(float)
    known["failed"] = (known["score"] < 40).astype(float)
    agg = known.groupby(["code_module", "code_presentation", "id_student"]).agg(
        submitted=("id_assessment", "count"),
        submitted_tma=("is_tma", "sum"),
        submitted_cma=("is_cma", "sum"),
        score_mean=("score", "mean"),
        score_min=("score", "min"),
        score_last=("score", "last"),
        scores_failed=("failed", "sum"),
        weighted_score=("weighted", "sum"),
        weight_submitted=("weight", "sum"),
        late_count=("is_late", "sum"),
        late_days_mean=("late_days", "mean"),
        last_submission=("date_submitted", "max"),
        first_submission=("date_submitted", "min"),
        banked=("is_banked", "sum"),
    )
    agg = agg.reset_index()
    due = assessments.loc[assessments["date"].notna() & (assessments["date"] <= day)]
    due_counts = due.groupby(["code_module", "code_presentation"]).agg(
        due=("id_assessment", "count"), weight_due=("weight", "sum")
    )
    table = info.merge(agg, on=KEYS, how="left").merge(
        due_counts.reset_index(), on=["code_module", "code_presentation"], how="left"
    )
    for column in (
        "submitted",
        "submitted_tma",
        "submitted_cma",
        "scores_failed",
        "late_count",
        "banked",
        "weight_submitted",
        "weighted_score",
    ):
        table[column] = table[column].fillna(0)
    table["due"] = table["due"].fillna(0)
    table["weight_due"] = table["weight_due"].fillna(0)
    table["missed"] = (table["due"] - table["submitted"]).clip(lower=0)
    table["days_since_submission"] = day - table["last_submission"]
    table["days_registered_before_start"] = -table["date_registration"]
    out = table[
        [
            "code_module",
            "code_presentation",
            "id_student",
            "gender",
            "region",
            "highest_education",
            "imd_band",
            "age_band",
            "num_of_prev_attempts",
            "studied_credits",
            "disability",
            "module_presentation_length",
            "days_registered_before_start",
            "due",
            "submitted",
            "submitted_tma",
            "submitted_cma",
            "missed",
            "score_mean",
            "score_min",
            "score_last",
            "scores_failed",
            "weighted_score",
            "weight_due",
            "late_count",
            "late_days_mean",
            "days_since_submission",
            "first_submission",
            "banked",
            "final_result",
        ]
    ].copy()
    out["days_since_submission"] = out["days_since_submission"].astype(float)
    out.insert(0, "row", np.arange(1, len(out) + 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[5] / "shared" / "data" / "oulad"))
    parser.add_argument("--day", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    table_at_day(load(args.data), args.day).to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
