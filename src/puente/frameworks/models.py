"""Qualification frameworks, their levels and descriptors, level referencing, ESCO, qualifications
and the correlations experts decide between qualifications of different countries.

Alignment with the European and US vocabularies is documented in docs/qualifications.md:
a :class:`Framework` is an ELM/CTDL ``QualificationsFramework``, a :class:`Level` an EQF/NQF
level (CTDL ``ProficiencyScale`` item), a :class:`LevelReference` a row of a CTDL
``AlignmentMap`` (SKOS match type), a :class:`Qualification` an ELM ``Qualification`` /
CTDL ``Credential`` and a :class:`Correlation` an expert decision over a pair of them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.models import Country, Organisation, Sector
from puente.lib.translated import TranslatedField

from .text import qualification_search_keys

# --- Frameworks -------------------------------------------------------------------------------


def framework_key(code: str, version: str) -> str:
    return f"{code}@{version}"


def level_key(code: str, version: str, number: int | str) -> str:
    return f"{code}@{version}/{number}"


def domain_key(code: str, version: str, domain: str) -> str:
    return f"{code}@{version}:{domain}"


class FrameworkKind(models.TextChoices):
    REGIONAL = "regional", _("Regional framework")
    NATIONAL = "national", _("National framework")
    SECTORAL = "sectoral", _("Sectoral framework or standard system")


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class DescriptorDomain(models.TextChoices):
    """The three domains of the MRC-AP descriptors (as in the EQF)."""

    KNOWLEDGE = "knowledge", _("Knowledge")
    SKILLS = "skills", _("Skills")
    AUTONOMY = "autonomy", _("Autonomy and responsibility")


class Framework(models.Model):
    """One version of a qualifications framework (regional, national or sectoral).

    A framework is versioned data: a new version is a new row that ``supersedes`` the previous
    one; approving it marks the previous version superseded (``services.approve_framework``).
    """

    code = models.SlugField(_("code"), max_length=40, help_text=_("Stable across versions, e.g. mrc-ap, cl-mctp."))
    version = models.CharField(_("version"), max_length=20, default="1")
    key = models.CharField(
        _("key"), max_length=64, unique=True, editable=False, help_text=_("code@version, e.g. mrc-ap@1.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FrameworkKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("country"),
        help_text=_("Empty for a regional framework."),
    )
    name = TranslatedField(_("name"))
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("responsible body"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    description = TranslatedField(_("description"), blank=True)
    illustrative = models.BooleanField(
        _("illustrative content"),
        default=False,
        help_text=_("Texts written for the demo, not the official ones."),
    )
    source = models.CharField(_("source"), max_length=400, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "country", "code", "version"]
        verbose_name = _("qualifications framework")
        verbose_name_plural = _("qualifications frameworks")
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="framework_unique_version")]

    def __str__(self) -> str:
        label = self.acronym or str(self.name) or self.code
        return f"{label} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key = framework_key(self.code, self.version)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("frameworks:framework_detail", args=[self.code, self.version])

    @property
    def is_regional(self) -> bool:
        return self.kind == FrameworkKind.REGIONAL


class RegionalFrameworkManager(models.Manager["RegionalFramework"]):
    def get_queryset(self) -> models.QuerySet[RegionalFramework]:
        return super().get_queryset().filter(kind=FrameworkKind.REGIONAL)


class NationalFrameworkManager(models.Manager["NationalFramework"]):
    def get_queryset(self) -> models.QuerySet[NationalFramework]:
        return super().get_queryset().exclude(kind=FrameworkKind.REGIONAL)


class RegionalFramework(Framework):
    """The MRC-AP (and any other regional framework): frameworks of kind ``regional``."""

    objects: ClassVar[RegionalFrameworkManager] = RegionalFrameworkManager()

    class Meta:
        proxy = True
        verbose_name = _("regional framework")
        verbose_name_plural = _("regional frameworks")


class NationalFramework(Framework):
    """A country's framework (MCTP, MNC, MNCP, CONOCER…): frameworks that are not regional."""

    objects: ClassVar[NationalFrameworkManager] = NationalFrameworkManager()

    class Meta:
        proxy = True
        verbose_name = _("national framework")
        verbose_name_plural = _("national frameworks")


