"""Run the background task worker and keep a heartbeat so pages know tasks will run here."""

from __future__ import annotations

import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from puente.lib.tasks import HEARTBEAT_TTL, beat


class Command(BaseCommand):
    help = "Run background tasks (imports, model training, reports) from the database queue."

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()

        def heartbeat() -> None:
            while not stop.is_set():
                beat()
                stop.wait(HEARTBEAT_TTL / 3)

        thread = threading.Thread(target=heartbeat, daemon=True)
        thread.start()
        try:
            call_command("db_worker", interval=1)
        finally:
            stop.set()
