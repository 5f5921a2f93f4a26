"""API shapes of import jobs and specs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from puente.core.models import Organisation

from . import services
from .forms import ENCODING_CHOICES
from .models import ImportJob

ERRORS_IN_STATUS = 100


class ImportUploadSerializer(serializers.Serializer):
    spec = serializers.CharField(help_text="Slug of the table, from /api/v1/import-specs/.")
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Code of the organisation the rows belong to.",
    )
    file = serializers.FileField(help_text="CSV or .xlsx file.")
    encoding = serializers.ChoiceField(choices=[c for c, _label in ENCODING_CHOICES], default="auto")
    sheet = serializers.CharField(required=False, allow_blank=True, default="")
    mapping = serializers.JSONField(
        required=False, help_text="Optional {column key: header in the file}; proposed from the headers otherwise."
    )

    def validate_mapping(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise serializers.ValidationError("Expected an object of column key -> header.")
        return value


class MappingSerializer(serializers.Serializer):
    mapping = serializers.JSONField(required=False)

    def validate_mapping(self, value: Any) -> dict[str, str]:
        return ImportUploadSerializer().validate_mapping(value)


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text="Row number as seen in a spreadsheet program.")
    column = serializers.CharField(allow_null=True, help_text="Header of the column as written in the file.")
    value = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField(help_text="The reason, in the language of the request.")


class ImportJobSerializer(serializers.ModelSerializer):
    organisation: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    user: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)
    progress = serializers.SerializerMethodField()
    # Output only: DRF's metaclass moves declared fields out of the class, so ``.errors`` stays intact.
    errors = serializers.SerializerMethodField()  # type: ignore[assignment]
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "spec",
            "organisation",
            "user",
            "original_name",
            "file_size",
            "file_sha256",
            "encoding",
            "sheet",
            "status",
            "headers",
            "mapping",
            "total_rows",
            "valid_rows",
            "error_count",
            "errors",
            "warnings",
            "created_count",
            "updated_count",
            "unchanged_count",
            "progress",
            "created_at",
            "previewed_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_progress(self, job: ImportJob) -> int:
        """Percent done of the running step (100 when nothing runs)."""
        return services.job_progress(job).percent

    @staticmethod
    def _problems(job: ImportJob, problems: list[Any]) -> list[dict[str, Any]]:
        return services.problem_messages(job, problems[:ERRORS_IN_STATUS])

    def get_errors(self, job: ImportJob) -> list[dict[str, Any]]:
        """The first errors with their message (all of them: /errors/)."""
        return list(ProblemSerializer(self._problems(job, job.problems()), many=True).data)

    def get_warnings(self, job: ImportJob) -> list[dict[str, Any]]:
        return list(ProblemSerializer(self._problems(job, job.warning_problems()), many=True).data)


class ImportSpecSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    description = serializers.CharField()
    natural_key = serializers.ListField(child=serializers.CharField())
    columns = serializers.ListField(child=serializers.DictField())
