"""Survey workflows: invite, remind, answer, count. Other modules call these functions only.

The engine does not know what a survey is about: callers pass ``subject=("success.referral", id)``
or ``("employment.graduate", id)`` and read results back by subject or group.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from puente.core.audit import record
from puente.core.models import AuditAction, Organisation
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, scope_for

from .models import Answer, Choice, Invitation, Question, QuestionKind, Response, Survey, SurveyKind, SurveyStatus

SATISFACTION_CODE = "service-satisfaction"


# --- Who may manage which surveys ------------------------------------------------------------------


def surveys_for(user: AnyUser | None) -> QuerySet[Survey]:
    """Surveys of the organisations where the user is staff with access to statistics."""
    scope = scope_for(user)
    if scope.is_admin:
        return Survey.objects.select_related("organisation")
    orgs = scope.organisations_with(Capability.VIEW_AGGREGATES) & scope.staff_institutions()
    return Survey.objects.filter(organisation__in=orgs).select_related("organisation")


def access_survey_by_id(user: AnyUser | None, survey_id: Any) -> Survey:
    try:
        return surveys_for(user).get(pk=survey_id)
    except (Survey.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- Building surveys -------------------------------------------------------------------------------


def ensure_satisfaction_survey(organisation: Organisation) -> Survey:
    """The institution's satisfaction survey sent after a service, created on first use (es/fr/en)."""
    survey, created = Survey.objects.get_or_create(
        organisation=organisation,
        code=SATISFACTION_CODE,
        defaults={
            "kind": SurveyKind.SATISFACTION,
            "title": {
                "es": "¿Cómo te fue con el servicio?",
                "fr": "Comment s'est passé le service ?",
                "en": "How was the service?",
            },
            "introduction": {
                "es": "Tres preguntas, menos de un minuto. Tus respuestas son confidenciales y nos ayudan a mejorar.",
                "fr": "Trois questions, moins d'une minute. Vos réponses sont confidentielles et nous aident à nous améliorer.",
                "en": "Three questions, under a minute. Your answers are confidential and help us improve.",
            },
            "reminder_days": [3, 7],
        },
    )
    if created:
        Question.objects.create(
            survey=survey,
            code="overall",
            order=1,
            kind=QuestionKind.SCALE,
            required=True,
            text={
                "es": "En general, ¿qué tan satisfecha o satisfecho estás con el servicio?",
                "fr": "Dans l'ensemble, êtes-vous satisfait·e du service ?",
                "en": "Overall, how satisfied are you with the service?",
            },
            scale_low_label={"es": "Nada satisfecha/o", "fr": "Pas du tout satisfait·e", "en": "Not at all satisfied"},
            scale_high_label={"es": "Muy satisfecha/o", "fr": "Très satisfait·e", "en": "Very satisfied"},
        )
        helped = Question.objects.create(
            survey=survey,
            code="helped_stay",
            order=2,
            kind=QuestionKind.SINGLE,
            required=False,
            text={
                "es": "¿El servicio te ayudó a continuar tus estudios?",
                "fr": "Le service vous a-t-il aidé·e à poursuivre vos études ?",
                "en": "Did the service help you continue your studies?",
            },
        )
        for order, (code, es, fr, en) in enumerate(
            [
                ("yes", "Sí", "Oui", "Yes"),
                ("somewhat", "En parte", "En partie", "Somewhat"),
                ("no", "No", "Non", "No"),
            ]
        ):
            Choice.objects.create(question=helped, code=code, order=order, label={"es": es, "fr": fr, "en": en})
        Question.objects.create(
            survey=survey,
            code="comments",
            order=3,
            kind=QuestionKind.TEXT,
            text={
                "es": "¿Algo que quieras contarnos?",
                "fr": "Souhaitez-vous nous dire quelque chose ?",
                "en": "Anything you would like to tell us?",
            },
        )
    return survey


# --- Invitations and reminders ----------------------------------------------------------------------


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("surveys:respond", args=[invitation.token])
    return settings.SITE_URL.rstrip("/") + path


