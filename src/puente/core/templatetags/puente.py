"""Template helpers shared by every app's pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import translate_url

from puente.core.scoping import Scope

register = template.Library()


@register.filter
def can(scope: Scope, capability: str) -> bool:
    return isinstance(scope, Scope) and scope.can(capability)


@register.simple_tag(takes_context=True)
def translate_path(context: dict[str, Any], language: str) -> str:
    request = context.get("request")
    if request is None:
        return "/" + language + "/"
    return translate_url(request.get_full_path(), language)


@register.filter
def translated(value: Any) -> str:
    """The text of a TranslatedText in the active language (plain strings pass through)."""
    return str(value) if value is not None else ""
