"""The core registry: countries, organisations, campuses, projects, memberships and the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.lib.text import search_key
from puente.lib.translated import TranslatedField

from .roles import Role


class Country(models.Model):
    """An ISO 3166-1 country."""

    code = models.CharField(_("ISO 3166-1 code"), max_length=2, primary_key=True)
    name = TranslatedField(_("name"))
    pacific_alliance = models.BooleanField(_("Pacific Alliance member"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return str(self.name) or self.code


class Subdivision(models.Model):
    """An ISO 3166-2 subdivision (region, department, state)."""

    code = models.CharField(_("ISO 3166-2 code"), max_length=8, primary_key=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="subdivisions", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=60, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("subdivision")
        verbose_name_plural = _("subdivisions")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    TVET_INSTITUTION = "tvet_institution", _("TVET institution")
    UNIVERSITY = "university", _("University")
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Public agency")
    EMPLOYER = "employer", _("Employer")
    INDUSTRY_BODY = "industry_body", _("Industry body")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    INTERNATIONAL = "international", _("International body")
    REGIONAL_BODY = "regional_body", _("Regional body")
    NETWORK = "network", _("Network")
    FUNDER = "funder", _("Funder")
    IMPLEMENTER = "implementer", _("Implementer")
    INSTITUTIONAL_UNIT = "institutional_unit", _("Unit of an institution")
    OTHER = "other", _("Other")


class InstitutionType(models.TextChoices):
    CFT = "CFT", _("Technical training centre (CFT, Chile)")
    CTI = "CTI", _("Technical-industrial school (CTI, Chile)")
    IEST = "IEST", _("Higher technological education institute (IEST, Peru)")
    IESTP = "IESTP", _("Public higher technological education institute (IESTP, Peru)")
    IDEX = "IDEX", _("Institute of excellence (IDEX, Peru)")
    CONALEP = "CONALEP", _("CONALEP school (Mexico)")
    UT = "UT", _("Technological university (Mexico)")
    SENA_CENTRE = "SENA centre", _("SENA training centre (Colombia)")
    NATIONAL_TRAINING_SERVICE = "national training service", _("National training service")
    PUBLIC_TECHNOLOGICAL = "public technological institution", _("Public technological institution")
    COLLEGE = "college", _("Canadian college")
    CEGEP = "cégep", _("Cégep (Quebec)")
    INSTITUTE = "institute", _("Institute")
    UNIVERSITY = "university", _("University")


class Organisation(models.Model):
    """Any body Puente knows: an institute, a ministry, an employer, a regional body…"""

    code = models.SlugField(_("code"), max_length=40, unique=True, allow_unicode=False)
    name = TranslatedField(_("name"), help_text=_("The name as the organisation writes it, per language."))
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    institution_type = models.CharField(
        _("institution type"), max_length=40, choices=InstitutionType.choices, blank=True
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("country"),
    )
    subdivision = models.ForeignKey(
        Subdivision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subdivision")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    is_group = models.BooleanField(
        _("group"), default=False, help_text=_("Stands for several bodies named together (e.g. the 26 IDEX).")
    )
    website = models.URLField(_("website"), blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(_("source"), max_length=400, blank=True, help_text=_("Where the facts come from."))
    search_text = models.TextField(editable=False, blank=True, db_index=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "country"])]

    def __str__(self) -> str:
        return str(self.name) or self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_key(" ".join([*self.name.all_texts(), self.acronym, self.code]))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_institution(self) -> bool:
        return self.kind in {OrganisationKind.TVET_INSTITUTION, OrganisationKind.UNIVERSITY}


class Campus(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campuses", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    subdivision = models.ForeignKey(
        Subdivision, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subdivision")
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("campus")
        verbose_name_plural = _("campuses")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="campus_unique_name")]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """An economic sector (extractive, energy, tourism…), used by projects, programmes and vacancies."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedField(_("name"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return str(self.name) or self.code


class Theme(models.Model):
    """One of the four capitalisation themes of the EPE-AP programme."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    title = TranslatedField(_("title"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ProjectKind(models.TextChoices):
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    INSTITUTIONAL_PARTNERSHIP = "institutional_partnership", _("Institutional partnership")


class Project(models.Model):
    """A project or partnership such as B05: a component, themes, partners on both sides, sectors."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    component = models.CharField(_("component"), max_length=1, choices=[("A", "A"), ("B", "B")])
    kind = models.CharField(_("kind"), max_length=30, choices=ProjectKind.choices)
    title = TranslatedField(_("title"))
    objective = TranslatedField(_("objective"), blank=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("country")
    )
    themes = models.ManyToManyField(Theme, related_name="projects", blank=True, verbose_name=_("themes"))
    sectors = models.ManyToManyField(Sector, related_name="projects", blank=True, verbose_name=_("sectors"))
    topics = models.JSONField(_("sectors and topics as printed"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=400, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class PartnerSide(models.TextChoices):
    CANADIAN = "canadian", _("Canadian partner")
    PACIFIC_ALLIANCE = "pacific_alliance", _("Pacific Alliance partner")


class ProjectPartner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_roles", verbose_name=_("organisation")
    )
    side = models.CharField(_("side"), max_length=20, choices=PartnerSide.choices)
    leader = models.BooleanField(_("leader"), null=True, blank=True)

    class Meta:
        ordering = ["project", "side", "-leader", "organisation__code"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "side"], name="project_partner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.organisation}"


class Membership(models.Model):
    """A user's role inside an organisation. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["user", "organisation", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit action", "Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    READ = "read", _("Read sensitive data")
    EXPORT = "export", _("Exported")
    IMPORT = "import", pgettext_lazy("audit action", "Imported")


class AuditEvent(models.Model):
    """Who did what to which personal record, and when. Append-only."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    object_label = models.CharField(_("record"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    fields = models.JSONField(_("fields"), default=list, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_id}"


class DemoAccount(models.Model):
    """A user the home page offers for one-click login while the demo is enabled."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_account", verbose_name=_("user")
    )
    description = TranslatedField(_("description"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "user__username"]
        verbose_name = _("demo account")
        verbose_name_plural = _("demo accounts")

    def __str__(self) -> str:
        return self.user.get_username()
