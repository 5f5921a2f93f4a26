"""API of the qualifications module under /api/v1/: frameworks, qualifications (search,
suggestions, alignments), correlations (read by anyone, decided by regional analysts) and
correlation reports. Writes go through the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from puente.core.api_base import PublicReadOnlyViewSet, PuenteAPIMixin
from puente.core.roles import Capability

from . import services
from .models import (
    Correlation,
    CorrelationReport,
    Framework,
    FrameworkStatus,
    Qualification,
    QualificationStatus,
    ReportStatus,
)
from .serializers import (
    CorrelationReportSerializer,
    CorrelationSerializer,
    DecisionInputSerializer,
    FrameworkSerializer,
    QualificationSerializer,
)


class PublicReadMixin(PuenteAPIMixin):
    """Anyone reads; writing needs ``capability`` (and the service's own role check)."""

    capability: str | None = Capability.VIEW_AGGREGATES

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        # Set before the permission check that ``initial`` runs (core.permissions.HasCapability).
        self.public = request.method in SAFE_METHODS
        super().initial(request, *args, **kwargs)


class FrameworkViewSet(PublicReadOnlyViewSet):
    queryset = (
        Framework.objects.exclude(status=FrameworkStatus.DRAFT)
        .select_related("owner")
        .prefetch_related("levels__descriptors__domain")
    )
    serializer_class = FrameworkSerializer


class QualificationViewSet(PublicReadMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Qualifications; ``?q=`` searches titles (accents, gender forms and typos tolerated)."""

    queryset = Qualification.objects.exclude(status=QualificationStatus.DRAFT).select_related(
        "level__framework", "awarding_body", "sector"
    )
    serializer_class = QualificationSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Title to search"),
            OpenApiParameter("country", str, description="ISO 3166-1 code"),
            OpenApiParameter("sector", str, description="Sector code"),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = request.query_params.get("q", "").strip()
        country = request.query_params.get("country", "")
        if query:
            found = services.search_qualifications(query, country=country, limit=50)
            results = [
                {
                    "id": r.id,
                    "identifier": f"{r.country_id}:{r.code}",
                    "country": r.country_id,
                    "code": r.code,
                    "kind": r.kind,
                    "title": dict(r.title),
                    "level": r.level,
                    "regional_level": r.regional_level,
                    "score": r.score,
                }
                for r in found
            ]
            return Response({"count": len(results), "results": results})
        qs = self.get_queryset()
        if country:
            qs = qs.filter(country_id=country.upper())
        if request.query_params.get("sector"):
            qs = qs.filter(sector__code=request.query_params["sector"])
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=dict, responses=QualificationSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Register or update a qualification (exchange shape, see docs/qualifications.md)."""
        if not isinstance(request.data, dict):
            raise ValidationError("Expected a JSON object.")
        qualification = services.register_qualification(dict(request.data), user=request.user)
        return Response(self.get_serializer(qualification).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def suggestions(self, request: Request, pk: str | None = None) -> Response:
        """Suggested counterparts per country, with the evidence (not decisions)."""
        qualification = self.get_object()
        found = services.suggest_equivalents(qualification)
        return Response(
            {
                country: [
                    {**s.as_dict(), "identifier": s.qualification.identifier if s.qualification else None}
                    for s in items
                ]
                for country, items in found.items()
            }
        )

    @action(detail=True, methods=["get"])
    def alignments(self, request: Request, pk: str | None = None) -> Response:
        """Framework-level and ESCO alignments (Open Badges 3.0 Alignment shape)."""
        return Response(services.alignments_of(self.get_object()))


class CorrelationViewSet(PublicReadMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Decided correlations. POST records a decision (regional analysts and administrators)."""

    queryset = Correlation.objects.select_related("source", "target")
    serializer_class = CorrelationSerializer

    def get_queryset(self) -> Any:
        qs = super().get_queryset()
        identifier = self.request.query_params.get("qualification")
        if identifier:
            country, _sep, code = identifier.partition(":")
            qs = qs.filter(
                Q(source__country_id=country, source__code=code) | Q(target__country_id=country, target__code=code)
            )
        return qs

    @extend_schema(request=DecisionInputSerializer, responses=CorrelationSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            source = services.qualification_by_identifier(data.validated_data["source"])
            target = services.qualification_by_identifier(data.validated_data["target"])
        except Qualification.DoesNotExist:
            raise ValidationError("Unknown qualification identifier.") from None
        correlation = services.decide_correlation(
            request.user,
            source,
            target,
            data.validated_data["decision"],
            gaps=data.validated_data.get("gaps"),
            compensatory_measures=data.validated_data.get("compensatory_measures"),
            rationale=data.validated_data.get("rationale"),
        )
        return Response(CorrelationSerializer(correlation).data, status=status.HTTP_201_CREATED)


class CorrelationReportViewSet(PublicReadOnlyViewSet):
    queryset = CorrelationReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("sector")
    serializer_class = CorrelationReportSerializer

    @action(detail=True, methods=["get"])
    def content(self, request: Request, pk: str | None = None) -> Response:
        from .reports import report_content

        return Response(report_content(self.get_object()))


def register(router: DefaultRouter) -> None:
    """Routes of this app under /api/v1/."""
    router.register("frameworks", FrameworkViewSet, basename="framework")
    router.register("qualifications", QualificationViewSet, basename="qualification")
    router.register("correlations", CorrelationViewSet, basename="correlation")
    router.register("correlation-reports", CorrelationReportViewSet, basename="correlation-report")
