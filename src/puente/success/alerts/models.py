"""Model releases (one trained early-alert model of one institution) and the risk scores they give.

A release's fitted estimator lives in a file under ``VAR_DIR/models`` (skops format, loaded with
an allow-list of trusted types); the database keeps what a model card shows and the file's hash.
Risk scores are personal, sensitive data: tutors see those of their own students, staff with
``VIEW_STUDENTS`` those of their institution, students and aggregate-only roles never.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.core.audit import AuditedModel
from puente.core.models import Organisation
from puente.core.roles import Capability, Role
from puente.core.scoping import InstitutionScopedModel, Scope
from puente.success.models import Student

from .definitions import Band, PredictionPoint, TargetDefinition

__all__ = ["Band", "ModelRelease", "PredictionPoint", "RiskScore", "TargetDefinition"]


class ModelRelease(models.Model):
    """One trained model of one institution, with everything its model card shows."""

    institution = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="alert_releases", verbose_name=_("institution")
    )
    version = models.PositiveIntegerField(_("version"))
    target = models.CharField(_("what is predicted"), max_length=30, choices=TargetDefinition.choices)
    prediction_point = models.CharField(_("prediction point"), max_length=20, choices=PredictionPoint.choices)
    data_from = models.DateField(_("data from"), help_text=_("First day of the oldest term used for training."))
    data_to = models.DateField(_("data to"), help_text=_("Last day of the newest term used for training."))
    n_train = models.PositiveIntegerField(_("training rows"), default=0)
    positive_rate = models.FloatField(_("share of positives in training"), default=0)
    model_name = models.CharField(_("model"), max_length=20)
    features = models.JSONField(_("features"), default=list)
    metrics = models.JSONField(
        _("metrics"), default=dict, help_text=_("Out-of-fold metrics: overall, per sex and per disability status.")
    )
    threshold_policy = models.JSONField(_("threshold policy"), default=dict)
    options = models.JSONField(_("options"), default=dict, blank=True)
    library_versions = models.JSONField(_("library versions"), default=dict)
    file_path = models.CharField(_("file"), max_length=300, help_text=_("Relative to the models folder."))
    file_sha256 = models.CharField(_("file hash"), max_length=64)
    is_active = models.BooleanField(_("active"), default=False)
    trained_at = models.DateTimeField(_("trained at"), auto_now_add=True)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["institution", "-version"]
        verbose_name = _("model release")
        verbose_name_plural = _("model releases")
        constraints = [
            models.UniqueConstraint(fields=["institution", "version"], name="alerts_release_unique_version"),
            models.UniqueConstraint(
                fields=["institution"], condition=Q(is_active=True), name="alerts_one_active_release"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution.code} v{self.version}"

    @property
    def overall(self) -> dict[str, Any]:
        return self.metrics.get("overall", {})


class RiskScore(InstitutionScopedModel, AuditedModel):
    """A student's risk at one prediction date, with the reasons behind it.

    ``reasons`` are structured (``{"code": ..., "values": {...}, "weight": ...}``) so they are
    rendered in the reader's language by :func:`puente.success.alerts.reasons.reason_text`.
    """

    scope_path = "student__institution"
    sensitive_fields = ("probability", "band", "reasons")

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="risk_scores", verbose_name=_("student")
    )
    release = models.ForeignKey(
        ModelRelease, on_delete=models.CASCADE, related_name="scores", verbose_name=_("release")
    )
    scored_on = models.DateField(_("prediction date"))
    probability = models.FloatField(_("probability"))
    band = models.CharField(_("band"), max_length=5, choices=Band.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    previous_probability = models.FloatField(_("previous probability"), null=True, blank=True)
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        ordering = ["-scored_on", "-probability"]
        verbose_name = _("risk score")
        verbose_name_plural = _("risk scores")
        constraints = [
            models.UniqueConstraint(fields=["student", "release", "scored_on"], name="alerts_score_unique_day")
        ]
        indexes = [
            models.Index(fields=["student", "-scored_on"], name="alerts_score_student_day"),
            models.Index(fields=["release", "scored_on", "band"], name="alerts_score_release_day"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.scored_on} {self.probability:.2f}"

    @property
    def change(self) -> float | None:
        """Change in probability since the previous scoring (None for a first score)."""
        if self.previous_probability is None:
            return None
        return self.probability - self.previous_probability

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        """Staff with VIEW_STUDENTS see their institution's scores; tutors their own students'.
        Unlike student records, a student never reaches their own score here."""
        full = scope.organisations_with(Capability.VIEW_STUDENTS) & scope.staff_institutions(
            excluding=frozenset({Role.TUTOR})
        )
        q = Q(student__institution__in=full)
        tutor_only = scope.tutor_institutions() - full
        if tutor_only:
            q |= Q(student__institution__in=tutor_only, student__tutor_id=scope.user_id)
        return q
