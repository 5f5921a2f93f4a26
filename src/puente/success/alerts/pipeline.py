# ruff: noqa: N803, N806 — scikit-learn names matrices X and Z, and C is the usual regularisation name.
"""The early-alert estimator: preprocessing, model selection, calibration and explanations.

:class:`EarlyAlertModel` is a scikit-learn estimator (hyper-parameters only in ``__init__``,
learned state ends in ``_``). ``fit`` does, on the training rows only:

1. infer each column's type (numeric or categorical), group infrequent categories, learn codes
   (:class:`TableEncoder`);
2. split the rows into inner folds (grouped by cohort when groups are given) and compute
   out-of-fold log-odds for each candidate: LightGBM (a small search over tree shapes, the
   number of rounds chosen by early stopping on the mean validation curve of the folds), a
   regularised logistic regression (C chosen on the same folds), and a stacked blend of both;
3. keep the candidate with the best out-of-fold ROC-AUC, preferring the simpler one within
   ``selection_tolerance``;
4. fit the probability calibration (interpolated isotonic or sigmoid) on those out-of-fold
   log-odds — never on rows the model was trained on;
5. refit the chosen candidate on all rows.

Explanations are exact and additive in log-odds: LightGBM's ``pred_contrib`` per column, and
for the logistic model coefficient × centred standardised value, summed per original column.
"""

from __future__ import annotations

import math
import re
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from puente.lib.text import search_key

NUMERIC = "numeric"
CATEGORICAL = "categorical"

CANDIDATES = ("gbm", "logistic", "blend")
# Simplest first: when candidates tie within the tolerance, the earlier one is kept.
SIMPLICITY_ORDER = ("logistic", "gbm", "blend")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


# --------------------------------------------------------------------------------------------
# Column types and encoding
# --------------------------------------------------------------------------------------------


class TableEncoder(TransformerMixin, BaseEstimator):
    """Turn a DataFrame into a float matrix both candidate models read.

    Numeric columns stay numeric (NaN = missing). Categorical columns (text, category, or
    columns listed in ``categorical``) become integer codes: the kept categories ordered by
    frequency, then one code for "other" (infrequent or unseen at fit time) and one for
    "missing". A category is kept when it appears at least ``min_frequency`` times (or that
    fraction of rows when below 1), up to ``max_categories`` categories per column.
    """

    def __init__(
        self,
        min_frequency: float = 10,
        max_categories: int = 40,
        categorical: Sequence[str] | None = None,
    ) -> None:
        self.min_frequency = min_frequency
        self.max_categories = max_categories
        self.categorical = categorical

    def fit(self, X: pd.DataFrame, y: Any = None) -> TableEncoder:
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(X)
        forced = set(self.categorical or ())
        n = len(X)
        threshold = self.min_frequency * n if self.min_frequency < 1 else self.min_frequency
        self.feature_names_in_ = np.asarray([str(c) for c in X.columns], dtype=object)
        self.feature_types_: dict[str, str] = {}
        self.categories_: dict[str, list[Any]] = {}
        for column in X.columns:
            series = X[column]
            name = str(column)
            if name not in forced and (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)):
                self.feature_types_[name] = NUMERIC
                continue
            self.feature_types_[name] = CATEGORICAL
            counts = series.dropna().astype(str).value_counts()
            kept = counts[counts >= max(threshold, 1)].index.tolist()[: self.max_categories]
            if not kept and len(counts):
                kept = counts.index.tolist()[:1]
            self.categories_[name] = kept
        self.n_features_in_ = len(self.feature_names_in_)
        return self

    @property
    def numeric_columns_(self) -> list[str]:
        return [c for c, t in self.feature_types_.items() if t == NUMERIC]

    @property
    def categorical_columns_(self) -> list[str]:
        return [c for c, t in self.feature_types_.items() if t == CATEGORICAL]

    def column_names(self) -> list[str]:
        """Columns of the transformed matrix: numeric first, then categorical codes."""
        return self.numeric_columns_ + self.categorical_columns_

    def categorical_indices(self) -> list[int]:
        n_num = len(self.numeric_columns_)
        return list(range(n_num, n_num + len(self.categorical_columns_)))

    def n_codes(self, column: str) -> int:
        """Codes of a categorical column: kept categories, "other", "missing"."""
        return len(self.categories_[column]) + 2

    def transform(self, X: pd.DataFrame) -> np.ndarray:
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(X, columns=self.feature_names_in_)
        columns = self.column_names()
        out = np.empty((len(X), len(columns)), dtype=np.float32)
        for j, name in enumerate(self.numeric_columns_):
            if name in X.columns:
                out[:, j] = pd.to_numeric(X[name], errors="coerce").to_numpy(dtype=np.float32, na_value=np.nan)
            else:
                out[:, j] = np.nan
        n_num = len(self.numeric_columns_)
        for k, name in enumerate(self.categorical_columns_):
            kept = self.categories_[name]
            other, missing = len(kept), len(kept) + 1
            if name not in X.columns:
                out[:, n_num + k] = missing
                continue
            # Factorise once (fast on a million rows), then map the few distinct values.
            positions, uniques = pd.factorize(X[name], use_na_sentinel=True)
            labels = [str(u) for u in uniques]
            mapping = pd.Index(kept, dtype=object).get_indexer(pd.Index(labels, dtype=object)) if labels else []
            lookup = np.append(np.where(np.asarray(mapping) < 0, other, mapping), missing).astype(np.float32)
            out[:, n_num + k] = lookup[positions]  # position -1 (missing) reads the last slot
        return out

    def code_label(self, column: str, code: float) -> str | None:
        """The category a code stands for (None for "other" and "missing")."""
        kept = self.categories_[column]
        i = int(code)
        return str(kept[i]) if 0 <= i < len(kept) else None


