# ruff: noqa: N806 — scikit-learn names the feature matrix X.
"""Releases are trained per institution, scored on a schedule, and read only by who may."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from puente.core.models import AuditAction, AuditEvent
from puente.success.alerts import services
from puente.success.alerts.evaluation import library_versions
from puente.success.alerts.models import Band, ModelRelease, PredictionPoint, RiskScore, TargetDefinition
from puente.success.alerts.pipeline import EarlyAlertModel
from puente.success.alerts.storage import models_dir, save_model
from tests.alerts.conftest import FAST_MODEL, simulate, to_records
from tests.permissions import assert_page_access

TRAINED_ON = date(2024, 8, 20)  # terms 1–5 have a known outcome (term 6 has started)
SCORED_ON = date(2024, 8, 29)  # week 4 of term 6


@pytest.fixture
def as_user(db):
    def _as(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _as


@pytest.fixture(scope="module")
def trained():
    """Train once for the module on the same simulated history (training is the slow part)."""
    records = to_records(simulate(seed=3))
    X, y, groups, meta = services.training_table(
        records, target=TargetDefinition.NOT_ENROLLED_NEXT_TERM, point=PredictionPoint.WEEK_4, as_of=TRAINED_ON
    )
    metrics, policy = services.quality_report(X, y, groups, meta, folds=3, model_params=FAST_MODEL)
    model = EarlyAlertModel(**FAST_MODEL).fit(X, y, groups=groups)
    return model, metrics, policy, len(y), float(y.mean())


@pytest.fixture
def release(history, trained):
    """An active release of Andino holding the module's model (as train_release would save it)."""
    model, metrics, policy, n, rate = trained
    sha = save_model(model, "pe-andino/v1.skops")
    return ModelRelease.objects.create(
        institution=history.world.andino,
        version=1,
        target=TargetDefinition.NOT_ENROLLED_NEXT_TERM,
        prediction_point=PredictionPoint.WEEK_4,
        data_from=date(2022, 3, 1),
        data_to=date(2024, 3, 1),
        n_train=n,
        positive_rate=rate,
        model_name=model.model_name_,
        features=model.feature_report(),
        metrics=metrics,
        threshold_policy=policy,
        library_versions=library_versions(),
        file_path="pe-andino/v1.skops",
        file_sha256=sha,
        is_active=True,
    )


@pytest.fixture
def scored(release):
    count = services.score_institution(release.institution, on=SCORED_ON)
    assert count > 0
    return release


def test_a_release_keeps_what_its_model_card_shows(history):
    release = services.train_release(
        history.world.andino, activate=True, as_of=TRAINED_ON, folds=3, model_params=FAST_MODEL
    )
    assert release.version == 1 and release.is_active
    assert release.target == "not_enrolled_next_term" and release.prediction_point == "week_4"
    assert release.n_train > 100
    assert release.metrics["overall"]["roc_auc"] > 0.6
    assert set(release.metrics["by_sex"]) == {"F", "M"}
    assert set(release.metrics["by_disability"]) == {"yes", "no"}
    for group in [*release.metrics["by_sex"].values(), *release.metrics["by_disability"].values()]:
        assert {"n", "roc_auc", "pr_auc", "brier", "recall", "alert_rate"} <= set(group)
    assert release.threshold_policy["kind"] == "capacity"
    assert release.threshold_policy["red"] >= release.threshold_policy["amber"]
    assert {"scikit-learn", "lightgbm"} <= set(release.library_versions)
    assert (models_dir() / release.file_path).exists()
    assert "sex" not in {f["name"] for f in release.features}


def test_a_new_release_replaces_the_active_one(release):
    second = services.train_release(
        release.institution, activate=True, as_of=TRAINED_ON, folds=2, model_params=FAST_MODEL
    )
    assert second.version == 2
    assert list(ModelRelease.objects.filter(is_active=True)) == [second]


def test_model_card_is_for_staff_of_the_institution_only(as_user, release, history):
    w = history.world
    url = reverse("alerts:release_detail", args=[release.pk])
    assert_page_access(as_user, url, allowed=[w.alice, w.tina, w.root], denied=[w.bob, w.mia, w.sam, w.eve])
    page = as_user(w.alice).get(url).content.decode()
    assert "ROC-AUC" in page and 'id="by-sex"' in page and 'id="by-disability"' in page
    # Derived shares are listed with what they divide, in the reader's language.
    assert "total_passed / total_attempted" in page
    assert "derivada: total_passed dividido por total_attempted" in page
    assert_page_access(as_user, reverse("alerts:release_list"), allowed=[w.alice, w.tina], denied=[w.mia, w.sam])
    assert f"v{release.version}" not in as_user(w.bob).get(reverse("alerts:release_list")).content.decode()


