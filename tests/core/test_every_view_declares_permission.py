"""House rule: every page declares its permission (a capability, login, or public)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

# Third-party views that carry their own protection.
EXEMPT_PREFIXES = ("django.contrib.admin", "rest_framework", "drf_spectacular", "django.views.i18n")


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_puente_page_declares_a_permission():
    missing = []
    for route, view in _walk(get_resolver().url_patterns):
        module = getattr(view, "__module__", "")
        if module.startswith(EXEMPT_PREFIXES) or hasattr(view, "cls") or hasattr(view, "initkwargs"):
            continue  # DRF views declare permission_classes; checked by their own tests
        if not module.startswith("puente"):
            continue
        if not hasattr(view, "puente_public"):
            missing.append(f"{route} -> {module}.{getattr(view, '__name__', view)}")
    assert not missing, "Views without @requires(...):\n" + "\n".join(missing)
