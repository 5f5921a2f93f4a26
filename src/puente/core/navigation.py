"""The main menu, assembled from each app's ``nav_items`` so apps add pages without editing base.html.

In an AppConfig::

    nav_items = [NavItem("success:student_list", _("Students"), capability=Capability.VIEW_STUDENTS, order=40)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse

if TYPE_CHECKING:
    from .scoping import Scope


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any  # lazy translation
    capability: str | None = None  # None: every logged-in user (or everyone when public)
    public: bool = False
    order: int = 50


def is_current(path: str, url: str) -> bool:
    """The entry of the page shown, or of a page below it (a detail under its list)."""
    if not path or not url:
        return False
    return path == url or (url.count("/") > 2 and path.startswith(url))


def menu_for(scope: Scope, path: str = "") -> list[dict[str, Any]]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav_items", []))
    visible = []
    for item in sorted(items, key=lambda i: (i.order, str(i.label))):
        if not item.public:
            if scope.user_id is None:
                continue
            if item.capability and not scope.can(item.capability):
                continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        visible.append({"url": url, "label": item.label, "current": False})
    matches = [entry for entry in visible if is_current(path, entry["url"])]
    if matches:  # only the closest entry: /students/tutor/ rather than /students/
        max(matches, key=lambda entry: len(entry["url"]))["current"] = True
    return visible
