"""Vacancies posted by employers (the job board is built on these)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.models import Country, Organisation, Sector, Subdivision
from puente.programmes.models import IscedField


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("vacancy status", "Open")
    CLOSED = "closed", pgettext_lazy("vacancy status", "Closed")
    FILLED = "filled", _("Filled")


class Vacancy(models.Model):
    employer = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="vacancies", verbose_name=_("employer")
    )
    reference = models.CharField(_("reference"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="vacancies", verbose_name=_("sector")
    )
    isced_field = models.ForeignKey(
        IscedField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("field of training"),
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("country"))
    subdivision = models.ForeignKey(
        Subdivision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subdivision")
    )
    positions = models.PositiveIntegerField(_("positions"), default=1)
    posted_on = models.DateField(_("posted on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN)

    class Meta:
        ordering = ["-posted_on", "reference"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        constraints = [models.UniqueConstraint(fields=["employer", "reference"], name="vacancy_unique_reference")]
        indexes = [models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return self.title
