"""Fixtures of the qualifications tests.

- ``demo``: the illustrative demo (frameworks, referencing, 30 tourism and mining
  qualifications in four countries, some decided correlations). Loading it takes seconds, so it
  is loaded **once per test package and worker** inside a transaction that stays open
  (``_demo_data``): every test runs in its own nested transaction (pytest-django's ``db``), rolled
  back after it, so a test that changes the demo never leaks into the next one, and the outer
  transaction is rolled back when the package is done, so other apps' tests never see the demo.
  The same works with xdist (each worker has its own database and loads the demo once) and on
  PostgreSQL. Tests here must not use ``transactional_db`` (a flush would end the outer
  transaction).
- ``empty_registry``: for tests that need a registry without the demo (the demo may already be
  loaded by an earlier test of the worker); it deletes the qualifications data inside the test's
  own transaction, so the deletion is rolled back too.
- Personas added to the shared ``world``: rita, analyst of the Pacific Alliance regional body
  (decides equivalences); mia (ministry analyst, Peru) may read but not decide.

The in-memory search and suggestion indexes are per process: they are dropped before and after
every test (``_fresh_indexes``), since a rolled-back change would otherwise survive in them. The
cache that carries their generation counter is a memory cache of the test alone (the file cache
in var/ is shared with the other test worker and the development server).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test.utils import override_settings

from puente.core.models import OrganisationKind
from puente.core.roles import Role
from puente.frameworks import services
from tests.factories import MembershipFactory, OrganisationFactory

MEMORY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "frameworks-tests"}}


def _drop_indexes() -> None:
    from puente.frameworks import matching, search

    search.invalidate()
    matching.invalidate()


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Service messages in English (the source language) unless a test overrides it; pages
    take their language from the URL."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_indexes(settings: Any) -> Iterator[None]:
    settings.CACHES = MEMORY_CACHE
    from django.core.cache import cache

    cache.clear()
    _drop_indexes()
    yield
    _drop_indexes()


@pytest.fixture(scope="package")
def _demo_data(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo, loaded once in a transaction kept open until the package's tests are done."""
    with django_db_blocker.unblock(), override_settings(CACHES=MEMORY_CACHE):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            services.load_demo()
            _drop_indexes()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock(), override_settings(CACHES=MEMORY_CACHE):
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
        _drop_indexes()


@pytest.fixture
def demo(_demo_data: None, db: None) -> Any:
    return services


@pytest.fixture
def empty_registry(db: None) -> None:
    """No frameworks, qualifications, correlations or ESCO data (deleted in this test's transaction)."""
    from puente.frameworks.models import (
        Correlation,
        CorrelationReport,
        EscoConcept,
        EscoRelease,
        Framework,
        LevelReference,
        Qualification,
        ReferencingReport,
    )

    Correlation.objects.all().delete()
    CorrelationReport.objects.all().delete()
    Qualification.objects.all().delete()
    ReferencingReport.objects.all().delete()
    LevelReference.objects.all().delete()
    Framework.objects.filter(supersedes__isnull=False).delete()
    Framework.objects.all().delete()
    EscoConcept.objects.all().delete()
    EscoRelease.objects.all().delete()
    _drop_indexes()


@pytest.fixture
def rita(db: None) -> Any:
    regional = OrganisationFactory(
        code="AP", name={"es": "Alianza del Pacífico"}, kind=OrganisationKind.REGIONAL_BODY, country=None
    )
    return MembershipFactory(user__username="rita", organisation=regional, role=Role.REGIONAL_ANALYST).user
