"""Early alerts: train a release, score students, and read scores — the API other apps use.

For the tutor's weekly list and the case loop (``puente.success``):

- :func:`students_at_risk_for_tutor` — the tutor's students that need contact, highest risk
  first, at most ``capacity`` of them (green students never);
- :func:`latest_scores_for` — the latest score of each of the given students (as :class:`ScoreView`);
- :func:`explain` — a score's reasons as plain sentences in the active language;
- :func:`access_score_by_id` — one score, 404 outside the user's scope.

Every read of scores through these functions is recorded in the audit log (one event per score).
Students never see their own score: :class:`~.models.RiskScore` is not visible to the student role.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from puente.core.audit import current_actor, record, record_read
from puente.core.models import AuditAction, AuditEvent, Organisation
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, access_by_id, acting_user, scope_for
from puente.success.models import Student, Term

from .evaluation import alert_threshold, binary_metrics, library_versions, metrics_by_group, outer_splits
from .features import (
    CATEGORICAL_FEATURES,
    NUMERIC_FEATURES,
    Records,
    build_features,
    build_targets,
    load_records,
    target_observable,
)
from .models import Band, ModelRelease, PredictionPoint, RiskScore, TargetDefinition
from .pipeline import EarlyAlertModel
from .reasons import reason_text, reasons_for_frame
from .storage import load_model, save_model

logger = logging.getLogger(__name__)

DEFAULT_TARGET = TargetDefinition.NOT_ENROLLED_NEXT_TERM
DEFAULT_POINT = PredictionPoint.WEEK_4
DEFAULT_CAPACITY = 10
MAX_TRAINING_TERMS = 10
MIN_TRAINING_ROWS = 40
SEX_LABELS = {"F": "F", "M": "M", "X": "X", "": "(missing)", None: "(missing)"}


# ------------------------------------------------------------------------------------------------
# Training
# ------------------------------------------------------------------------------------------------


def training_table(
    records: Records,
    *,
    target: str,
    point: str,
    as_of: date,
    options: dict[str, Any] | None = None,
    max_terms: int = MAX_TRAINING_TERMS,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, pd.DataFrame]:
    """Features, outcomes, term codes (the cohorts) and sex/disability of every student-term whose
    outcome is known on ``as_of``, over the last ``max_terms`` such terms."""
    options = options or {}
    records = records.normalised()
    include = tuple(options.get("include", ()))
    terms = records.terms.sort_values("starts_on")
    usable = [
        row
        for row in terms.itertuples()
        if row.starts_on <= pd.Timestamp(as_of) and target_observable(records, row.term_id, target, as_of, options)
    ][-max_terms:]
    frames, ys, groups = [], [], []
    for term in usable:
        cutoff = PredictionPoint.cutoff(point, term.starts_on.date(), term.ends_on.date())
        features = build_features(records, term.term_id, cutoff, include=include)
        if features.empty:
            continue
        y = build_targets(records, term.term_id, cutoff, target, options).reindex(features.index)
        frames.append(features)
        ys.append(y.to_numpy())
        groups += [term.code] * len(features)
    if not frames:
        return (
            pd.DataFrame(columns=[*NUMERIC_FEATURES, *CATEGORICAL_FEATURES]),
            np.zeros(0),
            np.zeros(0),
            pd.DataFrame(),
        )
    X = pd.concat(frames)  # noqa: N806 (scikit-learn's name)
    students = records.students.drop_duplicates("student_id").set_index("student_id")
    meta = pd.DataFrame(
        {
            "sex": students["sex"].reindex(X.index).map(lambda v: SEX_LABELS.get(v, str(v))).to_numpy(),
            "disability": students["disability"].reindex(X.index).fillna("(missing)").to_numpy(),
        }
    )
    return X.reset_index(drop=True), np.concatenate(ys).astype(int), np.asarray(groups), meta


def quality_report(
    X: pd.DataFrame,  # noqa: N803
    y: np.ndarray,
    groups: np.ndarray,
    meta: pd.DataFrame,
    *,
    alert_rate: float | None = None,
    folds: int = 5,
    seed: int = 0,
    model_params: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Out-of-fold metrics (folds grouped by term), overall and per sex and disability, and the
    threshold policy derived from them."""
    splits, scheme = outer_splits(y, pd.Series(groups), folds, seed)
    oof = np.full(len(y), np.nan)
    for tr, te in splits:
        model = EarlyAlertModel(random_state=seed, n_jobs=1, **(model_params or {})).fit(
            X.iloc[tr], y[tr], groups=groups[tr]
        )
        oof[te] = model.predict_proba(X.iloc[te])[:, 1]
    rate = float(y.mean()) if alert_rate is None else float(alert_rate)
    red = alert_threshold(oof, rate)
    amber = alert_threshold(oof, min(1.0, 2 * rate))
    alert = oof >= red
    metrics = {
        "overall": binary_metrics(y, oof, alert),
        "by_sex": metrics_by_group(meta, ["sex"], y, oof, alert)["sex"],
        "by_disability": metrics_by_group(meta, ["disability"], y, oof, alert)["disability"],
        "cv": scheme,
    }
    policy = {
        "kind": "capacity",
        "alert_rate": round(rate, 4),
        "red": round(red, 4),
        "amber": round(min(amber, red), 4),
        "explanation": "red: the highest-risk share equal to the alert rate; amber: the next share of the same size",
    }
    return metrics, policy


