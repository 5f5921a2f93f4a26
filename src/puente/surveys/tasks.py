"""Background tasks of the survey engine (django-tasks; inline when no worker runs)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_due_reminders_task() -> int:
    """Send the survey reminders that are due; the scheduler runs it daily. Returns how many."""
    from .services import send_due_reminders

    return send_due_reminders()
