from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from puente.core.models import Campus, Organisation
from puente.lib.api import TranslatedSerializerField
from puente.programmes.models import Programme

from . import outcomes
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


@extend_schema_serializer(many=False)
class TutorWeekSerializer(serializers.Serializer):
    """The tutor's week: the students to contact this week (up to the capacity), then the others."""

    capacity = serializers.IntegerField(help_text="How many students the tutor can contact in a week.")
    this_week = TutorRowSerializer(many=True)
    others = TutorRowSerializer(many=True)


# --- Outcomes (the outcomes page as data) ---------------------------------------------------------------


class DimensionField(serializers.ChoiceField):
    """``?by=``: a dimension of :data:`puente.success.outcomes.DIMENSIONS`; a wrong value is refused
    with a message naming the parameter and its values (never a quiet default)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=list(outcomes.DIMENSIONS.items()), **kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or data not in outcomes.DIMENSIONS:
            message = _("“%(value)s” is not a valid value for “by”. Use one of: %(choices)s.")
            raise serializers.ValidationError(message % {"value": data, "choices": ", ".join(outcomes.DIMENSIONS)})
        return data


class AlertLoopQuerySerializer(serializers.Serializer):
    institution = serializers.SlugField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="Code of one of your institutions (staff only); by default the first of them. "
        "Any other code is refused (403), as is any code for aggregate-only roles.",
    )


class OutcomeQuerySerializer(AlertLoopQuerySerializer):
    by = DimensionField(default="sex", help_text="The groups to compare.")
    cohort = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="Only students of this entry cohort, e.g. 2023-1.",
    )


class OutcomeRowSerializer(serializers.Serializer):
    """One group; every count and rate is null when the group is hidden (``suppressed``); for
    aggregate-only roles a count and its rate are also null when the count, or the rest of the
    group, is smaller than the threshold."""

    key = serializers.CharField()
    label: Any = serializers.CharField()
    suppressed = serializers.BooleanField()
    n = serializers.IntegerField(allow_null=True)
    retained = serializers.IntegerField(allow_null=True)
    dropped = serializers.IntegerField(allow_null=True)
    graduated = serializers.IntegerField(allow_null=True)
    on_time = serializers.IntegerField(allow_null=True)
    retention = serializers.FloatField(allow_null=True)
    dropout = serializers.FloatField(allow_null=True)
    graduation = serializers.FloatField(allow_null=True)
    timely = serializers.FloatField(allow_null=True, help_text="Share of graduates who graduated on time.")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.suppressed:
            data.update(dict.fromkeys(["n", "retained", "dropped", "graduated", "on_time"]))
        data.update(dict.fromkeys(instance.withheld))
        return data


@extend_schema_serializer(many=False)
class OutcomeReportSerializer(serializers.Serializer):
    """The table of the outcomes page: rates per group, with the definitions in force."""

    by = serializers.CharField(source="table.dimension")
    dimension = serializers.SerializerMethodField()
    cohort = serializers.CharField()
    institution = serializers.CharField(source="report.institution.code", allow_null=True)
    suppressed = serializers.BooleanField(
        source="table.suppressed",
        help_text="Aggregate-only roles: figures cover every institution of their countries, and groups "
        "smaller than `threshold` are hidden (with one more group when needed).",
    )
    threshold = serializers.IntegerField()
    dropout_terms = serializers.IntegerField(source="report.config.dropout_terms")
    timely_months = serializers.IntegerField(source="report.config.timely_graduation_months")
    rows = OutcomeRowSerializer(source="table.rows", many=True)
    total = OutcomeRowSerializer(source="table.total", allow_null=True)

    def get_dimension(self, data: Any) -> str:
        return str(outcomes.DIMENSIONS[data["table"].dimension])


class FunnelStepSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=["alerts", "contacted", "referred", "attended", "still_enrolled"])
    label: Any = serializers.CharField()
    n = serializers.IntegerField(allow_null=True, help_text="Cases; null when hidden.")
    suppressed = serializers.BooleanField()


@extend_schema_serializer(many=False)
class AlertLoopSerializer(serializers.Serializer):
    """The loop's funnel on the outcomes page: cases opened by alerts and flags since ``since``."""

    since = serializers.DateField(source="funnel.since")
    institution = serializers.CharField(source="report.institution.code", allow_null=True)
    suppressed = serializers.BooleanField(source="funnel.suppressed")
    threshold = serializers.IntegerField()
    steps = FunnelStepSerializer(source="funnel.steps", many=True)
