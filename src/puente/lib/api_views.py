"""API of the import mechanism: upload, preview, commit and status of import jobs, scoped."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from puente.core.api_base import PuenteAPIMixin
from puente.core.roles import Capability

from . import services
from .models import ImportJob, ImportStatus
from .serializers import (
    ImportJobSerializer,
    ImportSpecSerializer,
    ImportUploadSerializer,
    MappingSerializer,
    ProblemSerializer,
)


class ImportJobViewSet(PuenteAPIMixin, viewsets.GenericViewSet):
    """Imports of tables (CSV, .xlsx): upload, check every row, commit all or nothing, follow the status.

    Jobs are visible to the importers of their organisation only.
    """

    capability = Capability.IMPORT_DATA
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    queryset = ImportJob.objects.none()

    def get_serializer_class(self) -> Any:
        return ImportJobSerializer

    def get_queryset(self) -> Any:
        return services.imports_for(self.request.user)

    def get_object(self) -> ImportJob:
        return services.access_import_job_by_id(self.request.user, self.kwargs["pk"])

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ImportJobSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        """Status, counts, progress and the first errors of one job."""
        return Response(ImportJobSerializer(self.get_object()).data)

    @extend_schema(request=ImportUploadSerializer, responses={201: ImportJobSerializer})
    def create(self, request: Request) -> Response:
        """Upload a file. With a complete mapping (given or proposed) every row is checked at once."""
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        job = services.create_import_job(
            request.user,
            spec=data["spec"],
            organisation=data.get("organisation"),
            upload=data["file"],
            filename=data["file"].name,
            encoding=data["encoding"],
            sheet=data.get("sheet", ""),
            mapping=data.get("mapping"),
        )
        if job.status == ImportStatus.UPLOADED:
            services.start_preview(job)
            job.refresh_from_db()
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MappingSerializer, responses=ImportJobSerializer)
    @action(detail=True, methods=["post"])
    def preview(self, request: Request, pk: str | None = None) -> Response:
        """Check every row again, with a new mapping if given. Nothing is written."""
        job = self.get_object()
        body = MappingSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not job.can_map:
            raise ValidationError({"status": "This import cannot be checked again in its current state."})
        if "mapping" in body.validated_data:
            services.save_mapping(job, body.validated_data["mapping"])
        services.start_preview(job)
        job.refresh_from_db()
        return Response(ImportJobSerializer(job).data)

    @extend_schema(request=None, responses={202: ImportJobSerializer})
    @action(detail=True, methods=["post"])
    def commit(self, request: Request, pk: str | None = None) -> Response:
        """Write a checked file in one transaction (all rows or none)."""
        job = self.get_object()
        services.start_commit(request.user, job)
        job.refresh_from_db()
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=ProblemSerializer(many=True))
    @action(detail=True, methods=["get"])
    def errors(self, request: Request, pk: str | None = None) -> Response:
        """Every stored problem (up to 10 000) with its message, paginated."""
        job = self.get_object()
        page = self.paginate_queryset([*job.problems(), *job.warning_problems()]) or []
        return self.get_paginated_response(ProblemSerializer(services.problem_messages(job, page), many=True).data)


class ImportSpecViewSet(PuenteAPIMixin, viewsets.ViewSet):
    """The tables the caller may import, with their columns."""

    capability = Capability.IMPORT_DATA

    @extend_schema(responses=ImportSpecSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response([spec.describe() for spec in services.import_specs_for(request.user)])
