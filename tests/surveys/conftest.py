from __future__ import annotations

import pytest

from puente.surveys import services
from puente.surveys.models import Choice, Question, QuestionKind, Survey, SurveyKind


@pytest.fixture
def tracer(world):
    """A tracer survey with one question of each kind, as the employability module will build."""
    survey = Survey.objects.create(
        organisation=world.andino,
        code="tracer-6m",
        kind=SurveyKind.TRACER,
        title={"es": "Seguimiento a los 6 meses", "fr": "Suivi à 6 mois", "en": "Six-month follow-up"},
        reminder_days=[3, 7, 14],
        min_cell=2,
    )
    working = Question.objects.create(
        survey=survey,
        code="working",
        order=1,
        kind=QuestionKind.SINGLE,
        required=True,
        text={"es": "¿Trabajas?", "fr": "Travaillez-vous ?", "en": "Are you working?"},
    )
    for order, (code, es) in enumerate([("yes", "Sí"), ("no", "No")]):
        Choice.objects.create(question=working, code=code, order=order, label={"es": es, "fr": es, "en": code})
    channels = Question.objects.create(
        survey=survey,
        code="channels",
        order=2,
        kind=QuestionKind.MULTIPLE,
        text={"es": "¿Cómo buscaste empleo?", "en": "How did you look for work?"},
    )
    for order, code in enumerate(["board", "friends", "fair"]):
        Choice.objects.create(question=channels, code=code, order=order, label={"es": code})
    Question.objects.create(
        survey=survey,
        code="match",
        order=3,
        kind=QuestionKind.SCALE,
        text={"es": "¿Tu trabajo se relaciona con tu carrera?"},
    )
    Question.objects.create(
        survey=survey, code="salary", order=4, kind=QuestionKind.NUMBER, text={"es": "Ingreso mensual"}
    )
    Question.objects.create(
        survey=survey, code="started", order=5, kind=QuestionKind.DATE, text={"es": "¿Desde cuándo?"}
    )
    Question.objects.create(survey=survey, code="comments", order=6, kind=QuestionKind.TEXT, text={"es": "Comentarios"})
    return survey


@pytest.fixture
def invite(tracer):
    def _invite(email="egresada@example.org", **kwargs):
        return services.invite(tracer, email=email, name="Egresada", **kwargs)

    return _invite
