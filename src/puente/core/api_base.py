"""Base classes for API views: the permission declaration and scoped querysets in one place."""

from __future__ import annotations

from typing import Any

from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from .audit import set_actor
from .permissions import HasCapability


class PuenteAPIMixin:
    """Sets the audit actor (token-authenticated requests skip the session middleware's user)
    and checks ``capability``."""

    capability: str | None = None
    public: bool = False
    permission_classes: Any = [HasCapability]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        set_actor(request.user)


class PublicReadOnlyViewSet(PuenteAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Public reference data (countries, organisations, projects, programmes)."""

    public = True
    permission_classes = [AllowAny]


class ScopedReadOnlyViewSet(PuenteAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Personal records: the queryset is always ``visible_to(request.user)``."""

    def get_queryset(self) -> Any:
        return self.queryset.visible_to(self.request.user)  # type: ignore[union-attr,arg-type]


class ScopedModelViewSet(PuenteAPIMixin, viewsets.ModelViewSet):
    def get_queryset(self) -> Any:
        return self.queryset.visible_to(self.request.user)  # type: ignore[union-attr,arg-type]
