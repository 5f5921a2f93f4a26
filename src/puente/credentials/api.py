"""Credentials API: issue, get, revoke (institution staff), verify and status lists (public)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from puente.core.api_base import PuenteAPIMixin, ScopedReadOnlyViewSet
from puente.core.roles import Capability

from . import services
from .models import IssuedCredential, StatusList

UUID_REGEX = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class IssuedCredentialSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="credential_id", read_only=True)
    institution: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    achievement: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    revoked = serializers.BooleanField(source="is_revoked", read_only=True)
    credential = serializers.JSONField(source="document", read_only=True)

    class Meta:
        model = IssuedCredential
        fields = [
            "id",
            "uuid",
            "institution",
            "student",
            "achievement",
            "holder_label",
            "issued_at",
            "valid_from",
            "valid_until",
            "revoked",
            "revoked_at",
            "revocation_reason",
            "credential",
        ]
        read_only_fields = fields


class IssueSerializer(serializers.Serializer):
    student = serializers.IntegerField(help_text="Id of a graduate of your institution.")
    qualification = serializers.CharField(help_text="Qualification identifier (PE:TUR-COC-3) or achievement code.")
    holder_email = serializers.EmailField(required=False, help_text="Defaults to the graduate's email.")
    holder_did = serializers.CharField(required=False, allow_blank=True, default="")
    valid_until = serializers.DateTimeField(required=False, allow_null=True, default=None)
    language = serializers.ChoiceField(choices=["es", "fr", "en"], required=False)


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class VerifySerializer(serializers.Serializer):
    credential = serializers.JSONField(help_text="The credential, as a JSON object.")
    email = serializers.EmailField(required=False, help_text="Also check the credential was issued to this email.")


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    code = serializers.CharField()
    message = serializers.CharField()
    detail = serializers.CharField()
    credential_id = serializers.CharField()
    cryptosuite = serializers.CharField()
    issuer = serializers.DictField()
    achievement = serializers.DictField()
    alignments = serializers.ListField(child=serializers.DictField())
    holder = serializers.CharField()
    validFrom = serializers.CharField()  # noqa: N815 - the VC property name
    validUntil = serializers.CharField()  # noqa: N815
    holder_email_matches = serializers.BooleanField(required=False)


class CredentialViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Credentials of the caller's institutions; a graduate sees their own."""

    queryset = IssuedCredential.objects.select_related("institution", "achievement", "student")
    serializer_class = IssuedCredentialSerializer
    capability = None  # scoped by the queryset; issuing and revoking check CHANGE_STUDENTS
    lookup_field = "uuid"
    lookup_value_regex = UUID_REGEX

    def get_permissions(self) -> list[Any]:
        if self.action in {"create", "revoke"}:
            self.capability = Capability.CHANGE_STUDENTS
        if self.action == "verify":
            return [AllowAny()]
        return list(super().get_permissions())

    def get_serializer_class(self) -> Any:
        return {"create": IssueSerializer, "revoke": RevokeSerializer, "verify": VerifySerializer}.get(
            self.action, IssuedCredentialSerializer
        )

    @extend_schema(request=IssueSerializer, responses={201: IssuedCredentialSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Issue a credential to a graduate of your institution."""
        from puente.success.services import access_student_by_id

        data = IssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        student = access_student_by_id(request.user, values["student"])
        try:
            achievement = services.achievement_by_code(values["qualification"], country=student.institution.country_id)
        except ObjectDoesNotExist:
            return Response({"qualification": [_("No qualification or achievement has this code.")]}, status=400)
        credential = services.issue_credential(
            request.user,
            student=student,
            achievement=achievement,
            holder_email=values.get("holder_email"),
            holder_did=values["holder_did"],
            valid_until=values["valid_until"],
            language=values.get("language"),
        )
        return Response(IssuedCredentialSerializer(credential).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RevokeSerializer, responses=IssuedCredentialSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, uuid: str | None = None) -> Response:
        """Revoke a credential: its bit is set in the signed status list."""
        credential = self.get_object()
        data = RevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        credential = services.revoke_credential(request.user, credential, data.validated_data["reason"])
        return Response(IssuedCredentialSerializer(credential).data)

    @extend_schema(
        request=VerifySerializer,
        responses={200: VerificationSerializer},
        description="Public. Always 200 with ``valid`` and a ``code``: valid, malformed, bad_signature, "
        "unsupported, unknown_context, unknown_issuer, revoked, expired, not_yet_valid, status_unavailable.",
    )
    @action(detail=False, methods=["post"], permission_classes=[AllowAny], authentication_classes=[])
    def verify(self, request: Request) -> Response:
        """Verify a credential (no login)."""
        data = VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.verify_credential(data.validated_data["credential"])
        body = report.as_dict()
        if data.validated_data.get("email"):
            body["holder_email_matches"] = services.holder_matches_email(
                data.validated_data["credential"], data.validated_data["email"]
            )
        return Response(body)


class StatusListViewSet(PuenteAPIMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Signed Bitstring Status List credentials, public: verifiers fetch them to check revocation."""

    public = True
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    queryset = StatusList.objects.select_related("signing_key__organisation")

    @extend_schema(responses={200: OpenApiResponse(description="A BitstringStatusListCredential (VC 2.0).")})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        status_list = self.get_object()
        response = Response(services.status_list_credential(status_list))
        response["Cache-Control"] = "public, max-age=300"
        return response


def register(router: DefaultRouter) -> None:
    """Routes of this app under /api/v1/."""
    router.register("credential-status-lists", StatusListViewSet, basename="credential-status-list")
    router.register("credentials", CredentialViewSet, basename="credential")
