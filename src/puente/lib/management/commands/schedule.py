"""``puente schedule [list|run-due]``: the periodic jobs, and a way to run them from cron.

``puente worker`` enqueues the jobs itself; on a deployment without a worker, run
``puente schedule run-due`` every few minutes from cron (or a systemd timer): it enqueues what is
due, runs it inline when no worker is alive, and does nothing otherwise.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from puente.lib import schedule

# A job is queued when a worker is alive, else it has run inline in this process.
OUTCOMES = {"READY": "queued for the worker", "SUCCESSFUL": "ran here", "FAILED": "failed here"}


def _every(interval: timedelta | None) -> str:
    if interval is None:
        return "disabled"
    if interval % timedelta(days=1) == timedelta(0):
        days = interval.days
        return "1 day" if days == 1 else f"{days} days"
    return str(interval)


def _when(moment: datetime | None, empty: str) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M %Z") if moment else empty


class Command(BaseCommand):
    help = (
        "List the scheduled jobs with their last run and next due time ('list', the default), "
        "or enqueue the jobs that are due ('run-due', for cron where no worker runs)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", default="list", choices=["list", "run-due"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "run-due":
            self.run_due()
        else:
            self.list_jobs()

    def list_jobs(self) -> None:
        now = timezone.now()
        rows = [("job", "every", "last enqueued", "next due", "task")]
        for state in schedule.job_states():
            if not state.enabled:
                next_due = "—"
            elif state.is_due(now):
                next_due = "now"
            else:
                next_due = _when(state.next_due, "now")
            rows.append(
                (
                    state.job.name,
                    _every(state.interval),
                    _when(state.last_enqueued_at, "never"),
                    next_due,
                    state.job.task.module_path,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
            self.stdout.write("  ".join([*cells, row[-1]]))

    def run_due(self) -> None:
        results = schedule.run_due()
        if not results:
            self.stdout.write("Nothing is due.")
            return
        failed = []
        for name, result in results.items():
            status = str(result.status)
            self.stdout.write(f"{name}: {OUTCOMES.get(status, status.lower())}")
            if status == "FAILED":
                failed.append(name)
                for error in result.errors:
                    self.stderr.write(error.traceback)
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}", returncode=1)
