"""Template helpers shared by every app's pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import format_html

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


@register.simple_tag(takes_context=True)
def nav_link(context: dict[str, Any], url_name: str, label: str) -> str:
    """A menu item marked ``aria-current="page"`` when it is the page being shown."""
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    current = request is not None and (request.path == url or (url.count("/") > 2 and request.path.startswith(url)))
    if current:
        return format_html('<li><a href="{}" aria-current="page">{}</a></li>', url, label)
    return format_html('<li><a href="{}">{}</a></li>', url, label)


@register.filter
def translated(value: Any) -> str:
    """The text of a TranslatedText in the active language (plain strings pass through)."""
    return str(value) if value is not None else ""
