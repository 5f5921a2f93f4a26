"""Invitation → answer by token (no login, nothing personal in the link) → reminders → rates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from puente.surveys import services
from puente.surveys.models import Answer, SurveyStatus

pytestmark = pytest.mark.django_db


def test_an_invitation_is_emailed_with_a_link_that_holds_only_a_token(world, invite):
    invitation = invite(language="fr", group="PE-MEC")
    assert invitation.sent_at is not None
    message = mail.outbox[-1]
    assert message.to == ["egresada@example.org"]
    assert f"/fr/surveys/r/{invitation.token}/" in message.body
    url = services.invitation_url(invitation)
    # The link holds the random token and nothing else: no e-mail, no student id, no query.
    assert "egresada" not in url and "?" not in url
    assert url.split("/r/")[1] == f"{invitation.token}/"
    assert len(invitation.token) >= 30 and invitation.token.isascii()


def test_a_respondent_answers_every_kind_of_question_without_logging_in(world, tracer, invite, client):
    invitation = invite()
    page = client.get(f"/es/surveys/r/{invitation.token}/")
    assert page.status_code == 200 and "¿Trabajas?" in page.content.decode()
    response = client.post(
        f"/es/surveys/r/{invitation.token}/",
        {
            "q_working": "yes",
            "q_channels": ["board", "fair"],
            "q_match": "4",
            "q_salary": "1500.50",
            "q_started": "2025-03-01",
            "q_comments": "Gracias",
        },
    )
    assert response.status_code == 302
    answers = {a.question.code: a for a in Answer.objects.select_related("question")}
    assert answers["working"].choice_codes == ["yes"]
    assert answers["channels"].choice_codes == ["board", "fair"]
    assert answers["match"].number == 4
    assert str(answers["salary"].number) == "1500.50"
    assert answers["started"].date == dt.date(2025, 3, 1)
    assert answers["comments"].text == "Gracias"
    # A second visit says thank you instead of a second answer.
    again = client.get(f"/es/surveys/r/{invitation.token}/")
    assert again.status_code == 200 and Answer.objects.filter(question__code="working").count() == 1


def test_required_questions_are_checked_in_the_respondents_language(tracer, invite, client):
    invitation = invite()
    response = client.post(f"/es/surveys/r/{invitation.token}/", {"q_match": "9"})
    assert response.status_code == 200
    assert not Answer.objects.exists()


def test_unknown_tokens_and_closed_surveys_look_the_same(tracer, invite, client):
    invitation = invite()
    assert client.get("/es/surveys/r/not-a-token/").status_code == 404
    tracer.status = SurveyStatus.CLOSED
    tracer.save()
    assert client.get(f"/es/surveys/r/{invitation.token}/").status_code == 404


def test_reminders_follow_the_schedule_and_stop_after_an_answer_or_opt_out(tracer, invite, client):
    answered, waiting, opted = invite("a@example.org"), invite("b@example.org"), invite("c@example.org")
    services.submit_response(answered, tracer, {"working": "no"}, "es")
    client.post(f"/es/surveys/r/{opted.token}/opt-out/")
    start = timezone.now()
    assert services.send_due_reminders(start + dt.timedelta(days=1)) == 0
    assert services.send_due_reminders(start + dt.timedelta(days=4)) == 1
    assert services.send_due_reminders(start + dt.timedelta(days=5)) == 0
    assert services.send_due_reminders(start + dt.timedelta(days=8)) == 1
    assert services.send_due_reminders(start + dt.timedelta(days=30)) == 1
    assert services.send_due_reminders(start + dt.timedelta(days=60)) == 0
    waiting.refresh_from_db()
    assert waiting.reminders_sent == 3


def test_two_runs_at_the_same_moment_send_one_reminder(tracer, invite, monkeypatch):
    from puente.surveys.models import Invitation

    waiting = invite("b@example.org")
    due = timezone.now() + dt.timedelta(days=4)
    stale = list(Invitation.objects.filter(pk=waiting.pk).select_related("survey"))
    # Both runs read the invitation (no reminder sent yet) before either sent anything.
    monkeypatch.setattr(services.Invitation.objects, "filter", lambda *a, **k: _Replay(stale, a, k))
    first = services.send_due_reminders(due)
    outbox = len(mail.outbox)
    second = services.send_due_reminders(due)
    monkeypatch.undo()
    assert (first, second) == (1, 0) and len(mail.outbox) == outbox
    waiting.refresh_from_db()
    assert waiting.reminders_sent == 1


def test_a_reminder_that_could_not_be_sent_is_due_again(tracer, invite, monkeypatch):
    waiting = invite("b@example.org")
    due = timezone.now() + dt.timedelta(days=4)
    monkeypatch.setattr(services, "send_mail", lambda *a, **k: 0)  # the mail server refuses it
    assert services.send_due_reminders(due) == 0
    waiting.refresh_from_db()
    assert waiting.reminders_sent == 0
    monkeypatch.undo()
    assert services.send_due_reminders(due) == 1


class _Replay:
    """The pending-invitations query answered with copies of rows read earlier (as another
    process would hold them); every other filter (the claim's conditional update) goes to the
    database."""

    def __init__(self, rows, args, kwargs):
        import copy

        from puente.surveys.models import Invitation

        self._pending = "responded_at__isnull" in kwargs
        self._rows = [copy.copy(row) for row in rows]
        self._real = Invitation._default_manager.get_queryset().filter(*args, **kwargs)

    def select_related(self, *fields):
        return self if self._pending else self._real.select_related(*fields)

    def iterator(self, chunk_size=None):
        return iter(self._rows) if self._pending else self._real.iterator()

    def update(self, **values):
        return self._real.update(**values)


def test_response_rates_by_group(tracer, invite):
    for i in range(3):
        invite(f"m{i}@example.org", group="PE-MEC")
    first = invite("x@example.org", group="PE-ELE")
    services.submit_response(first, tracer, {"working": "yes"}, "es")
    rates = {r.group: r for r in services.response_rates(tracer)}
    assert (rates["PE-MEC"].invited, rates["PE-MEC"].answered) == (3, 0)
    assert rates["PE-ELE"].rate == 1
    assert rates[""].invited == 4 and rates[""].rate == pytest.approx(0.25)


def test_results_hide_questions_with_too_few_answers(tracer, invite):
    services.submit_response(invite("a@example.org"), tracer, {"working": "yes", "match": 4}, "es")
    summaries = {s.question.code: s for s in services.summarise(tracer)}
    assert summaries["working"].suppressed and summaries["working"].distribution == []
    services.submit_response(invite("b@example.org"), tracer, {"working": "no", "match": 2}, "es")
    summaries = {s.question.code: s for s in services.summarise(tracer)}
    assert dict(summaries["working"].distribution) == {"Sí": 1, "No": 1}
    assert summaries["match"].mean == 3


def test_inviting_twice_about_the_same_subject_returns_the_first_invitation(tracer):
    first = services.invite(tracer, email="a@example.org", subject=("employment.graduate", 7))
    second = services.invite(tracer, email="a@example.org", subject=("employment.graduate", 7))
    assert first.pk == second.pk


def test_survey_pages_are_for_the_owning_institution(world, tracer, invite, client, login, api):
    invite()
    login(world.alice)
    assert client.get(f"/es/surveys/{tracer.pk}/").status_code == 200
    assert "Seguimiento a los 6 meses" in client.get("/es/surveys/").content.decode()
    login(world.bob)
    assert client.get(f"/es/surveys/{tracer.pk}/").status_code == 404
    assert api(world.bob).get(f"/api/v1/surveys/{tracer.pk}/rates/").status_code == 404
    assert api(world.alice).get(f"/api/v1/surveys/{tracer.pk}/rates/").json()[-1]["invited"] == 1
    created = api(world.alice).post(
        f"/api/v1/surveys/{tracer.pk}/invitations/", {"email": "n@example.org"}, format="json"
    )
    assert created.status_code == 201 and "token" not in created.json()
    assert (
        api(world.bob)
        .post(f"/api/v1/surveys/{tracer.pk}/invitations/", {"email": "n@example.org"}, format="json")
        .status_code
        == 404
    )
    for persona in (world.tina, world.sam, world.eve):
        login(persona)
        assert client.get(f"/es/surveys/{tracer.pk}/").status_code in {403, 404}
