from __future__ import annotations

from rest_framework.routers import DefaultRouter

from puente.core.api_base import PublicReadOnlyViewSet

from .models import IscedField, Programme
from .serializers import IscedFieldSerializer, ProgrammeSerializer


class IscedFieldViewSet(PublicReadOnlyViewSet):
    queryset = IscedField.objects.all()
    serializer_class = IscedFieldSerializer
    lookup_value_regex = "[0-9]{2,4}"


class ProgrammeViewSet(PublicReadOnlyViewSet):
    queryset = Programme.objects.select_related("institution", "sector", "project").prefetch_related("competencies")
    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9._-]+"


def register(router: DefaultRouter) -> None:
    router.register("isced-fields", IscedFieldViewSet)
    router.register("programmes", ProgrammeViewSet)
