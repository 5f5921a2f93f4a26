"""Student-success API: students, the services catalogue, cases (contacts, referrals, notes,
closing), flags, appointments, the tutor's week and the outcomes report. Same services as the pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from puente.core.api_base import PublicReadOnlyViewSet, PuenteAPIMixin, ScopedModelViewSet, ScopedReadOnlyViewSet
from puente.core.roles import Capability

from . import outcomes, services
from .models import Appointment, Case, Flag, Service, Student
from .serializers import (
    AlertLoopQuerySerializer,
    AlertLoopSerializer,
    AppointmentSerializer,
    CaseSerializer,
    CloseInputSerializer,
    ContactInputSerializer,
    ContactSerializer,
    FlagSerializer,
    NoteSerializer,
    OutcomeQuerySerializer,
    OutcomeReportSerializer,
    ReferralInputSerializer,
    ReferralSerializer,
    ServiceSerializer,
    StudentSensitiveSerializer,
    StudentSerializer,
    TutorWeekSerializer,
)
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
        return list(super().get_permissions())

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.instance = save_student(self.request.user, Student(**serializer.validated_data))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        student: Any = serializer.instance
        for key, value in serializer.validated_data.items():
            setattr(student, key, value)
        save_student(self.request.user, student)

    @extend_schema(responses=StudentSensitiveSerializer)
    @action(detail=True, methods=["get"])
    def sensitive(self, request: Request, pk: str | None = None) -> Response:
        """Disability and ethnicity. Each read is recorded in the audit log."""
        student = access_student_by_id(request.user, pk, sensitive=True)
        return Response(StudentSensitiveSerializer(student).data)


class ServiceViewSet(PublicReadOnlyViewSet):
    """The public services catalogues (MAPA-RUTA): filter with ``?institution=<code>``,
    ``?category=``, ``?campus=<id>``."""

    queryset = (
        Service.objects.filter(active=True).select_related("institution", "provider_unit").prefetch_related("campuses")
    )
    serializer_class = ServiceSerializer

    def get_queryset(self) -> Any:
        queryset = self.queryset
        params = self.request.query_params
        if params.get("institution"):
            queryset = queryset.filter(institution__code=params["institution"])
        if params.get("category"):
            queryset = queryset.filter(category=params["category"])
        if params.get("campus", "").isdigit():
            from django.db.models import Q

            queryset = queryset.filter(Q(campuses=params["campus"]) | Q(campuses__isnull=True)).distinct()
        return queryset


class CaseViewSet(ScopedReadOnlyViewSet):
    """Support cases the caller may see. Confidential cases: only their owner and officers with
    sensitive-data access."""

    queryset = Case.objects.select_related("student", "owner").prefetch_related("contacts__by", "referrals__service")
    serializer_class = CaseSerializer
    capability = Capability.VIEW_STUDENTS

    def _case(self) -> Case:
        return services.access_case_by_id(self.request.user, self.kwargs["pk"])

    @extend_schema(request=ContactInputSerializer, responses=ContactSerializer)
    @action(detail=True, methods=["post"])
    def contacts(self, request: Request, pk: str | None = None) -> Response:
        """Log a contact (or an attempt) with the student."""
        data = ContactInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.log_contact(request.user, self._case(), **data.validated_data)
        return Response(ContactSerializer(contact).data, status=201)

    @extend_schema(request=ReferralInputSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def referrals(self, request: Request, pk: str | None = None) -> Response:
        """Refer the case to a service of the same institution."""
        data = ReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = self._case()
        service = Service.objects.filter(pk=data.validated_data["service"], institution_id=case.institution_id).first()
        if service is None:
            raise serializers.ValidationError({"service": "Unknown service of this institution."})
        referral = services.refer(request.user, case, service, note=data.validated_data["note"])
        return Response(ReferralSerializer(referral).data, status=201)

    @extend_schema(request=CloseInputSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close with an outcome; whoever raised a flag is told how it was resolved."""
        data = CloseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.close_case(request.user, self._case(), **data.validated_data)
        return Response(CaseSerializer(case).data)

    @extend_schema(methods=["get"], responses=NoteSerializer(many=True))
    @extend_schema(methods=["post"], request=NoteSerializer, responses=NoteSerializer)
    @action(detail=True, methods=["get", "post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        """Confidential notes: the case owner and officers with sensitive access only; every
        read is recorded in the audit log."""
        case = self._case()
        if not services.may_read_confidential(request.user, case):
            raise PermissionDenied
        if request.method == "POST":
            data = NoteSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            note = services.add_confidential_note(request.user, case, data.validated_data["text"])
            return Response(NoteSerializer(note).data, status=201)
        return Response(NoteSerializer(services.confidential_notes_for(request.user, case), many=True).data)


class FlagViewSet(PuenteAPIMixin, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Concerns and kudos: list those you raised (with how each was resolved), raise new ones."""

    queryset = Flag.objects.none()
    serializer_class = FlagSerializer
    capability = Capability.VIEW_STUDENTS

    def get_queryset(self) -> Any:
        return services.flags_raised_by(self.request.user)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        data = serializer.validated_data
        student = access_student_by_id(self.request.user, data["student_id"])
        serializer.instance = services.raise_flag(
            self.request.user, student, kind=data["kind"], concern=data.get("concern", ""), note=data.get("note", "")
        )


class AppointmentViewSet(ScopedModelViewSet):
    """Appointment requests and bookings with services (status and time can be changed)."""

    queryset = Appointment.objects.select_related("service", "student")
    serializer_class = AppointmentSerializer
    capability = Capability.VIEW_STUDENTS
    http_method_names = ["get", "patch", "head", "options"]

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        data = serializer.validated_data
        appointment: Any = serializer.instance
        serializer.instance = services.update_appointment(
            self.request.user,
            appointment,
            status=data.get("status", appointment.status),
            scheduled_for=data.get("scheduled_for"),
        )


class TutorWeekViewSet(PuenteAPIMixin, viewsets.ViewSet):
    """The caller's students ranked by risk, split at their weekly capacity."""

    capability = Capability.VIEW_STUDENTS

    @extend_schema(responses=TutorWeekSerializer)
    def list(self, request: Request) -> Response:
        week = services.tutor_week(request.user, request.user)
        return Response(TutorWeekSerializer(week).data)


def _report_responses(serializer: Any) -> dict[int, Any]:
    return {
        200: serializer,
        400: OpenApiResponse(description="A parameter is invalid: `{parameter: [message]}`."),
        401: OpenApiResponse(description="Not authenticated."),
        403: OpenApiResponse(description="No `view_aggregates`, or an institution the caller does not work at."),
    }


class OutcomeViewSet(PuenteAPIMixin, viewsets.ViewSet):
    """Retention, dropout and timely graduation per group, as on the outcomes page.

    Institution staff get exact figures for one of their institutions (``?institution=<code>``,
    by default their first). Aggregate-only roles (ministry, regional body, funder) get every
    institution of their countries with small groups hidden, and may not name an institution."""

    capability = Capability.VIEW_AGGREGATES

    @extend_schema(parameters=[OutcomeQuerySerializer], responses=_report_responses(OutcomeReportSerializer))
    def list(self, request: Request) -> Response:
        query = OutcomeQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        report = outcomes.report_scope(request.user, params["institution"], strict=True)
        table = outcomes.outcome_table(request.user, report, params["by"], cohort=params["cohort"])
        data = {
            "table": table,
            "report": report,
            "cohort": params["cohort"],
            "threshold": settings.SMALL_CELL_THRESHOLD,
        }
        return Response(OutcomeReportSerializer(data).data)


class AlertLoopViewSet(PuenteAPIMixin, viewsets.ViewSet):
    """Did alerts lead to contacts, services and staying in school? The funnel of the outcomes
    page, for the same institution (or, for aggregate-only roles, the same countries)."""

    capability = Capability.VIEW_AGGREGATES

    @extend_schema(parameters=[AlertLoopQuerySerializer], responses=_report_responses(AlertLoopSerializer))
    def list(self, request: Request) -> Response:
        query = AlertLoopQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = outcomes.report_scope(request.user, query.validated_data["institution"], strict=True)
        funnel = outcomes.funnel(request.user, institution_id=report.institution_id)
        data = {"funnel": funnel, "report": report, "threshold": settings.SMALL_CELL_THRESHOLD}
        return Response(AlertLoopSerializer(data).data)


def register(router: DefaultRouter) -> None:
    router.register("students", StudentViewSet)
    router.register("services", ServiceViewSet)
    router.register("cases", CaseViewSet)
    router.register("flags", FlagViewSet, basename="flag")
    router.register("appointments", AppointmentViewSet)
    router.register("tutor-week", TutorWeekViewSet, basename="tutor-week")
    router.register("outcomes", OutcomeViewSet, basename="outcome")
    router.register("alert-loop", AlertLoopViewSet, basename="alert-loop")
