"""The dashboard, assembled from panels that each app contributes, so core imports no domain app.

In an AppConfig::

    dashboard_panels = "puente.success.panels.PANELS"   # dotted path to a list of Panel

A panel says who sees it (``audience``, a predicate on the user's :class:`Scope`) and builds
its context; returning ``None`` skips it (nothing to show). Panels for aggregate roles must
only put aggregates in their context (:func:`puente.core.aggregates.count_by`), never a
record or a link to one.

Generic templates cover most panels:

- ``core/panels/charts.html`` — ``{"charts": [Chart, ...], "intro": "..."}``
- ``core/panels/facts.html`` — ``{"facts": [(label, value), ...], "intro": "..."}``
- ``core/panels/table.html`` — ``{"caption": ..., "columns": [...], "rows": [[cell, ...]],
  "empty": "...", "more_url": ..., "more_label": ...}``; a cell is text or ``{"text", "url"}``
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string

from .roles import AGGREGATE_ONLY, INSTITUTION_STAFF, Role
from .scoping import Scope, scope_for

PanelContext = dict[str, Any]


@dataclass(frozen=True)
class Panel:
    key: str
    title: Any  # lazy translation
    template: str
    build: Callable[[HttpRequest, Scope], PanelContext | None]
    audience: Callable[[Scope], bool]
    order: int = 50


# --- audiences -------------------------------------------------------------------------------


def everyone(scope: Scope) -> bool:
    return scope.user_id is not None


def admins(scope: Scope) -> bool:
    return scope.is_admin


def aggregate_readers(scope: Scope) -> bool:
    """Ministry, regional and programme-manager roles (and administrators)."""
    return scope.is_admin or bool(scope.all_roles() & AGGREGATE_ONLY)


def institution_staff(scope: Scope) -> bool:
    return bool(scope.all_roles() & INSTITUTION_STAFF)


def employers(scope: Scope) -> bool:
    return Role.EMPLOYER in scope.all_roles()


def students(scope: Scope) -> bool:
    return Role.STUDENT in scope.all_roles()


# --- registry --------------------------------------------------------------------------------


def registered_panels() -> list[Panel]:
    panels: list[Panel] = []
    for config in apps.get_app_configs():
        declared = getattr(config, "dashboard_panels", None)
        if not declared:
            continue
        found = import_string(declared) if isinstance(declared, str) else declared
        panels.extend(found)
    return sorted(panels, key=lambda p: (p.order, p.key))


def panels_for(request: HttpRequest) -> list[dict[str, Any]]:
    """The panels the requesting user may see, with their context built."""
    scope = scope_for(request.user)
    shown = []
    for panel in registered_panels():
        if not panel.audience(scope):
            continue
        context = panel.build(request, scope)
        if context is None:
            continue
        shown.append({"key": panel.key, "title": panel.title, "template": panel.template, "data": context})
    return shown


def link(text: Any, url: str) -> dict[str, Any]:
    return {"kind": "link", "value": text, "url": url}


def table_rows(rows: list[list[Any]]) -> list[list[dict[str, Any]]]:
    """Cells for ``core/panels/table.html``: links come from :func:`link`; dates and numbers
    are marked so that the template writes them the way the active language does."""
    from datetime import date, datetime

    out = []
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, dict):
                cells.append(value)
            elif isinstance(value, datetime):
                cells.append({"kind": "datetime", "value": value})
            elif isinstance(value, date):
                cells.append({"kind": "date", "value": value})
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append({"kind": "number", "value": value})
            else:
                cells.append({"kind": "text", "value": "—" if value in (None, "") else value})
        out.append(cells)
    return out
