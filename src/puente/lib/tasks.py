"""Background tasks with visible progress.

Long work (imports, model training, reports) runs as a django-tasks task on the database
backend when a worker is alive (``puente worker`` refreshes a heartbeat), and inline in the
calling process otherwise, so a laptop install without a worker still works. Progress is kept
in the shared cache so that the web process can show what the worker is doing.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from django.core.cache import cache

HEARTBEAT_KEY = "puente:worker:heartbeat"
HEARTBEAT_TTL = 30  # seconds without a beat before the worker is considered gone


def beat() -> None:
    cache.set(HEARTBEAT_KEY, time.time(), HEARTBEAT_TTL)


def worker_alive() -> bool:
    last = cache.get(HEARTBEAT_KEY)
    return last is not None and time.time() - float(last) < HEARTBEAT_TTL


def enqueue(task: Any, *args: Any, **kwargs: Any) -> Any:
    """Enqueue on the worker when one is running, else run now in this process."""
    if worker_alive():
        return task.enqueue(*args, **kwargs)
    return task.using(backend="immediate").enqueue(*args, **kwargs)


@dataclass
class Progress:
    done: int = 0
    total: int = 0
    stage: str = ""
    finished: bool = False
    failed: bool = False
    message: str = ""
    updated: float = 0.0  # time.time() of the last report, to notice work that died

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.total:
            return 0
        return min(99, int(100 * self.done / self.total))


def _progress_key(kind: str, ident: Any) -> str:
    return f"puente:progress:{kind}:{ident}"


def set_progress(kind: str, ident: Any, progress: Progress) -> None:
    progress.updated = time.time()
    cache.set(_progress_key(kind, ident), asdict(progress), 24 * 3600)


def get_progress(kind: str, ident: Any) -> Progress | None:
    data = cache.get(_progress_key(kind, ident))
    return Progress(**data) if data else None
