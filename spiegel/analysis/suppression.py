"""Small-number protection for every figure an organisation sees (privacy.md, "Small numbers").

A cell is published only when its count is at least k. Where cells add up to a published total (a row of a
table, push + pull of one theme), one hidden cell could be worked out by subtraction; complementary
suppression then hides another cell of that sum too — the smallest, to lose as little as possible — and
repeats until no hidden value can be derived from one sum. Django-free and deterministic.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Sum(Generic[K]):
    """Cells whose values add up to `total`; `total` is None when the total itself is not published."""

    cells: tuple[K, ...]
    total: K | None = None


def suppress(counts: Mapping[K, int], k: int, sums: Sequence[Sum[K]] = ()) -> dict[K, int | None]:
    """The counts with every cell below k (primary) and every cell needed to protect it (complementary) as None.

    `sums` lists the additive relations between cells. A total that is itself a cell in `counts` is treated like
    any other cell: if it is hidden, its sum leaks nothing by subtraction.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    hidden = {key for key, value in counts.items() if value < k}
    changed = True
    while changed:
        changed = False
        for relation in sums:
            if relation.total is not None and relation.total in hidden:
                continue  # an unpublished total cannot be subtracted from
            members = [c for c in relation.cells if c in counts]
            hidden_members = [c for c in members if c in hidden]
            if len(hidden_members) != 1:
                continue
            shown = [c for c in members if c not in hidden]
            if not shown:
                if relation.total is not None:
                    hidden.add(relation.total)  # the total alone would give the one hidden cell away
                    changed = True
                continue
            # Hide the smallest published cell (ties broken by order, for stable output).
            victim = min(shown, key=lambda c: (counts[c], members.index(c)))
            hidden.add(victim)
            changed = True
    return {key: (None if key in hidden else value) for key, value in counts.items()}


def table_sums(
    rows: Iterable[Hashable], columns: Iterable[Hashable], *, row_totals: bool, column_totals: bool
) -> list[Sum[tuple[Hashable, Hashable]]]:
    """The additive relations of a rows × columns table whose cells are keyed (row, column).

    A row total is keyed (row, "__total__") and a column total ("__total__", column) when they are published.
    Only use this for tables whose cells really add up (each person in exactly one column).
    """
    row_list, column_list = list(rows), list(columns)
    relations: list[Sum[tuple[Hashable, Hashable]]] = []
    if row_totals:
        relations += [Sum(tuple((r, c) for c in column_list), total=(r, "__total__")) for r in row_list]
    if column_totals:
        relations += [Sum(tuple((r, c) for r in row_list), total=("__total__", c)) for c in column_list]
    return relations
