from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from puente.core.api_base import ScopedModelViewSet
from puente.core.roles import Capability

from .models import Student
from .serializers import StudentSensitiveSerializer, StudentSerializer
from .services import access_student_by_id, save_student


class StudentViewSet(ScopedModelViewSet):
    """Students of the caller's institutions (tutors: their own students)."""

    queryset = Student.objects.select_related("institution", "programme", "campus")
    serializer_class = StudentSerializer
    capability = Capability.VIEW_STUDENTS
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self) -> list[Any]:
        if self.action in {"create", "partial_update", "update"}:
            self.capability = Capability.CHANGE_STUDENTS
        return super().get_permissions()

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = save_student(self.request.user, Student(**serializer.validated_data))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        student = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(student, key, value)
        save_student(self.request.user, student)

    @extend_schema(responses=StudentSensitiveSerializer)
    @action(detail=True, methods=["get"])
    def sensitive(self, request: Request, pk: str | None = None) -> Response:
        """Disability and ethnicity. Each read is recorded in the audit log."""
        student = access_student_by_id(request.user, pk, sensitive=True)
        return Response(StudentSensitiveSerializer(student).data)


def register(router: DefaultRouter) -> None:
    router.register("students", StudentViewSet)