def _send(invitation: Invitation, *, reminder: bool) -> bool:
    if not invitation.email or invitation.opted_out:
        return False
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "survey": invitation.survey,
            "url": invitation_url(invitation),
            "reminder": reminder,
        }
        subject = render_to_string("surveys/email_subject.txt", context).strip()
        body = render_to_string("surveys/email_body.txt", context)
    return bool(send_mail(subject, body, None, [invitation.email], fail_silently=True))


def invite(
    survey: Survey,
    *,
    email: str = "",
    name: str = "",
    language: str = "",
    group: str = "",
    subject: tuple[str, Any] | None = None,
    send: bool = True,
) -> Invitation:
    """Create an invitation (one per subject: inviting twice about the same thing returns the first)."""
    subject_type, subject_id = (subject[0], str(subject[1])) if subject else ("", "")
    if subject_type:
        existing = Invitation.objects.filter(survey=survey, subject_type=subject_type, subject_id=subject_id).first()
        if existing is not None:
            return existing
    invitation = Invitation.objects.create(
        survey=survey,
        email=email,
        name=name,
        language=language or settings.LANGUAGE_CODE,
        group=group,
        subject_type=subject_type,
        subject_id=subject_id,
    )
    if send and survey.status == SurveyStatus.OPEN and _send(invitation, reminder=False):
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["sent_at"])
    return invitation


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Send the reminders that are due (survey.reminder_days after the first sending). Returns how many."""
    now = now or timezone.now()
    sent = 0
    pending = Invitation.objects.filter(
        survey__status=SurveyStatus.OPEN, responded_at__isnull=True, opted_out=False, sent_at__isnull=False
    ).select_related("survey")
    for invitation in pending.iterator(chunk_size=500):
        days = sorted(invitation.survey.reminder_days or [])
        if invitation.reminders_sent >= len(days):
            continue
        if invitation.sent_at is None:
            continue
        due = invitation.sent_at + dt.timedelta(days=int(days[invitation.reminders_sent]))
        if now < due:
            continue
        # Claim the reminder before sending: of two runs at the same moment (the worker's
        # schedule and a `puente surveys remind` by hand), only one moves the counter.
        seen = invitation.reminders_sent
        claimed = Invitation.objects.filter(pk=invitation.pk, reminders_sent=seen).update(
            reminders_sent=seen + 1, last_reminder_at=now
        )
        if not claimed:
            continue
        if _send(invitation, reminder=True):
            sent += 1
        else:  # not sent (no address, mail server down): due again next run
            Invitation.objects.filter(pk=invitation.pk, reminders_sent=seen + 1).update(
                reminders_sent=seen, last_reminder_at=invitation.last_reminder_at
            )
    return sent


def invitation_by_token(token: str) -> Invitation:
    """The invitation behind a link, or 404 (same answer for unknown and closed surveys)."""
    try:
        invitation = Invitation.objects.select_related("survey").get(token=token)
    except Invitation.DoesNotExist:
        raise Http404 from None
    if invitation.survey.status != SurveyStatus.OPEN:
        raise Http404
    return invitation


def opt_out(invitation: Invitation) -> None:
    invitation.opted_out = True
    invitation.save(update_fields=["opted_out"])


# --- Answering --------------------------------------------------------------------------------------


@transaction.atomic
def submit_response(invitation: Invitation | None, survey: Survey, answers: dict[str, Any], language: str) -> Response:
    """Store a validated set of answers (``{question_code: value}``); an invitation answers once."""
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.responded_at is not None:
            raise ValueError(_("This survey has already been answered. Thank you!"))
    response = Response.objects.create(
        survey=survey, invitation=invitation, language=language, group=invitation.group if invitation else ""
    )
    rows = []
    for question in survey.questions.all():
        value = answers.get(question.code)
        if value in (None, "", []):
            continue
        answer = Answer(response=response, question=question)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            answer.choice_codes = list(value) if isinstance(value, list | tuple) else [value]
        elif question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            answer.number = Decimal(str(value))
        elif question.kind == QuestionKind.DATE:
            answer.date = value
        else:
            answer.text = str(value)
        rows.append(answer)
    Answer.objects.bulk_create(rows)
    if invitation is not None:
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["responded_at"])
    return response


# --- Results ----------------------------------------------------------------------------------------


@dataclass
class RateRow:
    group: str
    invited: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


def response_rates(survey: Survey) -> list[RateRow]:
    """Invitations and answers per group, plus a total row (group "")."""
    rows = (
        Invitation.objects.filter(survey=survey)
        .values("group")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(responded_at__isnull=False)))
        .order_by("group")
    )
    result = [RateRow(r["group"], r["invited"], r["answered"]) for r in rows]
    total = RateRow("", sum(r.invited for r in result), sum(r.answered for r in result))
    return [*result, total] if len(result) != 1 or result[0].group else [total]


@dataclass
class QuestionSummary:
    question: Question
    n: int = 0
    mean: float | None = None
    distribution: list[tuple[str, int]] = field(default_factory=list)
    suppressed: bool = False


def summarise(
    survey: Survey, *, responses: Iterable[Response] | None = None, subjects: Iterable[str] | None = None
) -> list[QuestionSummary]:
    """Counts per choice and means per scale/number question; free text is never summarised here.

    Questions with fewer than ``survey.min_cell`` answers are marked suppressed (no figures).
    """
    answers = Answer.objects.filter(response__survey=survey)
    if subjects is not None:
        answers = answers.filter(response__invitation__subject_id__in=list(subjects))
    by_question: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers.only("question_id", "choice_codes", "number"):
        by_question[answer.question_id].append(answer)
    result = []
    for question in survey.questions.prefetch_related("choices"):
        given = by_question.get(question.pk, [])
        summary = QuestionSummary(question=question, n=len(given))
        if question.kind == QuestionKind.TEXT or question.kind == QuestionKind.DATE:
            result.append(summary)
            continue
        if summary.n < survey.min_cell:
            summary.suppressed = summary.n > 0
            result.append(summary)
            continue
        if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            numbers = [float(a.number) for a in given if a.number is not None]
            summary.mean = sum(numbers) / len(numbers) if numbers else None
            if question.kind == QuestionKind.SCALE:
                counts = Counter(int(n) for n in numbers)
                summary.distribution = [(str(i), counts.get(i, 0)) for i in range(1, 6)]
        else:
            codes: Counter[str] = Counter(code for a in given for code in a.choice_codes)
            summary.distribution = [(str(c.label), codes.get(c.code, 0)) for c in question.choices.all()]
        result.append(summary)
    return result


def mean_scale_by_subject(
    survey_code: str, organisation_id: int, question_code: str, subject_type: str
) -> dict[str, tuple[int, float]]:
    """{subject_id: (n, mean)} of a scale question, for modules that report satisfaction per subject."""
    rows: dict[str, list[float]] = defaultdict(list)
    answers = Answer.objects.filter(
        response__survey__organisation_id=organisation_id,
        response__survey__code=survey_code,
        question__code=question_code,
        response__invitation__subject_type=subject_type,
        number__isnull=False,
    ).values_list("response__invitation__subject_id", "number")
    for subject_id, number in answers:
        rows[subject_id].append(float(number or 0))
    return {key: (len(values), sum(values) / len(values)) for key, values in rows.items()}


def record_export(user: AnyUser | None, survey: Survey, count: int) -> None:
    record(AuditAction.EXPORT, survey, actor=user, detail=f"{count} responses", organisation_id=survey.organisation_id)


def mean_scale_by_group(organisation_id: int, survey_code: str, question_code: str) -> dict[str, tuple[int, float]]:
    """{invitation group: (answers, mean)} of a scale question — e.g. satisfaction per service."""
    rows: dict[str, list[float]] = defaultdict(list)
    answers = Answer.objects.filter(
        response__survey__organisation_id=organisation_id,
        response__survey__code=survey_code,
        question__code=question_code,
        number__isnull=False,
    ).values_list("response__group", "number")
    for group, number in answers:
        rows[group].append(float(number or 0))
    return {key: (len(values), sum(values) / len(values)) for key, values in rows.items()}
