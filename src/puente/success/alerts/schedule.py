"""Periodic jobs of early alerts (declared in AlertsConfig.scheduled_jobs)."""

from __future__ import annotations

from datetime import timedelta

from puente.lib.schedule import PeriodicJob

from .tasks import score_institutions_task

JOBS = [
    # Every institution with an active release; scores of the same day are replaced, so a run
    # that overlaps a manual `puente alerts score` does no harm.
    PeriodicJob(
        "alerts.score",
        score_institutions_task,
        every=timedelta(days=7),
        setting="ALERTS_SCORE_EVERY_DAYS",
    ),
]
