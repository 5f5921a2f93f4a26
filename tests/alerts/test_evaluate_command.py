"""`puente alerts evaluate` on labelled tables of every shape an institution may bring."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command


def _table(n: int, positive_rate: float, seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed)
    risk = rng.normal(size=n)
    threshold = np.quantile(risk, 1 - positive_rate)
    rows = []
    for i in range(n):
        rows.append(
            {
                "Student ID": f"S{i:05d}",
                "cohort": f"20{20 + i % 4}",
                "sex": "F" if i % 2 else "M",
                "campus": "Norte" if i % 3 else "Sur",
                "rare": "only-one" if i == 0 else "common",
                "units passed": str(max(0, int(5 - 2 * risk[i] + rng.normal()))),
                "grade": f"{12 - 2 * risk[i] + rng.normal():.1f}".replace(".", ","),
                "attendance": "?" if i % 11 == 0 else f"{0.8 - 0.1 * risk[i]:.2f}",
                "outcome": " withdrawn " if risk[i] + 0.5 * rng.normal() > threshold else "Graduated",
            }
        )
    return rows


def _write(path, rows, sep=";", bom=True, crlf=True):
    header = list(rows[0])
    newline = "\r\n" if crlf else "\n"
    lines = [sep.join(f" {h}\t" for h in header)]
    lines += [sep.join(f'"{r[h]}"' for h in header) for r in rows]
    data = (newline.join(lines) + newline).encode()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _run(tmp_path, rows, *extra, positive="Withdrawn", **kwargs):
    csv = _write(tmp_path / "table.csv", rows, **kwargs)
    out = tmp_path / "out.json"
    call_command(
        "alerts",
        "evaluate",
        "--csv",
        str(csv),
        "--target",
        "outcome",
        "--positive",
        positive,
        "--group",
        "sex",
        "--time-budget",
        "2",
        "--folds",
        "3",
        "--json",
        str(out),
        *extra,
    )
    return json.loads(out.read_text())


def test_it_writes_the_promised_report(tmp_path):
    report = _run(tmp_path, _table(300, 0.3), "--group", "campus", "--exclude", "^rare$")
    for key in ("n", "positive_rate", "roc_auc", "pr_auc", "brier", "model", "features", "by_group"):
        assert key in report
    assert report["n"] == 300
    assert report["roc_auc"] > 0.75
    assert {f["name"]: f["type"] for f in report["features"]} == {
        "cohort": "numeric",
        "sex": "categorical",
        "campus": "categorical",
        "units passed": "numeric",
        "grade": "numeric",
        "attendance": "numeric",
    }
    assert {d["name"] for d in report["dropped_columns"]} == {"Student ID", "rare"}
    for column in ("sex", "campus"):
        for metrics in report["by_group"][column].values():
            assert {"n", "roc_auc", "brier", "alert_rate"} <= set(metrics)
    assert report["model"] in {"gbm", "logistic", "blend"}


def test_a_tiny_imbalanced_file_works(tmp_path):
    report = _run(tmp_path, _table(50, 0.06), sep=",", bom=False, crlf=False)
    assert report["n"] == 50
    assert report["positive_rate"] == pytest.approx(0.06, abs=0.02)
    assert report["roc_auc"] is not None


def test_a_group_with_a_single_class_gets_a_null_auc(tmp_path):
    rows = _table(120, 0.25)
    for i, row in enumerate(rows):
        row["sex"] = "X" if i < 6 else row["sex"]
        if i < 6:
            row["outcome"] = "Graduated"
    report = _run(tmp_path, rows)
    assert report["by_group"]["sex"]["X"]["roc_auc"] is None
    assert report["by_group"]["sex"]["X"]["n"] == 6


def test_folds_are_grouped_by_cohort_when_asked(tmp_path):
    report = _run(tmp_path, _table(200, 0.3), "--cohort", "cohort")
    assert "grouped by cohort" in report["cv"]
    assert "cohort" not in {f["name"] for f in report["features"]}


def test_it_explains_a_wrong_positive_value(tmp_path):
    with pytest.raises(CommandError, match="Values"):
        _run(tmp_path, _table(60, 0.3), positive="nope")


def test_parallel_folds_give_the_same_report_and_predictions_are_written(tmp_path):
    rows = _table(240, 0.3)
    # A generous time budget: the search must not stop early in one run and not in the other.
    one = _run(tmp_path, rows, "--time-budget", "600", "--jobs", "1", "--predictions", str(tmp_path / "one.csv"))
    two = _run(tmp_path, rows, "--time-budget", "600", "--jobs", "2", "--predictions", str(tmp_path / "two.csv"))
    assert (one["roc_auc"], one["brier"], one["model"]) == (two["roc_auc"], two["brier"], two["model"])
    lines = (tmp_path / "two.csv").read_text().splitlines()
    assert lines[0] == "row,target,probability,alert"
    assert lines[1:] == (tmp_path / "one.csv").read_text().splitlines()[1:]
    assert len(lines) == 1 + 240
    first = lines[1].split(",")
    assert first[0] == "1" and first[1] == str(int(rows[0]["outcome"].strip() == "withdrawn"))
    assert 0.0 <= float(first[2]) <= 1.0
    assert sum(int(line.split(",")[3]) for line in lines[1:]) == pytest.approx(0.3 * 240, abs=6)
