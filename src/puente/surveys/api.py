"""Surveys API: the surveys of the caller's organisations, their response rates, and invitations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from puente.core.api_base import PuenteAPIMixin
from puente.core.roles import Capability

from . import services
from .models import Survey
from .serializers import InvitationInputSerializer, InvitationSerializer, RateSerializer, SurveySerializer


class SurveyViewSet(PuenteAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Surveys of the organisations where the caller is staff with access to statistics."""

    queryset = Survey.objects.none()
    serializer_class = SurveySerializer
    capability = Capability.VIEW_AGGREGATES

    def get_queryset(self) -> Any:
        return services.surveys_for(self.request.user).prefetch_related("questions__choices")

    @extend_schema(responses=RateSerializer(many=True))
    @action(detail=True, methods=["get"])
    def rates(self, request: Request, pk: str | None = None) -> Response:
        """Invitations and answers per group, and the total (group "")."""
        survey = services.access_survey_by_id(request.user, pk)
        return Response(RateSerializer(services.response_rates(survey), many=True).data)

    @extend_schema(request=InvitationInputSerializer, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def invitations(self, request: Request, pk: str | None = None) -> Response:
        """Invite one person (the link is emailed; the token never appears in API responses)."""
        survey = services.access_survey_by_id(request.user, pk)
        data = InvitationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.invite(survey, **data.validated_data)
        return Response(InvitationSerializer(invitation).data, status=201)


def register(router: DefaultRouter) -> None:
    router.register("surveys", SurveyViewSet, basename="survey")
