"""What a release predicts, when, and the traffic-light bands — plain choices, no database."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetDefinition(models.TextChoices):
    """What "dropping out" means for a release (configurable so it can match national statistics)."""

    WITHDREW_IN_TERM = "withdrew_in_term", _("Withdraws during the term")
    NOT_ENROLLED_NEXT_TERM = "not_enrolled_next_term", _("Not enrolled in the next term (without graduating)")
    SPADIES = "spadies", _("Not enrolled for two consecutive terms without graduating (SPADIES)")
    NOT_GRADUATED_ON_TIME = "not_graduated_on_time", _("Not graduated on time")


class PredictionPoint(models.TextChoices):
    """When in the term the prediction is made; features only see records up to that day."""

    ENROLMENT = "enrolment", _("At enrolment (first day of the term)")
    WEEK_4 = "week_4", _("Week 4 of the term")
    WEEK_8 = "week_8", _("Week 8 of the term")
    END_OF_TERM = "end_of_term", _("End of the term")

    @classmethod
    def cutoff(cls, point: str, starts_on: date, ends_on: date) -> date:
        """The last day whose records a prediction at ``point`` of a term may use."""
        if point == cls.END_OF_TERM:
            return ends_on
        days = {cls.ENROLMENT: 0, cls.WEEK_4: 28, cls.WEEK_8: 56}[cls(point)]
        return min(starts_on + timedelta(days=days), ends_on)


class Band(models.TextChoices):
    RED = "red", _("Red: contact this week")
    AMBER = "amber", _("Amber: keep an eye on")
    GREEN = "green", _("Green: no sign of risk")
