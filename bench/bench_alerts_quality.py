"""Early alerts, quality: ``puente alerts evaluate`` against strong baselines on the same folds.

For each flat table the product's command is run as a user would run it (the CSV file, the
reader, ``--target``/``--positive``, 5 stratified folds, seed 0) and its out-of-fold ROC-AUC,
PR-AUC and Brier score are compared with four baselines fitted on **the same rows, the same
features and the same outer folds** (``evaluation.prepare`` + ``evaluation.outer_splits``):

a. ``lgbm_default`` — ``LGBMClassifier()`` with LightGBM's defaults (text columns as pandas
   categories, so native categorical splits), one thread;
b. ``lgbm_tuned`` — LightGBM with a random search of ``BENCH_QUALITY_TRIALS`` settings
   (learning rate, leaves, minimum leaf size, feature and row subsampling, L1/L2) scored by
   ROC-AUC in an inner 3-fold CV of each outer training part, the number of rounds chosen by
   early stopping in that inner CV;
c. ``hgb`` — scikit-learn's ``HistGradientBoostingClassifier`` (categorical text columns native);
d. ``logistic`` — logistic regression (C = 1) on median-imputed, standardised numbers with
   missing indicators, plus one-hot columns for text columns and for integer columns with at
   most 60 distinct values (codes such as a course or a nationality).

Baselines output uncalibrated probabilities (their Brier score is what a user would get from
them); the product calibrates on out-of-fold scores of its inner CV.

Tables (written once under ``BENCH_QUALITY_DIR``, default ``/tmp/puente-alerts-quality``):

- ``academic`` — :func:`puente.success.alerts.sample_tables.academic_record_table` (4 424 rows,
  36 columns, integer codes, semester unit counts, 3-class target, ``--positive Dropout``),
  written with ``;``, BOM, CRLF and tabs in header names; ``academic_b`` is a second draw
  (seed 1) so that a choice tuned on one draw is checked on another;
- ``demo`` — the demo's synthetic people as the product's feature table (week 4, "not enrolled
  next term");
- ``oulad_d0``, ``oulad_d30``, ``oulad_d90`` — OULAD "known by day D" tables
  (:mod:`puente.success.alerts.oulad`), *stratified* folds (the presentation is excluded
  as a feature, not used to group folds, so the numbers are comparable with the baselines).

The output adds ``ratio_auc`` = product ROC-AUC / best baseline ROC-AUC per table, and a paired
bootstrap standard error of the AUC difference (the noise the ratio should be read against).

    .venv/bin/python -m bench.bench_alerts_quality                       # every table
    BENCH_QUALITY_TABLES=academic,demo .venv/bin/python -m bench.bench_alerts_quality
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.getenv("BENCH_QUALITY_DIR", str(Path(tempfile.gettempdir()) / "puente-alerts-quality")))
TABLES = [t for t in os.getenv("BENCH_QUALITY_TABLES", "").split(",") if t]
TRIALS = int(os.getenv("BENCH_QUALITY_TRIALS", "20"))
SEED = int(os.getenv("BENCH_QUALITY_SEED", "0"))
FOLDS = 5
OULAD_DIR = Path(os.getenv("OULAD_DIR", str(ROOT.parent / "shared" / "data" / "oulad")))
BASELINES = ("lgbm_default", "lgbm_tuned", "hgb", "logistic")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def _spec(name: str) -> dict[str, Any]:
    """How each table is evaluated: the command's arguments."""
    if name.startswith("academic"):
        return {"target": "Target", "positive": ["Dropout"], "group": ["Gender", "Scholarship holder"], "exclude": []}
    if name == "demo":
        return {"target": "outcome", "positive": ["left"], "group": ["sex", "disability"], "exclude": ["^term$"]}
    if name.startswith("oulad"):
        return {
            "target": "final_result",
            "positive": ["Withdrawn"],
            "group": ["gender", "disability"],
            "exclude": ["^code_presentation$"],
        }
    raise KeyError(name)


def table_path(name: str) -> Path:
    """The CSV of table ``name``, built on first use."""
    from puente.success.alerts import sample_tables

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.csv"
    if path.exists():
        return path
    if name == "academic":
        sample_tables.write_messy_csv(sample_tables.academic_record_table(4424, seed=0), path)
    elif name == "academic_b":
        sample_tables.write_messy_csv(sample_tables.academic_record_table(4424, seed=1), path)
    elif name == "demo":
        frame = sample_tables.demo_flat_table(students=6000, seed=42)
        frame.to_csv(path, index=False)
    elif name.startswith("oulad_d"):
        from puente.success.alerts import oulad

        oulad.table_at_day(oulad.load(OULAD_DIR), int(name.removeprefix("oulad_d"))).to_csv(path, index=False)
    else:
        raise KeyError(name)
    return path


DEFAULT_TABLES = ("academic", "academic_b", "demo", "oulad_d0", "oulad_d30", "oulad_d90")


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