class Domain(models.Model):
    """A descriptor domain of one framework (Chile's MCTP names its own dimensions), mapped to
    the regional domain it corresponds to."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=40)
    key = models.CharField(_("key"), max_length=110, unique=True, editable=False)
    name = TranslatedField(_("name"))
    regional_domain = models.CharField(
        _("regional domain"), max_length=20, choices=DescriptorDomain.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework", "order", "code"]
        verbose_name = _("descriptor domain")
        verbose_name_plural = _("descriptor domains")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="domain_unique_code")]

    def __str__(self) -> str:
        return str(self.name) or self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key = domain_key(self.framework.code, self.framework.version, self.code)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)


class Level(models.Model):
    """A level of a framework (MRC-AP 1–8, MCTP 1–5, CONOCER 1–5…)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(_("level"))
    key = models.CharField(
        _("key"), max_length=70, unique=True, editable=False, help_text=_("code@version/number, e.g. cl-mctp@1/3.")
    )
    title = TranslatedField(_("title"), blank=True)
    isced_levels = models.JSONField(
        _("ISCED 2011 levels"), default=list, blank=True, help_text=_("ISCED levels this level usually covers.")
    )

    class Meta:
        ordering = ["framework", "number"]
        verbose_name = _("framework level")
        verbose_name_plural = _("framework levels")
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="level_unique_number")]

    def __str__(self) -> str:
        return f"{self.framework.acronym or self.framework.code} {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key = level_key(self.framework.code, self.framework.version, self.number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The public page of the level (the ``targetUrl`` of its Open Badges alignments)."""
        return reverse("frameworks:level_detail", args=[self.framework.code, self.framework.version, self.number])

    @property
    def label(self) -> str:
        return str(self)