# --------------------------------------------------------------------------------------------
# Derived features: shares of obvious count pairs ("approved" of "enrolled")
# --------------------------------------------------------------------------------------------

# A column whose name differs from another's by one word only, the first word from NUMERATOR
# and the second from DENOMINATOR, gets the share ``numerator / denominator`` as an extra
# feature ("Curricular units 1st sem (approved)" of "… (enrolled)", ``first_term_passed`` of
# ``first_term_attempted``, ``submitted`` of ``due``). Trees cannot divide; the share of units a
# student passed is what a tutor looks at. Words are compared case- and accent-insensitively.
NUMERATOR_WORDS = frozenset(
    {
        "approved", "passed", "completed", "earned", "validated", "achieved", "submitted", "attended",
        "present", "aprobados", "aprobadas", "aprobado", "aprobada", "aprobo", "superados", "superadas",
        "acreditados", "acreditadas", "completados", "completadas", "entregados", "entregadas",
        "asistidas", "asistidos", "reussis", "reussies", "valides", "validees", "obtenus", "rendus",
    }
)  # fmt: skip
DENOMINATOR_WORDS = frozenset(
    {
        "enrolled", "enroled", "attempted", "taken", "registered", "evaluations", "evaluated", "assessed",
        "due", "scheduled", "planned", "sessions", "inscribed", "matriculados", "matriculadas",
        "inscritos", "inscritas", "cursados", "cursadas", "evaluados", "evaluadas", "evaluaciones",
        "programados", "programadas", "previstos", "previstas", "inscrits", "inscrites", "evalues",
        "evaluees", "prevus", "prevues", "sesiones",
    }
)  # fmt: skip
MAX_RATIOS = 20


def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", search_key(str(name))))


def ratio_pairs(numeric_columns: Sequence[str], taken: Sequence[str] = ()) -> list[tuple[str, str, str]]:
    """``(numerator, denominator, new name)`` for each obvious count pair among the columns."""
    words = {c: _words(c) for c in numeric_columns}
    used = set(taken) | set(numeric_columns)
    pairs = []
    for a in numeric_columns:
        for b in numeric_columns:
            wa, wb = words[a], words[b]
            if a == b or len(wa) != len(wb):
                continue
            diff = [i for i, (x, y) in enumerate(zip(wa, wb, strict=True)) if x != y]
            if len(diff) == 1 and wa[diff[0]] in NUMERATOR_WORDS and wb[diff[0]] in DENOMINATOR_WORDS:
                name = f"{a} / {b}"
                if name not in used:
                    pairs.append((a, b, name))
                    used.add(name)
    return pairs[:MAX_RATIOS]


def code_like(series: pd.Series, max_values: int = 60) -> bool:
    """An integer column that looks like codes rather than amounts: at least 3 and at most
    ``max_values`` distinct values spread over a range more than twice their number
    (a course 33, 171, 9003…; an occupation 0, 4, 9, 90, 194…)."""
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return False
    values = np.unique(series.dropna().to_numpy(dtype=np.float64))
    if not 3 <= len(values) <= max_values or not np.all(np.mod(values, 1) == 0):
        return False
    return bool(values[-1] - values[0] + 1 > 2 * len(values))


# --------------------------------------------------------------------------------------------
# The logistic design: imputation + missing indicators + winsorising + scaling, one-hot codes
# --------------------------------------------------------------------------------------------


