"""Background tasks of the import mechanism (django-tasks; inline when no worker runs).

They take the job id, never the job, so a worker process reads the current state.
"""

from __future__ import annotations

from django_tasks import task


@task()
def preview_import_job(job_id: int) -> None:
    """Check every row of an uploaded file; nothing is written."""
    from .services import run_preview

    run_preview(job_id)


@task()
def commit_import_job(job_id: int) -> None:
    """Write a checked file in one transaction."""
    from .services import run_commit

    run_commit(job_id)
