"""The scheduler scores every institution with an active release, once a week, without cron."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from puente.lib import schedule
from puente.success.alerts.models import RiskScore
from tests.alerts.test_releases_and_scores import SCORED_ON, release, trained  # noqa: F401 (fixtures)


@pytest.fixture
def today_is_week_4(monkeypatch, settings):
    """The scheduled job scores "today": make it week 4 of the history's last term. Heartbeats go
    to a cache of this test alone, so a worker running on this machine does not take the task."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "scoring"}}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: SCORED_ON)
    return datetime.combine(SCORED_ON, datetime.min.time(), tzinfo=UTC) + timedelta(hours=5)


def test_the_weekly_job_scores_institutions_with_an_active_release(release, today_is_week_4):  # noqa: F811
    now = today_is_week_4
    assert not RiskScore.objects.exists()

    results = schedule.run_due(now)

    assert str(results["alerts.score"].status) == "SUCCESSFUL"
    assert results["alerts.score"].return_value == {release.institution.code: RiskScore.objects.count()}
    assert RiskScore.objects.filter(release=release, scored_on=SCORED_ON).count() > 0
    assert "alerts.score" not in schedule.run_due(now + timedelta(days=6))
    assert "alerts.score" in schedule.run_due(now + timedelta(days=7))
