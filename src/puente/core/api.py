"""API routes of the core registry."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from .api_base import PublicReadOnlyViewSet, PuenteAPIMixin
from .models import AuditEvent, Country, Organisation, Project
from .roles import Capability
from .serializers import (
    AuditEventSerializer,
    CountrySerializer,
    MeSerializer,
    OrganisationSerializer,
    ProjectSerializer,
)


class CountryViewSet(PublicReadOnlyViewSet):
    queryset = Country.objects.all()
    serializer_class = CountrySerializer
    lookup_value_regex = "[A-Za-z]{2}"


class OrganisationViewSet(PublicReadOnlyViewSet):
    queryset = Organisation.objects.select_related("country")
    serializer_class = OrganisationSerializer
    lookup_field = "code"


class ProjectViewSet(PublicReadOnlyViewSet):
    queryset = Project.objects.select_related("country").prefetch_related("themes", "sectors", "partners__organisation")
    serializer_class = ProjectSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9.]+"


class AuditEventViewSet(PuenteAPIMixin, viewsets.ReadOnlyModelViewSet):
    queryset = AuditEvent.objects.all()
    serializer_class = AuditEventSerializer
    capability = Capability.VIEW_AUDIT


class MeViewSet(PuenteAPIMixin, viewsets.ViewSet):
    """Who the caller is and which roles they hold."""

    @extend_schema(responses=MeSerializer)
    def list(self, request: Request) -> Response:
        roles = [
            {"organisation": m.organisation.code, "role": m.role}
            for m in request.user.memberships.select_related("organisation")  # type: ignore[union-attr]
        ]
        return Response({"username": request.user.get_username(), "roles": roles})


def register(router: DefaultRouter) -> None:
    router.register("countries", CountryViewSet)
    router.register("organisations", OrganisationViewSet)
    router.register("projects", ProjectViewSet)
    router.register("audit-events", AuditEventViewSet)
    router.register("me", MeViewSet, basename="me")
