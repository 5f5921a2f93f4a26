from __future__ import annotations

from rest_framework import serializers

from puente.core.models import Organisation, Project, Sector
from puente.lib.api import TranslatedSerializerField

from .models import Competency, IscedField, Programme


class IscedFieldSerializer(serializers.ModelSerializer):
    name = TranslatedSerializerField()

    class Meta:
        model = IscedField
        fields = ["code", "level", "parent", "name"]


class CompetencySerializer(serializers.ModelSerializer):
    title = TranslatedSerializerField()

    class Meta:
        model = Competency
        fields = ["code", "title", "kind", "esco_uri"]


class ProgrammeSerializer(serializers.ModelSerializer):
    title = TranslatedSerializerField()
    institution: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    sector: serializers.SlugRelatedField[Sector] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    project: serializers.SlugRelatedField[Project] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    competencies = CompetencySerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "code",
            "institution",
            "title",
            "kind",
            "isced_level",
            "isced_field",
            "sector",
            "duration_hours",
            "modality",
            "credential",
            "project",
            "competencies",
            "source",
        ]