class LinearDesign(TransformerMixin, BaseEstimator):
    """Design matrix of the logistic candidate, built from :class:`TableEncoder` output.

    Numeric: median imputation, an indicator for columns that had missing values, clipping at
    the 1st/99th percentiles, standardisation. Categorical codes: one-hot (sparse). Every output
    column remembers the input column it comes from (``owners_``), so coefficients can be summed
    back into one contribution per original column.
    """

    def __init__(self, n_numeric: int = 0, n_codes: Sequence[int] = (), n_bins: int = 0) -> None:
        self.n_numeric = n_numeric
        self.n_codes = n_codes
        self.n_bins = n_bins

    def fit(self, Z: np.ndarray, y: Any = None) -> LinearDesign:
        num = Z[:, : self.n_numeric].astype(np.float64)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a column with no value in this fold
            self.median_ = np.nan_to_num(np.nanmedian(num, axis=0), nan=0.0) if num.size else np.zeros(0)
            missing = np.isnan(num)
            self.indicator_columns_ = np.flatnonzero(missing.any(axis=0))
            filled = np.where(missing, self.median_, num)
            if filled.size:
                self.low_ = np.percentile(filled, 1, axis=0)
                self.high_ = np.percentile(filled, 99, axis=0)
            else:
                self.low_ = self.high_ = np.zeros(0)
            clipped = np.clip(filled, self.low_, self.high_)
            self.mean_ = clipped.mean(axis=0) if clipped.size else np.zeros(0)
            std = clipped.std(axis=0) if clipped.size else np.zeros(0)
        self.scale_ = np.where(std > 1e-12, std, 1.0)
        self.ind_mean_ = (
            missing[:, self.indicator_columns_].mean(axis=0) if len(self.indicator_columns_) else np.zeros(0)
        )
        # Quantile bins let the linear model bend: value + one indicator per bin (a step function).
        # Integer columns that look like codes (few values spread over a wide range: 33, 171,
        # 9003…) get one indicator per frequent value instead, as a category would.
        self.bin_edges_: list[np.ndarray] = []
        self.binned_columns_: list[int] = []
        self.code_values_: list[np.ndarray | None] = []
        if self.n_bins > 1:
            qs = np.linspace(0, 100, self.n_bins + 1)[1:-1]
            for j in range(self.n_numeric):
                column = filled[:, j]
                values, counts = np.unique(column, return_counts=True)
                if len(values) <= 2:
                    continue
                integer = bool(np.all(np.mod(values, 1) == 0))
                if integer and len(values) <= 60 and (values[-1] - values[0] + 1) > 2 * len(values):
                    frequent = values[counts >= max(10, 0.01 * len(column))]
                    if len(frequent) >= 2:
                        self.binned_columns_.append(j)
                        self.bin_edges_.append(frequent)
                        self.code_values_.append(frequent)
                    continue
                edges = np.unique(np.percentile(column, qs))
                if len(edges) >= 1:
                    self.binned_columns_.append(j)
                    self.bin_edges_.append(edges)
                    self.code_values_.append(None)
        sizes = list(self.n_codes) + [len(e) + 1 for e in self.bin_edges_]
        self.offsets_ = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
        self.sizes_ = sizes
        self.owners_ = [self.n_numeric + k for k in range(len(self.n_codes))] + list(self.binned_columns_)
        return self

    def _numeric(self, Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        num = Z[:, : self.n_numeric].astype(np.float64)
        missing = np.isnan(num)
        filled = np.where(missing, self.median_, num)
        scaled = (np.clip(filled, self.low_, self.high_) - self.mean_) / self.scale_
        return scaled, missing[:, self.indicator_columns_].astype(np.float64)

    def _codes(self, Z: np.ndarray) -> np.ndarray:
        """Category codes, then bin numbers of the binned numeric columns."""
        codes = Z[:, self.n_numeric :].astype(np.int64)
        if not self.binned_columns_:
            return codes
        num = Z[:, : self.n_numeric].astype(np.float64)
        bins = np.empty((len(Z), len(self.binned_columns_)), dtype=np.int64)
        for i, (j, edges) in enumerate(zip(self.binned_columns_, self.bin_edges_, strict=True)):
            values = np.where(np.isnan(num[:, j]), self.median_[j], num[:, j])
            if self.code_values_[i] is None:
                bins[:, i] = np.searchsorted(edges, values, side="right")
            else:  # one slot per frequent value, the last for any other value
                position = np.clip(np.searchsorted(edges, values), 0, len(edges) - 1)
                bins[:, i] = np.where(edges[position] == values, position, len(edges))
        return np.hstack([codes, bins])

    def transform(self, Z: np.ndarray) -> sparse.csr_matrix:
        scaled, indicators = self._numeric(Z)
        parts: list[Any] = [sparse.csr_matrix(scaled), sparse.csr_matrix(indicators)]
        n = Z.shape[0]
        codes = self._codes(Z)
        if len(self.sizes_):
            rows = np.repeat(np.arange(n), len(self.sizes_))
            cols = (codes + self.offsets_[:-1]).ravel()
            total = int(self.offsets_[-1])
            parts.append(sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, total)))
        return sparse.hstack(parts, format="csr")

    def contributions(self, Z: np.ndarray, coef: np.ndarray, intercept: float) -> tuple[np.ndarray, np.ndarray]:
        """Per input column contributions (n × columns) and the base value per row, in log-odds.

        Each term is coefficient × (value − training mean), so contributions are centred on the
        average student and ``base + contributions.sum(1)`` is exactly the model's log-odds."""
        n = Z.shape[0]
        n_cols = self.n_numeric + len(self.n_codes)
        out = np.zeros((n, n_cols))
        scaled, indicators = self._numeric(Z)
        p = self.n_numeric
        q = len(self.indicator_columns_)
        out[:, :p] = scaled * coef[:p]  # scaled values are already centred
        if q:
            ind_terms = (indicators - self.ind_mean_) * coef[p : p + q]
            np.add.at(out.T, self.indicator_columns_, ind_terms.T)
        base = float(intercept) + float(np.dot(coef[p : p + q], self.ind_mean_))
        codes = self._codes(Z)
        for k, owner in enumerate(self.owners_):
            start, stop = self.offsets_[k] + p + q, self.offsets_[k + 1] + p + q
            c = coef[start:stop]
            mean_c = float(np.dot(c, self.code_freq_[k]))
            out[:, owner] += c[codes[:, k]] - mean_c
            base += mean_c
        return out, np.full(n, base)

    def decision(self, Z: np.ndarray, coef: np.ndarray, intercept: float) -> np.ndarray:
        """The linear predictor without building the sparse design matrix: the same numbers as
        ``coef @ transform(Z) + intercept``, by gathering one coefficient per code."""
        scaled, indicators = self._numeric(Z)
        p, q = self.n_numeric, len(self.indicator_columns_)
        z = intercept + scaled @ coef[:p]
        if q:
            z += indicators @ coef[p : p + q]
        codes = self._codes(Z)
        for k in range(len(self.sizes_)):
            z += coef[p + q + self.offsets_[k] + codes[:, k]]
        return z

    def remember_code_frequencies(self, Z: np.ndarray) -> None:
        codes = self._codes(Z)
        self.code_freq_ = [
            np.bincount(codes[:, k], minlength=int(size)) / max(len(codes), 1) for k, size in enumerate(self.sizes_)
        ]


