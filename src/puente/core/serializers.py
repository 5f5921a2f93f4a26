from __future__ import annotations

from rest_framework import serializers

from puente.lib.api import TranslatedSerializerField

from .models import AuditEvent, Country, Organisation, Project, ProjectPartner


class CountrySerializer(serializers.ModelSerializer):
    name = TranslatedSerializerField()

    class Meta:
        model = Country
        fields = ["code", "name", "pacific_alliance"]


class OrganisationSerializer(serializers.ModelSerializer):
    name = TranslatedSerializerField()
    country: serializers.SlugRelatedField[Country] = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "acronym", "kind", "institution_type", "country", "city", "is_group", "source"]


class ProjectPartnerSerializer(serializers.ModelSerializer):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = ProjectPartner
        fields = ["organisation", "side", "leader"]


class ProjectSerializer(serializers.ModelSerializer):
    title = TranslatedSerializerField()
    objective = TranslatedSerializerField(required=False)
    country: serializers.SlugRelatedField[Country] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    themes: serializers.Field = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    sectors: serializers.Field = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = ProjectPartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "code",
            "component",
            "kind",
            "title",
            "objective",
            "country",
            "themes",
            "sectors",
            "partners",
            "source",
        ]


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_label",
            "organisation",
            "fields",
            "detail",
        ]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    roles = serializers.ListField(child=serializers.DictField())