def test_scores_have_bands_reasons_and_the_change_since_last_time(scored):
    scores = RiskScore.objects.filter(release=scored)
    bands = set(scores.values_list("band", flat=True))
    assert Band.RED in bands and Band.GREEN in bands
    red = scores.filter(band=Band.RED).first()
    assert 1 <= len(red.reasons) <= 5
    assert all({"code", "values", "weight"} <= set(r) for r in red.reasons)
    assert all(r["weight"] > 0 for r in red.reasons)
    assert red.previous_probability is None
    services.score_institution(scored.institution, on=date(2024, 9, 5))
    later = RiskScore.objects.get(student=red.student, scored_on=date(2024, 9, 5))
    assert later.previous_probability == pytest.approx(red.probability)
    assert later.change == pytest.approx(later.probability - red.probability)


def test_scoring_the_same_day_again_replaces_the_scores(scored):
    count = RiskScore.objects.count()
    services.score_institution(scored.institution, on=SCORED_ON)
    assert RiskScore.objects.count() == count


def test_the_tutor_list_holds_only_her_students_within_capacity(scored, history):
    tina = history.world.tina
    listed = services.students_at_risk_for_tutor(tina, capacity=3)
    assert 0 < len(listed) <= 3
    assert all(s.student.tutor_id == tina.pk and s.band != Band.GREEN for s in listed)
    assert [s.probability for s in listed] == sorted((s.probability for s in listed), reverse=True)
    assert all(isinstance(text, str) for s in listed for text in s.reasons)
    assert services.students_at_risk_for_tutor(history.world.alice) == []  # not her tutees


def test_latest_scores_and_their_reads_are_audited(scored, history):
    w = history.world
    ids = list(RiskScore.objects.values_list("student_id", flat=True)[:5])
    before = AuditEvent.objects.filter(action=AuditAction.READ, object_type="alerts.riskscore").count()
    latest = services.latest_scores_for(ids, user=w.alice)
    assert set(latest) == set(ids)
    after = AuditEvent.objects.filter(action=AuditAction.READ, object_type="alerts.riskscore")
    assert after.count() == before + 5
    assert set(after.values_list("actor_id", flat=True)) == {w.alice.pk}
    assert services.latest_scores_for(ids, user=w.bob) == {}


def test_students_never_see_their_own_score(scored, history, api):
    w = history.world
    RiskScore.objects.create(student=w.a1, release=scored, scored_on=SCORED_ON, probability=0.9, band=Band.RED)
    assert not RiskScore.objects.visible_to(w.sam).exists()
    assert services.latest_scores_for([w.a1.pk], user=w.sam) == {}
    assert api(w.sam).get("/api/v1/risk-scores/").status_code in (403, 404)
    assert services.students_at_risk_for_tutor(w.sam) == []


def test_ministry_users_never_see_individual_scores(scored, history, api):
    w = history.world
    assert not RiskScore.objects.visible_to(w.mia).exists()
    assert api(w.mia).get("/api/v1/risk-scores/").status_code == 403
    assert api(w.mia).get("/api/v1/alert-releases/").status_code == 403


def test_the_api_lists_scores_in_scope_with_readable_reasons(scored, history, api):
    w = history.world
    response = api(w.tina).get("/api/v1/risk-scores/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows and all(RiskScore.objects.get(pk=r["id"]).student.tutor_id == w.tina.pk for r in rows)
    assert api(w.bob).get("/api/v1/risk-scores/").json()["count"] == 0
    one = rows[0]["id"]
    assert api(w.bob).get(f"/api/v1/risk-scores/{one}/").status_code == 404
    assert api(w.alice).get(f"/api/v1/risk-scores/{one}/").status_code == 200


def test_the_commands_train_and_score(release, history, capsys):
    call_command("alerts", "score", "--institution", history.world.andino.code, "--date", SCORED_ON.isoformat())
    assert "students scored" in capsys.readouterr().out
    assert RiskScore.objects.filter(scored_on=SCORED_ON).exists()


def test_the_success_pages_read_scores_through_the_service(scored, history):
    """``puente.success.risk`` (the tutor list and cases) adapts ``latest_scores_for`` output."""
    from django.utils import translation

    from puente.success import risk

    score = RiskScore.objects.filter(release=scored, band=Band.RED).first()
    with translation.override("es"):
        adapted = risk.latest_risks([score.student_id])[score.student_id]
    assert adapted.band == "red"
    assert adapted.probability == pytest.approx(score.probability)
    assert adapted.reasons and all(isinstance(r, str) and not r.startswith("{") for r in adapted.reasons)
