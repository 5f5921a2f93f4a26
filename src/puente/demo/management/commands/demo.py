"""``puente demo [--scale small|medium|large] [--seed N] [--if-empty]``: load the EPE-AP demo."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from puente.core.audit import acting_as
from puente.core.roles import Role
from puente.demo.services import database_is_empty, load_demo
from puente.demo.synthetic import SCALES


class Command(BaseCommand):
    help = (
        "Load the EPE-AP programme (institutions, projects, programmes, from data/programme.yaml), "
        "the demo users and reproducible synthetic people. Facts are upserted (running twice changes "
        "nothing); synthetic people are regenerated from the seed (same seed, same people)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=list(SCALES), default="small", help="How many synthetic people.")
        parser.add_argument("--seed", type=int, default=42, help="Seed of the synthetic people (default 42).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the database holds no organisation yet (used by `make run`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not database_is_empty():
            self.stdout.write("The database already holds data: demo not loaded (--if-empty).")
            return
        scale = SCALES[options["scale"]]
        self.stdout.write(
            f"Loading the EPE-AP demo: {scale.students} students, {scale.employers} employers, "
            f"{scale.vacancies} vacancies (seed {options['seed']})."
        )
        with acting_as(None):
            result = load_demo(scale, options["seed"], progress=self.stdout.write)
        self.stdout.write("")
        for what, n in result.counts.items():
            self.stdout.write(f"  {what}: {n}")
        self.stdout.write(
            "Done in {total:.1f} s (facts {facts:.1f} s, synthetic students {students:.1f} s, "
            "employers and vacancies {employers:.1f} s, early alerts and credentials {alerts:.1f} s).".format(
                **{"alerts": 0.0, **result.timings}
            )
        )
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo users (log in at /es/login/)"))
        width = max(len(user.username) for user, _persona in result.users)
        for user, persona in result.users:
            role = Role(persona.role or Role.ADMIN).label
            where = f" @ {persona.organisation}" if persona.organisation else ""
            self.stdout.write(f"  {user.username:<{width}}  {role}{where}")
        self.stdout.write(f"Password for every demo user: {settings.DEMO_PASSWORD}")
