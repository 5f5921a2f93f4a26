"""Shared fixtures: a small world of two institutions and the people who work in them.

Personas (each test may rely on these roles):
- alice: student-services officer at Instituto Andino (PE); sees Andino's students, sensitive fields included.
- bob: student-services officer at Instituto Caribe (CO); "should have no access to Alice's stuff".
- tina: tutor at Andino; sees only the students assigned to her.
- mia: ministry analyst in Peru; aggregates only, never an individual.
- eve: employer user; no student records.
- sam: student at Andino; sees only his own record.
- root: system administrator.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import override_settings

from puente.core.models import OrganisationKind
from puente.core.roles import Role
from tests.factories import (
    CountryFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    StudentFactory,
    UserFactory,
)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """A cache folder of this test run only: a `make run` on the same machine shares var/cache,
    and its worker's heartbeat would make tests queue tasks instead of running them inline.
    Commands the tests start in subprocesses inherit it through CACHE_DIR."""
    location = str(tmp_path_factory.mktemp("cache"))
    previous = os.environ.get("CACHE_DIR")
    os.environ["CACHE_DIR"] = location
    with override_settings(CACHES={"default": {**settings.CACHES["default"], "LOCATION": location}}):
        yield
    if previous is None:
        os.environ.pop("CACHE_DIR", None)
    else:
        os.environ["CACHE_DIR"] = previous


@pytest.fixture
def world(db):
    pe = CountryFactory(code="PE", name={"es": "Perú", "fr": "Pérou", "en": "Peru"})
    co = CountryFactory(code="CO", name={"es": "Colombia", "fr": "Colombie", "en": "Colombia"})
    andino = OrganisationFactory(code="pe-andino", name={"es": "Instituto Andino"}, country=pe)
    caribe = OrganisationFactory(code="co-caribe", name={"es": "Instituto Caribe"}, country=co)
    ministry = OrganisationFactory(
        code="pe-minedu", name={"es": "Ministerio de Educación"}, kind=OrganisationKind.MINISTRY, country=pe
    )
    employer = OrganisationFactory(
        code="pe-minera", name={"es": "Minera del Sur"}, kind=OrganisationKind.EMPLOYER, country=pe
    )
    w = SimpleNamespace(pe=pe, co=co, andino=andino, caribe=caribe, ministry=ministry, employer=employer)
    w.alice = MembershipFactory(user__username="alice", organisation=andino, role=Role.STUDENT_SERVICES).user
    w.bob = MembershipFactory(user__username="bob", organisation=caribe, role=Role.STUDENT_SERVICES).user
    w.tina = MembershipFactory(user__username="tina", organisation=andino, role=Role.TUTOR).user
    w.mia = MembershipFactory(user__username="mia", organisation=ministry, role=Role.MINISTRY_ANALYST).user
    w.eve = MembershipFactory(user__username="eve", organisation=employer, role=Role.EMPLOYER).user
    w.sam = MembershipFactory(user__username="sam", organisation=andino, role=Role.STUDENT).user
    w.root = UserFactory(username="root", is_superuser=True, is_staff=True)
    w.andino_programme = ProgrammeFactory(code="PE-MEC", institution=andino, title={"es": "Mecánica"})
    w.a1 = StudentFactory(
        institution=andino,
        external_id="A-001",
        given_name="Rosa",
        family_name="Quispe",
        tutor=w.tina,
        user=w.sam,
        disability=True,
        ethnicity="Quechua",
        programme=w.andino_programme,
    )
    w.a2 = StudentFactory(institution=andino, external_id="A-002", given_name="Luis", family_name="Mamani")
    w.b1 = StudentFactory(
        institution=caribe, external_id="B-001", given_name="Ana", family_name="Restrepo", ethnicity="Wayuu"
    )
    return w


@pytest.fixture
def login(client):
    """Log the test client in as a persona: ``login(world.alice)``."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def api(db):
    """An API client authenticated by token, as an integration would be: ``api(world.bob)``."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def _api(user=None):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return _api


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 takes ~0.3 s per user; tests do not need strong hashes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
