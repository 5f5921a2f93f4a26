"""``puente frameworks``: move frameworks, qualifications and ESCO releases in and out.

    puente frameworks import FILE.json [--dry-run]
    puente frameworks export --out FILE.json [--framework CODE]… [--country CC]… [--no-correlations]
    puente frameworks esco FOLDER_OR_FILES… --release v1.2.0 [--language es] [--released-on 2024-05-15]

``import`` reads the JSON exchange document (docs/qualifications.md, "Exchange formats"):
frameworks with levels and descriptors, level references, referencing reports,
qualifications, correlations — all or nothing. ``export`` writes the same shape, so an export
imported elsewhere gives the same registry. ``esco`` imports the Commission's CSV files of an
ESCO release (the occupations and skills files of a download folder) through the shared
import mechanism and records the release, so labels that change in a later release stay
readable.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

ESCO_FILE = re.compile(r"(occupations|skills)_(?P<language>[a-z]{2,3})\.csv$", re.IGNORECASE)


class _DryRunError(Exception):
    pass


class Command(BaseCommand):
    help = "Import and export frameworks and qualifications (JSON); import an ESCO release (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a JSON exchange document, all or nothing.")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="Check everything, then roll back.")

        exp = sub.add_parser("export", help="Write frameworks, qualifications and correlations as JSON.")
        exp.add_argument("--out", required=True, help="File to write ('-' for standard output).")
        exp.add_argument("--framework", action="append", default=[], help="Framework code (repeatable).")
        exp.add_argument("--country", action="append", default=[], help="Country of the qualifications (repeatable).")
        exp.add_argument("--no-correlations", action="store_true")

        esco = sub.add_parser("esco", help="Import an ESCO release from the Commission's CSV files.")
        esco.add_argument("paths", nargs="+", help="A download folder, or the occupations and skills files.")
        esco.add_argument("--release", required=True, help="ESCO version, e.g. v1.2.0.")
        esco.add_argument("--language", default=None, help="Language of the labels (default: from the file names).")
        esco.add_argument("--released-on", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _import(self, options: dict[str, Any]) -> None:
        from puente.frameworks import exchange

        path = Path(options["file"])
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError as exc:
            raise CommandError(f"{path}: no such file.") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{path}: not a JSON document ({exc}).") from exc
        if not isinstance(document, dict):
            raise CommandError(f"{path}: not a Puente qualifications document.")
        try:
            with transaction.atomic():
                counts = exchange.import_document(document)
                if options["dry_run"]:
                    raise _DryRunError
        except _DryRunError:
            self.stdout.write("Dry run, nothing saved: " + _summary(counts))
            return
        except ValidationError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(f"  {m}" for m in exc.messages)) from exc
        self.stdout.write("Imported: " + _summary(counts))

    def _export(self, options: dict[str, Any]) -> None:
        from puente.frameworks import exchange
        from puente.frameworks.models import Framework, Qualification

        frameworks = Framework.objects.all()
        qualifications = Qualification.objects.all()
        if options["framework"]:
            frameworks = frameworks.filter(code__in=options["framework"])
            qualifications = qualifications.filter(level__framework__code__in=options["framework"])
        if options["country"]:
            qualifications = qualifications.filter(country_id__in=[c.upper() for c in options["country"]])
        document = exchange.export_document(
            frameworks=frameworks, qualifications=qualifications, correlations=not options["no_correlations"]
        )
        text = json.dumps(document, ensure_ascii=False, indent=2)
        if options["out"] == "-":
            self.stdout.write(text)
            return
        Path(options["out"]).write_text(text + "\n", encoding="utf-8")
        self.stdout.write(
            f"Wrote {options['out']}: {len(document.get('frameworks', []))} frameworks, "
            f"{len(document.get('qualifications', []))} qualifications, "
            f"{len(document.get('correlations', []))} correlations."
        )

    def _esco(self, options: dict[str, Any]) -> None:
        from puente.frameworks import services

        files = esco_files([Path(p) for p in options["paths"]])
        languages = {m.group("language").lower() for f in files if (m := ESCO_FILE.search(f.name))}
        language = options["language"] or (languages.pop() if len(languages) == 1 else None)
        if not language:
            raise CommandError("Say the language of the labels with --language (e.g. --language es).")
        try:
            with transaction.atomic():
                counts = services.import_esco_files(
                    files, version=options["release"], language=language, released_on=options["released_on"]
                )
        except ValidationError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(f"  {m}" for m in exc.messages)) from exc
        parts = ", ".join(f"{n} {kind.removeprefix('esco-')}" for kind, n in counts.items())
        self.stdout.write(f"ESCO {options['release']} ({language}): {parts}.")


def esco_files(paths: list[Path]) -> list[Path]:
    """The occupations and skills files among ``paths`` (files, or folders to look into)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if ESCO_FILE.search(p.name))
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder.")
    if not found:
        raise CommandError("No ESCO occupations_xx.csv or skills_xx.csv file found.")
    # Occupations first: a skills file alone is fine, but the order makes the output stable.
    return sorted(found, key=lambda p: (0 if "occupation" in p.name.lower() else 1, p.name))


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items()) + "."