class Descriptor(models.Model):
    """What a level expects in one domain."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="descriptors")
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="descriptors")
    text = TranslatedField(_("descriptor"))

    class Meta:
        ordering = ["level", "domain__order"]
        verbose_name = _("descriptor")
        verbose_name_plural = _("descriptors")
        constraints = [models.UniqueConstraint(fields=["level", "domain"], name="descriptor_unique_domain")]

    def __str__(self) -> str:
        return f"{self.level} · {self.domain}"


class MatchType(models.TextChoices):
    """SKOS mapping relations, as the EQF comparison and CTDL alignment maps use them."""

    EXACT = "exact", _("Exact match")
    CLOSE = "close", _("Close match")
    BROADER = "broader", _("Broader (the national level covers more)")
    NARROWER = "narrower", _("Narrower (the national level covers less)")


class LevelReference(models.Model):
    """One row of a referencing table: a level of one framework related to a level of another."""

    source = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="references", verbose_name=_("level"))
    target = models.ForeignKey(
        Level, on_delete=models.CASCADE, related_name="referenced_by", verbose_name=_("referenced to")
    )
    match = models.CharField(_("match type"), max_length=10, choices=MatchType.choices)
    rationale = TranslatedField(_("rationale"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["source__framework", "source__number", "target__number"]
        verbose_name = _("level reference")
        verbose_name_plural = _("level references")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="level_reference_unique_pair")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.match})"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ReferencingReport(models.Model):
    """The report that justifies referencing one framework to another, with the criteria checklist
    (``referencing.CRITERIA``, adapted from the EQF referencing criteria)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="referencing_reports")
    target = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="referenced_in_reports")
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    summary = TranslatedField(_("summary"), blank=True)
    criteria = models.JSONField(
        _("criteria"), default=dict, blank=True, help_text=_("criterion code -> {met: bool, evidence: text}")
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["framework", "target"]
        verbose_name = _("referencing report")
        verbose_name_plural = _("referencing reports")
        constraints = [models.UniqueConstraint(fields=["framework", "target"], name="referencing_report_unique")]

    def __str__(self) -> str:
        return f"{self.framework} → {self.target}"


# --- ESCO -------------------------------------------------------------------------------------


class EscoRelease(models.Model):
    """One imported ESCO release (e.g. v1.0.9, v1.2.0) in one language."""

    version = models.CharField(_("version"), max_length=20)
    language = models.CharField(_("language"), max_length=5, default="es")
    released_on = models.DateField(_("released on"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("ESCO release")
        verbose_name_plural = _("ESCO releases")
        constraints = [models.UniqueConstraint(fields=["version", "language"], name="esco_release_unique")]

    def __str__(self) -> str:
        return f"ESCO {self.version} ({self.language})"


class EscoKind(models.TextChoices):
    OCCUPATION = "occupation", _("Occupation")
    SKILL = "skill", _("Skill or knowledge")
    ISCO_GROUP = "isco_group", _("ISCO-08 group")
    SKILL_GROUP = "skill_group", _("Skill group")


class EscoConcept(models.Model):
    """An ESCO concept identified by its URI, which stays the same across releases.

    ``preferred_label`` is the label of the latest release imported; the labels of every release
    are kept in :class:`EscoLabel`, because they change two or three times a year.
    """

    uri = models.URLField(_("URI"), max_length=200, primary_key=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EscoKind.choices)
    code = models.CharField(_("ISCO-08 code"), max_length=10, blank=True, db_index=True)
    skill_type = models.CharField(_("skill type"), max_length=40, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=40, blank=True)
    preferred_label = models.CharField(_("preferred label"), max_length=400)
    alt_labels = models.TextField(_("alternative labels"), blank=True, help_text=_("One per line."))
    description = models.TextField(_("description"), blank=True)
    last_release = models.ForeignKey(
        EscoRelease,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last recorded release"),
    )

    class Meta:
        ordering = ["kind", "preferred_label"]
        verbose_name = _("ESCO concept")
        verbose_name_plural = _("ESCO concepts")
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return self.preferred_label


class EscoLabel(models.Model):
    """A concept's labels as one release published them."""

    concept = models.ForeignKey(EscoConcept, on_delete=models.CASCADE, related_name="labels")
    release = models.ForeignKey(EscoRelease, on_delete=models.CASCADE, related_name="labels")
    preferred_label = models.CharField(_("preferred label"), max_length=400)
    alt_labels = models.TextField(_("alternative labels"), blank=True, help_text=_("One per line."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["concept", "release"]
        verbose_name = _("ESCO label")
        verbose_name_plural = _("ESCO labels")
        constraints = [models.UniqueConstraint(fields=["concept", "release"], name="esco_label_unique")]

    def __str__(self) -> str:
        return self.preferred_label


# --- Qualifications ---------------------------------------------------------------------------


class QualificationKind(models.TextChoices):
    QUALIFICATION = "qualification", _("Qualification")
    PARTIAL = "partial", _("Partial qualification or competency standard")
    MICRO_CREDENTIAL = "micro_credential", _("Micro-credential")


class QualificationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", pgettext_lazy("qualification status", "Active")
    WITHDRAWN = "withdrawn", pgettext_lazy("qualification status", "Withdrawn")


class Qualification(models.Model):
    """A qualification in a national register, at a level of its country's framework.

    ``code`` is the national code and is unique with ``country``: it is the stable identifier
    other modules (verifiable credentials) link to. ``regional_level`` is derived from the
    level referencing (``services.refresh_regional_levels``), kept as a column for fast filters.
    """

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="qualifications")
    code = models.CharField(_("national code"), max_length=60)
    kind = models.CharField(
        _("kind"), max_length=20, choices=QualificationKind.choices, default=QualificationKind.QUALIFICATION
    )
    title = TranslatedField(pgettext_lazy("qualification", "title"))
    description = TranslatedField(_("description"), blank=True)
    awarding_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awarded_qualifications",
        verbose_name=_("awarding body"),
    )
    level = models.ForeignKey(
        Level,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="qualifications",
        verbose_name=_("framework level"),
        help_text=_("A level of the country's framework; required except for micro-credentials."),
    )
    regional_level = models.PositiveSmallIntegerField(
        _("regional level"), null=True, blank=True, db_index=True, editable=False
    )
    isced_field = models.ForeignKey(
        "programmes.IscedField",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="qualifications",
        verbose_name=_("ISCED-F 2013 field"),
    )
    isced_level = models.PositiveSmallIntegerField(_("ISCED 2011 level"), null=True, blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="qualifications", verbose_name=_("sector")
    )
    occupations = models.ManyToManyField(
        EscoConcept, blank=True, related_name="qualifications", verbose_name=_("occupations (ESCO)")
    )
    isco_codes = models.JSONField(
        _("ISCO-08 codes"), default=list, blank=True, help_text=_("Unit groups, when no ESCO occupation fits.")
    )
    volume_hours = models.PositiveIntegerField(_("volume (hours)"), null=True, blank=True)
    volume_credits = models.DecimalField(_("volume (credits)"), max_digits=6, decimal_places=1, null=True, blank=True)
    credit_system = models.CharField(_("credit system"), max_length=40, blank=True)
    pathway_formal = models.BooleanField(_("formal education and training"), default=True)
    pathway_recognition = models.BooleanField(_("recognition of prior learning"), default=False)
    pathway_certification = models.BooleanField(_("labour-competency certification"), default=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=QualificationStatus.choices, default=QualificationStatus.ACTIVE
    )
    programmes = models.ManyToManyField(
        "programmes.Programme", blank=True, related_name="qualifications", verbose_name=_("programmes leading to it")
    )
    illustrative = models.BooleanField(_("illustrative content"), default=False)
    source = models.CharField(_("source"), max_length=400, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    search_stems = models.TextField(editable=False, blank=True)
    search_related = models.TextField(
        editable=False, blank=True, help_text=_("Stems of the labels of its ESCO occupations (all forms).")
    )
    match_stems = models.TextField(
        editable=False, blank=True, help_text=_("Stems of the Spanish title | of the title and learning outcomes.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["country", "code"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [models.UniqueConstraint(fields=["country", "code"], name="qualification_unique_code")]
        indexes = [models.Index(fields=["sector", "country"]), models.Index(fields=["regional_level", "country"])]

    def __str__(self) -> str:
        return str(self.title) or self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text, self.search_stems = qualification_search_keys(self.title, self.code)
        if kwargs.get("update_fields") is not None:
            # updated_at too: other processes notice a change by it (search.STAMP_TTL).
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_stems", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("frameworks:qualification_detail", args=[self.country_id, self.code])

    @property
    def identifier(self) -> str:
        """Country and national code, e.g. ``CL:GAS-COC-3``: stable, used in credentials."""
        return f"{self.country_id}:{self.code}"

    @property
    def pathways(self) -> list[str]:
        return [
            name
            for name, on in (
                ("formal", self.pathway_formal),
                ("recognition", self.pathway_recognition),
                ("certification", self.pathway_certification),
            )
            if on
        ]


class MicroCredentialManager(models.Manager["MicroCredential"]):
    def get_queryset(self) -> models.QuerySet[MicroCredential]:
        return super().get_queryset().filter(kind=QualificationKind.MICRO_CREDENTIAL)


class MicroCredential(Qualification):
    """A short, specialised certificate (Theme 3 recommendation): a qualification of kind
    ``micro_credential``, which may stack towards a full qualification."""

    objects: ClassVar[MicroCredentialManager] = MicroCredentialManager()

    class Meta:
        proxy = True
        verbose_name = _("micro-credential")
        verbose_name_plural = _("micro-credentials")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kind = QualificationKind.MICRO_CREDENTIAL
        super().save(*args, **kwargs)


class LearningOutcome(models.Model):
    """A learning outcome of a qualification in one of the three domains, linked to ESCO skills."""

    qualification = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="outcomes")
    domain = models.CharField(_("domain"), max_length=20, choices=DescriptorDomain.choices)
    text = TranslatedField(_("learning outcome"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    skills = models.ManyToManyField(EscoConcept, blank=True, related_name="outcomes", verbose_name=_("ESCO skills"))

    class Meta:
        ordering = ["qualification", "domain", "order", "id"]
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")

    def __str__(self) -> str:
        return str(self.text)


# --- Correlations -----------------------------------------------------------------------------


class Decision(models.TextChoices):
    EQUIVALENT = "equivalent", _("Equivalent")
    PARTIAL = "partial", _("Partially equivalent")
    NOT_EQUIVALENT = "not_equivalent", _("Not equivalent")


class Correlation(models.Model):
    """An expert's decision on whether ``source`` (held by a person) corresponds to ``target``
    (a qualification of another country), with the evidence Puente showed at the time."""

    source = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="correlations_out")
    target = models.ForeignKey(Qualification, on_delete=models.CASCADE, related_name="correlations_in")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    gaps = TranslatedField(_("gaps"), blank=True)
    compensatory_measures = TranslatedField(_("compensatory measures"), blank=True)
    rationale = TranslatedField(_("rationale"), blank=True)
    evidence = models.JSONField(_("evidence shown"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )
    decided_by_label = models.CharField(_("decided by (as recorded)"), max_length=150, blank=True)
    decided_at = models.DateTimeField(_("decided on"))

    class Meta:
        ordering = ["source", "target"]
        verbose_name = _("correlation")
        verbose_name_plural = _("correlations")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="correlation_unique_pair")]

    def __str__(self) -> str:
        return f"{self.source.identifier} ↔ {self.target.identifier}: {self.decision}"


class CorrelationReport(models.Model):
    """A correlation report for a sector across countries; frozen into ``snapshot`` when published."""

    title = TranslatedField(_("title"))
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="correlation_reports")
    countries = models.JSONField(_("countries"), default=list)
    introduction = TranslatedField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    snapshot = models.JSONField(_("published content"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("correlation report")
        verbose_name_plural = _("correlation reports")

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("frameworks:report_detail", args=[self.pk])
