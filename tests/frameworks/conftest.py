"""Fixtures of the qualifications tests.

- ``demo``: the illustrative demo (frameworks, referencing, 30 tourism and mining
  qualifications in four countries, some decided correlations), loaded once per test.
- Personas added to the shared ``world``: rita, analyst of the Pacific Alliance regional body
  (decides equivalences); mia (ministry analyst, Peru) may read but not decide.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache

from puente.core.models import OrganisationKind
from puente.core.roles import Role
from puente.frameworks import services
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages in English (the source language) unless a test overrides it; pages
    take their language from the URL."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_indexes():
    cache.clear()
    from puente.frameworks import matching, search

    search.invalidate()
    matching.invalidate()
    yield
    search.invalidate()
    matching.invalidate()


@pytest.fixture
def demo(db):
    services.load_demo()
    return services


@pytest.fixture
def rita(db):
    regional = OrganisationFactory(
        code="AP", name={"es": "Alianza del Pacífico"}, kind=OrganisationKind.REGIONAL_BODY, country=None
    )
    return MembershipFactory(user__username="rita", organisation=regional, role=Role.REGIONAL_ANALYST).user
