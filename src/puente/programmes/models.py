"""Training programmes, their competencies, and the ISCED classifications they are filed under."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.models import Organisation, Project, Sector
from puente.lib.text import search_key
from puente.lib.translated import TranslatedField


class IscedFieldLevel(models.TextChoices):
    BROAD = "broad", _("Broad field")
    NARROW = "narrow", _("Narrow field")
    DETAILED = "detailed", _("Detailed field")


class IscedField(models.Model):
    """An ISCED-F 2013 field of education and training (e.g. 1013 Hotel, restaurants and catering)."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    level = models.CharField(_("level"), max_length=10, choices=IscedFieldLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    name = TranslatedField(_("name"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCED-F 2013 field")
        verbose_name_plural = _("ISCED-F 2013 fields")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IscedLevel(models.IntegerChoices):
    """ISCED 2011 levels of education."""

    EARLY_CHILDHOOD = 0, _("0 — Early childhood education")
    PRIMARY = 1, _("1 — Primary education")
    LOWER_SECONDARY = 2, _("2 — Lower secondary education")
    UPPER_SECONDARY = 3, _("3 — Upper secondary education")
    POST_SECONDARY = 4, _("4 — Post-secondary non-tertiary education")
    SHORT_CYCLE = 5, _("5 — Short-cycle tertiary education")
    BACHELOR = 6, _("6 — Bachelor's or equivalent")
    MASTER = 7, _("7 — Master's or equivalent")
    DOCTORAL = 8, _("8 — Doctoral or equivalent")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", pgettext_lazy("programme modality", "In person")
    BLENDED = "blended", _("Blended")
    ONLINE = "online", _("Online")
    DUAL = "dual", _("Dual (school and workplace)")


class ProgrammeKind(models.TextChoices):
    PROGRAMME = "programme", _("Programme of study")
    TRACK = "track", _("Specialisation track")
    SHORT_COURSE = "short_course", _("Short course")
    STAFF_TRAINING = "staff_training", _("Staff training")
    EXTRACURRICULAR = "extracurricular", _("Extracurricular activity")


class Programme(models.Model):
    """A training programme offered by an institution."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    institution = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("institution")
    )
    also_offered_by = models.ManyToManyField(
        Organisation, related_name="shared_programmes", blank=True, verbose_name=_("also offered by")
    )
    title = TranslatedField(_("title"))
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.PROGRAMME)
    isced_level = models.PositiveSmallIntegerField(
        _("ISCED 2011 level"), choices=IscedLevel.choices, null=True, blank=True
    )
    isced_field = models.ForeignKey(
        IscedField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("ISCED-F 2013 field"),
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes", verbose_name=_("sector")
    )
    duration_hours = models.PositiveIntegerField(_("duration (hours)"), null=True, blank=True)
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices, default=Modality.IN_PERSON)
    credential = models.CharField(_("credential awarded"), max_length=200, blank=True)
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="programmes", verbose_name=_("project")
    )
    status_note = models.CharField(_("what the project did"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=400, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return str(self.title) or self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_key(" ".join([*self.title.all_texts(), self.code]))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class CompetencyKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    TRANSVERSAL = "transversal", _("Transversal")


class Competency(models.Model):
    """A competency a programme develops; employers rate graduates against the same ids."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="competencies", verbose_name=_("programme")
    )
    code = models.CharField(_("code"), max_length=40)
    title = TranslatedField(_("title"))
    kind = models.CharField(_("kind"), max_length=20, choices=CompetencyKind.choices, default=CompetencyKind.TECHNICAL)
    esco_uri = models.URLField(_("ESCO skill URI"), blank=True)

    class Meta:
        ordering = ["programme", "code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="competency_unique_code")]

    def __str__(self) -> str:
        return str(self.title) or self.code
