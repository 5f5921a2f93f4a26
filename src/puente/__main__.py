"""The ``puente`` console script: Django's management commands with friendly start-up errors."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        sys.exit(f"puente: cannot use the database ({first_line}). Check DATABASE_URL and that the server is running.")


if __name__ == "__main__":
    main()