def _institution(institution: Organisation | str | int) -> Organisation:
    if isinstance(institution, Organisation):
        return institution
    if isinstance(institution, int):
        return Organisation.objects.get(pk=institution)
    try:
        return Organisation.objects.get(code=institution)
    except Organisation.DoesNotExist:
        raise ValueError(f"No institution with code {institution!r}.") from None


def train_release(
    institution: Organisation | str | int,
    *,
    target: str | None = None,
    point: str | None = None,
    activate: bool = False,
    as_of: date | None = None,
    user: AnyUser | None = None,
    options: dict[str, Any] | None = None,
    folds: int = 5,
    model_params: dict[str, Any] | None = None,
) -> ModelRelease:
    """Train, evaluate (out-of-fold, per sex and disability) and save a new release of an
    institution's model from its own history; optionally make it the active one.

    ``options``: ``include`` (optional features, e.g. ``["sex"]``), ``alert_rate`` (share flagged
    red; default the positive rate), ``nominal_terms`` (for ``not_graduated_on_time``)."""
    org = _institution(institution)
    target = TargetDefinition(target or DEFAULT_TARGET)
    point = PredictionPoint(point or DEFAULT_POINT)
    options = dict(options or {})
    as_of = as_of or timezone.localdate()
    records = load_records(org.pk, until=as_of)
    X, y, groups, meta = training_table(records, target=target, point=point, as_of=as_of, options=options)  # noqa: N806
    if len(y) < MIN_TRAINING_ROWS or y.sum() < 5 or (len(y) - y.sum()) < 5:
        raise ValueError(
            f"Not enough history to train: {len(y)} student-terms with a known outcome, {int(y.sum())} positive."
        )
    metrics, policy = quality_report(
        X, y, groups, meta, alert_rate=options.get("alert_rate"), folds=folds, model_params=model_params
    )
    model = EarlyAlertModel(n_jobs=1, **(model_params or {})).fit(X, y, groups=groups)
    model.oof_probability_ = None  # not needed to score; keeps the file small
    terms = records.terms.set_index("code")
    used = sorted(set(groups.tolist()), key=lambda code: terms.at[code, "starts_on"])
    with transaction.atomic():
        last = ModelRelease.objects.select_for_update().filter(institution=org).aggregate(v=Max("version"))["v"] or 0
        version = last + 1
        relative = f"{org.code}/v{version}.skops"
        sha = save_model(model, relative)
        release = ModelRelease.objects.create(
            institution=org,
            version=version,
            target=target,
            prediction_point=point,
            data_from=terms.at[used[0], "starts_on"].date(),
            data_to=terms.at[used[-1], "ends_on"].date(),
            n_train=len(y),
            positive_rate=float(y.mean()),
            model_name=model.model_name_,
            features=model.feature_report(),
            metrics={**metrics, "inner_cv": model.cv_scores_, "terms": used},
            threshold_policy=policy,
            options=options,
            library_versions=library_versions(),
            file_path=relative,
            file_sha256=sha,
            trained_by=acting_user(user),
        )
        if activate:
            activate_release(release)
    return release


def train_all(
    *, target: str | None = None, point: str | None = None, activate: bool = False, as_of: date | None = None
) -> dict[str, ModelRelease | str]:
    """Train a release for every institution that has students and enough history (the demo
    calls this, then :func:`score_institutions`). Returns code → release, or why it was skipped."""
    out: dict[str, ModelRelease | str] = {}
    codes = Organisation.objects.filter(students__isnull=False).distinct().values_list("code", flat=True)
    for code in codes:
        try:
            out[code] = train_release(code, target=target, point=point, activate=activate, as_of=as_of)
        except ValueError as exc:
            out[code] = str(exc)
    return out


