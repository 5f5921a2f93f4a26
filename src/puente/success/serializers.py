from __future__ import annotations

from typing import Any

from rest_framework import serializers

from puente.core.models import Campus, Organisation
from puente.programmes.models import Programme

from .models import Student


class StudentSerializer(serializers.ModelSerializer):
    """A student without sensitive fields (those are at ``/students/{id}/sensitive/``)."""

    institution = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())
    programme = serializers.SlugRelatedField(
        slug_field="code", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    campus = serializers.PrimaryKeyRelatedField(queryset=Campus.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Student
        fields = [
            "id",
            "institution",
            "external_id",
            "given_name",
            "family_name",
            "sex",
            "birth_date",
            "email",
            "campus",
            "programme",
            "cohort",
            "status",
            "enrolled_on",
            "graduated_on",
            "left_on",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and "institution" in attrs and attrs["institution"] != self.instance.institution:
            raise serializers.ValidationError({"institution": "A student cannot move to another institution here."})
        return attrs


class StudentSensitiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Student
        fields = ["id", "disability", "disability_detail", "ethnicity"]
