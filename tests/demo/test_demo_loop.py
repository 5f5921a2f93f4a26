"""On the demo, the tutor logs in and sees explained alerts for her students; red scores opened
cases; graduates hold credentials. (The issue's "done when": the loop works on the demo.)"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from puente.demo.services import load_alerts_and_credentials


@pytest.fixture(scope="module")
def loop(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return load_alerts_and_credentials()


def test_the_demo_trains_and_scores_both_demo_institutions(loop, db):
    for code in ("PE-IESTP-HDE", "CO-UTS"):
        assert loop[f"alerts {code}"]["scored"] > 0, loop


def test_the_tutor_sees_explained_alerts_for_her_students(loop, client):
    client.force_login(get_user_model().objects.get(username="tutora.hde"))
    page = client.get("/es/students/week/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    # A traffic-light band and at least one plain-Spanish reason.
    assert re.search(r"Riesgo (alto|moderado)", text), text[:2000]
    reasons = r"(aprobó \d+ de \d+|sin actividad en Moodle|asistencia del|promedio de notas|edad de ingreso)"
    assert re.search(reasons, text), text[:3000]
    assert "You can contact" not in text  # the capacity sentence is translated (Spanish plural forms)


def test_every_red_score_opened_a_case_and_graduates_hold_credentials(loop, db):
    from puente.success import risk
    from puente.success.models import Case, CaseSource, Student

    for code in ("PE-IESTP-HDE", "CO-UTS"):
        enrolled = Student.objects.filter(institution__code=code, status="enrolled").values_list("pk", flat=True)
        red = {pk for pk, score in risk.latest_risks(list(enrolled)).items() if score.band == risk.RED}
        opened = set(
            Case.objects.filter(institution__code=code, source=CaseSource.MODEL_ALERT).values_list(
                "student_id", flat=True
            )
        )
        assert opened == red
        assert loop[f"alerts {code}"]["cases"] == len(red)
    assert loop["credentials"]["issued"] >= 1
