"""``puente alerts evaluate|train|score`` — the early-alert model from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Early alerts: evaluate the pipeline on a CSV of past students, train a release, score students."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        ev = sub.add_parser(
            "evaluate",
            help="Out-of-fold evaluation of the product's pipeline on a flat table (bring-your-own-history check).",
        )
        ev.add_argument("--csv", required=True, help="The table: one row per past student.")
        ev.add_argument("--target", required=True, help="The outcome column.")
        ev.add_argument(
            "--positive",
            required=True,
            action="append",
            help="Value(s) of the outcome to predict (repeatable); compared trimmed and case-insensitively.",
        )
        ev.add_argument("--sep", default=None, help="Separator (default: detected). Use '\\t' for tab.")
        ev.add_argument("--group", action="append", default=[], help="Report metrics per value of this column.")
        ev.add_argument("--exclude", action="append", default=[], help="Drop columns whose name matches this regex.")
        ev.add_argument("--cohort", default=None, help="Column of entry cohorts: folds never split a cohort.")
        ev.add_argument("--folds", type=int, default=5)
        ev.add_argument("--seed", type=int, default=0)
        ev.add_argument("--alert-rate", type=float, default=None, help="Share flagged (default: the positive rate).")
        ev.add_argument("--time-budget", type=float, default=120.0, help="Seconds per fold for the model search.")
        ev.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="Outer folds fitted at once, each in its own process (default: one per core, at most 2).",
        )
        ev.add_argument(
            "--predictions",
            default=None,
            help="Also write a CSV of the out-of-fold probability of every row (row number, target, probability, alert).",
        )
        ev.add_argument("--json", dest="json_out", required=True, help="Where to write the report ('-' for stdout).")

        tr = sub.add_parser("train", help="Train a new model release for an institution from its own records.")
        tr.add_argument("--institution", default=None, help="Institution code.")
        tr.add_argument("--all", action="store_true", help="Every institution with enough history.")
        tr.add_argument("--as-of", default=None, help="Training day YYYY-MM-DD (default: today).")
        tr.add_argument("--target", default=None, help="Target definition (default: not enrolled next term).")
        tr.add_argument("--point", default=None, help="Prediction point (default: week 4).")
        tr.add_argument("--activate", action="store_true", help="Make the new release the active one.")

        sc = sub.add_parser("score", help="Score the current students with each institution's active release.")
        sc.add_argument("--institution", default=None, help="Only this institution (code).")
        sc.add_argument("--date", default=None, help="Prediction date YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "evaluate":
            self.evaluate(options)
        elif action == "train":
            self.train(options)
        else:
            self.score(options)

    def evaluate(self, options: dict[str, Any]) -> None:
        from puente.success.alerts.evaluation import EvaluationError, default_jobs, evaluate_frame
        from puente.success.alerts.table import TableError, read_table

        path = Path(options["csv"])
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            table = read_table(path, sep=options["sep"])
            report = evaluate_frame(
                table.frame,
                target=options["target"],
                positive=options["positive"],
                groups=options["group"],
                exclude=options["exclude"],
                cohort=options["cohort"],
                folds=options["folds"],
                seed=options["seed"],
                alert_rate=options["alert_rate"],
                model_params={"time_budget": options["time_budget"]},
                notes=table.notes,
                jobs=options["jobs"] or default_jobs(options["folds"]),
                keep_predictions=bool(options["predictions"]),
            )
        except (EvaluationError, TableError, KeyError) as exc:
            raise CommandError(str(exc).strip("'\"")) from exc
        report["file"] = {"path": str(path), "separator": table.separator, "encoding": table.encoding}
        predictions = report.pop("predictions", None)
        if predictions is not None:
            self._write_predictions(Path(options["predictions"]), predictions)
        text = json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False)
        if options["json_out"] == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(options["json_out"]).write_text(text + "\n", encoding="utf-8")
        self.stderr.write(
            f"n={report['n']} positive_rate={report['positive_rate']} roc_auc={report['roc_auc']} "
            f"pr_auc={report['pr_auc']} brier={report['brier']} model={report['model']} ({report['seconds']} s)"
        )

    def _write_predictions(self, path: Path, predictions: dict[str, list]) -> None:
        """One line per evaluated row: its number among the file's data rows (1 = the first line
        after the header), the 0/1 target, the out-of-fold probability and whether it is flagged."""
        lines = ["row,target,probability,alert"]
        for position, target, probability, alert in zip(
            predictions["position"],
            predictions["target"],
            predictions["probability"],
            predictions["alert"],
            strict=True,
        ):
            lines.append(f"{position + 1},{target},{probability:.6f},{alert}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def train(self, options: dict[str, Any]) -> None:
        from datetime import date

        from puente.success.alerts.models import ModelRelease
        from puente.success.alerts.services import train_all, train_release

        as_of = date.fromisoformat(options["as_of"]) if options["as_of"] else None
        common = {
            "target": options["target"],
            "point": options["point"],
            "activate": options["activate"],
            "as_of": as_of,
        }
        if options["all"]:
            results = train_all(**common)
        elif options["institution"]:
            try:
                results = {options["institution"]: train_release(options["institution"], **common)}
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        else:
            raise CommandError("Give --institution CODE or --all.")
        for code, release in results.items():
            if not isinstance(release, ModelRelease):
                self.stdout.write(f"{code}: skipped — {release}")
                continue
            overall = release.metrics.get("overall", {})
            self.stdout.write(
                f"{release}: {release.model_name}, n={release.n_train}, roc_auc={overall.get('roc_auc')}, "
                f"brier={overall.get('brier')}, active={release.is_active}"
            )

    def score(self, options: dict[str, Any]) -> None:
        from datetime import date

        from puente.success.alerts.services import score_institutions

        on = date.fromisoformat(options["date"]) if options["date"] else None
        for code, count in score_institutions(options["institution"], on=on).items():
            self.stdout.write(f"{code}: {count} students scored")
