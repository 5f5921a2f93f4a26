"""Every page and API route declares what it needs: a capability, or that it is public.

The test suite walks the URL configuration and fails on a view that declares neither
(tests/core/test_every_view_declares_permission.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .scoping import scope_for

View = Callable[..., HttpResponseBase]


def requires(capability: str | None = None, *, public: bool = False) -> Callable[[View], View]:
    """Declare a view's permission: ``@requires(Capability.VIEW_STUDENTS)``, ``@requires()``
    (any logged-in user) or ``@requires(public=True)``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not public:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if capability and not scope_for(request.user).can(capability):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.puente_capability = capability  # type: ignore[attr-defined]
        wrapper.puente_public = public  # type: ignore[attr-defined]
        return wrapper

    return decorator


class HasCapability(BasePermission):
    """DRF permission reading ``view.capability`` (None = any authenticated user)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if getattr(view, "public", False):
            return True
        if not (request.user and request.user.is_authenticated):
            return False
        capability = getattr(view, "capability", None)
        return capability is None or scope_for(request.user).can(capability)
