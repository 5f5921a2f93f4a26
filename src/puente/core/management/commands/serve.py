"""Serve Puente with waitress (a production-grade pure-Python WSGI server) and a task worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Puente on HOST:PORT (default 127.0.0.1:8000) with a background task worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=os.getenv("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.getenv("PORT", "8000")))
        parser.add_argument("--no-worker", action="store_true", help="Do not start a task worker.")
        parser.add_argument("--threads", type=int, default=int(os.getenv("WEB_THREADS", "8")))

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from puente.wsgi import application

        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "puente", "worker"])
        self.stdout.write(f"Puente is serving http://{options['host']}:{options['port']}/ (Ctrl+C to stop)")
        try:
            serve(application, host=options["host"], port=options["port"], threads=options["threads"], ident="puente")
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=10)
