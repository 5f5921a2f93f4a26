"""The one chart helper: Vega-Altair specifications rendered to SVG on the server.

Every chart in Puente is built here and shown with its data table beside it
(``{% include "lib/chart_with_table.html" with chart=... %}``, STYLE.md §8). Rendering uses
vl-convert, which embeds Vega: no browser, no network, no JavaScript in the page. The same
:class:`Chart` gives inline SVG for pages, and SVG or PNG bytes for PDFs (WeasyPrint) and
exports.

Values may be numbers, ``None`` (no data) or *suppressed cells*: any object with a true
``suppressed`` attribute whose ``str()`` is the label to show (``"<10"``), such as the cells of
:mod:`puente.core.aggregates`. Suppressed values are never drawn as bars; the chart writes their
label where the bar would start and the table shows the same label, so a reader sees that a
value exists but is hidden.

Example::

    from puente.lib.charts import bar_chart, stacked_bar

    chart = stacked_bar(
        [{"institution": "Instituto Andino", "sex": "Mujeres", "n": 120}, ...],
        x="institution", y="n", color="sex",
        title=_("Students by institution and sex"), x_title=_("Institution"), y_title=_("Students"),
    )
    # template: {% include "lib/chart_with_table.html" with chart=chart %}
    # PDF:      chart.svg(include_title=True) or chart.png()
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from django.conf import settings
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

# Okabe & Ito's colour-blind-safe palette, keeping the hues with at least 3:1 contrast on white
# (WCAG 2.2 non-text contrast), then two dark hues from Paul Tol's "muted" scheme.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#332288",  # indigo
    "#999933",  # olive
    "#882255",  # wine
    "#4A5360",  # slate
)
INK = "#1B1F24"
MUTED = "#4A5360"
GRID = "#D5DBE1"

ValueFormat = Literal["integer", "decimal", "percent"]
Kind = Literal["bar", "grouped_bar", "stacked_bar", "line"]


def is_suppressed(value: Any) -> bool:
    """True for a hidden small cell (any object with a true ``suppressed`` attribute)."""
    return bool(getattr(value, "suppressed", False))


def numeric(value: Any) -> float | None:
    """The number behind a value: cells with a ``value`` attribute are unwrapped; suppressed
    cells, ``None`` and text give ``None``."""
    if value is None or is_suppressed(value):
        return None
    if hasattr(value, "value") and not isinstance(value, int | float | Decimal):
        value = value.value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    return None


def suppressed_label(value: Any) -> str:
    """The short label of a suppressed value: its ``label`` or ``str()`` ("<10", "suppressed")."""
    text = str(getattr(value, "label", "") or value)
    if not text or " object at 0x" in text:
        return f"<{settings.SMALL_CELL_THRESHOLD}"
    return text


def format_number(value: Any, value_format: ValueFormat = "integer") -> str:
    """A number written the way the active language writes it (``1 234,5`` in es/fr)."""
    number = numeric(value)
    if number is None:
        return "—"
    if value_format == "percent":
        return formats.number_format(number * 100, 1, use_l10n=True, force_grouping=True) + "\u00a0%"
    if value_format == "decimal":
        return formats.number_format(number, 1, use_l10n=True, force_grouping=True)
    return formats.number_format(round(number), 0, use_l10n=True, force_grouping=True)


def display_value(value: Any, value_format: ValueFormat = "integer") -> str:
    """What a table cell shows: the formatted number, the suppression label, or a dash."""
    if is_suppressed(value):
        return suppressed_label(value)
    return format_number(value, value_format)


def vega_locale() -> dict[str, Any]:
    """d3-format locale of the active language, from Django's format settings so that the
    chart's axes and the table beside it write numbers the same way."""
    return {
        "decimal": str(formats.get_format("DECIMAL_SEPARATOR")),
        "thousands": str(formats.get_format("THOUSAND_SEPARATOR")),
        "grouping": [int(formats.get_format("NUMBER_GROUPING") or 3)],
        "currency": ["", ""],
        "percent": "\u00a0%",
    }


