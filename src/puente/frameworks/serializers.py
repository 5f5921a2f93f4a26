from __future__ import annotations

from typing import Any

from rest_framework import serializers

from puente.lib.api import TranslatedSerializerField

from .models import Correlation, CorrelationReport, Descriptor, Framework, Level, LevelReference, Qualification


class DescriptorSerializer(serializers.ModelSerializer):
    domain: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    text = TranslatedSerializerField(max_length=2000)

    class Meta:
        model = Descriptor
        fields = ["domain", "text"]


class LevelSerializer(serializers.ModelSerializer):
    title = TranslatedSerializerField()
    descriptors = DescriptorSerializer(many=True, read_only=True)

    class Meta:
        model = Level
        fields = ["number", "title", "isced_levels", "descriptors"]


class LevelReferenceSerializer(serializers.ModelSerializer):
    source_level = serializers.IntegerField(source="source.number")
    target_framework = serializers.CharField(source="target.framework.code")
    target_version = serializers.CharField(source="target.framework.version")
    target_level = serializers.IntegerField(source="target.number")
    rationale = TranslatedSerializerField(max_length=2000)

    class Meta:
        model = LevelReference
        fields = ["source_level", "target_framework", "target_version", "target_level", "match", "rationale"]


class FrameworkSerializer(serializers.ModelSerializer):
    name = TranslatedSerializerField()
    description = TranslatedSerializerField(max_length=4000)
    owner: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    levels = LevelSerializer(many=True, read_only=True)
    references = serializers.SerializerMethodField()

    class Meta:
        model = Framework
        fields = [
            "id",
            "code",
            "version",
            "kind",
            "country",
            "name",
            "acronym",
            "owner",
            "status",
            "approved_on",
            "illustrative",
            "description",
            "levels",
            "references",
        ]

    def get_references(self, obj: Framework) -> list[dict[str, Any]]:
        refs = LevelReference.objects.filter(source__framework=obj).select_related("source", "target__framework")
        return list(LevelReferenceSerializer(refs, many=True).data)


class QualificationSerializer(serializers.ModelSerializer):
    identifier = serializers.CharField(read_only=True)
    title = TranslatedSerializerField()
    framework = serializers.CharField(source="level.framework.code", read_only=True, default=None)
    framework_version = serializers.CharField(source="level.framework.version", read_only=True, default=None)
    level = serializers.IntegerField(source="level.number", read_only=True, default=None)
    awarding_body: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sector: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Qualification
        fields = [
            "id",
            "identifier",
            "country",
            "code",
            "kind",
            "title",
            "awarding_body",
            "framework",
            "framework_version",
            "level",
            "regional_level",
            "isced_field",
            "isced_level",
            "sector",
            "volume_hours",
            "volume_credits",
            "pathways",
            "valid_from",
            "valid_until",
            "status",
            "illustrative",
        ]


class CorrelationSerializer(serializers.ModelSerializer):
    gaps = TranslatedSerializerField(max_length=4000)
    compensatory_measures = TranslatedSerializerField(max_length=4000)
    rationale = TranslatedSerializerField(max_length=4000)

    class Meta:
        model = Correlation
        fields = [
            "id",
            "source",
            "target",
            "decision",
            "gaps",
            "compensatory_measures",
            "rationale",
            "evidence",
            "decided_by_label",
            "decided_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        # "source" and "target" cannot be class attributes: ``Field.source`` has the same name.
        fields = super().get_fields()
        fields["source"] = serializers.CharField(source="source.identifier", read_only=True)
        fields["target"] = serializers.CharField(source="target.identifier", read_only=True)
        return fields


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["equivalent", "partial", "not_equivalent"])
    gaps = serializers.JSONField(required=False)
    compensatory_measures = serializers.JSONField(required=False)
    rationale = serializers.JSONField(required=False)

    def get_fields(self) -> dict[str, Any]:
        # "source" and "target" cannot be class attributes: ``Field.source`` has the same name.
        return {
            "source": serializers.CharField(help_text="Identifier COUNTRY:CODE of the qualification held"),
            "target": serializers.CharField(help_text="Identifier COUNTRY:CODE of the counterpart"),
            **super().get_fields(),
        }


class CorrelationReportSerializer(serializers.ModelSerializer):
    title = TranslatedSerializerField()
    sector: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = CorrelationReport
        fields = ["id", "title", "sector", "countries", "status", "published_at"]