@transaction.atomic
def activate_release(release: ModelRelease) -> ModelRelease:
    """Make ``release`` the one used to score its institution's students."""
    ModelRelease.objects.filter(institution_id=release.institution_id, is_active=True).exclude(pk=release.pk).update(
        is_active=False
    )
    if not release.is_active:
        release.is_active = True
        release.save(update_fields=["is_active"])
    return release


# ------------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------------


def band_for(probability: np.ndarray, policy: dict[str, Any]) -> np.ndarray:
    red, amber = float(policy.get("red", 0.5)), float(policy.get("amber", 0.25))
    return np.where(
        probability >= red, Band.RED.value, np.where(probability >= amber, Band.AMBER.value, Band.GREEN.value)
    )


def score_frame(model: EarlyAlertModel, features: pd.DataFrame, policy: dict[str, Any]) -> pd.DataFrame:
    """Probabilities, bands and reasons for a feature matrix (reasons only for red and amber:
    green students are not shown to anyone, and explanations cost more than scores)."""
    columns = [str(c) for c in model.feature_names_in_]
    matrix = features.reindex(columns=columns)
    probability = model.predict_proba(matrix)[:, 1]
    bands = band_for(probability, policy)
    out = pd.DataFrame({"probability": probability, "band": bands}, index=features.index)
    column: list[list[dict[str, Any]]] = [[] for _ in range(len(out))]
    flagged = np.flatnonzero(bands != Band.GREEN.value)
    if len(flagged):
        reasons = reasons_for_frame(model.contributions(matrix.iloc[flagged]), features.iloc[flagged])
        for position, row_reasons in zip(flagged, reasons, strict=True):
            column[position] = row_reasons
    out["reasons"] = pd.Series(column, index=out.index, dtype=object)
    return out


def current_term(institution_id: int, on: date) -> Term | None:
    """The term in progress on ``on``, else the latest that has started."""
    terms = Term.objects.filter(institution_id=institution_id, starts_on__lte=on)
    return terms.filter(ends_on__gte=on).order_by("-starts_on").first() or terms.order_by("-starts_on").first()


def score_institution(institution: Organisation | str | int, *, on: date | None = None) -> int:
    """Score the students of the current term with the institution's active release; replaces the
    scores of the same day. Returns how many students were scored."""
    org = _institution(institution)
    release = ModelRelease.objects.filter(institution=org, is_active=True).first()
    if release is None:
        return 0
    on = on or timezone.localdate()
    term = current_term(org.pk, on)
    if term is None:
        return 0
    records = load_records(org.pk, until=on)
    include = tuple(release.options.get("include", ()))
    features = build_features(records, term.pk, on, include=include)
    if features.empty:
        return 0
    model = load_model(release.file_path, release.file_sha256)
    scored = score_frame(model, features, release.threshold_policy)
    previous = dict(
        RiskScore.objects.filter(student_id__in=list(scored.index), scored_on__lt=on)
        .order_by("student_id", "scored_on", "created_at")
        .values_list("student_id", "probability")
    )
    rows = [
        RiskScore(
            student_id=int(student_id),
            release=release,
            scored_on=on,
            probability=round(float(p), 5),
            band=band,
            reasons=reasons,
            previous_probability=previous.get(int(student_id)),
        )
        for student_id, p, band, reasons in zip(
            scored.index, scored["probability"], scored["band"], scored["reasons"], strict=True
        )
    ]
    with transaction.atomic():
        RiskScore.objects.filter(release=release, scored_on=on).delete()
        RiskScore.objects.bulk_create(rows, batch_size=2000)
        record(
            AuditAction.CREATE,
            object_type="alerts.riskscore",
            detail=f"{len(rows)} risk scores computed with {release} for {on.isoformat()}",
            organisation_id=org.pk,
        )
    return len(rows)


def score_institutions(code: str | None = None, *, on: date | None = None) -> dict[str, int]:
    """Score every institution with an active release (or only ``code``)."""
    releases = ModelRelease.objects.filter(is_active=True).select_related("institution")
    if code:
        releases = releases.filter(institution__code=code)
    return {r.institution.code: score_institution(r.institution, on=on) for r in releases}


# ------------------------------------------------------------------------------------------------
# Reading scores (audited)
# ------------------------------------------------------------------------------------------------


def audit_reads(user: AnyUser | None, scores: Iterable[RiskScore]) -> None:
    """One audit event per score a person reads, written in one query. Reads by the system itself
    (scheduled scoring, cases opened from alerts) are not a person reading and are not logged."""
    actor = acting_user(user)
    if actor is None:
        return
    label = actor.get_username()[:150]
    events = [
        AuditEvent(
            action=AuditAction.READ,
            object_type="alerts.riskscore",
            object_id=str(score.pk),
            object_label=str(score)[:200],
            organisation_id=score.student.institution_id,
            fields=list(RiskScore.sensitive_fields),
            actor=actor,  # type: ignore[misc]
            actor_label=label,
        )
        for score in scores
    ]
    if events:
        AuditEvent.objects.bulk_create(events)


