"""Run the background task worker, keep a heartbeat so pages know tasks will run here, and
enqueue the periodic jobs (:mod:`puente.lib.schedule`) as they fall due."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from puente.lib import schedule
from puente.lib.tasks import HEARTBEAT_TTL, beat

logger = logging.getLogger(__name__)


def run_scheduled_jobs() -> None:
    """One scheduler cycle. An error is logged, never raised: it must not stop the heartbeat,
    or pages would start running every task inline."""
    try:
        schedule.run_due()
    except Exception:
        logger.exception("puente: the scheduled jobs could not be checked")
    finally:
        close_old_connections()  # this thread's own connection; drop it if broken or too old


class Command(BaseCommand):
    help = (
        "Run background tasks (imports, model training, reports) from the database queue, "
        "and enqueue the scheduled jobs (risk scoring, survey reminders) when they are due."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()

        def heartbeat() -> None:
            while not stop.is_set():
                beat()
                run_scheduled_jobs()
                stop.wait(HEARTBEAT_TTL / 3)

        thread = threading.Thread(target=heartbeat, daemon=True)
        thread.start()
        try:
            call_command("db_worker", interval=1)
        finally:
            stop.set()