# --------------------------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------------------------


class LogOddsCalibrator(BaseEstimator):
    """Map out-of-fold log-odds to probabilities.

    ``isotonic`` is interpolated between the centres of the isotonic blocks, so it stays strictly
    increasing inside the observed range and does not create ties that would lower the ROC-AUC;
    ``sigmoid`` is Platt scaling. ``auto`` picks isotonic when both classes have at least
    ``isotonic_min_class`` rows, else sigmoid.
    """

    def __init__(self, method: str = "auto", isotonic_min_class: int = 100) -> None:
        self.method = method
        self.isotonic_min_class = isotonic_min_class

    def fit(self, z: np.ndarray, y: np.ndarray) -> LogOddsCalibrator:
        z = np.asarray(z, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        minority = int(min(y.sum(), len(y) - y.sum()))
        method = self.method
        if method == "auto":
            method = "isotonic" if minority >= self.isotonic_min_class else "sigmoid"
        self.method_ = method
        if method == "isotonic":
            iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(z, y)
            fitted = iso.predict(z)
            order = np.argsort(z, kind="stable")
            zs, fs = z[order], fitted[order]
            # One knot per isotonic block, at the mean log-odds of the block.
            change = np.flatnonzero(np.diff(fs) != 0) + 1
            starts = np.concatenate([[0], change])
            stops = np.concatenate([change, [len(zs)]])
            self.knots_x_ = np.array([zs[a:b].mean() for a, b in zip(starts, stops, strict=True)])
            self.knots_y_ = np.array([fs[a] for a in starts])
            # Keep probabilities strictly inside (0, 1): a 0 or 1 makes the Brier and log-loss brittle.
            eps = 0.5 / (len(y) + 1)
            self.knots_y_ = np.clip(self.knots_y_, eps, 1 - eps)
            self.a_, self.b_ = 0.0, 0.0
        else:
            if minority == 0:
                self.a_, self.b_ = 0.0, float(np.log((y.mean() + 1e-6) / (1 - y.mean() + 1e-6)))
            else:
                lr = LogisticRegression(C=1e4).fit(z.reshape(-1, 1), y)
                self.a_, self.b_ = float(lr.coef_[0, 0]), float(lr.intercept_[0])
            self.knots_x_ = self.knots_y_ = np.zeros(0)
        return self

    def transform(self, z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=np.float64)
        if self.method_ == "isotonic":
            p = np.interp(z, self.knots_x_, self.knots_y_)
            # Break the ties beyond the extreme knots by the log-odds themselves (1e-6 at most).
            return np.clip(p + 1e-6 * (_sigmoid(z) - 0.5), 0.0, 1.0)
        return _sigmoid(self.a_ * z + self.b_)


# --------------------------------------------------------------------------------------------
# The estimator
# --------------------------------------------------------------------------------------------

GBM_BASE = {
    "objective": "binary",
    "verbosity": -1,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "min_sum_hessian_in_leaf": 1e-3,
    "max_cat_to_onehot": 4,
    "cat_smooth": 10.0,
    "cat_l2": 10.0,
    "min_data_per_group": 20,
    "max_cat_threshold": 32,
    "max_bin": 255,
    "deterministic": True,
    "force_row_wise": True,
}

# The shapes tried by the inner search, most promising first (the search stops at the budget).
GBM_SHAPES = (
    {"num_leaves": 15, "min_data_in_leaf": 20, "lambda_l2": 1.0},
    {"num_leaves": 7, "min_data_in_leaf": 30, "lambda_l2": 5.0},
    {"num_leaves": 31, "min_data_in_leaf": 40, "lambda_l2": 1.0},
    {"num_leaves": 4, "min_data_in_leaf": 20, "lambda_l2": 10.0},
)
LOGISTIC_C = (0.01, 0.05, 0.3, 2.0)


@dataclass
class _Candidate:
    name: str
    oof: np.ndarray  # out-of-fold log-odds
    auc: float
    logloss: float
    detail: dict[str, Any]


def _safe_auc(y: np.ndarray, s: np.ndarray) -> float:
    if len(np.unique(y)) < 2:
        return float("nan")
    return float(roc_auc_score(y, s))


class EarlyAlertModel(ClassifierMixin, BaseEstimator):
    """Predict the probability of the positive outcome (e.g. dropout) and explain it.

    Parameters
    ----------
    candidates : which models compete ("gbm", "logistic", "blend").
    inner_folds : folds of the inner cross-validation (fewer are used when a class is rare).
    calibration : "auto", "isotonic" or "sigmoid".
    time_budget : seconds the LightGBM shape search may use; later shapes are skipped beyond it.
    selection_tolerance : a simpler candidate is kept unless a more complex one beats its
        out-of-fold ROC-AUC by more than this.
    min_frequency, max_categories : infrequent-category grouping (see :class:`TableEncoder`).
    categorical : columns to treat as categorical even when numeric.
    ratios : add the share of obvious count pairs as features (see :func:`ratio_pairs`).
    codes : integer columns that look like codes (:func:`code_like`): "auto" (numeric or
        categorical, whichever LightGBM's inner CV prefers), "numeric" or "categorical".
    n_jobs : threads per LightGBM model (1 inside cross-validation on a shared machine).
    """

    def __init__(
        self,
        candidates: Sequence[str] = CANDIDATES,
        inner_folds: int = 5,
        calibration: str = "auto",
        time_budget: float = 120.0,
        selection_tolerance: float = 0.0005,
        min_frequency: float = 10,
        max_categories: int = 40,
        categorical: Sequence[str] | None = None,
        learning_rate: float | None = None,
        logistic_bins: int = 8,
        max_rounds: int = 3000,
        early_stopping_rounds: int = 100,
        ratios: bool = True,
        codes: str = "auto",
        random_state: int = 0,
        n_jobs: int = 1,
    ) -> None:
        self.candidates = candidates
        self.inner_folds = inner_folds
        self.calibration = calibration
        self.time_budget = time_budget
        self.selection_tolerance = selection_tolerance
        self.min_frequency = min_frequency
        self.max_categories = max_categories
        self.categorical = categorical
        self.learning_rate = learning_rate
        self.logistic_bins = logistic_bins
        self.max_rounds = max_rounds
        self.early_stopping_rounds = early_stopping_rounds
        self.ratios = ratios
        self.codes = codes
        self.random_state = random_state
        self.n_jobs = n_jobs

    # -- fitting -----------------------------------------------------------------------------

    def _splits(self, y: np.ndarray, groups: np.ndarray | None) -> list[tuple[np.ndarray, np.ndarray]]:
        minority = int(min(y.sum(), len(y) - y.sum()))
        if minority < 2:
            return []
        if groups is not None:
            n_groups = len(pd.unique(groups))
            k = min(self.inner_folds if len(y) <= 20000 else 3, n_groups)
            if k >= 2:
                splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=self.random_state)
                splits = list(splitter.split(np.zeros(len(y)), y, groups))
                if all(len(np.unique(y[te])) == 2 for _, te in splits):
                    return splits
        k = max(2, min(self.inner_folds if len(y) <= 20000 else 3, minority))
        splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=self.random_state)
        return list(splitter.split(np.zeros(len(y)), y))

    def _gbm_params(self, shape: dict[str, Any], n: int) -> dict[str, Any]:
        params: dict[str, Any] = dict(GBM_BASE)
        params.update(shape)
        # Small tables: smaller leaves, otherwise LightGBM refuses to split at all.
        params["min_data_in_leaf"] = int(max(3, min(params["min_data_in_leaf"], n // 40)))
        params["min_data_per_group"] = int(max(3, min(params["min_data_per_group"], n // 40)))
        lr = self.learning_rate or (0.03 if n < 20000 else 0.05 if n < 100000 else 0.1)
        params.update(
            {
                "learning_rate": lr,
                "num_threads": self.n_jobs,
                "seed": self.random_state,
                "bagging_seed": self.random_state,
            }
        )
        return params

    def _gbm_cv(
        self, Z: np.ndarray, y: np.ndarray, splits: list, shape: dict[str, Any], cat: list[int] | None = None
    ) -> tuple[np.ndarray, int]:
        params = self._gbm_params(shape, len(y))
        if cat is None:
            cat = self.encoder_.categorical_indices()
        curves, boosters = [], []
        for tr, te in splits:
            train = lgb.Dataset(Z[tr], y[tr], categorical_feature=cat, free_raw_data=True, params={"verbosity": -1})
            valid = lgb.Dataset(Z[te], y[te], reference=train, categorical_feature=cat)
            record: dict[str, Any] = {}
            booster = lgb.train(
                {**params, "metric": "binary_logloss"},
                train,
                num_boost_round=self.max_rounds,
                valid_sets=[valid],
                valid_names=["valid"],
                callbacks=[
                    lgb.early_stopping(self.early_stopping_rounds, verbose=False),
                    lgb.record_evaluation(record),
                ],
            )
            curves.append(np.asarray(record["valid"]["binary_logloss"]))
            boosters.append(booster)
        # One number of rounds for every fold: the minimum of the mean validation curve.
        length = min(len(c) for c in curves)
        weights = np.array([len(te) for _, te in splits], dtype=float)
        mean_curve = np.average(np.vstack([c[:length] for c in curves]), axis=0, weights=weights)
        best = int(np.argmin(mean_curve)) + 1
        oof = np.zeros(len(y))
        for booster, (_, te) in zip(boosters, splits, strict=True):
            oof[te] = booster.predict(Z[te], num_iteration=best, raw_score=True)
        return oof, best

    def _logistic_fit(self, X: sparse.csr_matrix, y: np.ndarray, C: float) -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=2000, tol=1e-4).fit(X, y)

    def _logistic_cv(self, Z: np.ndarray, y: np.ndarray, splits: list) -> tuple[np.ndarray, float]:
        best: tuple[float, float, np.ndarray] | None = None
        designs = []
        for tr, te in splits:
            design = self._new_design().fit(Z[tr])
            designs.append((design.transform(Z[tr]), design.transform(Z[te])))
        # Large tables need little regularisation: one value saves most of the time.
        for C in LOGISTIC_C if len(y) <= 50000 else (1.0,):
            oof = np.zeros(len(y))
            for (Xtr, Xte), (tr, te) in zip(designs, splits, strict=True):
                oof[te] = self._logistic_fit(Xtr, y[tr], C).decision_function(Xte)
            loss = log_loss(y, _sigmoid(oof), labels=[0, 1])
            if best is None or loss < best[0]:
                best = (loss, C, oof)
        assert best is not None
        return best[2], best[1]

    def _new_design(self) -> LinearDesign:
        enc = self.encoder_
        return LinearDesign(
            n_numeric=len(enc.numeric_columns_),
            n_codes=[enc.n_codes(c) for c in enc.categorical_columns_],
            n_bins=self.logistic_bins,
        )

    def fit(self, X: pd.DataFrame, y: Any, groups: Any = None) -> EarlyAlertModel:
        # BLAS threads fight each other (and other processes) on a small shared machine: many
        # small logistic fits run several times faster on one thread.
        with threadpool_limits(limits=max(1, self.n_jobs)):
            return self._fit(X, y, groups)

    def _fit(self, X: pd.DataFrame, y: Any, groups: Any = None) -> EarlyAlertModel:
        started = time.monotonic()
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(X)
        y_arr = np.asarray(y)
        self.classes_ = np.unique(y_arr)
        if len(self.classes_) != 2:
            raise ValueError("The target needs both classes (at least one positive and one negative row).")
        y01 = (y_arr == self.classes_[1]).astype(np.float64)
        groups_arr = None if groups is None else np.asarray(groups)
        X = X.rename(columns=str)
        original = X
        self.feature_names_in_ = np.asarray(list(X.columns), dtype=object)
        self.n_features_in_ = len(self.feature_names_in_)
        forced = [str(c) for c in (self.categorical or ())]
        numeric = [
            c
            for c in X.columns
            if c not in forced and (pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]))
        ]
        self.ratio_pairs_: list[tuple[str, str, str]] = ratio_pairs(numeric, list(X.columns)) if self.ratios else []
        X = self._derive(X)
        splits = self._splits(y01, groups_arr)
        self.n_inner_folds_ = len(splits)
        results: dict[str, _Candidate] = {}
        wanted = set(self.candidates)
        self.gbm_params_: dict[str, Any] | None = None
        self.gbm_rounds_ = 0
        self.logistic_C_ = 1.0
        self.search_: list[dict[str, Any]] = []
        # Integer columns that look like codes: numeric splits or categories, as the inner CV says.
        codes = [c for c in numeric if code_like(X[c], max_values=max(self.max_categories, 3))]
        self.code_columns_: list[str] = codes
        self.codes_as_categories_ = self.codes == "categorical" and bool(codes)
        first_shape: tuple[np.ndarray, int] | None = None
        use_gbm = bool(splits) and ("gbm" in wanted or "blend" in wanted) and len(y01) >= 30
        if codes and self.codes == "auto" and use_gbm:
            as_numbers = self._new_encoder(forced).fit(X)
            as_codes = self._new_encoder(forced + codes).fit(X)
            Z_num, Z_cat = as_numbers.transform(X), as_codes.transform(X)
            shape = GBM_SHAPES[0]
            num_run = self._gbm_cv(Z_num, y01, splits, shape, as_numbers.categorical_indices())
            cat_run = self._gbm_cv(Z_cat, y01, splits, shape, as_codes.categorical_indices())
            num_loss = log_loss(y01, _sigmoid(num_run[0]))
            cat_loss = log_loss(y01, _sigmoid(cat_run[0]))
            self.codes_as_categories_ = cat_loss < num_loss
            self.codes_search_ = {
                "numbers_logloss": round(num_loss, 5),
                "categories_logloss": round(cat_loss, 5),
                "numbers_roc_auc": round(_safe_auc(y01, num_run[0]), 5),
                "categories_roc_auc": round(_safe_auc(y01, cat_run[0]), 5),
            }
            first_shape = cat_run if self.codes_as_categories_ else num_run
            self.encoder_ = as_codes if self.codes_as_categories_ else as_numbers
            Z = Z_cat if self.codes_as_categories_ else Z_num
        else:
            self.codes_search_ = {}
            self.encoder_ = self._new_encoder(forced + codes if self.codes_as_categories_ else forced).fit(X)
            Z = self.encoder_.transform(X)
        if splits and ("logistic" in wanted or "blend" in wanted):
            oof, C = self._logistic_cv(Z, y01, splits)
            self.logistic_C_ = C
            results["logistic"] = _Candidate(
                "logistic", oof, _safe_auc(y01, oof), log_loss(y01, _sigmoid(oof)), {"C": C}
            )
        if use_gbm:
            best_gbm: _Candidate | None = None
            for i, shape in enumerate(GBM_SHAPES):
                if self.search_ and time.monotonic() - started > self.time_budget:
                    break
                oof, rounds = (
                    first_shape if (i == 0 and first_shape is not None) else self._gbm_cv(Z, y01, splits, shape)
                )
                loss = log_loss(y01, _sigmoid(oof))
                self.search_.append(
                    {**shape, "rounds": rounds, "logloss": round(loss, 5), "roc_auc": _safe_auc(y01, oof)}
                )
                if best_gbm is None or loss < best_gbm.logloss:
                    best_gbm = _Candidate("gbm", oof, _safe_auc(y01, oof), loss, {"shape": shape, "rounds": rounds})
            if best_gbm is not None:
                results["gbm"] = best_gbm
                self.gbm_params_ = self._gbm_params(best_gbm.detail["shape"], len(y01))
                # The final model sees 1/k more rows than each fold's: a few more rounds.
                k = len(splits)
                self.gbm_rounds_ = max(1, round(best_gbm.detail["rounds"] * (1 + 1 / max(k - 1, 1))))
        self.stack_ = (1.0, 0.0, 0.0)
        if "blend" in wanted and "gbm" in results and "logistic" in results:
            S = np.column_stack([results["gbm"].oof, results["logistic"].oof])
            stacker = LogisticRegression(C=1e4).fit(S, y01)
            a, b = stacker.coef_[0]
            if a > 0 and b > 0:
                self.stack_ = (float(a), float(b), float(stacker.intercept_[0]))
                z = S @ stacker.coef_[0] + stacker.intercept_[0]
                results["blend"] = _Candidate("blend", z, _safe_auc(y01, z), log_loss(y01, _sigmoid(z)), {})
        self.cv_scores_ = {
            name: {"roc_auc": round(c.auc, 5), "logloss": round(c.logloss, 5), **c.detail}
            for name, c in results.items()
        }
        chosen = self._select(results)
        self.model_name_ = chosen
        # Refit the chosen candidate (and its parts) on every row.
        self.booster_: lgb.Booster | None = None
        self.design_: LinearDesign | None = None
        self.logistic_: LogisticRegression | None = None
        if chosen in ("gbm", "blend"):
            assert self.gbm_params_ is not None
            train = lgb.Dataset(
                Z, y01, categorical_feature=self.encoder_.categorical_indices(), params={"verbosity": -1}
            )
            self.booster_ = lgb.train(self.gbm_params_, train, num_boost_round=self.gbm_rounds_)
        if chosen in ("logistic", "blend"):
            self.design_ = self._new_design().fit(Z)
            self.design_.remember_code_frequencies(Z)
            self.logistic_ = self._logistic_fit(self.design_.transform(Z), y01, self.logistic_C_)
        # Calibrate on out-of-fold log-odds of the chosen candidate: rows the scorer never saw.
        if chosen in results:
            oof = results[chosen].oof
            self.calibrator_ = LogOddsCalibrator(self.calibration).fit(oof, y01)
            self.oof_probability_: np.ndarray | None = self.calibrator_.transform(oof)
        else:
            self.calibrator_ = LogOddsCalibrator("sigmoid").fit(self.decision_function(original), y01)
            self.oof_probability_ = None
        self.positive_rate_ = float(y01.mean())
        self.fit_seconds_ = round(time.monotonic() - started, 2)
        return self

    def _select(self, results: dict[str, _Candidate]) -> str:
        if not results:
            # Too few rows of one class for any cross-validation: a regularised logistic model.
            return "logistic"
        best_auc = max(c.auc for c in results.values() if not math.isnan(c.auc))
        for name in SIMPLICITY_ORDER:
            if name in results and results[name].auc >= best_auc - self.selection_tolerance:
                return name
        return next(iter(results))

    # -- prediction --------------------------------------------------------------------------

    def _new_encoder(self, categorical: Sequence[str]) -> TableEncoder:
        return TableEncoder(
            min_frequency=self.min_frequency, max_categories=self.max_categories, categorical=list(categorical)
        )

    def _derive(self, X: pd.DataFrame) -> pd.DataFrame:
        """``X`` with the derived share columns appended (NaN when the denominator is 0 or missing)."""
        pairs = getattr(self, "ratio_pairs_", [])
        if not pairs:
            return X
        extra = {}
        for numerator, denominator, name in pairs:
            if numerator in X.columns and denominator in X.columns:
                num = pd.to_numeric(X[numerator], errors="coerce").to_numpy(dtype=np.float64)
                den = pd.to_numeric(X[denominator], errors="coerce").to_numpy(dtype=np.float64)
                with np.errstate(divide="ignore", invalid="ignore"):
                    extra[name] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
            else:
                extra[name] = np.full(len(X), np.nan)
        return pd.concat([X, pd.DataFrame(extra, index=X.index)], axis=1)

    def transform_matrix(self, X: pd.DataFrame) -> np.ndarray:
        """The encoded matrix the candidate models read (exposed for benchmarks)."""
        if not isinstance(X, pd.DataFrame):
            X = pd.DataFrame(X, columns=self.feature_names_in_)
        return self.encoder_.transform(self._derive(X))

    def decision_matrix(self, Z: np.ndarray) -> np.ndarray:
        name = self.model_name_
        if name == "gbm":
            assert self.booster_ is not None
            return np.asarray(self.booster_.predict(Z, raw_score=True))
        assert self.design_ is not None and self.logistic_ is not None
        z_lr = self.design_.decision(Z, self.logistic_.coef_[0], float(self.logistic_.intercept_[0]))
        if name == "logistic":
            return z_lr
        assert self.booster_ is not None
        a, b, c = self.stack_
        return a * np.asarray(self.booster_.predict(Z, raw_score=True)) + b * z_lr + c

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Uncalibrated log-odds of the positive class."""
        return self.decision_matrix(self.transform_matrix(X))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p = self.calibrator_.transform(self.decision_function(X))
        return np.column_stack([1 - p, p])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]

    # -- explanations ------------------------------------------------------------------------

    def contributions(self, X: pd.DataFrame) -> pd.DataFrame:
        """Each column's additive contribution to the log-odds (positive = more risk), per row.

        The columns are the original features; ``base + row sum`` equals the decision function.
        """
        Z = self.transform_matrix(X)
        names = self.encoder_.column_names()
        name = self.model_name_
        total = np.zeros((len(Z), len(names)))
        if name in ("gbm", "blend"):
            assert self.booster_ is not None
            contrib = np.asarray(self.booster_.predict(Z, pred_contrib=True))
            weight = 1.0 if name == "gbm" else self.stack_[0]
            total += weight * contrib[:, :-1]
        if name in ("logistic", "blend"):
            assert self.design_ is not None and self.logistic_ is not None
            out, _ = self.design_.contributions(Z, self.logistic_.coef_[0], float(self.logistic_.intercept_[0]))
            weight = 1.0 if name == "logistic" else self.stack_[1]
            total += weight * out
        frame = pd.DataFrame(total, columns=names, index=X.index if isinstance(X, pd.DataFrame) else None)
        # A derived share explains half through its numerator and half through its denominator.
        for numerator, denominator, name in getattr(self, "ratio_pairs_", []):
            if name in frame.columns:
                half = 0.5 * frame[name]
                frame[numerator] += half
                frame[denominator] += half
        return frame[[c for c in self.feature_names_in_ if c in frame.columns]]

    def feature_report(self) -> list[dict[str, Any]]:
        """The inferred type of each feature, and kept categories for categorical ones; then the
        derived shares, each with the two columns it divides (``derived_from``)."""
        report = []
        for name in self.feature_names_in_:
            kind = self.encoder_.feature_types_[name]
            item: dict[str, Any] = {"name": name, "type": kind}
            if kind == CATEGORICAL:
                item["categories"] = len(self.encoder_.categories_[name])
            if name in self.code_columns_:
                item["codes"] = True
            report.append(item)
        for numerator, denominator, name in getattr(self, "ratio_pairs_", []):
            report.append({"name": name, "type": "numeric", "derived_from": [numerator, denominator]})
        return report

    def derived_report(self) -> list[dict[str, Any]]:
        """The derived share features: name, numerator, denominator."""
        return [{"name": c, "numerator": a, "denominator": b} for a, b, c in self.ratio_pairs_]
