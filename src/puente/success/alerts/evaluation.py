# ruff: noqa: N806 — scikit-learn names matrices X and Z, and C is the usual regularisation name.
"""Honest evaluation of the early-alert pipeline on a flat table of past students.

Used by ``puente alerts evaluate`` (bring-your-own-history check) and by model releases. Every
metric comes from out-of-fold predictions: each row is scored by a model (the product's full
pipeline, model selection and calibration included) that never saw that row — nor its cohort
when a cohort column is given.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import lightgbm
import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from .pipeline import EarlyAlertModel
from .table import constant, find_column, id_like, normalise_label

MISSING_GROUP = "(missing)"


class EvaluationError(ValueError):
    """The table cannot be evaluated (no such column, a single class, …); the message says why."""


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None
    return round(float(value), digits)


def binary_metrics(y: np.ndarray, p: np.ndarray, alert: np.ndarray | None = None) -> dict[str, Any]:
    """ROC-AUC, PR-AUC, Brier, log-loss; recall, precision and alert rate when ``alert`` is given.
    AUCs are null when the rows hold a single class."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    n = len(y)
    out: dict[str, Any] = {"n": n, "positives": int(y.sum()), "positive_rate": _round(y.mean() if n else None)}
    two = n > 0 and 0 < y.sum() < n
    out["roc_auc"] = _round(roc_auc_score(y, p)) if two else None
    out["pr_auc"] = _round(average_precision_score(y, p)) if two else None
    out["brier"] = _round(brier_score_loss(y, p, pos_label=1)) if n else None
    out["log_loss"] = _round(log_loss(y, np.clip(p, 1e-6, 1 - 1e-6), labels=[0, 1])) if n else None
    out["mean_probability"] = _round(p.mean() if n else None)
    if alert is not None:
        alert = np.asarray(alert, dtype=bool)
        out["alert_rate"] = _round(alert.mean() if n else None)
        out["recall"] = _round(alert[y == 1].mean()) if y.sum() else None
        out["precision"] = _round(y[alert].mean()) if alert.any() else None
    return out


def alert_threshold(p: np.ndarray, rate: float) -> float:
    """The probability above which the top ``rate`` share of rows is flagged."""
    if len(p) == 0 or rate <= 0:
        return 1.0
    if rate >= 1:
        return 0.0
    return float(np.quantile(p, 1 - rate, method="higher"))


def metrics_by_group(
    frame: pd.DataFrame, columns: Iterable[str], y: np.ndarray, p: np.ndarray, alert: np.ndarray
) -> dict[str, dict[str, dict[str, Any]]]:
    """``column → value → metrics`` for every value of every group column (missing is its own value)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for column in columns:
        values = frame[column].map(
            lambda v: MISSING_GROUP if v is None or (isinstance(v, float) and math.isnan(v)) else v
        )
        per: dict[str, dict[str, Any]] = {}
        for value in sorted(values.unique(), key=lambda v: (isinstance(v, str), str(v))):
            mask = (values == value).to_numpy()
            label = normalise_label(value) if isinstance(value, float) else str(value)
            per[label] = binary_metrics(y[mask], p[mask], alert[mask])
        out[column] = per
    return out


def json_ready(value: Any) -> Any:
    """The report with NaN and infinities as null and NumPy scalars as Python numbers."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def library_versions() -> dict[str, str]:
    return {
        "scikit-learn": sklearn.__version__,
        "lightgbm": lightgbm.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
    }


