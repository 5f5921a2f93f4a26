"""Periodic jobs are enqueued once per interval, whoever asks and however often."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django_tasks import task

from puente.lib import schedule
from puente.lib.models import LastRun
from puente.lib.schedule import PeriodicJob
from puente.lib.tasks import beat

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
RUNS: list[str] = []


@task()
def tick(label: str = "tick") -> str:
    RUNS.append(label)
    return label


@pytest.fixture(autouse=True)
def _no_runs_yet():
    RUNS.clear()


def weekly(**kwargs) -> PeriodicJob:
    return PeriodicJob("test.weekly", tick, every=timedelta(days=7), **kwargs)


def test_a_due_job_is_enqueued_once_and_not_again_before_its_interval():
    job = weekly(args=("weekly",))
    assert list(schedule.run_due(MONDAY, jobs=[job])) == ["test.weekly"]
    assert schedule.run_due(MONDAY + timedelta(minutes=1), jobs=[job]) == {}
    assert schedule.run_due(MONDAY + timedelta(days=6, hours=23), jobs=[job]) == {}
    assert RUNS == ["weekly"]
    assert LastRun.objects.get(name="test.weekly").last_enqueued_at == MONDAY


def test_it_runs_again_once_the_interval_has_passed():
    job = weekly()
    schedule.run_due(MONDAY, jobs=[job])
    assert list(schedule.run_due(MONDAY + timedelta(days=7), jobs=[job])) == ["test.weekly"]
    assert RUNS == ["tick", "tick"]


def test_two_workers_claiming_the_same_run_enqueue_it_once():
    job = weekly()
    assert schedule.claim(job, MONDAY) is True
    assert schedule.claim(job, MONDAY) is False  # the other worker, same cycle
    assert schedule.claim(job, MONDAY + timedelta(seconds=10)) is False  # its next cycle
    assert LastRun.objects.filter(name="test.weekly").count() == 1


def test_a_worker_that_read_a_stale_state_does_not_enqueue_again():
    """Both workers saw the job due; the first claims and runs it, the second's claim fails."""
    job = weekly()
    stale = schedule.job_states([job])
    schedule.run_due(MONDAY, jobs=[job])
    assert stale[0].is_due(MONDAY)
    assert schedule.claim(job, MONDAY + timedelta(seconds=5)) is False
    assert RUNS == ["tick"]


def test_a_job_disabled_by_its_setting_never_runs(settings):
    settings.TEST_TICK_EVERY_DAYS = 0
    job = weekly(setting="TEST_TICK_EVERY_DAYS")
    assert job.interval() is None
    for day in range(30):
        assert schedule.run_due(MONDAY + timedelta(days=day), jobs=[job]) == {}
    assert schedule.claim(job, MONDAY) is False
    assert RUNS == []


def test_the_setting_overrides_the_declared_interval(settings):
    settings.TEST_TICK_EVERY_DAYS = 2
    job = weekly(setting="TEST_TICK_EVERY_DAYS")
    schedule.run_due(MONDAY, jobs=[job])
    schedule.run_due(MONDAY + timedelta(days=1), jobs=[job])
    schedule.run_due(MONDAY + timedelta(days=2), jobs=[job])
    assert len(RUNS) == 2


def test_a_run_that_could_not_be_enqueued_is_tried_again(monkeypatch):
    job = weekly()

    def broken(*args, **kwargs):
        raise ConnectionError("queue unavailable")

    monkeypatch.setattr(schedule, "enqueue", broken)
    assert schedule.run_due(MONDAY, jobs=[job]) == {}
    assert LastRun.objects.get(name="test.weekly").last_enqueued_at is None
    monkeypatch.undo()
    assert list(schedule.run_due(MONDAY + timedelta(seconds=10), jobs=[job])) == ["test.weekly"]


def test_with_a_worker_alive_the_job_is_queued_for_it():
    from django_tasks_db.models import DBTaskResult

    beat()
    result = schedule.run_due(MONDAY, jobs=[weekly()])["test.weekly"]
    assert str(result.status) == "READY"
    assert RUNS == []
    assert DBTaskResult.objects.filter(id=result.id).exists()


def test_apps_declare_scoring_weekly_and_reminders_daily(settings):
    jobs = {job.name: job for job in schedule.registered_jobs()}
    assert jobs["alerts.score"].interval() == timedelta(days=7)
    assert jobs["surveys.remind"].interval() == timedelta(days=1)
    settings.ALERTS_SCORE_EVERY_DAYS = 0
    assert jobs["alerts.score"].interval() is None


def test_the_worker_keeps_beating_when_the_schedule_fails(monkeypatch):
    from puente.core.management.commands import worker

    def broken(*args, **kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr(schedule, "run_due", broken)
    worker.run_scheduled_jobs()  # logged, not raised


def test_the_command_lists_the_jobs_and_runs_those_due(capsys, settings):
    settings.SURVEYS_REMIND_EVERY_DAYS = 0
    call_command("schedule")
    listing = capsys.readouterr().out
    assert "alerts.score" in listing and "7 days" in listing and "never" in listing
    assert "surveys.remind" in listing and "disabled" in listing

    call_command("schedule", "run-due")
    assert capsys.readouterr().out.splitlines() == ["alerts.score: ran here"]
    call_command("schedule", "run-due")
    assert "Nothing is due." in capsys.readouterr().out

    call_command("schedule", "list")
    listing = capsys.readouterr().out
    assert "never" not in listing.split("alerts.score", 1)[1].splitlines()[0]
