"""Periodic jobs of the survey engine (declared in SurveysConfig.scheduled_jobs)."""

from __future__ import annotations

from datetime import timedelta

from puente.lib.schedule import PeriodicJob

from .tasks import send_due_reminders_task

JOBS = [
    PeriodicJob(
        "surveys.remind",
        send_due_reminders_task,
        every=timedelta(days=1),
        setting="SURVEYS_REMIND_EVERY_DAYS",
    ),
]
