"""Periodic jobs: work that must happen on a schedule (weekly risk scoring, daily survey
reminders) without an operator remembering to add cron lines.

An app declares its jobs in its AppConfig, as it declares ``nav_items`` and ``dashboard_panels``::

    scheduled_jobs = "puente.surveys.schedule.JOBS"   # dotted path to a list of PeriodicJob

and in ``puente/surveys/schedule.py``::

    JOBS = [PeriodicJob("surveys.remind", send_due_reminders_task, every=timedelta(days=1),
                        setting="SURVEYS_REMIND_EVERY_DAYS")]

``puente worker`` calls :func:`run_due` on every heartbeat; ``puente schedule run-due`` does the
same from cron where no worker runs. A job is due when its interval has passed since it was last
enqueued, or when it never was. The time of the last enqueue is a database row
(:class:`~puente.lib.models.LastRun`) that callers claim with one conditional UPDATE: the
database lets exactly one of two racing workers (or a worker and cron) change it, on SQLite as on
PostgreSQL, so a run is never enqueued twice.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .tasks import enqueue

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """A task enqueued (through :func:`puente.lib.tasks.enqueue`) every ``every``.

    ``setting`` names a setting holding the interval in days, which overrides ``every`` when it
    exists; 0 (or less) disables the job. Arguments must be JSON values, as for any task.
    """

    name: str
    task: Any  # a django-tasks Task
    every: timedelta
    setting: str = ""
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def interval(self) -> timedelta | None:
        """The interval in force (settings are read now, never at import), or None when disabled."""
        if self.setting and hasattr(settings, self.setting):
            days = getattr(settings, self.setting)
            return timedelta(days=days) if days and days > 0 else None
        return self.every if self.every > timedelta(0) else None


@dataclass(frozen=True)
class JobState:
    """A job with its interval in force and the time it was last enqueued."""

    job: PeriodicJob
    interval: timedelta | None
    last_enqueued_at: datetime | None

    @property
    def enabled(self) -> bool:
        return self.interval is not None

    @property
    def next_due(self) -> datetime | None:
        """When the job is next due; None when it is disabled or has never run (due now)."""
        if self.interval is None or self.last_enqueued_at is None:
            return None
        return self.last_enqueued_at + self.interval

    def is_due(self, now: datetime) -> bool:
        if self.interval is None:
            return False
        next_due = self.next_due
        return next_due is None or next_due <= now


def registered_jobs() -> list[PeriodicJob]:
    """Every job declared by an installed app (``scheduled_jobs`` of its AppConfig), by name."""
    jobs: list[PeriodicJob] = []
    for config in apps.get_app_configs():
        declared = getattr(config, "scheduled_jobs", None)
        if not declared:
            continue
        jobs.extend(import_string(declared) if isinstance(declared, str) else declared)
    names = [job.name for job in jobs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"Scheduled job names must be unique: {', '.join(duplicates)}")
    return sorted(jobs, key=lambda job: job.name)


def job_states(jobs: list[PeriodicJob] | None = None) -> list[JobState]:
    """The jobs with their last run, read in one query."""
    from .models import LastRun

    jobs = registered_jobs() if jobs is None else jobs
    last = dict(LastRun.objects.filter(name__in=[job.name for job in jobs]).values_list("name", "last_enqueued_at"))
    return [JobState(job, job.interval(), last.get(job.name)) for job in jobs]


def claim(job: PeriodicJob, now: datetime) -> bool:
    """Take the run of ``job`` that is due at ``now``. True for exactly one caller per run: the
    UPDATE only matches while the last enqueue is older than the interval, and the database
    serialises concurrent UPDATEs of a row, so the second caller finds it already moved."""
    from .models import LastRun

    interval = job.interval()
    if interval is None:
        return False
    LastRun.objects.get_or_create(name=job.name)  # get_or_create survives a racing insert
    due = Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lte=now - interval)
    return LastRun.objects.filter(due, name=job.name).update(last_enqueued_at=now) == 1


def _release(job: PeriodicJob, now: datetime, previous: datetime | None) -> None:
    """Give back a claim whose enqueue failed, so the next cycle tries again."""
    from .models import LastRun

    LastRun.objects.filter(name=job.name, last_enqueued_at=now).update(last_enqueued_at=previous)


def run_due(now: datetime | None = None, jobs: list[PeriodicJob] | None = None) -> dict[str, Any]:
    """Enqueue every job that is due and that this caller claims. Returns the task results by job
    name: queued on the worker when one runs, else already run inline in this process. Cheap when
    nothing is due: one SELECT."""
    now = now or timezone.now()
    enqueued: dict[str, Any] = {}
    for state in job_states(jobs):
        if not state.is_due(now) or not claim(state.job, now):
            continue
        job = state.job
        try:
            result = enqueue(job.task, *job.args, **job.kwargs)
        except Exception:
            _release(job, now, state.last_enqueued_at)
            logger.exception("Scheduled job %s could not be enqueued", job.name)
            continue
        logger.info("Scheduled job %s enqueued", job.name)
        enqueued[job.name] = result
    return enqueued
