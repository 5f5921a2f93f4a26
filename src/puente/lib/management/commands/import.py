# ruff: noqa: N999 — the command is called "import"
"""``puente import <table> FILE``: the same checks and all-or-nothing upsert as the import pages."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from puente.core.audit import acting_as
from puente.core.models import Organisation
from puente.lib.tabular import get_spec, run_import, specs
from puente.lib.tabular.reader import DEFAULT_CHUNK_SIZE, ENCODINGS


class Command(BaseCommand):
    help = (
        "Import a CSV or .xlsx file into a table (students, isced-fields, organisations…), all rows or none. "
        "Prints the errors (row, column, value, reason) and exits with status 1 when there are any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("spec", help="Table to import into: " + ", ".join(specs()) if specs() else "table slug")
        parser.add_argument("file", help="CSV or .xlsx file")
        parser.add_argument("--organisation", "-o", default="", help="Code of the organisation the rows belong to")
        parser.add_argument("--encoding", default="auto", choices=sorted(ENCODINGS), help="Encoding of a CSV file")
        parser.add_argument("--sheet", default="", help="Excel sheet (default: the one whose columns match)")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, then roll back")
        parser.add_argument("--user", default="", help="Username recorded in the audit log")
        parser.add_argument("--map", action="append", default=[], metavar="KEY=HEADER", help="Column mapping")
        parser.add_argument("--max-errors", type=int, default=50, help="Errors to print (all are counted)")
        parser.add_argument(
            "--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help=f"Rows per chunk ({DEFAULT_CHUNK_SIZE})"
        )
        parser.add_argument("--language", default="", help="Language of the messages (es, fr, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        try:
            spec = get_spec(options["spec"])
        except LookupError:
            raise CommandError(f"Unknown table '{options['spec']}'. Known: {', '.join(specs())}.") from None
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with code '{options['organisation']}'.")
        elif spec.scope_field:
            raise CommandError(f"The table '{spec.slug}' belongs to an organisation: give --organisation CODE.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user '{options['user']}'.")
        mapping = None
        if options["map"]:
            mapping = dict(item.split("=", 1) for item in options["map"] if "=" in item)
        verbose = options["verbosity"] >= 2

        def progress(fraction: float, rows: int) -> None:
            if verbose:
                self.stderr.write(f"progress {fraction:.0%} rows {rows}")
                self.stderr.flush()

        with acting_as(user):
            outcome = run_import(
                spec,
                options["file"],
                organisation=organisation,
                user=user,
                mapping=mapping,
                encoding=options["encoding"],
                sheet=options["sheet"],
                write=True,
                dry_run=options["dry_run"],
                chunk_size=options["chunk_size"],
                progress=progress,
                audit_detail=f"Command line, {options['file']}.",
            )
        messages = dict(spec.messages)
        for warning in outcome.warnings:
            self.stderr.write(warning.sentence(messages))
        if not outcome.ok:
            for problem in outcome.errors[: options["max_errors"]]:
                self.stdout.write(problem.sentence(messages))
            hidden = outcome.error_count - min(len(outcome.errors), options["max_errors"])
            if hidden > 0:
                self.stdout.write(_("%(count)s more errors are not listed.") % {"count": hidden})
            self.stdout.write(_("%(count)s errors; nothing was imported.") % {"count": outcome.error_count})
            sys.stdout.flush()
            raise CommandError(_("The file has errors."), returncode=1)
        summary = _("%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % {
            "rows": outcome.valid_rows,
            "created": outcome.created,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
        }
        if options["dry_run"]:
            summary += " " + _("Dry run: nothing was written.")
        self.stdout.write(summary)