def _as_categories(X: pd.DataFrame) -> pd.DataFrame:
    """Text columns as pandas categories (LightGBM and HGB split them natively)."""
    out = X.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype("category")
    return out


def lgbm_default(Xtr: pd.DataFrame, ytr: np.ndarray, Xte: pd.DataFrame, seed: int) -> np.ndarray:
    import lightgbm as lgb

    model = lgb.LGBMClassifier(n_jobs=1, verbose=-1, random_state=seed).fit(Xtr, ytr)
    return model.predict_proba(Xte)[:, 1]


def _sample_lgbm(rng: np.random.Generator) -> dict[str, Any]:
    return {
        "learning_rate": float(np.exp(rng.uniform(np.log(0.01), np.log(0.15)))),
        "num_leaves": int(rng.choice([4, 7, 15, 31, 63])),
        "min_child_samples": int(rng.choice([5, 10, 20, 40, 80, 150])),
        "colsample_bytree": float(rng.uniform(0.3, 1.0)),
        "subsample": float(rng.uniform(0.5, 1.0)),
        "subsample_freq": 1,
        "reg_lambda": float(np.exp(rng.uniform(np.log(1e-3), np.log(30.0)))),
        "reg_alpha": float(rng.choice([0.0, 0.0, 0.1, 1.0])),
        "min_split_gain": float(rng.choice([0.0, 0.0, 0.01])),
    }


