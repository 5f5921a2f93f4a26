"""Verifiable credentials: signing keys, achievements, issued credentials and status lists.

Private keys are never in the database (see :mod:`.keystore`); :class:`SigningKey` rows hold
only public halves, so a dump of the database cannot sign anything.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puente.core.audit import AuditedModel
from puente.core.models import Organisation
from puente.core.roles import Capability, Role
from puente.core.scoping import InstitutionScopedModel, Scope
from puente.lib.translated import TranslatedField

from .multibase import did_key, did_key_verification_method


class KeyStatus(models.TextChoices):
    ACTIVE = "active", _("Active: signs new credentials")
    RETIRED = "retired", _("Retired: kept so earlier credentials stay verifiable")


class SigningKey(models.Model):
    """The public half of an organisation's Ed25519 key; the private half is a file in KEYS_DIR.

    A retired key signs no new credential. It keeps its private file only to re-sign the status
    lists of the credentials it issued, because verifiers expect a status list to come from the
    credential's own issuer.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="signing_keys", verbose_name=_("organisation")
    )
    public_key_multibase = models.CharField(_("public key (multibase)"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=KeyStatus.choices, default=KeyStatus.ACTIVE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-created_at", "-id"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(status="active"), name="signing_key_one_active_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.did

    @property
    def did(self) -> str:
        return did_key(self.public_key_multibase)

    @property
    def verification_method(self) -> str:
        return did_key_verification_method(self.public_key_multibase)


class AchievementType(models.TextChoices):
    """A subset of the Open Badges 3.0 ``achievementType`` vocabulary."""

    DIPLOMA = "Diploma", _("Diploma")
    CERTIFICATE = "Certificate", _("Certificate")
    CERTIFICATION = "Certification", _("Certification of competence")
    MICRO_CREDENTIAL = "MicroCredential", _("Micro-credential")
    COURSE = "Course", _("Course")
    COMPETENCY = "Competency", _("Competency")


class Achievement(models.Model):
    """What a credential attests: a registered qualification or a micro-credential.

    ``qualification_code`` links to the qualification registry (frameworks); the fields here are
    a snapshot of what the credential says, so a credential issued yesterday reads the same
    after the registry changes. ``alignments`` are Open Badges ``Alignment`` objects
    (``targetName``, ``targetUrl``, ``targetCode``, ``targetFramework``, ``targetType``).
    """

    code = models.CharField(_("code"), max_length=60, unique=True)
    achievement_type = models.CharField(
        _("type"), max_length=20, choices=AchievementType.choices, default=AchievementType.DIPLOMA
    )
    name = TranslatedField(_("name"))
    description = TranslatedField(_("description"), blank=True)
    criteria = TranslatedField(_("criteria"), blank=True, help_text=_("What a person did to earn it."))
    qualification_code = models.CharField(_("qualification code"), max_length=60, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    field_of_study = models.CharField(_("field of study (ISCED-F 2013)"), max_length=200, blank=True)
    volume_hours = models.PositiveIntegerField(_("volume (hours)"), null=True, blank=True)
    alignments = models.JSONField(_("alignments"), default=list, blank=True)
    page_url = models.URLField(_("public page"), blank=True)
    awarding_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("awarding body"),
        help_text=_("Empty when any institution offering it may award it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class StatusPurpose(models.TextChoices):
    REVOCATION = "revocation", _("Revocation")


class StatusList(models.Model):
    """One Bitstring Status List, tied to the key whose credentials it covers.

    ``bits`` is the raw bitstring (16 KB for 131 072 entries); the signed list credential
    served to verifiers is rebuilt from it whenever a bit changes.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="status_lists", verbose_name=_("organisation")
    )
    signing_key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, related_name="status_lists", verbose_name=_("signing key")
    )
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=StatusPurpose.choices, default=StatusPurpose.REVOCATION
    )
    length = models.PositiveIntegerField(_("entries"))
    bits = models.BinaryField(_("bitstring"))
    allocated = models.PositiveIntegerField(_("entries allocated"), default=0)
    signed_credential = models.JSONField(_("signed status list credential"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["organisation", "id"]
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")

    def __str__(self) -> str:
        return f"{self.organisation.code} #{self.pk} ({self.allocated}/{self.length})"


class IssuedCredential(InstitutionScopedModel, AuditedModel):
    """A credential issued to one graduate, with the exact signed JSON that was handed out."""

    scope_path = "institution"

    uuid = models.UUIDField(_("credential id"), default=uuid.uuid4, unique=True, editable=False)
    institution = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="issued_credentials", verbose_name=_("institution")
    )
    student = models.ForeignKey(
        "success.Student",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="credentials",
        verbose_name=_("graduate"),
    )
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("achievement")
    )
    signing_key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("signing key")
    )
    status_list = models.ForeignKey(
        StatusList, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("status list")
    )
    status_index = models.PositiveIntegerField(_("status list index"))
    holder_label = models.CharField(_("holder"), max_length=250)
    document = models.JSONField(_("signed credential"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")
        constraints = [
            models.UniqueConstraint(fields=["status_list", "status_index"], name="credential_unique_status_index")
        ]
        indexes = [models.Index(fields=["institution", "-issued_at"])]

    def __str__(self) -> str:
        return f"{self.achievement.code} — {self.holder_label}"

    @property
    def credential_id(self) -> str:
        return f"urn:uuid:{self.uuid}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        """Staff who see the institution's students see its credentials; a graduate sees their own."""
        staff = scope.organisations_with(Capability.VIEW_STUDENTS) & scope.staff_institutions(
            excluding=frozenset({Role.TUTOR})
        )
        q = Q(institution__in=staff)
        if Role.STUDENT in scope.all_roles():
            q |= Q(student__user_id=scope.user_id)
        return q
