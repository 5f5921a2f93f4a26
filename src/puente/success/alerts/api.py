"""Early alerts in the REST API: model cards and risk scores (read-only, scoped, audited)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from puente.core.api_base import PuenteAPIMixin, ScopedReadOnlyViewSet
from puente.core.roles import Capability

from .models import ModelRelease, RiskScore
from .services import access_score_by_id, audit_reads, explain, releases_for, scores_for


class ModelReleaseSerializer(serializers.ModelSerializer):
    institution: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ModelRelease
        fields = [
            "id",
            "institution",
            "version",
            "target",
            "prediction_point",
            "data_from",
            "data_to",
            "n_train",
            "positive_rate",
            "model_name",
            "features",
            "metrics",
            "threshold_policy",
            "library_versions",
            "is_active",
            "trained_at",
        ]


class RiskScoreSerializer(serializers.ModelSerializer):
    reason_texts = serializers.SerializerMethodField()
    change = serializers.FloatField(read_only=True)

    class Meta:
        model = RiskScore
        fields = [
            "id",
            "student",
            "release",
            "scored_on",
            "probability",
            "band",
            "reasons",
            "reason_texts",
            "previous_probability",
            "change",
        ]

    def get_reason_texts(self, obj: RiskScore) -> list[str]:
        return explain(obj)


class ModelReleaseViewSet(PuenteAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Model releases (model cards) of the caller's institutions."""

    queryset = ModelRelease.objects.all()
    serializer_class = ModelReleaseSerializer
    capability = Capability.VIEW_STUDENTS

    def get_queryset(self) -> Any:
        return releases_for(self.request.user)


class RiskScoreViewSet(ScopedReadOnlyViewSet):
    """Risk scores the caller may see (tutors: their students'; students never). Every read is audited."""

    queryset = RiskScore.objects.select_related("student", "release")
    serializer_class = RiskScoreSerializer
    capability = Capability.VIEW_STUDENTS

    def get_queryset(self) -> Any:
        qs = scores_for(self.request.user)
        student = self.request.query_params.get("student")
        if student and student.isdigit():
            qs = qs.filter(student_id=int(student))
        return qs

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = list(page if page is not None else self.get_queryset())
        audit_reads(request.user, rows)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        score = access_score_by_id(request.user, kwargs.get("pk"))
        return Response(self.get_serializer(score).data)


def register(router: DefaultRouter) -> None:
    """Routes of this app under /api/v1/."""
    router.register("alert-releases", ModelReleaseViewSet, basename="alert-release")
    router.register("risk-scores", RiskScoreViewSet, basename="risk-score")
