"""The ``puente`` console script: Django's management commands with friendly start-up errors.

A newcomer whose database is missing, unreachable or not migrated gets one line that says
what to fix, not a traceback. ``--traceback`` (Django's own flag) or ``PUENTE_TRACEBACK=1``
shows the full traceback for debugging.
"""

from __future__ import annotations

import os
import sys

CHECK_DATABASE_URL = "Check DATABASE_URL and that the database server is running."


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0].strip() if text else exc.__class__.__name__


def _explain(exc: BaseException) -> str | None:
    """The one-line explanation of a start-up error, or None when it is not one we recognise."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError, ProgrammingError

    detail = _one_line(exc)
    lowered = detail.lower()
    if isinstance(exc, OperationalError | ProgrammingError) and (
        "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered)
    ):
        return f"the database has no Puente tables yet ({detail}). Run `puente migrate` first."
    if isinstance(exc, OperationalError):
        return f"cannot use the database ({detail}). {CHECK_DATABASE_URL}"
    if isinstance(exc, ImproperlyConfigured):
        return f"configuration error: {detail}"
    return None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except Exception as exc:
        explanation = _explain(exc)
        if explanation is None or "--traceback" in sys.argv or os.getenv("PUENTE_TRACEBACK"):
            raise
        sys.exit(f"puente: {explanation}")


if __name__ == "__main__":
    main()
