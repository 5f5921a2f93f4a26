"""The alert → case → service loop through HTTP, as on the demo: a tutor sees explained alerts for
their students, logs a contact, refers to a service; the officer closes the referral, the
student rates the service, and the officer sees the funnel and retention by sex."""

from __future__ import annotations

import pytest
from django.core import mail

from puente.success.models import Case, CaseSource, Contact, Referral, ReferralStatus
from puente.surveys.models import Invitation

pytestmark = pytest.mark.django_db


def test_a_tutor_closes_the_loop_in_a_few_clicks(world, catalogue, tutor_profile, scores, login, client):
    world.a1.email = "rosa@example.org"
    world.a1.save()
    login(world.tina)

    week = client.get("/es/students/week/")
    page = week.content.decode()
    assert week.status_code == 200
    assert "Quispe" in page
    assert "aprobó 2 de 6 unidades del primer semestre" in page
    assert "sin actividad en Moodle desde hace 12 días" in page
    assert "+8" in page  # change since the last scoring
    assert "Mamani" not in page  # not tina's student

    # Log a contact (HTMX: the form is swapped in place, then the confirmation).
    form = client.get(f"/es/students/week/{world.a1.pk}/contact/", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<html" not in form.content.decode()
    done = client.post(
        f"/es/students/week/{world.a1.pk}/contact/",
        {"channel": "phone", "reached": "1", "summary": "Conversamos sobre su horario."},
        HTTP_HX_REQUEST="true",
    )
    assert done.status_code == 200
    case = Case.objects.get(student=world.a1)
    assert case.source == CaseSource.MODEL_ALERT and case.risk_score_id == 501
    assert case.reasons[0].startswith("aprobó")
    assert Contact.objects.filter(case=case, reached=True).count() == 1

    # Refer to a service from the case page.
    refer = client.post(
        f"/es/students/cases/{case.pk}/refer/", {"service": catalogue.tutoring.pk, "note": "Matemáticas"}
    )
    assert refer.status_code == 302
    referral = Referral.objects.get(case=case)

    # The officer marks it attended: the student is invited to rate the service.
    login(world.alice)
    assert client.post(f"/es/students/referrals/{referral.pk}/close/", {"attended": "1"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ATTENDED
    invitation = Invitation.objects.get(pk=referral.survey_invitation_id)
    assert invitation.email == "rosa@example.org"
    assert any(invitation.token in m.body for m in mail.outbox)

    # The student answers without logging in.
    client.logout()
    answer = client.post(f"/es/surveys/r/{invitation.token}/", {"q_overall": "5", "q_helped_stay": "yes"})
    assert answer.status_code == 302
    invitation.refresh_from_db()
    assert invitation.responded_at is not None

    # The officer sees the funnel and retention by sex.
    login(world.alice)
    report = client.get("/es/students/outcomes/?by=sex").content.decode()
    assert "Retención" in report or "Retention" in report
    assert "Femenino" in report or "Female" in report or "Mujer" in report
    assert "chart-funnel" in report
    assert "<table" in report


def test_the_tutor_list_respects_capacity(world, catalogue, tutor_profile, login, client):
    from puente.success import risk
    from tests.factories import StudentFactory

    students = [StudentFactory(institution=world.andino, tutor=world.tina) for _ in range(8)]
    table = {
        s.pk: risk.StudentRisk(student_id=s.pk, probability=0.9 - i * 0.01, band=risk.RED, reasons=["x"])
        for i, s in enumerate(students)
    }
    risk.use_provider(lambda ids: {i: table[i] for i in ids if i in table})
    from puente.success.services import tutor_week

    week = tutor_week(world.tina, world.tina)
    assert week.capacity == 5
    assert [r.student.pk for r in week.this_week] == [s.pk for s in students[:5]]
    assert len(week.others) == len(students) - 5 + 1  # + Rosa, unscored


def test_red_scores_open_cases_for_the_students_tutor_once(world, catalogue, scores):
    from puente.success.services import open_cases_from_alerts

    assert open_cases_from_alerts(world.andino.pk) == 1
    case = Case.objects.get(student=world.a1)
    assert case.owner == world.tina and case.source == CaseSource.MODEL_ALERT and case.due_on
    assert open_cases_from_alerts(world.andino.pk) == 0