@lru_cache(maxsize=512)
def _render_svg(spec_json: str, locale_json: str) -> str:
    """Vega-Lite to SVG, remembered in this process and in the shared cache: rendering takes
    tens of milliseconds on an idle machine but much more on a busy one."""
    from django.core.cache import cache

    key = "puente:chart:svg:" + hashlib.sha256((spec_json + locale_json).encode()).hexdigest()
    cached = cache.get(key)
    if isinstance(cached, str):
        return cached
    import vl_convert

    svg = vl_convert.vegalite_to_svg(json.loads(spec_json), format_locale=json.loads(locale_json))
    cache.set(key, svg, 7 * 24 * 3600)
    return svg


@lru_cache(maxsize=64)
def _render_png(spec_json: str, locale_json: str, scale: float) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(json.loads(spec_json), scale=scale, format_locale=json.loads(locale_json))


_ARIA_ATTR = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")


def _accessible_svg(svg: str, *, dom_id: str, title: str, description: str) -> str:
    """Give Vega's SVG one accessible name and description and hide its inner structure:
    the chart is one image whose data are in the table beside it."""
    svg = _ARIA_ATTR.sub("", svg)

    def opening(match: re.Match[str]) -> str:
        attrs = re.sub(r'\s(?:width|height)="[^"]*"', "", match.group(1))
        return (
            f'<svg{attrs} role="img" aria-labelledby="{dom_id}-svg-title {dom_id}-svg-desc" focusable="false">'
            f'<title id="{dom_id}-svg-title">{html.escape(title)}</title>'
            f'<desc id="{dom_id}-svg-desc">{html.escape(description)}</desc>'
        )

    return _SVG_OPEN.sub(opening, svg, count=1)


@dataclass
class TableRow:
    """One row of a chart's data table: a header cell and its values."""

    header: Any
    cells: list[Any]
    is_total: bool = False


@dataclass
class DataTable:
    """The table shown beside a chart. Cells are numbers, suppressed cells, None or text."""

    columns: list[Any]  # the first column heads the row headers
    rows: list[TableRow]
    value_format: ValueFormat = "integer"

    def display_rows(self) -> list[dict[str, Any]]:
        out = []
        for row in self.rows:
            cells = []
            for value in row.cells:
                if isinstance(value, str):
                    cells.append({"text": value, "suppressed": False, "numeric": False})
                else:
                    cells.append(
                        {
                            "text": display_value(value, self.value_format),
                            "suppressed": is_suppressed(value),
                            "numeric": True,
                        }
                    )
            out.append({"header": str(row.header), "cells": cells, "is_total": row.is_total})
        return out


