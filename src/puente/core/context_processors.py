from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .navigation import menu_for
from .scoping import scope_for


def puente(request: HttpRequest) -> dict[str, Any]:
    """Expose the user's scope so templates can show only the menu entries they may use."""
    scope = scope_for(getattr(request, "user", None))
    return {"scope": scope, "main_menu": menu_for(scope, getattr(request, "path", ""))}
