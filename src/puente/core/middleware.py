from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .audit import reset_actor, set_actor


class AuditActorMiddleware:
    """Make the logged-in user the actor of audit events raised while serving the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_actor(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            reset_actor(token)