@dataclass
class Chart:
    """A chart specification plus everything needed to show it accessibly.

    Build it with :func:`bar_chart`, :func:`stacked_bar` or :func:`line_chart`. Labels are
    turned into text when the chart is rendered, so lazy translations follow the language
    active at that moment.
    """

    kind: Kind
    rows: list[dict[str, Any]]
    x: str
    y: str
    color: str | None = None
    title: Any = ""
    x_title: Any = ""
    y_title: Any = ""
    color_title: Any = ""
    value_format: ValueFormat = "integer"
    description: Any = None
    source: Any = None
    width: int = 380
    height: int | None = None
    order: list[Any] | None = None
    color_order: list[Any] | None = None
    table: DataTable | None = None
    dom_id: str = ""
    _svg: dict[tuple[str, bool], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.dom_id:
            digest = hashlib.sha1(
                json.dumps([self.kind, self.x, self.y, self.color, str(self.title), len(self.rows)]).encode(),
                usedforsecurity=False,
            ).hexdigest()[:8]
            self.dom_id = f"chart-{digest}"

    # -- data --------------------------------------------------------------------------------
    def categories(self) -> list[str]:
        if self.order is not None:
            return [str(v) for v in self.order]
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.setdefault(str(row[self.x]), None)
        return list(seen)

    def groups(self) -> list[str]:
        if not self.color:
            return []
        if self.color_order is not None:
            return [str(v) for v in self.color_order]
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.setdefault(str(row[self.color]), None)
        return list(seen)

    def _records(self) -> list[dict[str, Any]]:
        records = []
        for row in self.rows:
            value = row.get(self.y)
            record = {
                "x": str(row[self.x]),
                "y": numeric(value),
                "hidden": suppressed_label(value) if is_suppressed(value) else None,
            }
            if self.color:
                record["c"] = str(row[self.color])
            records.append(record)
        return records

    @property
    def has_suppressed(self) -> bool:
        return any(is_suppressed(row.get(self.y)) for row in self.rows) or any(
            is_suppressed(v) for r in (self.table.rows if self.table else []) for v in r.cells
        )

    def _whole_number_ticks(self, extent: str) -> dict[str, Any]:
        """For counts, no more ticks than whole units on the value axis. Vega ignores
        ``tickMinStep`` here, and a tick at 0.5 printed as a whole number read "0 1 1 2 2"."""
        if self.value_format != "integer":
            return {}
        totals: dict[tuple[str, str], float] = {}
        for r in self._records():
            if r["y"] is not None and r["y"] > 0:
                key = (r["x"], "" if self.kind == "stacked_bar" else str(r.get("c", "")))
                totals[key] = totals.get(key, 0.0) + float(r["y"])
        units = max(1, math.ceil(max(totals.values(), default=1)))
        # Vega's default is one tick per 40 pixels (its `ceil(width/40)`).
        return {"tickCount": {"expr": f"min(ceil({extent}/40), {units})"}}

    # -- specification -----------------------------------------------------------------------
    def spec(self, *, include_title: bool = False) -> dict[str, Any]:
        """The Vega-Lite specification (a dict), built with Altair."""
        import altair as alt

        records = self._records()
        categories = self.categories()
        groups = self.groups()
        value_axis_format = {"integer": ",d", "decimal": ",.1f", "percent": ".0%"}[self.value_format]
        axis_text = {"labelColor": INK, "titleColor": INK, "labelFontSize": 13, "titleFontSize": 13}
        color_scale = alt.Scale(domain=groups, range=list(PALETTE[: max(1, len(groups))]))
        shown = [r for r in records if r["y"] is not None]
        hidden = [r for r in records if r["hidden"]]
        data = alt.Data(values=shown)

        if self.kind == "line":
            chart = self._line(alt, data, hidden, categories, groups, color_scale, value_axis_format, axis_text)
        else:
            chart = self._bars(alt, data, hidden, categories, groups, color_scale, value_axis_format, axis_text)

        title_text = str(self.title) if include_title else ""
        # On a page the note is printed under the chart; standalone images carry it inside.
        note = self.note_lines() if include_title else []
        if title_text or note:
            chart = chart.properties(
                title=alt.TitleParams(
                    text=title_text or note,
                    subtitle=note if title_text and note else alt.Undefined,
                    anchor="start",
                    fontSize=14 if title_text else 11,
                    fontWeight="bold" if title_text else "normal",
                    color=INK if title_text else MUTED,
                    subtitleColor=MUTED,
                )
            )
        spec = chart.to_dict()
        spec["config"] = {
            "aria": False,
            "font": "sans-serif",
            "background": "white",
            "view": {"stroke": None},
            "axis": {"gridColor": GRID, "domainColor": MUTED, "tickColor": MUTED},
            "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 13, "titleFontSize": 13},
        }
        return spec

    def _bars(
        self,
        alt: Any,
        data: Any,
        hidden: list[dict[str, Any]],
        categories: list[str],
        groups: list[str],
        color_scale: Any,
        value_format: str,
        axis_text: dict[str, Any],
    ) -> Any:
        band = 22 if self.kind != "grouped_bar" else max(22, 14 * len(groups))
        height = self.height or max(60, band * len(categories))
        category = alt.Y(
            "x:N",
            sort=categories,
            title=str(self.x_title) or None,
            axis=alt.Axis(labelLimit=180, **axis_text),
            scale=alt.Scale(domain=categories),
        )
        value = alt.X(
            "y:Q",
            title=str(self.y_title) or None,
            axis=alt.Axis(format=value_format, **self._whole_number_ticks("width"), **axis_text),
            stack="zero" if self.kind == "stacked_bar" else None,
        )
        encoding: dict[str, Any] = {"y": category, "x": value}
        if groups:
            encoding["color"] = alt.Color(
                "c:N",
                scale=color_scale,
                sort=groups,
                title=str(self.color_title) or None,
                legend=alt.Legend(orient="bottom"),
            )
            encoding["order"] = alt.Order("order:Q")
            if self.kind == "grouped_bar":
                encoding["yOffset"] = alt.YOffset("c:N", sort=groups, scale=alt.Scale(domain=groups))
        base = (
            alt.Chart(data).transform_calculate(order=f"indexof({json.dumps(groups)}, datum.c)")
            if groups
            else alt.Chart(data)
        )
        bars = base.mark_bar(color=PALETTE[0], stroke="white", strokeWidth=1).encode(**encoding)
        layers = [bars]
        if hidden:
            layers.append(self._hidden_bar_labels(alt, hidden, categories, groups))
        return alt.layer(*layers).properties(width=self.width, height=height)

    def _hidden_bar_labels(
        self, alt: Any, hidden: list[dict[str, Any]], categories: list[str], groups: list[str]
    ) -> Any:
        """Write the suppression label where a hidden bar would be."""
        if self.kind == "stacked_bar":
            # One label per bar, after the visible segments: "Mujeres <10".
            visible_sum: dict[str, float] = {}
            for r in self._records():
                if r["y"] is not None:
                    visible_sum[r["x"]] = visible_sum.get(r["x"], 0.0) + r["y"]
            per_bar: dict[str, list[str]] = {}
            for r in hidden:
                per_bar.setdefault(r["x"], []).append(f"{r.get('c', '')} {r['hidden']}".strip())
            values = [{"x": x, "y": visible_sum.get(x, 0.0), "t": ", ".join(texts)} for x, texts in per_bar.items()]
            encoding: dict[str, Any] = {}
        else:
            values = [{"x": r["x"], "y": 0, "t": r["hidden"], "c": r.get("c", "")} for r in hidden]
            encoding = {}
            if self.kind == "grouped_bar" and groups:
                encoding["yOffset"] = alt.YOffset("c:N", sort=groups, scale=alt.Scale(domain=groups))
        return (
            alt.Chart(alt.Data(values=values))
            .mark_text(align="left", baseline="middle", dx=4, color=INK, fontSize=12)
            .encode(
                y=alt.Y("x:N", sort=categories, scale=alt.Scale(domain=categories)), x="y:Q", text="t:N", **encoding
            )
        )

    def _line(
        self,
        alt: Any,
        data: Any,
        hidden: list[dict[str, Any]],
        categories: list[str],
        groups: list[str],
        color_scale: Any,
        value_format: str,
        axis_text: dict[str, Any],
    ) -> Any:
        x = alt.X(
            "x:O",
            sort=categories,
            title=str(self.x_title) or None,
            axis=alt.Axis(labelAngle=0, **axis_text),
            scale=alt.Scale(domain=categories),
        )
        y = alt.Y(
            "y:Q",
            title=str(self.y_title) or None,
            axis=alt.Axis(format=value_format, **self._whole_number_ticks("height"), **axis_text),
        )
        encoding: dict[str, Any] = {"x": x, "y": y}
        if groups:
            encoding["color"] = alt.Color(
                "c:N",
                scale=color_scale,
                sort=groups,
                title=str(self.color_title) or None,
                legend=alt.Legend(orient="bottom"),
            )
            encoding["shape"] = alt.Shape(
                "c:N",
                scale=alt.Scale(domain=groups),
                sort=groups,
                title=str(self.color_title) or None,
                legend=alt.Legend(orient="bottom"),
            )
        line = (
            alt.Chart(data)
            .mark_line(point=alt.OverlayMarkDef(size=50, filled=True), strokeWidth=2.5, color=PALETTE[0])
            .encode(**encoding)
        )
        layers = [line]
        if hidden:
            values = [
                {
                    "x": r["x"],
                    "y": 0,
                    "t": r["hidden"],
                    "dy": -12 * (groups.index(r["c"]) if r.get("c") in groups else 0),
                }
                for r in hidden
            ]
            layers.append(
                alt.Chart(alt.Data(values=values))
                .mark_text(baseline="bottom", color=INK, fontSize=11)
                .encode(
                    x=alt.X("x:O", sort=categories, scale=alt.Scale(domain=categories)),
                    y="y:Q",
                    text="t:N",
                    yOffset="dy:Q",
                )
            )
        return alt.layer(*layers).properties(width=self.width, height=self.height or 220)

    # -- rendering ---------------------------------------------------------------------------
    def svg(self, *, include_title: bool = False) -> str:
        """The chart as standalone SVG text (rendered once per language)."""
        key = (get_language() or settings.LANGUAGE_CODE, include_title)
        if key not in self._svg:
            spec_json = json.dumps(self.spec(include_title=include_title), sort_keys=True, default=str)
            self._svg[key] = _render_svg(spec_json, json.dumps(vega_locale(), sort_keys=True))
        return self._svg[key]

    def svg_bytes(self, *, include_title: bool = True) -> bytes:
        return self.svg(include_title=include_title).encode("utf-8")

    def svg_data_uri(self, *, include_title: bool = True) -> str:
        """The SVG as a ``data:`` URI, for ``<img src>`` in PDFs and e-mails."""
        import base64

        return "data:image/svg+xml;base64," + base64.b64encode(self.svg_bytes(include_title=include_title)).decode()

    def png(self, *, scale: float = 2.0, include_title: bool = True) -> bytes:
        """The chart as PNG bytes (for PDFs and documents that do not take SVG)."""
        spec_json = json.dumps(self.spec(include_title=include_title), sort_keys=True, default=str)
        return _render_png(spec_json, json.dumps(vega_locale(), sort_keys=True), scale)

    def svg_markup(self) -> SafeString:
        """Inline SVG for a page: one image with an accessible name and description."""
        markup = _accessible_svg(self.svg(), dom_id=self.dom_id, title=str(self.title), description=self.summary())
        return mark_safe(markup)  # noqa: S308 — Vega's output, labels escaped by Vega and html.escape

    # -- words -------------------------------------------------------------------------------
    def hidden_labels(self) -> list[str]:
        labels = [suppressed_label(row.get(self.y)) for row in self.rows if is_suppressed(row.get(self.y))]
        if self.table:
            labels += [suppressed_label(v) for r in self.table.rows for v in r.cells if is_suppressed(v)]
        return labels

    def note_lines(self) -> list[str]:
        """How to read hidden values; one line per kind of hiding present."""
        labels = self.hidden_labels()
        lines = []
        if any(label.startswith("<") for label in labels):
            lines.append(
                gettext("<%(threshold)s: fewer than %(threshold)s, hidden to protect privacy.")
                % {"threshold": settings.SMALL_CELL_THRESHOLD}
            )
        if any(not label.startswith("<") for label in labels):
            lines.append(
                gettext("“%(label)s”: hidden so that a small value cannot be worked out from the totals.")
                % {"label": next(label for label in labels if not label.startswith("<"))}
            )
        return lines

    def note(self) -> str:
        return " ".join(self.note_lines())

    def summary(self) -> str:
        """A text summary of the chart, for its description and for readers who skip it."""
        if self.description:
            return str(self.description)
        records = self._records()
        shown = [r for r in records if r["y"] is not None]
        hidden_count = sum(1 for r in records if r["hidden"])
        parts: list[str] = []
        if not records:
            return gettext("No data to show.")
        if self.kind == "line":
            parts.append(
                gettext("Line chart of %(value)s by %(axis)s, from %(first)s to %(last)s.")
                % {
                    "value": str(self.y_title) or self.y,
                    "axis": str(self.x_title) or self.x,
                    "first": self.categories()[0],
                    "last": self.categories()[-1],
                }
            )
        else:
            parts.append(
                ngettext(
                    "Bar chart of %(value)s by %(axis)s: %(count)s category.",
                    "Bar chart of %(value)s by %(axis)s: %(count)s categories.",
                    len(self.categories()),
                )
                % {
                    "value": str(self.y_title) or self.y,
                    "axis": str(self.x_title) or self.x,
                    "count": len(self.categories()),
                }
            )
        if self.color:
            parts.append(
                gettext("Split by %(group)s: %(groups)s.")
                % {"group": str(self.color_title) or self.color, "groups": ", ".join(self.groups())}
            )
        if shown:
            top = max(shown, key=lambda r: r["y"])
            label = top["x"] + (f" ({top['c']})" if self.color else "")
            parts.append(
                gettext("Highest value: %(label)s, %(value)s.")
                % {"label": label, "value": format_number(top["y"], self.value_format)}
            )
        if hidden_count:
            parts.append(
                ngettext(
                    "%(count)s value is hidden to protect privacy.",
                    "%(count)s values are hidden to protect privacy.",
                    hidden_count,
                )
                % {"count": hidden_count}
            )
        parts.append(gettext("Every value is in the table."))
        return " ".join(parts)

    def data_table(self) -> DataTable:
        """The table beside the chart: rows are categories; one column per group, if any."""
        if self.table is not None:
            return self.table
        by_key = {(str(r[self.x]), str(r[self.color]) if self.color else ""): r.get(self.y) for r in self.rows}
        if self.color:
            groups = self.groups()
            columns: list[Any] = [self.x_title or self.x, *groups]
            rows = [TableRow(cat, [by_key.get((cat, g)) for g in groups]) for cat in self.categories()]
        else:
            columns = [self.x_title or self.x, self.y_title or self.y]
            rows = [TableRow(cat, [by_key.get((cat, ""))]) for cat in self.categories()]
        return DataTable(columns=columns, rows=rows, value_format=self.value_format)


def _as_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


def bar_chart(
    rows: Sequence[Mapping[str, Any]],
    x: str,
    y: str,
    color: str | None = None,
    *,
    title: Any,
    x_title: Any = "",
    y_title: Any = "",
    color_title: Any = "",
    value_format: ValueFormat = "integer",
    description: Any = None,
    source: Any = None,
    order: list[Any] | None = None,
    color_order: list[Any] | None = None,
    table: DataTable | None = None,
    width: int = 380,
    dom_id: str = "",
) -> Chart:
    """Horizontal bars of ``y`` per ``x`` category; with ``color``, grouped bars side by side.

    ``rows`` are mappings (``{"sector": "Minería", "n": 42}``); ``x`` and ``color`` name the
    category keys and ``y`` the value key.
    """
    return Chart(
        kind="grouped_bar" if color else "bar",
        rows=_as_rows(rows),
        x=x,
        y=y,
        color=color,
        title=title,
        x_title=x_title,
        y_title=y_title,
        color_title=color_title,
        value_format=value_format,
        description=description,
        source=source,
        order=order,
        color_order=color_order,
        table=table,
        width=width,
        dom_id=dom_id,
    )


def stacked_bar(
    rows: Sequence[Mapping[str, Any]],
    x: str,
    y: str,
    color: str,
    *,
    title: Any,
    x_title: Any = "",
    y_title: Any = "",
    color_title: Any = "",
    value_format: ValueFormat = "integer",
    description: Any = None,
    source: Any = None,
    order: list[Any] | None = None,
    color_order: list[Any] | None = None,
    table: DataTable | None = None,
    width: int = 380,
    dom_id: str = "",
) -> Chart:
    """Horizontal bars of ``y`` per ``x`` category, stacked by ``color`` (e.g. sex)."""
    return Chart(
        kind="stacked_bar",
        rows=_as_rows(rows),
        x=x,
        y=y,
        color=color,
        title=title,
        x_title=x_title,
        y_title=y_title,
        color_title=color_title,
        value_format=value_format,
        description=description,
        source=source,
        order=order,
        color_order=color_order,
        table=table,
        width=width,
        dom_id=dom_id,
    )


def line_chart(
    rows: Sequence[Mapping[str, Any]],
    x: str,
    y: str,
    color: str | None = None,
    *,
    title: Any,
    x_title: Any = "",
    y_title: Any = "",
    color_title: Any = "",
    value_format: ValueFormat = "integer",
    description: Any = None,
    source: Any = None,
    order: list[Any] | None = None,
    color_order: list[Any] | None = None,
    table: DataTable | None = None,
    width: int = 380,
    height: int | None = None,
    dom_id: str = "",
) -> Chart:
    """A line per ``color`` group (or one line) of ``y`` over ordered ``x`` (years, terms)."""
    return Chart(
        kind="line",
        rows=_as_rows(rows),
        x=x,
        y=y,
        color=color,
        title=title,
        x_title=x_title,
        y_title=y_title,
        color_title=color_title,
        value_format=value_format,
        description=description,
        source=source,
        order=order,
        color_order=color_order,
        table=table,
        width=width,
        height=height,
        dom_id=dom_id,
    )


Builder = Callable[..., Chart]
__all__ = [
    "PALETTE",
    "Chart",
    "DataTable",
    "TableRow",
    "bar_chart",
    "display_value",
    "format_number",
    "is_suppressed",
    "line_chart",
    "stacked_bar",
]
