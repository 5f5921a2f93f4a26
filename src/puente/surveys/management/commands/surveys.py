"""``puente surveys remind``: send the survey reminders that are due now (the worker's scheduler
also sends them daily, see ``puente.surveys.schedule``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from puente.surveys import services


class Command(BaseCommand):
    help = "Survey engine tasks: 'remind' sends the reminders that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent")
