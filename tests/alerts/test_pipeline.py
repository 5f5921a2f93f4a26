# ruff: noqa: N806 — scikit-learn names the feature matrix X.
"""The estimator: scikit-learn conventions, exact explanations, honest calibration, safe files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from puente.success.alerts.pipeline import EarlyAlertModel, LogOddsCalibrator, TableEncoder
from puente.success.alerts.storage import UntrustedModelFileError, load_model, save_model

FAST = {"inner_folds": 3, "max_rounds": 300, "early_stopping_rounds": 30, "time_budget": 2.0}


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    n = 600
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.integers(0, 10, n).astype(float),
            "c": rng.choice(["x", "y", "z", "w"], n, p=[0.4, 0.3, 0.28, 0.02]),
            "d": rng.normal(size=n),
        }
    )
    X.loc[rng.random(n) < 0.1, "a"] = np.nan
    X.loc[rng.random(n) < 0.1, "c"] = None
    z = X["a"].fillna(1) * 1.2 + (X["b"] > 5) * 1.0 + (X["c"] == "x") * 1.5 - 1.5 + X["d"] ** 2 * 0.5
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    return X, y


def test_hyper_parameters_live_in_init_only():
    model = EarlyAlertModel(inner_folds=4, calibration="sigmoid")
    assert clone(model).get_params() == model.get_params()
    assert not [k for k in vars(model) if k.endswith("_")]


@pytest.mark.parametrize("candidates", [("logistic",), ("gbm",), ("gbm", "logistic", "blend")])
def test_contributions_add_up_to_the_log_odds(data, candidates):
    X, y = data
    model = EarlyAlertModel(candidates=candidates, **FAST).fit(X, y)
    contributions = model.contributions(X.iloc[:40])
    base = model.decision_function(X.iloc[:40]) - contributions.to_numpy().sum(axis=1)
    assert list(contributions.columns) == ["a", "b", "c", "d"]
    assert np.ptp(base) < 1e-8  # one base value for everybody: the rest is explained per column


def test_types_are_inferred_and_rare_categories_grouped(data):
    X, _ = data
    encoder = TableEncoder(min_frequency=20).fit(X)
    assert encoder.feature_types_ == {"a": "numeric", "b": "numeric", "c": "categorical", "d": "numeric"}
    assert "w" not in encoder.categories_["c"]
    codes = encoder.transform(pd.DataFrame({"a": [1.0], "b": [1.0], "c": ["never seen"], "d": [0.0]}))
    assert codes[0, 3] == len(encoder.categories_["c"])  # "other"


def test_model_selection_reports_every_candidate(data):
    X, y = data
    model = EarlyAlertModel(**FAST).fit(X, y)
    assert set(model.cv_scores_) == {"gbm", "logistic", "blend"}
    assert model.model_name_ in model.cv_scores_
    probability = model.predict_proba(X)[:, 1]
    assert probability.min() > 0 and probability.max() < 1


def test_cohort_groups_are_kept_together_in_inner_folds(data):
    _, y = data
    groups = np.repeat(np.arange(6), len(y) // 6)
    model = EarlyAlertModel(candidates=("logistic",), **FAST)
    for train, test in model._splits(y.astype(float), groups):
        assert not set(groups[train]) & set(groups[test])


@pytest.mark.parametrize("method", ["isotonic", "sigmoid"])
def test_calibration_keeps_the_ranking(method):
    rng = np.random.default_rng(1)
    z = rng.normal(size=2000)
    y = (rng.random(2000) < 1 / (1 + np.exp(-2 * z))).astype(float)
    p = LogOddsCalibrator(method).fit(z, y).transform(z)
    order = np.argsort(z)
    assert np.all(np.diff(p[order]) >= 0)
    assert len(np.unique(p)) == len(np.unique(z))  # no ties created: ROC-AUC unchanged


def test_a_table_with_one_rare_class_still_fits():
    rng = np.random.default_rng(2)
    X = pd.DataFrame({"a": rng.normal(size=50)})
    y = np.zeros(50, dtype=int)
    y[:3] = 1
    model = EarlyAlertModel(**FAST).fit(X, y)
    assert model.predict_proba(X).shape == (50, 2)


def test_files_round_trip_and_tampering_is_refused(data, settings, tmp_path):
    settings.ALERT_MODELS_DIR = tmp_path
    X, y = data
    model = EarlyAlertModel(candidates=("gbm", "logistic", "blend"), **FAST).fit(X, y)
    sha = save_model(model, "inst/v1.skops")
    loaded = load_model("inst/v1.skops", sha)
    assert np.allclose(loaded.predict_proba(X), model.predict_proba(X))
    (tmp_path / "inst" / "v1.skops").write_bytes(b"not a model")
    with pytest.raises(UntrustedModelFileError):
        load_model("inst/v1.skops", sha)
    with pytest.raises(UntrustedModelFileError):
        load_model("../outside.skops", sha)


def test_the_fast_linear_predictor_equals_the_design_matrix_product(data):
    X, y = data
    model = EarlyAlertModel(candidates=("logistic",), **FAST).fit(X, y)
    Z = model.transform_matrix(X)
    slow = model.logistic_.decision_function(model.design_.transform(Z))
    assert np.allclose(model.decision_matrix(Z), slow)


def test_encoding_handles_unseen_missing_and_numeric_looking_categories():
    X = pd.DataFrame({"c": ["a"] * 30 + ["b"] * 30 + [None] * 5, "n": [1.0] * 65})
    encoder = TableEncoder(min_frequency=10, categorical=["n"]).fit(X)
    codes = encoder.transform(pd.DataFrame({"c": ["b", "zzz", None, "a"], "n": [1.0, 2.0, None, 1.0]}))
    c = encoder.column_names().index("c")
    assert codes[:, c].tolist() == [1.0, 2.0, 3.0, 0.0]  # b, other, missing, a
    n = encoder.column_names().index("n")
    assert codes[:, n].tolist() == [0.0, 1.0, 2.0, 0.0]  # "1.0" kept, "2.0" other, missing


def test_shares_of_count_pairs_are_derived_and_explained_through_their_columns():
    from puente.success.alerts.pipeline import ratio_pairs

    pairs = ratio_pairs(
        [
            "Curricular units 1st sem (approved)",
            "Curricular units 1st sem (enrolled)",
            "unidades aprobadas",
            "unidades inscritas",
            "Curricular units 2nd sem (grade)",
            "age",
        ]
    )
    assert [(a, b) for a, b, _ in pairs] == [
        ("Curricular units 1st sem (approved)", "Curricular units 1st sem (enrolled)"),
        ("unidades aprobadas", "unidades inscritas"),
    ]

    rng = np.random.default_rng(3)
    n = 500
    enrolled = rng.integers(1, 8, n).astype(float)
    approved = np.floor(enrolled * rng.random(n))
    X = pd.DataFrame({"units approved": approved, "units enrolled": enrolled, "age": rng.normal(20, 2, n)})
    y = (rng.random(n) < 1 / (1 + np.exp(6 * (approved / enrolled) - 3))).astype(int)
    model = EarlyAlertModel(candidates=("gbm",), **FAST).fit(X, y)
    assert model.derived_report() == [
        {"name": "units approved / units enrolled", "numerator": "units approved", "denominator": "units enrolled"}
    ]
    # The model card lists it after the columns it comes from.
    assert model.feature_report()[-1] == {
        "name": "units approved / units enrolled",
        "type": "numeric",
        "derived_from": ["units approved", "units enrolled"],
    }
    contributions = model.contributions(X.iloc[:30])
    assert list(contributions.columns) == ["units approved", "units enrolled", "age"]
    base = model.decision_function(X.iloc[:30]) - contributions.to_numpy().sum(axis=1)
    assert np.ptp(base) < 1e-8


def test_integer_codes_are_told_apart_from_amounts():
    from puente.success.alerts.pipeline import code_like

    assert code_like(pd.Series([33, 171, 9003, 9070, 9119, 33, 171]))
    assert code_like(pd.Series([0, 4, 9, 90, 194, 4, 0]))
    assert not code_like(pd.Series([0, 1, 2, 3, 4, 5, 6, 2]))  # a count of units
    assert not code_like(pd.Series([12.5, 140.0, 160.3]))  # grades
    assert not code_like(pd.Series([0, 1, 0, 1]))  # a flag
