"""Small cells are hidden, and so are enough other cells that no hidden value can be worked out
from the published totals (complementary suppression)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from puente.core.aggregates import (
    COMPLEMENTARY,
    PRIMARY,
    Cell,
    percent,
    suppression_pattern,
    suppression_pattern_1d,
)

T = 10


def with_margins(matrix: list[list[int]]) -> list[list[int]]:
    rows = [[*row, sum(row)] for row in matrix]
    totals = [sum(row[j] for row in matrix) for j in range(len(matrix[0]))]
    return [*rows, [*totals, sum(totals)]]


def recoverable(extended: list[list[int]], state: list[list[str]]) -> list[tuple[int, int]]:
    """Hidden entries an attacker can compute exactly from the published ones.

    The hidden values x satisfy A x = b (every row and column adds up to its total). An entry is
    determined exactly when every solution of A d = 0 has d = 0 at that entry.
    """
    rows, cols = len(extended), len(extended[0])
    hidden = [(i, j) for i in range(rows) for j in range(cols) if state[i][j]]
    if not hidden:
        return []
    equations = []
    for i in range(rows):
        equations.append([(1 if j < cols - 1 else -1) if a == i else 0 for a, j in hidden])
    for j in range(cols):
        equations.append([(1 if i < rows - 1 else -1) if b == j else 0 for i, b in hidden])
    matrix = np.array(equations, dtype=float)
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:].T
    if null_space.shape[1] == 0:
        return hidden
    return [entry for k, entry in enumerate(hidden) if np.allclose(null_space[k], 0)]


TABLES = {
    "one small cell": [[3, 40, 50], [25, 30, 45], [60, 12, 33]],
    "small cells in one row": [[2, 4, 50], [25, 30, 45], [60, 12, 33]],
    "small cells in one column": [[2, 40], [5, 30], [60, 12]],
    "a small row total": [[2, 3], [40, 50], [30, 20]],
    "two by two": [[3, 40], [25, 30]],
    "single row": [[4, 40, 33]],
    "single column": [[4], [40], [33]],
    "zeros beside a small cell": [[0, 3, 0], [20, 30, 40], [15, 0, 22]],
    "nothing small": [[10, 20], [30, 40]],
    "everything small": [[1, 2], [3, 1]],
    "diagonal of small cells": [[5, 40, 40, 40], [40, 5, 40, 40], [40, 40, 5, 40], [40, 40, 40, 5]],
}


@pytest.mark.parametrize("matrix", TABLES.values(), ids=TABLES.keys())
def test_no_hidden_value_can_be_recovered_from_the_totals(matrix):
    extended = with_margins(matrix)
    state = suppression_pattern(extended, T)
    assert recoverable(extended, state) == []


@pytest.mark.parametrize("matrix", TABLES.values(), ids=TABLES.keys())
def test_every_small_cell_is_hidden_as_primary(matrix):
    extended = with_margins(matrix)
    state = suppression_pattern(extended, T)
    for i, row in enumerate(extended):
        for j, value in enumerate(row):
            if 0 < value < T:
                assert state[i][j] == PRIMARY
            elif value >= T or value == 0:
                assert state[i][j] in {"", COMPLEMENTARY}


def test_a_lone_small_cell_takes_three_others_with_it():
    extended = with_margins([[3, 40, 50], [25, 30, 45], [60, 12, 33]])
    state = suppression_pattern(extended, T)
    hidden = [(i, j) for i, row in enumerate(state) for j, s in enumerate(row) if s]
    assert len(hidden) == 4  # the smallest rectangle
    assert all(i < 3 and j < 3 for i, j in hidden), "inner cells are preferred to totals"


def test_nothing_is_hidden_when_nothing_is_small():
    extended = with_margins([[10, 20], [30, 40]])
    assert all(not s for row in suppression_pattern(extended, T) for s in row)


def test_zero_disables_suppression():
    extended = with_margins([[1, 2], [3, 4]])
    assert all(not s for row in suppression_pattern(extended, 0) for s in row)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda cols: st.lists(
            st.lists(st.sampled_from([0, 1, 2, 5, 9, 10, 14, 30, 120]), min_size=cols, max_size=cols),
            min_size=1,
            max_size=6,
        )
    )
)
def test_random_tables_leak_nothing(matrix):
    extended = with_margins(matrix)
    state = suppression_pattern(extended, T)
    assert recoverable(extended, state) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([3, 40, 50], [PRIMARY, COMPLEMENTARY, "", ""]),
        ([3, 4, 50], [PRIMARY, PRIMARY, "", ""]),
        ([30, 40, 50], ["", "", "", ""]),
        ([0, 40, 50], ["", "", "", ""]),
        ([3, 0, 50], [PRIMARY, "", COMPLEMENTARY, ""]),
        ([3], [PRIMARY, PRIMARY]),
    ],
)
def test_one_way_tables_hide_a_second_value_beside_a_lone_small_one(values, expected):
    assert suppression_pattern_1d(values, sum(values), T) == expected


def test_a_hidden_cell_keeps_no_trace_of_its_value():
    cell = Cell(7, PRIMARY, T)
    assert cell.value is None and cell.suppressed
    assert str(cell) == "<10"
    assert "7" not in repr(cell)


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (5, 20, True),
        (5, 9, False),  # small denominator
        (Cell(4, PRIMARY, T), 200, False),  # hidden numerator
        (0, 0, False),
        (30, Cell(100, COMPLEMENTARY, T), False),
    ],
)
def test_percentages_are_withheld_on_small_or_hidden_denominators(part, whole, shown):
    assert (not percent(part, whole).withheld) is shown


BY_SEX = [[13, 42, 3], [10, 19, 0], [18, 28, 2], [87, 132, 0], [8, 14, 1]]  # women, men, other


def test_women_and_men_stay_visible_when_totals_can_be_hidden_instead():
    extended = with_margins(BY_SEX)
    plain = suppression_pattern(extended, T)
    kept = suppression_pattern(extended, T, keep_columns={0, 1})
    assert recoverable(extended, kept) == []
    hidden_sex_cells = sum(1 for i in range(len(BY_SEX)) for j in (0, 1) if kept[i][j] == COMPLEMENTARY)
    assert hidden_sex_cells < sum(1 for i in range(len(BY_SEX)) for j in (0, 1) if plain[i][j] == COMPLEMENTARY)
    assert hidden_sex_cells == 0


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 12)).map(list),
        min_size=1,
        max_size=7,
    )
)
def test_sparing_columns_still_leaks_nothing(matrix):
    extended = with_margins(matrix)
    assert recoverable(extended, suppression_pattern(extended, T, keep_columns={0, 1})) == []


def test_entries_hidden_for_another_reason_count_as_hidden_in_1d():
    # 40 and 25 are large, but the first is hidden by its caller (e.g. small by complement):
    # alone it could be worked out from the total, so the smallest other value goes with it.
    assert suppression_pattern_1d([40, 25, 30], 95, T, hidden=[True]) == [PRIMARY, COMPLEMENTARY, "", ""]
    assert suppression_pattern_1d([40, 25, 30], 95, T, hidden=[True, False, True]) == [PRIMARY, "", PRIMARY, ""]
