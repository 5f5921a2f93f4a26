"""Import jobs and the column mappings each organisation saves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.models import Organisation
from puente.core.roles import Capability
from puente.core.scoping import InstitutionScopedModel


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting for the column mapping")
    PREVIEWING = "previewing", _("Checking the rows")
    READY = "ready", _("Checked, ready to import")
    INVALID = "invalid", _("Has errors")
    QUEUED = "queued", _("Waiting to be imported")
    COMMITTING = "committing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(InstitutionScopedModel):
    """One file imported into one table for one organisation: the file, the mapping, the
    problems found and the counts written. Visible to the organisation's importers only."""

    scope_path = "organisation"
    scope_capability = Capability.IMPORT_DATA

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_jobs",
        verbose_name=_("imported by"),
    )
    spec = models.CharField(_("table"), max_length=60)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    file_size = models.BigIntegerField(_("file size"), default=0)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    encoding = models.CharField(_("encoding"), max_length=20, default="auto")
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8, default="es")
    headers = models.JSONField(_("headers"), default=list, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    created_count = models.PositiveIntegerField(pgettext_lazy("import rows", "created"), default=0)
    updated_count = models.PositiveIntegerField(pgettext_lazy("import rows", "updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    failure = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    previewed_at = models.DateTimeField(_("checked"), null=True, blank=True)
    started_at = models.DateTimeField(_("import started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("import finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.spec} — {self.original_name}"

    @property
    def spec_class(self) -> Any:
        from .tabular import get_spec

        return get_spec(self.spec)

    @property
    def spec_label(self) -> str:
        try:
            return str(self.spec_class.label)
        except LookupError:
            return self.spec

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.PREVIEWING, ImportStatus.QUEUED, ImportStatus.COMMITTING}

    @property
    def can_commit(self) -> bool:
        return self.status == ImportStatus.READY

    @property
    def can_map(self) -> bool:
        return self.status in {ImportStatus.UPLOADED, ImportStatus.READY, ImportStatus.INVALID}

    def problems(self) -> list[Any]:
        from .tabular import Problem

        return [Problem.from_json(p) for p in self.errors]

    def warning_problems(self) -> list[Any]:
        from .tabular import Problem

        return [Problem.from_json(p) for p in self.warnings]


class ColumnMapping(models.Model):
    """The last mapping an organisation used for a table, proposed again for its next file."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="column_mappings", verbose_name=_("organisation")
    )
    spec = models.CharField(_("table"), max_length=60)
    mapping = models.JSONField(_("column mapping"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation", "spec"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [models.UniqueConstraint(fields=["organisation", "spec"], name="column_mapping_unique_spec")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.spec}"


class LastRun(models.Model):
    """When a periodic job (:mod:`puente.lib.schedule`) was last enqueued. Workers and cron claim
    a run by updating this row conditionally, so one run is never enqueued twice."""

    name = models.CharField(_("scheduled job"), max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("last run of a scheduled job")
        verbose_name_plural = _("last runs of scheduled jobs")

    def __str__(self) -> str:
        return self.name
