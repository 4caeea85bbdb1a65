from __future__ import annotations

from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from spiegel.analysis.suppression import Sum, suppress, table_sums


def test_cells_below_k_are_hidden_and_others_shown() -> None:
    assert suppress({"a": 4, "b": 5, "c": 0}, 5) == {"a": None, "b": 5, "c": None}


def test_a_single_hidden_cell_in_a_published_sum_hides_the_smallest_other_cell() -> None:
    counts = {"push": 3, "pull": 9, "other": 7, "total": 19}
    result = suppress(counts, 5, [Sum(("push", "pull", "other"), total="total")])
    assert result == {"push": None, "pull": 9, "other": None, "total": 19}


def test_a_hidden_total_needs_no_complementary_suppression() -> None:
    counts = {"push": 3, "pull": 9, "total": 4}
    result = suppress(counts, 5, [Sum(("push", "pull"), total="total")])
    assert result == {"push": None, "pull": 9, "total": None}


def test_complementary_suppression_propagates_across_rows_and_columns() -> None:
    counts: dict[tuple[Hashable, Hashable], int] = {
        ("a", "x"): 2, ("a", "y"): 10, ("a", "__total__"): 12,
        ("b", "x"): 8, ("b", "y"): 9, ("b", "__total__"): 17,
        ("__total__", "x"): 10, ("__total__", "y"): 19,
    }  # fmt: skip
    result = suppress(counts, 5, table_sums(["a", "b"], ["x", "y"], row_totals=True, column_totals=True))
    assert result[("a", "x")] is None
    assert result[("a", "y")] is None  # row a would give (a, x) away
    assert result[("b", "x")] is None  # column x would give (a, x) away
    assert result[("b", "y")] is None  # then row b and column y
    assert result[("a", "__total__")] == 12


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=5), min_size=1, max_size=5),
    st.integers(min_value=3, max_value=10),
)
def test_no_hidden_cell_can_be_worked_out_by_subtraction_from_one_published_sum(grid: list[list[int]], k: int) -> None:
    width = max(len(r) for r in grid)
    rows = [r + [0] * (width - len(r)) for r in grid]
    counts: dict[tuple[Hashable, Hashable], int] = {}
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            counts[(i, j)] = value
        counts[(i, "__total__")] = sum(row)
    for j in range(width):
        counts[("__total__", j)] = sum(row[j] for row in rows)
    relations = table_sums(range(len(rows)), range(width), row_totals=True, column_totals=True)
    result = suppress(counts, k, relations)
    assert all(v is None or v >= k for v in result.values())
    for relation in relations:
        if result[relation.total] is None:  # type: ignore[index]
            continue
        hidden = [c for c in relation.cells if result[c] is None]
        assert len(hidden) != 1
