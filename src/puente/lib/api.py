"""REST API plumbing shared by every app: error shape, base viewsets."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django's ValidationError mapped to 400 with the field names."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    if isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


from django.conf import settings  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from drf_spectacular.utils import extend_schema_field  # noqa: E402
from rest_framework import serializers  # noqa: E402

from .translated import TranslatedText, as_translated  # noqa: E402


@extend_schema_field(
    {
        "type": "object",
        "properties": {code: {"type": "string"} for code in ("es", "fr", "en")},
        "additionalProperties": False,
        "example": {"es": "Mecánica de mantenimiento", "fr": "Mécanique d'entretien", "en": "Maintenance mechanics"},
    }
)
class TranslatedSerializerField(serializers.Field):
    """Text in several languages as ``{"es": ..., "fr": ..., "en": ...}``; Spanish required."""

    default_error_messages = {
        "invalid": _("Expected an object with one text per language (es, fr, en)."),
        "unknown_language": _("Unknown language code: %(code)s."),
        "spanish_required": _("The Spanish text (es) is required."),
        "too_long": _("Each text has at most %(max)s characters."),
    }

    def __init__(self, *, max_length: int = 300, **kwargs: Any) -> None:
        self.max_length = max_length
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        return dict(as_translated(value))

    def to_internal_value(self, data: Any) -> TranslatedText:
        if isinstance(data, str):
            data = {settings.LANGUAGE_CODE: data}
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            self.fail("invalid")
        codes = {code for code, _name in settings.LANGUAGES}
        for code in data:
            if code not in codes:
                self.fail("unknown_language", code=code)
        if not str(data.get(settings.LANGUAGE_CODE, "")).strip():
            self.fail("spanish_required")
        if any(len(v) > self.max_length for v in data.values()):
            self.fail("too_long", max=self.max_length)
        return as_translated({k: v.strip() for k, v in data.items()})


def register(router: Any) -> None:
    """Routes of the shared tools (imports) under /api/v1/."""
    from .api_views import ImportJobViewSet, ImportSpecViewSet

    router.register("imports", ImportJobViewSet, basename="import")
    router.register("import-specs", ImportSpecViewSet, basename="import-spec")