def prepare(
    frame: pd.DataFrame,
    *,
    target: str,
    positive: Sequence[str],
    exclude: Sequence[str] = (),
    cohort: str | None = None,
    keep: Sequence[str] = (),
) -> tuple[pd.DataFrame, np.ndarray, pd.Series | None, list[dict[str, str]], list[str]]:
    """Split a table into features, a 0/1 target and cohorts; report dropped columns and rows.

    Target values match ``positive`` after trimming, collapsing spaces and case-folding (and
    numerically for numbers): ``--positive Withdrawn`` matches " withdrawn ". Rows without a
    target value are left out and counted.
    """
    notes: list[str] = []
    dropped: list[dict[str, str]] = []
    target_col = find_column(frame, target)
    cohort_col = find_column(frame, cohort) if cohort else None
    labels = frame[target_col].map(normalise_label)
    wanted = {normalise_label(v) for v in positive}
    observed = Counter(labels[labels != ""])
    if not wanted & set(observed):
        shown = ", ".join(f"{k!r} ({v})" for k, v in observed.most_common(20))
        raise EvaluationError(f"No row of {target_col!r} has the value {', '.join(positive)}. Values: {shown}")
    has_target = (labels != "").to_numpy()
    if not has_target.all():
        notes.append(f"{int((~has_target).sum())} rows without a value in {target_col!r} left out.")
    frame = frame.loc[has_target].reset_index(drop=True)
    labels = labels[has_target].reset_index(drop=True)
    y = labels.isin(wanted).to_numpy().astype(int)
    if y.sum() < 2 or (len(y) - y.sum()) < 2:
        raise EvaluationError("The target needs at least 2 positive and 2 negative rows.")
    if len(observed) > 2:
        others = sorted(set(observed) - wanted)
        notes.append(f"Target: positive = {sorted(wanted & set(observed))}; negative = {others}.")
    patterns = [re.compile(p, re.IGNORECASE) for p in exclude]
    protected = {target_col, *(keep or ())}
    features = []
    for column in frame.columns:
        if column in protected or column == cohort_col:
            if column == cohort_col:
                dropped.append({"name": column, "reason": "cohort (used to group the folds)"})
            continue
        if any(p.search(column) for p in patterns):
            dropped.append({"name": column, "reason": "excluded"})
        elif constant(frame[column]):
            dropped.append({"name": column, "reason": "constant"})
        elif id_like(frame[column], column):
            dropped.append({"name": column, "reason": "identifier (unique per row or named like an id)"})
        else:
            features.append(column)
    cohorts = frame[cohort_col].astype(str) if cohort_col else None
    return frame[features], y, cohorts, dropped, notes


def outer_splits(y: np.ndarray, cohorts: pd.Series | None, folds: int, seed: int) -> tuple[list, str]:
    minority = int(min(y.sum(), len(y) - y.sum()))
    k = max(2, min(folds, minority))
    if cohorts is not None:
        n_groups = cohorts.nunique()
        if n_groups >= 2:
            kg = min(folds, n_groups)
            splitter = StratifiedGroupKFold(n_splits=kg, shuffle=True, random_state=seed)
            splits = list(splitter.split(np.zeros(len(y)), y, cohorts.to_numpy()))
            # Every training part needs both classes; otherwise fall back to stratified folds.
            if all(0 < y[tr].sum() < len(tr) for tr, _ in splits):
                return splits, f"{kg} folds grouped by cohort"
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y)), f"{k} stratified folds"


def _fold(
    X: pd.DataFrame,  # noqa: N803
    y: np.ndarray,
    tr: np.ndarray,
    te: np.ndarray,
    groups: np.ndarray | None,
    params: dict[str, Any],
) -> dict[str, Any]:
    """Fit the pipeline on one outer training part and score its test part (runs in a worker)."""
    model = EarlyAlertModel(**params).fit(X.iloc[tr], y[tr], groups=groups)
    return {
        "probability": model.predict_proba(X.iloc[te])[:, 1],
        "model": model.model_name_,
        "inner_cv": model.cv_scores_,
        "codes": {
            "columns": model.code_columns_,
            "as": "categories" if model.codes_as_categories_ else "numbers",
            **model.codes_search_,
        }
        if model.code_columns_
        else None,
        "gbm_search": model.search_,
        "seconds": model.fit_seconds_,
        "feature_report": model.feature_report(),
        "derived": model.derived_report(),
    }


def default_jobs(folds: int) -> int:
    """Outer folds fitted at once: one per CPU core, at most two (each model uses one thread)."""
    return max(1, min(2, os.cpu_count() or 1, folds))


