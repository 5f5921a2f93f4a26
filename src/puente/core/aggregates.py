"""Counts by dimensions with small-cell protection: the one helper behind every statistic shown
to aggregate roles (ministry analyst, regional analyst, programme manager) and to the public.

- Counts below ``settings.SMALL_CELL_THRESHOLD`` are hidden (*primary* suppression, shown "<10").
- More cells are hidden (*complementary* suppression, shown "suppressed") until no hidden value
  can be worked out exactly from the row and column totals, by subtraction or by any combination
  of the table's sums (see :func:`suppression_pattern`).
- Percentages are withheld when their denominator is small or their numerator hidden.
- Counts are restricted to the countries the user may read aggregates of
  (:meth:`puente.core.scoping.Scope.aggregate_countries`), unless the statistic is public.

It knows nothing of students or vacancies: it takes any queryset and field names, so core stays
free of domain imports. Example (graduates by programme sector and sex, for a ministry analyst)::

    from puente.core.aggregates import Dimension, count_by

    table = count_by(
        Student.objects.filter(status="graduated"),
        rows=Dimension("programme__sector", _("Sector"), label_field="programme__sector__name"),
        cols=Dimension("sex", _("Sex"), choices=Sex.choices),
        user=request.user,
        country_field="institution__country",
        title=_("Graduates by sector and sex"),
    )
    table.cells[0][0]            # Cell: .value (None when hidden), .suppressed, str() "<10" / "1 234"
    table.share(0, 0)            # Percent of the row total, withheld on small denominators
    chart = table.chart()        # a puente.lib.charts.Chart with the full table (totals) beside it
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from puente.lib import charts
from puente.lib.text import search_key

from .scoping import AnyUser, scope_for

PRIMARY = "primary"
NOT_RECORDED = _("Not recorded")
COMPLEMENTARY = "complementary"


def small_cell_threshold() -> int:
    return int(getattr(settings, "SMALL_CELL_THRESHOLD", 10))


# --- cells -----------------------------------------------------------------------------------


class Cell:
    """One published number. A hidden cell keeps no trace of its value."""

    __slots__ = ("reason", "threshold", "value")

    def __init__(self, value: int | float | None, reason: str = "", threshold: int = 0) -> None:
        self.reason = reason
        self.threshold = threshold
        self.value = None if reason else value

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)

    @property
    def label(self) -> str:
        """What to print: "<10" for a small cell, "suppressed" for a complementary one."""
        if self.reason == PRIMARY:
            return f"<{self.threshold}"
        if self.reason == COMPLEMENTARY:
            return gettext("suppressed")
        return charts.format_number(self.value)

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"Cell({self.reason or self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Cell):
            return (self.value, self.reason) == (other.value, other.reason)
        return not self.reason and self.value == other

    __hash__ = None  # type: ignore[assignment]

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "suppressed": self.suppressed, "label": self.label}


class Percent:
    """A share, or the reason it is withheld."""

    __slots__ = ("value",)

    def __init__(self, value: float | None) -> None:
        self.value = value

    @property
    def withheld(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return charts.format_number(self.value, "percent") if self.value is not None else "—"


def percent(part: Cell | int | None, whole: Cell | int | None, *, min_denominator: int | None = None) -> Percent:
    """``part / whole``, withheld when either is hidden or the denominator is below the
    threshold (a share of 3 people says as much as the 3 themselves)."""
    minimum = small_cell_threshold() if min_denominator is None else min_denominator
    numerator = part.value if isinstance(part, Cell) else part
    denominator = whole.value if isinstance(whole, Cell) else whole
    if numerator is None or denominator is None or denominator <= 0 or denominator < minimum:
        return Percent(None)
    return Percent(numerator / denominator)


# --- suppression ------------------------------------------------------------------------------


def _primary(value: int | float, threshold: int, suppress_zeros: bool) -> bool:
    if value == 0:
        return suppress_zeros and threshold > 0
    return 0 < value < threshold


def suppression_pattern_1d(
    values: Sequence[float],
    total: float,
    threshold: int,
    *,
    suppress_zeros: bool = False,
    hidden: Sequence[bool] = (),
) -> list[str]:
    """Which of ``[*values, total]`` to hide for a one-way table published with its total.

    One equation links them (the values add up to the total), so a lone hidden entry is always
    recoverable: a second one, the smallest non-zero value, is hidden with it. ``hidden`` marks
    entries (same order, total last) already hidden for another reason; they count as primary.
    """
    entries = [*values, total]
    state = [
        PRIMARY if _primary(v, threshold, suppress_zeros) or (i < len(hidden) and hidden[i]) else ""
        for i, v in enumerate(entries)
    ]
    if sum(1 for s in state if s) == 1:
        candidates = [i for i, s in enumerate(state) if not s]
        best = min(candidates, key=lambda i: (i == len(entries) - 1, entries[i] == 0, entries[i]))
        state[best] = COMPLEMENTARY
    return state


def suppression_pattern(
    matrix: Sequence[Sequence[float]],
    threshold: int,
    *,
    suppress_zeros: bool = False,
    keep_columns: Collection[int] = (),
) -> list[list[str]]:
    """Which entries of a two-way table *with its margins* to hide.

    ``matrix`` is the (R+1)×(C+1) table whose last column holds the row totals and last row the
    column totals (the corner is the grand total). The returned grid holds ``"primary"``,
    ``"complementary"`` or ``""`` per entry.

    Why it is safe: signing each entry (+ inside, − on one margin, + in the corner) turns the
    table's equations into "every line sums to zero". A hidden entry can be worked out exactly
    only when it is a *bridge* of the graph whose nodes are the lines and whose edges are the
    hidden entries (it lies on no cycle). So entries are hidden, cheapest first (inner cells
    before totals, non-zero before zero, small before large), until no hidden entry is a bridge.
    """
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0
    state = [
        [PRIMARY if _primary(matrix[i][j], threshold, suppress_zeros) else "" for j in range(cols)] for i in range(rows)
    ]

    def cost(i: int, j: int) -> tuple[int, bool, int | float]:
        margin = i == rows - 1 or j == cols - 1
        rank = 1 if margin else (2 if j in keep_columns else 0)
        return (rank, matrix[i][j] == 0, matrix[i][j])

    while True:
        hidden = {(i, j) for i in range(rows) for j in range(cols) if state[i][j]}
        if not hidden:
            return state
        row_deg = [0] * rows
        col_deg = [0] * cols
        for i, j in hidden:
            row_deg[i] += 1
            col_deg[j] += 1
        # 1. A line with exactly one hidden entry gives it away by subtraction.
        leaf = next(((("r", i)) for i in range(rows) if row_deg[i] == 1), None) or next(
            ((("c", j)) for j in range(cols) if col_deg[j] == 1), None
        )
        if leaf is not None:
            kind, index = leaf
            if kind == "r":
                candidates = [(index, j) for j in range(cols) if not state[index][j]]
                closes = {(index, j): col_deg[j] > 0 for j in range(cols)}
            else:
                candidates = [(i, index) for i in range(rows) if not state[i][index]]
                closes = {(i, index): row_deg[i] > 0 for i in range(rows)}
            if not candidates:  # the whole line is hidden but one entry: cannot happen with margins
                raise AssertionError("a line with one hidden entry has no other entry")
            best = min(candidates, key=lambda e: (cost(*e)[0], cost(*e)[1], not closes[e], cost(*e)[2]))
            state[best[0]][best[1]] = COMPLEMENTARY
            continue
        # 2. Subtler chains: a hidden entry joining two otherwise separate groups of hidden entries.
        bridge = _find_bridge(hidden, rows, cols)
        if bridge is None:
            return state
        side_a, side_b = _sides(hidden - {bridge}, bridge)
        candidates = [
            (i, j)
            for i in range(rows)
            for j in range(cols)
            if not state[i][j]
            and ((("r", i) in side_a and ("c", j) in side_b) or (("r", i) in side_b and ("c", j) in side_a))
        ]
        best = min(candidates, key=lambda e: cost(*e))
        state[best[0]][best[1]] = COMPLEMENTARY


def _adjacency(edges: Iterable[tuple[int, int]]) -> dict[tuple[str, int], list[tuple[str, int]]]:
    graph: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in edges:
        graph.setdefault(("r", i), []).append(("c", j))
        graph.setdefault(("c", j), []).append(("r", i))
    return graph


def _component(graph: dict[tuple[str, int], list[tuple[str, int]]], start: tuple[str, int]) -> set[tuple[str, int]]:
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        for other in graph.get(node, []):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen


def _sides(edges: set[tuple[int, int]], bridge: tuple[int, int]) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    graph = _adjacency(edges)
    return _component(graph, ("r", bridge[0])), _component(graph, ("c", bridge[1]))


def _find_bridge(edges: set[tuple[int, int]], rows: int, cols: int) -> tuple[int, int] | None:
    """A bridge of the bipartite line graph, or None (iterative Tarjan)."""
    graph = _adjacency(edges)
    order: dict[tuple[str, int], int] = {}
    low: dict[tuple[str, int], int] = {}
    counter = 0
    for root in sorted(graph):
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[tuple[str, int], tuple[str, int] | None, Iterable[tuple[str, int]]]] = [
            (root, None, iter(graph[root]))
        ]
        while stack:
            node, parent, neighbours = stack[-1]
            advanced = False
            for other in neighbours:
                if other == parent:
                    continue  # simple graph: one edge per (row, column) pair
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = counter
                    counter += 1
                    stack.append((other, node, iter(graph[other])))
                    advanced = True
                    break
            if advanced:
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    row = parent if parent[0] == "r" else node
                    col = node if node[0] == "c" else parent
                    return (row[1], col[1])
    return None


# --- dimensions and tables --------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """A field to count by.

    ``field`` is the lookup grouped on (``"institution"``, ``"programme__sector"``, ``"sex"``);
    ``label_field`` a lookup giving its label (``"institution__name"``, translated names work);
    ``choices`` gives labels and order for choice fields, every choice with a non-empty value
    being shown even when its count is zero ("0 women" is information) unless ``zero_choices``
    is false.
    """

    field: str
    title: Any
    label_field: str | None = None
    choices: Sequence[tuple[Any, Any]] | None = None
    empty_label: Any = NOT_RECORDED
    sort: Literal["label", "total", "choices"] | None = None
    zero_choices: bool = True

    def lookups(self) -> list[str]:
        return [self.field] + ([self.label_field] if self.label_field and self.label_field != self.field else [])


def _dimension(value: Dimension | str) -> Dimension:
    return value if isinstance(value, Dimension) else Dimension(value, value)


@dataclass
class CrossTab:
    """A table of protected counts: one row per value of ``row_dim``, one column per value of
    ``col_dim`` (a single column when there is none), with totals."""

    title: Any
    row_dim: Dimension
    col_dim: Dimension | None
    row_keys: list[Any]
    row_labels: list[str]
    col_keys: list[Any]
    col_labels: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell]
    col_totals: list[Cell]
    total: Cell
    threshold: int
    value_title: Any = field(default_factory=lambda: _("Count"))
    source: Any = None

    @property
    def has_suppressed(self) -> bool:
        return any(c.suppressed for c in [*self.row_totals, *self.col_totals, self.total]) or any(
            c.suppressed for row in self.cells for c in row
        )

    @property
    def is_empty(self) -> bool:
        return not self.row_keys

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"key": key, "label": label, "cells": cells, "total": total}
            for key, label, cells, total in zip(
                self.row_keys, self.row_labels, self.cells, self.row_totals, strict=True
            )
        ]

    def share(self, row: int, col: int, *, of: Literal["row", "column", "total"] = "row") -> Percent:
        whole = {"row": self.row_totals[row], "column": self.col_totals[col], "total": self.total}[of]
        return percent(self.cells[row][col], whole)

    def column_shares(self, col: int) -> list[Percent]:
        """Share of column ``col`` (e.g. women) in each row's total."""
        return [percent(cells[col], total) for cells, total in zip(self.cells, self.row_totals, strict=True)]

    def data_table(self) -> charts.DataTable:
        total_label = gettext("Total")
        if self.col_dim is None:
            columns = [self.row_dim.title, self.value_title]
            rows = [
                charts.TableRow(label, [cells[0]]) for label, cells in zip(self.row_labels, self.cells, strict=True)
            ]
            rows.append(charts.TableRow(total_label, [self.total], is_total=True))
        else:
            columns = [self.row_dim.title, *self.col_labels, total_label]
            rows = [
                charts.TableRow(label, [*cells, total])
                for label, cells, total in zip(self.row_labels, self.cells, self.row_totals, strict=True)
            ]
            rows.append(charts.TableRow(total_label, [*self.col_totals, self.total], is_total=True))
        return charts.DataTable(columns=columns, rows=rows)

    def chart(
        self, kind: Literal["stacked", "grouped", "bar"] = "stacked", *, title: Any = None, **options: Any
    ) -> charts.Chart:
        """This table as a chart (bars per row, split by column), its data table with totals beside it."""
        rows = [
            {"row": label, "col": col_label, "n": cell}
            for label, cells in zip(self.row_labels, self.cells, strict=True)
            for col_label, cell in zip(self.col_labels, cells, strict=True)
        ]
        common: dict[str, Any] = {
            "title": title or self.title,
            "x_title": self.row_dim.title,
            "y_title": self.value_title,
            "order": self.row_labels,
            "table": self.data_table(),
            "source": self.source,
            **options,
        }
        if self.col_dim is None:
            return charts.bar_chart(rows, "row", "n", **common)
        common.update(color_title=self.col_dim.title, color_order=self.col_labels)
        if kind == "grouped":
            return charts.bar_chart(rows, "row", "n", "col", **common)
        return charts.stacked_bar(rows, "row", "n", "col", **common)

    def export_rows(self) -> tuple[list[str], list[list[Any]]]:
        """Header and rows for :mod:`puente.lib.exports`: hidden cells keep their label."""
        table = self.data_table()
        header = [str(c) for c in table.columns]
        body = [[str(row.header), *[c.label if c.suppressed else c.value for c in row.cells]] for row in table.rows]
        return header, body

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form for the API: hidden values are ``null`` with ``suppressed: true``."""
        return {
            "title": str(self.title),
            "threshold": self.threshold,
            "columns": [{"key": k, "label": label} for k, label in zip(self.col_keys, self.col_labels, strict=True)],
            "rows": [
                {
                    "key": r["key"],
                    "label": r["label"],
                    "cells": [c.as_dict() for c in r["cells"]],
                    "total": r["total"].as_dict(),
                }
                for r in self.rows()
            ],
            "column_totals": [c.as_dict() for c in self.col_totals],
            "total": self.total.as_dict(),
        }


def restrict_to_user_countries(queryset: QuerySet, user: AnyUser | None, country_field: str) -> QuerySet:
    """Only the countries whose aggregates ``user`` may read (all for regional roles and admins)."""
    countries = scope_for(user).aggregate_countries()
    if countries is None:
        return queryset
    return queryset.filter(**{f"{country_field}__in": sorted(countries)})


def _label(dim: Dimension, key: Any, label: Any) -> str:
    if key is None or key == "":
        if dim.choices:
            for value, choice_label in dim.choices:
                if value == key and key == "":
                    return str(choice_label)
        return str(dim.empty_label)
    if dim.choices:
        for value, choice_label in dim.choices:
            if value == key:
                return str(choice_label)
    return str(label if label not in (None, "") else key)


def _ordered_keys(dim: Dimension, found: dict[Any, str], totals: dict[Any, int | float]) -> list[Any]:
    keys = dict(found)
    if dim.choices and dim.zero_choices:
        for value, choice_label in dim.choices:
            if value not in (None, "") and value not in keys:
                keys[value] = str(choice_label)
    sort = dim.sort or ("choices" if dim.choices else "label")
    if sort == "choices" and dim.choices:
        position = {value: n for n, (value, _label) in enumerate(dim.choices)}
        return sorted(
            keys, key=lambda k: (k in (None, "") and k not in position, position.get(k, len(position)), keys[k])
        )
    if sort == "total":
        return sorted(keys, key=lambda k: (-totals.get(k, 0), search_key(keys[k])))
    return sorted(keys, key=lambda k: (k in (None, ""), search_key(keys[k])))


def count_by(
    queryset: QuerySet,
    rows: Dimension | str,
    cols: Dimension | str | None = None,
    *,
    user: AnyUser | None = None,
    country_field: str | None = None,
    public: bool = False,
    already_scoped: bool = False,
    threshold: int | None = None,
    measure: Any = None,
    title: Any = "",
    value_title: Any = None,
    suppress_zeros: bool = False,
    keep_visible: Iterable[Any] = (),
    source: Any = None,
) -> CrossTab:
    """Count ``queryset`` by one or two dimensions, protecting small cells.

    Say whose countries apply: ``user=`` with ``country_field=`` (the lookup from the counted
    model to its country, e.g. ``"institution__country"``), or ``public=True`` (published
    statistics of every country), or ``already_scoped=True`` (the queryset was already narrowed
    to what the user may see, e.g. ``visible_to(user)`` for an institution's own staff).

    ``threshold`` defaults to ``settings.SMALL_CELL_THRESHOLD``; ``0`` publishes exact counts
    (only for people who may see the individual records anyway). ``measure`` is the aggregate
    to compute (default ``Count("pk")``; e.g. ``Sum("positions")``). ``keep_visible`` lists
    column keys whose cells complementary suppression should spare, hiding totals instead
    (``keep_visible=[Sex.FEMALE, Sex.MALE]`` keeps sex-disaggregated counts readable).
    """
    row_dim = _dimension(rows)
    col_dim = _dimension(cols) if cols is not None else None
    if not (public or already_scoped or country_field):
        raise ImproperlyConfigured("count_by() needs country_field=..., public=True or already_scoped=True")
    if country_field and not public:
        queryset = restrict_to_user_countries(queryset, user, country_field)
    limit = small_cell_threshold() if threshold is None else threshold

    lookups = row_dim.lookups() + (col_dim.lookups() if col_dim else [])
    counted = queryset.order_by().values(*lookups).annotate(_n=measure if measure is not None else Count("pk"))
    values: dict[tuple[Any, Any], int | float] = {}
    row_found: dict[Any, str] = {}
    col_found: dict[Any, str] = {}
    for item in counted:
        rkey = item[row_dim.field]
        ckey = item[col_dim.field] if col_dim else None
        n = item["_n"] or 0
        values[(rkey, ckey)] = values.get((rkey, ckey), 0) + n
        row_found.setdefault(rkey, _label(row_dim, rkey, item.get(row_dim.label_field or "")))
        if col_dim:
            col_found.setdefault(ckey, _label(col_dim, ckey, item.get(col_dim.label_field or "")))

    row_totals_raw: dict[Any, int | float] = {}
    for (rkey, _ckey), n in values.items():
        row_totals_raw[rkey] = row_totals_raw.get(rkey, 0) + n
    row_keys = _ordered_keys(row_dim, row_found, row_totals_raw)
    col_keys = _ordered_keys(col_dim, col_found, {}) if col_dim else [None]
    row_labels = [row_found.get(k) or _label(row_dim, k, None) for k in row_keys]
    col_labels = (
        [col_found.get(k) or _label(col_dim, k, None) for k in col_keys]
        if col_dim
        else [str(value_title or _("Count"))]
    )

    matrix = [[values.get((r, c), 0) for c in col_keys] for r in row_keys]
    row_sums = [sum(line) for line in matrix]
    col_sums = [sum(matrix[i][j] for i in range(len(row_keys))) for j in range(len(col_keys))]
    grand = sum(row_sums)

    if col_dim is None:
        state_1d = suppression_pattern_1d([line[0] for line in matrix], grand, limit, suppress_zeros=suppress_zeros)
        cells = [[Cell(matrix[i][0], state_1d[i], limit)] for i in range(len(row_keys))]
        row_totals = [cells[i][0] for i in range(len(row_keys))]
        total = Cell(grand, state_1d[-1], limit)
        col_totals = [total]
    else:
        extended = [[*line, row_sums[i]] for i, line in enumerate(matrix)] + [[*col_sums, grand]]
        nrows, ncols = len(row_keys), len(col_keys)
        state = suppression_pattern(extended, limit, suppress_zeros=suppress_zeros) if nrows else [[""] * (ncols + 1)]
        cells = [[Cell(matrix[i][j], state[i][j], limit) for j in range(ncols)] for i in range(nrows)]
        row_totals = [Cell(row_sums[i], state[i][ncols], limit) for i in range(nrows)]
        col_totals = [Cell(col_sums[j], state[nrows][j], limit) for j in range(ncols)]
        total = Cell(grand, state[nrows][ncols], limit)

    return CrossTab(
        title=title,
        row_dim=row_dim,
        col_dim=col_dim,
        row_keys=row_keys,
        row_labels=row_labels,
        col_keys=col_keys,
        col_labels=col_labels,
        cells=cells,
        row_totals=row_totals,
        col_totals=col_totals,
        total=total,
        threshold=limit,
        value_title=value_title or _("Count"),
        source=source,
    )