def lgbm_tuned(
    Xtr: pd.DataFrame,
    ytr: np.ndarray,
    Xte: pd.DataFrame,
    seed: int,
    trials: int = TRIALS,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Random search on an inner 3-fold CV (ROC-AUC), rounds by early stopping; refit on all rows."""
    import lightgbm as lgb
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    rng = np.random.default_rng(seed)
    inner = list(StratifiedKFold(3, shuffle=True, random_state=seed).split(Xtr, ytr))
    best: tuple[float, dict[str, Any], int] | None = None
    for _ in range(trials):
        params = _sample_lgbm(rng)
        aucs, rounds = [], []
        for tr, va in inner:
            model = lgb.LGBMClassifier(n_estimators=3000, n_jobs=1, verbose=-1, random_state=seed, **params)
            model.fit(
                Xtr.iloc[tr],
                ytr[tr],
                eval_X=(Xtr.iloc[va],),
                eval_y=(ytr[va],),
                eval_metric="auc",
                callbacks=[lgb.early_stopping(100, first_metric_only=False, verbose=False)],
            )
            rounds.append(model.best_iteration_ or 3000)
            aucs.append(roc_auc_score(ytr[va], model.predict_proba(Xtr.iloc[va], num_iteration=rounds[-1])[:, 1]))
        score = float(np.mean(aucs))
        if best is None or score > best[0]:
            best = (score, params, int(np.mean(rounds) * 1.2) + 1)
    assert best is not None
    model = lgb.LGBMClassifier(n_estimators=best[2], n_jobs=1, verbose=-1, random_state=seed, **best[1]).fit(Xtr, ytr)
    return model.predict_proba(Xte)[:, 1], {"inner_auc": round(best[0], 4), "rounds": best[2], **best[1]}


def hgb(Xtr: pd.DataFrame, ytr: np.ndarray, Xte: pd.DataFrame, seed: int) -> np.ndarray:
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=seed).fit(Xtr, ytr)
    return model.predict_proba(Xte)[:, 1]


def logistic(Xtr: pd.DataFrame, ytr: np.ndarray, Xte: pd.DataFrame, seed: int) -> np.ndarray:
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [c for c in Xtr.columns if pd.api.types.is_numeric_dtype(Xtr[c])]
    text = [c for c in Xtr.columns if c not in numeric]
    codes = [
        c
        for c in numeric
        if 2 < Xtr[c].nunique() <= 60 and np.all(np.mod(Xtr[c].dropna().to_numpy(dtype=float), 1) == 0)
    ]
    onehot = OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=10, sparse_output=True)
    design = ColumnTransformer(
        [
            ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), numeric),
            ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"), onehot), text),
            ("codes", make_pipeline(SimpleImputer(strategy="most_frequent"), onehot), codes),
        ]
    )
    to_text = lambda X: X.assign(**{c: X[c].astype(object).where(X[c].notna(), None) for c in text})  # noqa: E731
    model = make_pipeline(design, LogisticRegression(C=1.0, max_iter=3000))
    model.fit(to_text(Xtr), ytr)
    return model.predict_proba(to_text(Xte))[:, 1]


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    return {
        "roc_auc": round(float(roc_auc_score(y, p)), 4),
        "pr_auc": round(float(average_precision_score(y, p)), 4),
        "brier": round(float(brier_score_loss(y, p)), 4),
    }


def paired_auc_se(y: np.ndarray, a: np.ndarray, b: np.ndarray, repeats: int = 200, seed: int = 0) -> float:
    """Bootstrap standard error of AUC(a) − AUC(b) on the same rows."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(repeats):
        i = rng.integers(0, len(y), len(y))
        if 0 < y[i].sum() < len(i):
            diffs.append(roc_auc_score(y[i], a[i]) - roc_auc_score(y[i], b[i]))
    return round(float(np.std(diffs)), 4)


def load_features(name: str) -> tuple[pd.DataFrame, np.ndarray, list[Any], dict[str, Any]]:
    """The rows, features and outer folds the product's evaluation uses for table ``name``."""
    from puente.success.alerts.evaluation import outer_splits, prepare
    from puente.success.alerts.table import read_table

    spec = _spec(name)
    table = read_table(table_path(name))
    X, y, _, _, _ = prepare(table.frame, target=spec["target"], positive=spec["positive"], exclude=spec["exclude"])
    splits, _ = outer_splits(y, None, FOLDS, SEED)
    return X, y, splits, spec


def run_baselines(name: str, only: tuple[str, ...] = BASELINES) -> dict[str, Any]:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # one thread per model, as the product (2-core machine)
        return _run_baselines(name, only)


def _run_baselines(name: str, only: tuple[str, ...]) -> dict[str, Any]:
    X, y, splits, _ = load_features(name)
    Xc = _as_categories(X)
    out: dict[str, Any] = {}
    fns: dict[str, Callable[..., Any]] = {"lgbm_default": lgbm_default, "lgbm_tuned": lgbm_tuned, "hgb": hgb}
    for kind in only:
        started = time.perf_counter()
        oof = np.zeros(len(y))
        details = []
        for tr, te in splits:
            if kind == "logistic":
                oof[te] = logistic(X.iloc[tr], y[tr], X.iloc[te], SEED)
            else:
                result = fns[kind](Xc.iloc[tr], y[tr], Xc.iloc[te], SEED)
                if isinstance(result, tuple):
                    result, detail = result
                    details.append(detail)
                oof[te] = result
        out[kind] = {**metrics(y, oof), "seconds": round(time.perf_counter() - started, 1), "_oof": oof}
        if details:
            out[kind]["chosen_per_fold"] = details
    return out


def run_product(name: str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """``puente alerts evaluate`` on the CSV file, as a user runs it, plus its out-of-fold scores."""
    from django.core.management import call_command

    spec = _spec(name)
    out = CACHE / f"{name}.report.json"
    args = ["alerts", "evaluate", "--csv", str(table_path(name)), "--target", spec["target"]]
    for value in spec["positive"]:
        args += ["--positive", value]
    for column in spec["group"]:
        args += ["--group", column]
    for pattern in spec["exclude"]:
        args += ["--exclude", pattern]
    predictions = CACHE / f"{name}.predictions.csv"
    args += ["--folds", str(FOLDS), "--seed", str(SEED), "--json", str(out), "--predictions", str(predictions), *extra]
    started = time.perf_counter()
    call_command(*args)
    seconds = time.perf_counter() - started
    report = json.loads(out.read_text())
    return {
        "roc_auc": report["roc_auc"],
        "pr_auc": report["pr_auc"],
        "brier": report["brier"],
        "model": report["model"],
        "models_per_fold": report["models_per_fold"],
        "seconds": round(seconds, 1),
        "n": report["n"],
        "positive_rate": report["positive_rate"],
        "features": len(report["features"]),
        "jobs": report["jobs"],
        "_oof": pd.read_csv(predictions)["probability"].to_numpy(),
    }


def compare(name: str) -> dict[str, Any]:
    X, y, _, _ = load_features(name)
    product = run_product(name)
    baselines = run_baselines(name)
    best_name = max(baselines, key=lambda k: baselines[k]["roc_auc"])
    best = baselines[best_name]
    result: dict[str, Any] = {
        "rows": len(y),
        "features": X.shape[1],
        "positive_rate": round(float(y.mean()), 4),
        "product": {k: v for k, v in product.items() if not k.startswith("_")},
        "baselines": {k: {kk: vv for kk, vv in v.items() if not kk.startswith("_")} for k, v in baselines.items()},
        "best_baseline": best_name,
        "ratio_auc": round(product["roc_auc"] / best["roc_auc"], 4),
        "auc_difference": round(product["roc_auc"] - best["roc_auc"], 4),
    }
    if len(product["_oof"]) == len(y):
        result["auc_difference_se"] = paired_auc_se(y, product["_oof"], best["_oof"])
    return result


def run() -> dict[str, Any]:
    _setup_django()
    names = TABLES or list(DEFAULT_TABLES)
    result: dict[str, Any] = {"benchmark": "alerts_quality", "folds": FOLDS, "seed": SEED, "trials": TRIALS}
    result["tables"] = {}
    for name in names:
        result["tables"][name] = compare(name)
        sys.stderr.write(f"{name}: {json.dumps(result['tables'][name])}\n")
    result["min_ratio_auc"] = min(t["ratio_auc"] for t in result["tables"].values())
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    json.dump(run(), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
