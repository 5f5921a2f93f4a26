"""Retention, dropout and timely graduation by group; small cells hidden from aggregate roles."""

from __future__ import annotations

import datetime as dt

import pytest

from puente.success import outcomes
from puente.success.models import Enrolment, Sex, StudentStatus, Term
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(world):
    today = dt.date.today()
    terms = [
        Term.objects.create(
            institution=world.andino,
            code=f"T{i}",
            starts_on=today - dt.timedelta(days=180 * (4 - i)),
            ends_on=today - dt.timedelta(days=180 * (4 - i) - 170),
        )
        for i in range(4)
    ]
    people = []
    for i in range(12):  # 12 women: 9 still enrolled in the last terms, 3 stopped after the first
        s = StudentFactory(institution=world.andino, sex=Sex.FEMALE, cohort="2022-1", enrolled_on=terms[0].starts_on)
        for term in terms if i < 9 else terms[:1]:
            Enrolment.objects.create(student=s, term=term)
        people.append(s)
    for i in range(11):  # 11 men: all graduated, 10 on time
        s = StudentFactory(
            institution=world.andino,
            sex=Sex.MALE,
            cohort="2022-1",
            status=StudentStatus.GRADUATED,
            enrolled_on=terms[0].starts_on,
            graduated_on=terms[0].starts_on + dt.timedelta(days=700 if i < 10 else 1500),
        )
        Enrolment.objects.create(student=s, term=terms[0])
    return terms


def test_retention_dropout_and_graduation_by_sex(world, cohort):
    table = outcomes.outcomes_by(world.alice, "sex", institution_id=world.andino.pk, cohort="2022-1")
    rows = {r.key: r for r in table.rows}
    women, men = rows[Sex.FEMALE], rows[Sex.MALE]
    assert (women.n, women.dropped, women.retained) == (12, 3, 9)
    assert women.retention == pytest.approx(0.75)
    assert (men.graduated, men.on_time) == (11, 10)
    assert men.timely == pytest.approx(10 / 11)
    assert not table.suppressed


def test_aggregate_roles_see_small_groups_hidden(world, cohort):
    StudentFactory(institution=world.andino, sex=Sex.OTHER)
    table = outcomes.outcomes_by(world.mia, "sex")
    assert table.suppressed
    rows = {r.key: r for r in table.rows}
    # Rosa (F) and Luis (no sex recorded in factories default F)… the small groups are hidden.
    small = [r for r in table.rows if r.n < 10]
    assert small and all(r.suppressed for r in small)
    assert all(r.retention is None for r in small)
    # One more group is hidden so that the small one cannot be worked out from the total.
    assert sum(1 for r in rows.values() if r.suppressed) == 2
    assert table.total.n == 14 + 11 + 1  # Peru only: Ana at Instituto Caribe is not counted


def test_the_report_page_shows_a_chart_with_its_table(world, cohort, login, client):
    login(world.alice)
    page = client.get("/es/students/outcomes/?by=programme").content.decode()
    assert "<svg" in page and "<table" in page and "chart-retention" in page


def test_the_bobs_report_does_not_count_alices_students(world, cohort):
    table = outcomes.outcomes_by(world.bob, "sex")
    assert table.total.n == 1  # only Ana Restrepo at Instituto Caribe


def test_the_funnel_counts_each_step(world, catalogue):
    from puente.success import services
    from puente.success.models import CaseSource

    case = services.open_case(None, world.a1, source=CaseSource.MODEL_ALERT)
    services.log_contact(world.alice, case, channel="phone")
    services.refer(world.alice, case, catalogue.tutoring)
    funnel = outcomes.funnel(world.alice, institution_id=world.andino.pk)
    assert (funnel.alerts, funnel.contacted, funnel.referred, funnel.attended) == (1, 1, 1, 0)
