"""The demo, loaded once for the tests of this package at a small scale, then rolled back.

``demo`` holds the :class:`~puente.demo.services.DemoResult`; the data stays inside one outer
transaction that is rolled back when the package's tests are done, so other packages start
from an empty database.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from puente.demo.services import load_demo
from puente.demo.synthetic import Scale

TEST_SCALE = Scale("test", students=400, employers=8, vacancies=40, activity_terms=2)
TEST_SEED = 7
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        result = load_demo(TEST_SCALE, TEST_SEED, with_alerts=False)
        yield result
        transaction.set_rollback(True)
