from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .scoping import scope_for


def puente(request: HttpRequest) -> dict[str, Any]:
    """Expose the user's scope so templates can show only the menu entries they may use."""
    return {"scope": scope_for(getattr(request, "user", None))}