def scores_for(user: AnyUser | None) -> QuerySet[RiskScore]:
    """Every score the user may see (no audit: use the functions below to read them)."""
    return RiskScore.objects.visible_to(user).select_related("student", "release")


@dataclass(frozen=True)
class ScoreView:
    """A risk score as pages show it: reasons already rendered in the active language."""

    pk: int
    student_id: int
    probability: float
    band: str
    reasons: list[str]
    reason_codes: list[dict[str, Any]]
    previous_probability: float | None
    change: float | None
    scored_on: date
    scored_at: datetime
    release_id: int
    student: Student | None = None

    @classmethod
    def of(cls, score: RiskScore, *, with_student: bool = False) -> ScoreView:
        return cls(
            pk=score.pk,
            student_id=score.student_id,
            probability=score.probability,
            band=score.band,
            reasons=explain(score),
            reason_codes=list(score.reasons),
            previous_probability=score.previous_probability,
            change=score.change,
            scored_on=score.scored_on,
            scored_at=score.created_at,
            release_id=score.release_id,
            student=score.student if with_student else None,
        )


def _latest_subquery() -> Subquery:
    return Subquery(
        RiskScore.objects.filter(student_id=OuterRef("student_id"))
        .order_by("-scored_on", "-created_at", "-pk")
        .values("pk")[:1]
    )


def latest_scores_for(students: Iterable[Student | int], user: AnyUser | None = None) -> dict[int, ScoreView]:
    """The latest score (by prediction date) of each given student, keyed by student id; students
    without a score are absent. Reasons come as sentences in the active language.

    With ``user``, only scores that user may see are returned (students never see theirs). Without
    it the caller has already decided the students are visible (the tutor list and case services
    of ``success`` pass ids from ``Student.objects.visible_to``). Every score returned is recorded
    in the audit log as a read by ``user`` or by the request's current user."""
    ids = [s.pk if isinstance(s, Student) else int(s) for s in students]
    if not ids:
        return {}
    base = scores_for(user) if user is not None else RiskScore.objects.select_related("student", "release")
    scores = []
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        scores += list(base.filter(student_id__in=chunk, pk=_latest_subquery()))
    audit_reads(user if user is not None else current_actor(), scores)
    return {s.student_id: ScoreView.of(s) for s in scores}


def students_at_risk_for_tutor(
    user: AnyUser | None, capacity: int | None = DEFAULT_CAPACITY, *, include_amber: bool = True
) -> list[ScoreView]:
    """The tutor's own students to contact this week: latest scores in red (and amber), highest
    probability first, at most ``capacity`` (None: no limit). Reads are audited."""
    if user is None or not user.is_authenticated:
        return []
    bands = [Band.RED, Band.AMBER] if include_amber else [Band.RED]
    qs = (
        scores_for(user)
        .filter(student__tutor_id=user.pk, pk=_latest_subquery(), band__in=bands)
        .select_related("student__programme")
        .order_by("-probability", "student_id")
    )
    scores = list(qs[:capacity] if capacity is not None else qs)
    audit_reads(user, scores)
    return [ScoreView.of(s, with_student=True) for s in scores]


def access_score_by_id(user: AnyUser | None, score_id: Any) -> RiskScore:
    """One score, 404 outside the user's scope; the read is audited."""
    score = access_by_id(RiskScore, user, score_id, queryset=RiskScore.objects.select_related("student", "release"))
    record_read(user, score)
    return score


def explain(score: RiskScore) -> list[str]:
    """The score's reasons as sentences in the active language, strongest first."""
    return [reason_text(reason) for reason in score.reasons]


# ------------------------------------------------------------------------------------------------
# Releases (model cards)
# ------------------------------------------------------------------------------------------------


def releases_for(user: AnyUser | None) -> QuerySet[ModelRelease]:
    """Releases of the institutions where the user may view students (admins: all)."""
    scope = scope_for(user)
    qs = ModelRelease.objects.select_related("institution")
    if scope.is_admin:
        return qs
    return qs.filter(institution_id__in=scope.organisations_with(Capability.VIEW_STUDENTS) & scope.staff_institutions())


def access_release_by_id(user: AnyUser | None, release_id: Any) -> ModelRelease:
    try:
        return releases_for(user).get(pk=release_id)
    except (ModelRelease.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
