"""Background tasks of early alerts (django-tasks; inline when no worker runs).

They take ids and codes, never model instances. :func:`score_institutions_task` runs weekly from
the worker's scheduler (``schedule.py``, ``ALERTS_SCORE_EVERY_DAYS``; see docs/early-alerts.md).
"""

from __future__ import annotations

from django_tasks import task

from puente.lib.tasks import Progress, set_progress


@task()
def score_institutions_task(code: str | None = None, on: str | None = None) -> dict[str, int]:
    """Recompute the risk scores of every institution with an active release (or only ``code``)."""
    from datetime import date

    from .services import score_institutions

    set_progress("alerts-score", code or "all", Progress(stage="scoring"))
    counts = score_institutions(code, on=date.fromisoformat(on) if on else None)
    set_progress("alerts-score", code or "all", Progress(done=len(counts), total=len(counts), finished=True))
    return counts


@task()
def train_release_task(institution_id: int, target: str | None = None, point: str | None = None) -> int:
    """Train a new (inactive) release; an officer activates it after reading its model card."""
    from .services import train_release

    set_progress("alerts-train", institution_id, Progress(stage="training"))
    release = train_release(institution_id, target=target, point=point)
    set_progress("alerts-train", institution_id, Progress(done=1, total=1, finished=True))
    return release.pk
