"""Demo users: one per persona, each can log in and holds the intended role."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from puente.core.models import DemoAccount, Membership
from puente.core.roles import Role
from puente.core.scoping import scope_for
from puente.demo.users import PERSONAS
from puente.success.models import Student

EXPECTED = {
    "admin": None,
    "analista.minedu": (Role.MINISTRY_ANALYST, "PE-MINEDU"),
    "analista.ap": (Role.REGIONAL_ANALYST, "AP-GTE"),
    "gestora.cican": (Role.PROGRAMME_MANAGER, "CA-CICAN"),
    "coordinador.hde": (Role.PROGRAMME_COORDINATOR, "PE-IESTP-HDE"),
    "bienestar.hde": (Role.STUDENT_SERVICES, "PE-IESTP-HDE"),
    "tutora.hde": (Role.TUTOR, "PE-IESTP-HDE"),
    "empleabilidad.hde": (Role.PLACEMENT_OFFICER, "PE-IESTP-HDE"),
    "bienestar.uts": (Role.STUDENT_SERVICES, "CO-UTS"),
    "empresa.minera": (Role.EMPLOYER, "DEMO-PE-MINERA"),
    "estudiante.hde": (Role.STUDENT, "PE-IESTP-HDE"),
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_demo_user_can_log_in_with_the_demo_password(demo, client, username):
    assert client.login(username=username, password=settings.DEMO_PASSWORD)


@pytest.mark.parametrize(("username", "expected"), sorted(EXPECTED.items()))
def test_demo_user_has_the_intended_role(demo, db, username, expected):
    user = get_user_model().objects.get(username=username)
    memberships = set(Membership.objects.filter(user=user).values_list("role", "organisation__code"))
    if expected is None:
        assert user.is_superuser and scope_for(user).is_admin
        assert memberships == set()
    else:
        assert memberships == {expected}
        assert not user.is_superuser


def test_every_persona_has_a_described_demo_account(demo, db):
    accounts = DemoAccount.objects.select_related("user")
    assert [a.user.username for a in accounts] == [p.username for p in PERSONAS]
    for account in accounts:
        assert set(account.description) == {"es", "fr", "en"}


def test_the_student_user_is_linked_to_a_student_record(demo, db):
    user = get_user_model().objects.get(username="estudiante.hde")
    record = Student.objects.get(user=user)
    assert record.institution.code == "PE-IESTP-HDE"
    assert list(Student.objects.visible_to(user)) == [record]
    assert user.get_full_name() == f"{record.given_name} {record.family_name}"


def test_aggregate_roles_see_no_individual(demo, db):
    for username in ("analista.minedu", "analista.ap", "gestora.cican", "empresa.minera"):
        user = get_user_model().objects.get(username=username)
        assert not Student.objects.visible_to(user).exists(), username
