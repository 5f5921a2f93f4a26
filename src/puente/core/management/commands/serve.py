"""Serve Puente with waitress (a production-grade pure-Python WSGI server) and a task worker.

Before it listens, ``serve`` checks that the database answers and is migrated, so that a
wrong ``DATABASE_URL`` stops start-up with one line instead of a page of 500 errors later.
SIGINT (Ctrl+C) and SIGTERM (systemd, a container runtime) both stop it gracefully: the web
server finishes, the worker is asked to stop, and only then does the process exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from typing import Any

from django.core.management.base import BaseCommand


class StartupError(SystemExit):
    """Stops `puente serve` with one line on stderr, like the settings' start-up checks."""

    def __init__(self, message: str) -> None:
        super().__init__(f"puente: {message}")


WORKER_RESTART_LIMIT = 5  # restarts within WORKER_RESTART_WINDOW before we give up on the worker
WORKER_RESTART_WINDOW = 60.0


def _env_port() -> int:
    raw = os.getenv("PORT", "8000").strip()
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise StartupError(f"PORT must be a number between 1 and 65535, not {raw!r}")
    return int(raw)


def describe_database() -> str:
    """A short, password-free description of the default database for the start-up line."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "local socket"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"PostgreSQL {settings_dict['NAME']} on {host}{port}"


def check_database() -> None:
    """Stop with one line when the database is unreachable or not migrated."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import Error as DatabaseError

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise StartupError(
            f"cannot use the database ({detail}). Check DATABASE_URL and that the database server is running."
        ) from exc
    finally:
        connection.close()
    if pending:
        raise StartupError(
            f"the database needs {len(pending)} migration(s); run `puente migrate` first (`make run` does it for you)."
        )


def proxy_options() -> dict[str, Any]:
    """Waitress options for the reverse proxy in front of us.

    Waitress drops X-Forwarded-* headers from untrusted peers. Behind a proxy (BEHIND_PROXY=1)
    we trust the proxy's address (TRUSTED_PROXY, default 127.0.0.1) for the scheme, client
    address and host, so that ``request.is_secure()`` is true for HTTPS and the SSL redirect
    does not loop.
    """
    from django.conf import settings

    options: dict[str, Any] = {"ident": "puente", "clear_untrusted_proxy_headers": True}
    if settings.SECURE_PROXY_SSL_HEADER:
        options["trusted_proxy"] = os.getenv("TRUSTED_PROXY", "127.0.0.1")
        options["trusted_proxy_headers"] = {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"}
    return options


class WorkerSupervisor:
    """Runs `puente worker` beside the web server and restarts it if it dies unexpectedly."""

    def __init__(self, stdout: Any, stderr: Any) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.process: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._restarts: list[float] = []
        self._thread = threading.Thread(target=self._watch, name="puente-worker-watch", daemon=True)

    def start(self) -> None:
        self._spawn()
        self._thread.start()

    def _spawn(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "puente", "worker"])

    def _watch(self) -> None:
        while not self._stopping.wait(1.0):
            if self.process is None or self.process.poll() is None:
                continue
            now = time.monotonic()
            self._restarts = [t for t in self._restarts if now - t < WORKER_RESTART_WINDOW]
            if len(self._restarts) >= WORKER_RESTART_LIMIT:
                self.stderr.write("puente: the task worker keeps stopping; tasks now run inline in the web process.")
                return
            self._restarts.append(now)
            self.stderr.write(f"puente: the task worker stopped (exit code {self.process.returncode}); restarting it.")
            self._spawn()

    def stop(self, timeout: float = 15.0) -> None:
        self._stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Command(BaseCommand):
    help = "Serve Puente on HOST:PORT (default 127.0.0.1:8000) with a background task worker beside it."
    requires_system_checks: list[str] = []  # run below, after the database check, to keep the start-up line last

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default=None, help="Address to listen on (env HOST, default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=None, help="Port to listen on (env PORT, default 8000).")
        parser.add_argument("--no-worker", action="store_true", help="Do not start a task worker.")
        parser.add_argument("--threads", type=int, default=int(os.getenv("WEB_THREADS", "8")))

    def handle(self, *args: Any, **options: Any) -> None:
        from importlib.metadata import version

        from waitress.server import create_server

        # Without `collectstatic`, static files are served from the apps (WHITENOISE_USE_FINDERS),
        # and WhiteNoise's warning about the missing STATIC_ROOT is noise on the console.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        host = options["host"] or os.getenv("HOST", "127.0.0.1")
        port = options["port"] if options["port"] is not None else _env_port()
        self.check(display_num_errors=False)
        check_database()

        from puente.wsgi import application

        try:
            server = create_server(application, host=host, port=port, threads=options["threads"], **proxy_options())
        except OSError as exc:
            raise StartupError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); set PORT or HOST") from exc

        # SIGTERM behaves like Ctrl+C: waitress closes its sockets, then we stop the worker.
        def _terminate(signum: int, frame: Any) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _terminate)
        # A shell without job control starts background commands with SIGINT ignored; Ctrl+C
        # (or `kill -INT`) must still stop us.
        signal.signal(signal.SIGINT, _terminate)

        supervisor = None
        if not options["no_worker"]:
            supervisor = WorkerSupervisor(self.stdout, self.stderr)
            supervisor.start()
        worker_note = f"task worker pid {supervisor.process.pid}" if supervisor and supervisor.process else "no worker"
        display_host = f"[{host}]" if ":" in host else host
        self.stdout.write(
            f"Puente {version('puente')} is serving http://{display_host}:{port}/ "
            f"({describe_database()}; {worker_note}). Press Ctrl+C to stop."
        )
        self.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
            if supervisor is not None:
                supervisor.stop()
            self.stdout.write("Puente stopped.")
