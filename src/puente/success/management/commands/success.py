"""Student-success tasks.

``puente success catalogue INSTITUTION_CODE``   load (or refresh) the 41-service demo catalogue
``puente success open-cases [INSTITUTION_CODE]`` open a case for each red-band student without one
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from puente.core.models import Organisation
from puente.success import services
from puente.success.catalogue import load_demo_catalogue


class Command(BaseCommand):
    help = "Student success: load the demo services catalogue, open cases from the latest alerts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["catalogue", "open-cases"])
        parser.add_argument("institution", nargs="?", help="Institution code (open-cases: all when omitted)")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options.get("institution")
        if options["action"] == "catalogue":
            if not code:
                raise CommandError("Give the institution code, e.g. puente success catalogue pe-iestp-hde")
            institution = Organisation.objects.filter(code=code).first()
            if institution is None:
                raise CommandError(f"No organisation with code {code}")
            count = load_demo_catalogue(institution)
            self.stdout.write(f"{count} services loaded for {institution.code}")
            return
        institutions = (
            Organisation.objects.filter(code=code)
            if code
            else Organisation.objects.filter(students__isnull=False).distinct()
        )
        for institution in institutions:
            opened = services.open_cases_from_alerts(institution.pk)
            self.stdout.write(f"{institution.code}: {opened} case(s) opened")
