"""Each role's dashboard shows what the role may see: aggregates only for ministries and
funders, the institution's students for its staff, their own record for a student."""

from __future__ import annotations

import re
from datetime import date

import pytest

from puente.core.dashboards import Panel, panels_for, registered_panels
from puente.core.models import OrganisationKind
from puente.core.roles import Role
from puente.employment.models import Vacancy
from puente.success.models import Sex, StudentStatus
from tests.factories import MembershipFactory, OrganisationFactory, StudentFactory

pytestmark = pytest.mark.django_db


def keys(response) -> set[str]:
    return set(re.findall(r'id="panel-([a-z_]+)-title"', response.content.decode()))


@pytest.fixture
def crowd(world):
    """Enough students for aggregates to show: Andino (PE) 30 women, 3 men; Caribe (CO) 40 men."""
    StudentFactory.create_batch(30, institution=world.andino, sex=Sex.FEMALE, programme=world.andino_programme)
    StudentFactory.create_batch(3, institution=world.andino, sex=Sex.MALE, programme=world.andino_programme)
    StudentFactory.create_batch(40, institution=world.caribe, sex=Sex.MALE, status=StudentStatus.GRADUATED)
    return world


def test_panels_come_from_the_apps(world):
    found = {p.key for p in registered_panels()}
    assert {"roles", "admin_counts", "national_students", "institution_students", "own_vacancies"} <= found
    assert all(isinstance(p, Panel) for p in registered_panels())


def test_the_ministry_analyst_sees_aggregates_of_their_country_only(crowd, login):
    response = login(crowd.mia).get("/es/dashboard/")
    page = response.content.decode()
    assert {"national_students", "roles"} <= keys(response)
    assert "institution_students" not in keys(response)
    assert "Instituto Andino" in page and "Instituto Caribe" not in page
    for name in ("Quispe", "Mamani", "Rosa", "Restrepo"):
        assert name not in page
    assert not re.search(r'href="/es/students/\d+/', page), "never a link to an individual"
    assert "&lt;10" in page, "the three men are hidden"


def test_a_regional_analyst_sees_every_country(crowd, login):
    body = OrganisationFactory(code="ap-gte", kind=OrganisationKind.REGIONAL_BODY, country=None)
    ana = MembershipFactory(user__username="ana", organisation=body, role=Role.REGIONAL_ANALYST).user
    page = login(ana).get("/es/dashboard/").content.decode()
    assert "Instituto Andino" in page and "Instituto Caribe" in page
    assert "Quispe" not in page


def test_institution_staff_see_their_students_by_programme_and_status(crowd, login):
    response = login(crowd.alice).get("/es/dashboard/")
    assert "institution_students" in keys(response)
    assert "national_students" not in keys(response)
    page = response.content.decode()
    assert "Mecánica" in page
    assert "Instituto Caribe" not in page


def test_a_tutor_counts_only_their_own_students(crowd, rf):
    request = rf.get("/")
    request.user = crowd.tina
    panel = next(p for p in panels_for(request) if p["key"] == "institution_students")
    by_status = panel["data"]["charts"][1]
    assert by_status.data_table().rows[-1].cells[-1].value == 1


def test_a_student_sees_their_own_record(world, login):
    response = login(world.sam).get("/es/dashboard/")
    assert "own_record" in keys(response)
    page = response.content.decode()
    assert "Rosa Quispe" in page and "Mecánica" in page
    assert "Luis" not in page


def test_an_employer_sees_their_vacancies(world, login):
    Vacancy.objects.create(
        employer=world.employer,
        reference="MS-1",
        title="Operador de volquete",
        country=world.pe,
        posted_on=date(2024, 3, 1),
    )
    other = OrganisationFactory(code="co-otra", kind=OrganisationKind.EMPLOYER, country=world.co)
    Vacancy.objects.create(
        employer=other, reference="X-1", title="Soldador", country=world.co, posted_on=date(2024, 3, 1)
    )
    response = login(world.eve).get("/es/dashboard/")
    assert "own_vacancies" in keys(response)
    page = response.content.decode()
    assert "Operador de volquete" in page and "Soldador" not in page


def test_the_administrator_sees_counts_and_recent_audit_events(world, login):
    response = login(world.root).get("/es/dashboard/")
    assert {"admin_counts", "recent_audit"} <= keys(response)


def test_a_panel_returning_none_is_skipped(world, rf):
    request = rf.get("/")
    request.user = world.eve
    shown = {p["key"] for p in panels_for(request)}
    assert "programmes_by_sector" not in shown and "national_students" not in shown
