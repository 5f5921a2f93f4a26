"""Template helpers of the student-success pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def pct(value: float | None, digits: int = 0) -> str:
    """0.4567 → "46 %" (localised); None → "—"."""
    if value is None:
        return "—"
    return f"{number_format(100 * value, decimal_pos=digits)} %"


@register.filter
def cell(value: int | None, suppressed: bool) -> str:
    """A count, or a mark when the cell is suppressed for aggregate-only readers."""
    if suppressed:
        return _("hidden (small group)")
    return "—" if value is None else number_format(value, force_grouping=True)


@register.filter
def small(value: int, threshold: int) -> bool:
    return value < threshold


@register.filter
def signed_points(value: int | None) -> str:
    if value is None:
        return ""
    if value == 0:
        return _("no change")
    return _("%(sign)s%(n)s points") % {"sign": "+" if value > 0 else "−", "n": abs(value)}


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None