def evaluate_frame(
    frame: pd.DataFrame,
    *,
    target: str,
    positive: Sequence[str],
    groups: Sequence[str] = (),
    exclude: Sequence[str] = (),
    cohort: str | None = None,
    folds: int = 5,
    seed: int = 0,
    alert_rate: float | None = None,
    model_params: dict[str, Any] | None = None,
    notes: Sequence[str] = (),
    jobs: int = 1,
    keep_predictions: bool = False,
) -> dict[str, Any]:
    """Out-of-fold evaluation of the full pipeline on ``frame``; the report is JSON-ready.

    ``jobs`` outer folds are fitted at once in separate processes (each model uses one thread),
    with the same results as one at a time unless a fold's search hits its time budget. With ``keep_predictions`` the report also holds ``predictions``: the
    position of each evaluated row in ``frame``, its 0/1 target and out-of-fold probability."""
    started = time.monotonic()
    group_cols = [find_column(frame, g) for g in groups]
    X, y, cohorts, dropped, more_notes = prepare(
        frame, target=target, positive=positive, exclude=exclude, cohort=cohort
    )
    if X.shape[1] == 0:
        raise EvaluationError("No feature column left after dropping identifiers, constants and exclusions.")
    has_target = (frame[find_column(frame, target)].map(normalise_label) != "").to_numpy()
    group_frame = frame.loc[has_target].reset_index(drop=True)
    splits, scheme = outer_splits(y, cohorts, folds, seed)
    oof = np.full(len(y), np.nan)
    chosen: list[str] = []
    fold_reports = []
    params = {"random_state": seed, "n_jobs": 1, **(model_params or {})}
    tasks = [(X, y, tr, te, cohorts.iloc[tr].to_numpy() if cohorts is not None else None, params) for tr, te in splits]
    if jobs > 1 and len(splits) > 1:
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=min(jobs, len(splits)), backend="loky")(delayed(_fold)(*task) for task in tasks)
    else:
        results = [_fold(*task) for task in tasks]
    for i, ((_, te), result) in enumerate(zip(splits, results, strict=True)):
        oof[te] = result["probability"]
        chosen.append(result["model"])
        fold_reports.append(
            {
                "fold": i + 1,
                "n_test": len(te),
                "model": result["model"],
                "inner_cv": result["inner_cv"],
                "codes": result["codes"],
                "gbm_search": result["gbm_search"],
                "roc_auc": _round(roc_auc_score(y[te], oof[te])) if 0 < y[te].sum() < len(te) else None,
                "seconds": result["seconds"],
            }
        )
    last = results[-1]
    rate = float(y.mean()) if alert_rate is None else alert_rate
    threshold = alert_threshold(oof, rate)
    alert = oof >= threshold
    overall = binary_metrics(y, oof, alert)
    feature_types = {f["name"]: f for f in last["feature_report"]}
    features = []
    for column in X.columns:
        item = dict(feature_types.get(column, {"name": column, "type": "numeric"}))
        item["missing_rate"] = _round(X[column].isna().mean())
        features.append(item)
    report: dict[str, Any] = {
        "n": len(y),
        "positive_rate": overall["positive_rate"],
        "roc_auc": overall["roc_auc"],
        "pr_auc": overall["pr_auc"],
        "brier": overall["brier"],
        "log_loss": overall["log_loss"],
        "model": Counter(chosen).most_common(1)[0][0],
        "models_per_fold": chosen,
        "cv": scheme,
        "threshold_policy": {
            "kind": "top_share",
            "alert_rate": _round(rate),
            "probability_threshold": _round(threshold),
            "recall": overall.get("recall"),
            "precision": overall.get("precision"),
            "explanation": "flag the highest-risk share of students equal to the alert rate "
            "(by default the positive rate: as many flags as expected positives)",
        },
        "features": features,
        "derived_features": last["derived"],
        "dropped_columns": dropped,
        "by_group": metrics_by_group(group_frame, group_cols, y, oof, alert),
        "folds": fold_reports,
        "notes": [*notes, *more_notes],
        "versions": library_versions(),
        "jobs": jobs,
        "seconds": round(time.monotonic() - started, 1),
    }
    if keep_predictions:
        report["predictions"] = {
            "position": np.flatnonzero(has_target).tolist(),
            "target": y.tolist(),
            "probability": [round(float(v), 6) for v in oof],
            "alert": alert.astype(int).tolist(),
        }
    return json_ready(report)
