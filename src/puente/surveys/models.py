"""One survey engine for every questionnaire Puente sends: satisfaction after a service, graduate
tracer waves (6 and 12 months), employer surveys.

A survey belongs to an organisation (an institution, a ministry). People answer through an
:class:`Invitation` whose random token is the only thing in the link — no login, nothing
personal in the URL. What the survey is *about* (a referral, a graduate, an internship) is kept
as a generic ``subject_type``/``subject_id`` pair so that other modules reuse the engine
unchanged.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puente.core.audit import AuditedModel
from puente.core.models import Organisation
from puente.core.roles import Capability
from puente.core.scoping import InstitutionScopedModel, Scope
from puente.lib.translated import TranslatedField


class SurveyKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("Service satisfaction")
    TRACER = "tracer", _("Graduate tracer")
    EMPLOYER = "employer", _("Employer satisfaction")
    OTHER = "other", _("Other")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("survey status", "Open")
    CLOSED = "closed", pgettext_lazy("survey status", "Closed")


class Survey(models.Model):
    """A questionnaire of one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("organisation")
    )
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    title = TranslatedField(_("title"))
    introduction = TranslatedField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.OPEN)
    reminder_days = models.JSONField(
        _("reminders (days after the invitation)"),
        default=list,
        blank=True,
        help_text=_("e.g. [3, 7, 14]: at least three reminders raise response rates."),
    )
    min_cell = models.PositiveSmallIntegerField(
        _("smallest group reported"), default=5, help_text=_("Groups with fewer answers are not reported.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "code"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="survey_unique_code")]

    def __str__(self) -> str:
        return str(self.title) or self.code


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale 1–5")
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable across languages and waves, for analysis."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = TranslatedField(_("question"))
    help_text = TranslatedField(_("help"), blank=True)
    required = models.BooleanField(pgettext_lazy("survey question", "required"), default=False)
    scale_low_label = TranslatedField(_("label of 1"), blank=True)
    scale_high_label = TranslatedField(_("label of 5"), blank=True)

    class Meta:
        ordering = ["survey", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="question_unique_code")]

    def __str__(self) -> str:
        return str(self.text) or self.code


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question"))
    code = models.SlugField(_("code"), max_length=60)
    label = TranslatedField(_("label"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question", "order", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="choice_unique_code")]

    def __str__(self) -> str:
        return str(self.label) or self.code


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _survey_scope_q(scope: Scope, prefix: str) -> Q:
    """Invitations and responses: staff of the survey's organisation who manage surveys."""
    orgs = scope.organisations_with(Capability.VIEW_AGGREGATES) & scope.staff_institutions()
    return Q(**{f"{prefix}organisation__in": orgs})


class Invitation(InstitutionScopedModel, AuditedModel):
    """One person invited to answer one survey. The token is the whole credential."""

    scope_path = "survey__organisation"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="es")
    group = models.CharField(
        _("group"), max_length=80, blank=True, help_text=_("For response rates by group (e.g. a programme code).")
    )
    subject_type = models.CharField(_("about (type)"), max_length=60, blank=True)
    subject_id = models.CharField(_("about (id)"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    opted_out = models.BooleanField(_("asked not to be contacted"), default=False)

    class Meta:
        ordering = ["survey", "-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [
            models.Index(fields=["survey", "responded_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return _("Invitation %(id)s") % {"id": self.pk}  # type: ignore[return-value]

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return _survey_scope_q(scope, "survey__")


class Response(InstitutionScopedModel):
    """A completed questionnaire."""

    scope_path = "survey__organisation"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("invitation"),
    )
    language = models.CharField(_("language"), max_length=8, default="es")
    group = models.CharField(_("group"), max_length=80, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["survey", "-submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return _("Response %(id)s") % {"id": self.pk}  # type: ignore[return-value]

    @classmethod
    def scope_q(cls, scope: Scope) -> Q:
        return _survey_scope_q(scope, "survey__")


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    choice_codes = models.JSONField(_("choices"), default=list, blank=True)
    number = models.DecimalField(
        pgettext_lazy("numeric answer", "number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["response", "question"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_unique_question")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_codes or self.number or self.text or self.date}"
