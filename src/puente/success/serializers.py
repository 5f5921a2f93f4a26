from __future__ import annotations

from typing import Any

from rest_framework import serializers

from puente.core.models import Campus, Organisation
from puente.lib.api import TranslatedSerializerField
from puente.programmes.models import Programme

from .models import (
    Appointment,
    Case,
    CaseOutcome,
    Concern,
    ConfidentialNote,
    Contact,
    ContactChannel,
    Flag,
    FlagKind,
    Referral,
    Service,
    Student,
)


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


class ServiceSerializer(serializers.ModelSerializer):
    """A service of an institution's catalogue, with its texts in every language."""

    institution: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = TranslatedSerializerField()
    description = TranslatedSerializerField(max_length=2000)
    how_to_request = TranslatedSerializerField(max_length=2000)
    accessibility = TranslatedSerializerField(max_length=2000)
    provider = serializers.CharField(read_only=True)
    campuses: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "institution",
            "code",
            "category",
            "level",
            "name",
            "description",
            "how_to_request",
            "accessibility",
            "provider",
            "campuses",
            "languages",
            "location",
            "contact_email",
            "crisis_route",
        ]


class ContactSerializer(serializers.ModelSerializer):
    by: Any = serializers.StringRelatedField()

    class Meta:
        model = Contact
        fields = ["id", "at", "by", "channel", "reached", "summary"]


class ReferralSerializer(serializers.ModelSerializer):
    service: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "service", "status", "note", "created_at", "closed_at"]


class CaseSerializer(serializers.ModelSerializer):
    student: Any = serializers.PrimaryKeyRelatedField(read_only=True)
    owner: Any = serializers.StringRelatedField()
    contacts = ContactSerializer(many=True, read_only=True)
    referrals = ReferralSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "student",
            "owner",
            "source",
            "concern",
            "confidential",
            "status",
            "outcome",
            "outcome_note",
            "summary",
            "due_on",
            "opened_at",
            "closed_at",
            "risk_band",
            "reasons",
            "contacts",
            "referrals",
        ]
        read_only_fields = fields


class ContactInputSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    reached = serializers.BooleanField(default=True)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    confidential_note = serializers.CharField(required=False, allow_blank=True, default="")


class ReferralInputSerializer(serializers.Serializer):
    service = serializers.IntegerField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class CloseInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[c for c in CaseOutcome.choices if c[0]])
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class NoteSerializer(serializers.ModelSerializer):
    author: Any = serializers.StringRelatedField()

    class Meta:
        model = ConfidentialNote
        fields = ["id", "author", "text", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class FlagSerializer(serializers.ModelSerializer):
    student = serializers.IntegerField(source="student_id")
    kind = serializers.ChoiceField(choices=FlagKind.choices, default=FlagKind.CONCERN)
    concern = serializers.ChoiceField(choices=Concern.choices, required=False, allow_blank=True, default="")

    class Meta:
        model = Flag
        fields = ["id", "student", "kind", "concern", "note", "created_at", "resolved_at", "resolution"]
        read_only_fields = ["id", "created_at", "resolved_at", "resolution"]


class AppointmentSerializer(serializers.ModelSerializer):
    service: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "service",
            "campus",
            "student",
            "requester_name",
            "requester_email",
            "preferred_times",
            "status",
            "scheduled_for",
            "requested_at",
        ]
        read_only_fields = [f for f in fields if f not in ("status", "scheduled_for")]


class TutorRowSerializer(serializers.Serializer):
    student = serializers.IntegerField(source="student.pk")
    name = serializers.CharField(source="student.__str__")
    band = serializers.CharField()
    probability = serializers.FloatField(source="risk.probability", allow_null=True, default=None)
    change = serializers.FloatField(source="risk.change", allow_null=True, default=None)
    reasons = serializers.ListField(child=serializers.CharField(), source="risk.reasons", default=list)
    open_case = serializers.IntegerField(source="open_case.pk", allow_null=True, default=None)
    last_contact = serializers.DateTimeField(allow_null=True)
    open_flags = serializers.IntegerField()
