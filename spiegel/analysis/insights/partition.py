"""Fixed partitions: two views of the organisation can never be subtracted into a group smaller than k.

Comparing "from 2025-01" with "from 2025-02", or "all departments" with "all but one", would show the reasons of
the few leavers in between. So a view never covers an arbitrary set of leavers: the organisation's leavers are
split once, the same way for every view, into groups of at least k (privacy.md, "Small numbers"):

1. departments: one with at least k leavers is its own group, the smaller ones share one (which joins the
   smallest department when it is itself below k);
2. time blocks: consecutive quarters, oldest first, each holding at least k leavers and, of every department
   group, none or at least k (groups are joined, smallest first, while blocks would span more than a year);
   exits without a date form one more block, or join the oldest when they are too few;
3. within each block and department group, by leave type, then tenure band, then who held the conversation: a
   value with at least k leavers is its own group, the smaller ones share one.

A view is published only as a union of whole groups. The period widens to whole time blocks; a filter that would
cut a group in two is dropped (the finest first: mode, tenure, leave type, department; then the period). Every
view is then a union of groups of at least k, and so is the difference between any two views.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncQuarter

from spiegel.analysis.insights.figures import Widening
from spiegel.analysis.insights.filters import TENURE_BANDS, Filters, historical_of, interviews_of, quarter_label
from spiegel.tenancy.queries import Access

#: The filters a view may be widened in, finest first (the period last).
WIDENING_ORDER = ("mode", "tenure", "leave_type", "department", "period")


@dataclass(frozen=True)
class Cell:
    """Leavers who share every attribute a filter can select on. `quarter` is None for an undated exit."""

    quarter: str | None
    department: str
    leave_type: str
    tenure: str | None
    mode: str
    n: int


def _tenure_band(months: int | None) -> str | None:
    if months is None:
        return None
    for band, (low, high) in TENURE_BANDS.items():
        if months >= low and (high is None or months < high):
            return band
    return None


def cells_of(access: Access) -> list[Cell]:
    """The organisation's leavers in view of any filter (completed, analysed cases and imported exits), grouped
    by every attribute a filter selects on; two grouped queries."""
    everyone = Filters()
    interviews = interviews_of(access, everyone).annotate(quarter=TruncQuarter("left_on"))
    historical = historical_of(access, everyone).annotate(quarter=TruncQuarter("leave_date"))
    out: list[Cell] = []
    for qs, has_mode in ((interviews, True), (historical, False)):
        fields = ["quarter", "department__name", "leave_type", "tenure_months", *(["mode"] if has_mode else [])]
        for row in qs.values(*fields).annotate(n=Count("pk")):
            out.append(
                Cell(
                    quarter=quarter_label(row["quarter"]),
                    department=row["department__name"] or "",
                    leave_type=str(row["leave_type"] or ""),
                    tenure=_tenure_band(row["tenure_months"]),
                    mode=str(row.get("mode") or ""),
                    n=int(row["n"]),
                )
            )
    return out


def _size(cells: Iterable[Cell]) -> int:
    return sum(c.n for c in cells)


def _sizes(cells: Iterable[Cell], key: Callable[[Cell], Any]) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for c in cells:
        out[key(c)] = out.get(key(c), 0) + c.n
    return out


def department_groups(cells: list[Cell], k: int) -> list[frozenset[str]]:
    """Departments with at least k leavers alone, the smaller ones together (joined to the smallest department
    when they are fewer than k together), smallest first."""
    sizes = _sizes(cells, lambda c: c.department)
    own = sorted((n, d) for d, n in sizes.items() if n >= k)
    rest = frozenset(d for d, n in sizes.items() if n < k)
    groups = [frozenset({d}) for _, d in own]
    if rest and sum(sizes[d] for d in rest) < k and groups:
        groups[0] = groups[0] | rest
    elif rest:
        groups.append(rest)
    return sorted(groups, key=lambda g: (sum(sizes[d] for d in g), sorted(g)))


def _fits(counts: dict[int, int], k: int) -> bool:
    return sum(counts.values()) >= k and all(n == 0 or n >= k for n in counts.values())


def time_blocks(cells: list[Cell], k: int, groups: list[frozenset[str]] | None = None) -> list[list[str]]:
    """Consecutive quarters, oldest first; a block closes once it holds at least k leavers and every department
    group in it holds none or at least k. What is left at the end joins the blocks before it until it fits."""
    groups = groups if groups is not None else [frozenset(c.department for c in cells)]
    group_of = {d: i for i, g in enumerate(groups) for d in g}
    per_quarter: dict[str, dict[int, int]] = {}
    for c in cells:
        if c.quarter is not None:
            counts = per_quarter.setdefault(c.quarter, {})
            counts[group_of[c.department]] = counts.get(group_of[c.department], 0) + c.n
    blocks: list[tuple[list[str], dict[int, int]]] = []
    current: tuple[list[str], dict[int, int]] = ([], {})
    for quarter in sorted(per_quarter):
        current[0].append(quarter)
        for g, n in per_quarter[quarter].items():
            current[1][g] = current[1].get(g, 0) + n
        if _fits(current[1], k):
            blocks.append(current)
            current = ([], {})
    while current[0] and blocks and not _fits(current[1], k):
        quarters, counts = blocks.pop()
        current = (quarters + current[0], {g: counts.get(g, 0) + current[1].get(g, 0) for g in {*counts, *current[1]}})
    if current[0]:
        blocks.append(current)
    return [quarters for quarters, _ in blocks]


#: A period filter is of little use when a block spans more than this many quarters: then department groups
#: are joined (the smallest first) until blocks are this short or one group is left.
MAX_QUARTERS_PER_BLOCK = 4


def layout(cells: list[Cell], k: int) -> tuple[list[frozenset[str]], list[list[str]]]:
    """The department groups and the time blocks every view of these leavers is made of."""
    groups = department_groups(cells, k)
    quarters = len({c.quarter for c in cells if c.quarter is not None})
    while True:
        blocks = time_blocks(cells, k, groups)
        if len(groups) <= 1 or len(blocks) * MAX_QUARTERS_PER_BLOCK >= quarters:
            return groups, blocks
        groups = sorted(
            [groups[0] | groups[1], *groups[2:]],
            key=lambda g: (sum(c.n for c in cells if c.department in g), sorted(g)),
        )


_LEVELS: tuple[Callable[[Cell], Any], ...] = (
    lambda c: c.leave_type,
    lambda c: c.tenure,
    lambda c: c.mode,
)


def _split(cells: list[Cell], level: int, k: int) -> list[list[Cell]]:
    """The groups of these cells from `level` down: values with at least k leavers alone, the rest together."""
    if level == len(_LEVELS):
        return [cells]
    by_value: dict[Any, list[Cell]] = {}
    for c in cells:
        by_value.setdefault(_LEVELS[level](c), []).append(c)
    own = sorted((g for g in by_value.values() if _size(g) >= k), key=lambda g: (_size(g), repr(_LEVELS[level](g[0]))))
    rest = [c for g in by_value.values() if _size(g) < k for c in g]
    if rest and _size(rest) < k:
        if not own:
            return [cells]  # nothing here can be told apart
        own[0] = own[0] + rest
        rest = []
    groups = [*own, *([rest] if rest else [])]
    return [part for group in groups for part in _split(group, level + 1, k)]


def groups_of(cells: list[Cell], k: int) -> list[list[Cell]]:
    """The fixed partition of these leavers into groups of at least k (see the module's docstring)."""
    departments, blocks = layout(cells, k)
    block_of = {q: i for i, block in enumerate(blocks) for q in block}
    group_of = {d: i for i, g in enumerate(departments) for d in g}
    parts: dict[tuple[int, int], list[Cell]] = {}
    for c in cells:
        block = block_of[c.quarter] if c.quarter is not None else -1
        parts.setdefault((block, group_of[c.department]), []).append(c)
    undated = [c for (block, _), part in parts.items() if block == -1 for c in part]
    if undated and not _fits(_sizes(undated, lambda c: group_of[c.department]), k):
        # Too few exits without a date to stand alone: they join the oldest block, which a period filter then
        # cannot split (and so the period is dropped rather than the undated exits set apart).
        for key in [key for key in parts if key[0] == -1]:
            parts.setdefault((0, key[1]), []).extend(parts.pop(key))
    return [group for part in parts.values() for group in _split(part, 0, k)]


def _quarter_start(label: str) -> dt.date:
    year, quarter = label.split("-Q")
    return dt.date(int(year), 3 * (int(quarter) - 1) + 1, 1)


def _quarter_end(label: str) -> dt.date:
    """The first day of the last month of the quarter (filters' months are inclusive)."""
    start = _quarter_start(label)
    return dt.date(start.year, start.month + 2, 1)


def _matches(c: Cell, f: Filters) -> bool:
    if c.quarter is None and (f.start or f.end):
        return False
    if c.quarter is not None and f.start and _quarter_start(c.quarter) < f.start:
        return False
    if c.quarter is not None and f.end and _quarter_start(c.quarter) > f.end:
        return False
    return all(
        (
            not f.department or c.department == f.department,
            not f.leave_type or c.leave_type == f.leave_type,
            not f.tenure or c.tenure == f.tenure,
            not f.mode or c.mode == f.mode,
        )
    )


def whole_groups(groups: list[list[Cell]], f: Filters) -> bool:
    """True when the filters take every group whole or not at all."""
    for group in groups:
        hits = [_matches(c, f) for c in group]
        if any(hits) and not all(hits):
            return False
    return True


def snap_period(f: Filters, blocks: list[list[str]]) -> Filters:
    """The period widened to whole time blocks; an edge in the oldest or newest block becomes no limit."""
    if not blocks:
        return f
    start, end = f.start, f.end
    # A period after the last block or before the first holds nobody: it stays as asked (an empty view).
    if start is not None:
        first = [b for b in blocks if _quarter_end(b[-1]) >= start]
        if first and first[0] is blocks[0]:
            # inside the oldest block: from its start on means from the beginning (undated exits aside)
            start = None if start > _quarter_start(blocks[0][0]) else start
        elif first:
            start = _quarter_start(first[0][0])
    if end is not None:
        last = [b for b in blocks if _quarter_start(b[0]) <= end]
        if last and last[-1] is blocks[-1]:
            end = None if end < _quarter_end(blocks[-1][-1]) else end
        elif last:
            end = _quarter_end(last[-1][-1])
    return dataclasses.replace(f, start=start, end=end)


def _without(f: Filters, name: str) -> Filters:
    if name == "period":
        return dataclasses.replace(f, start=None, end=None)
    if name == "department":
        return dataclasses.replace(f, department=None)
    if name == "leave_type":
        return dataclasses.replace(f, leave_type=None)
    if name == "tenure":
        return dataclasses.replace(f, tenure=None)
    return dataclasses.replace(f, mode=None)


def _month(day: dt.date | None) -> str | None:
    return day.strftime("%Y-%m") if day else None


def _changes(asked: Filters, used: Filters, snapped: Filters) -> list[Widening]:
    out: list[Widening] = []
    for name, a, u, s in (
        ("from", asked.start, used.start, snapped.start),
        ("to", asked.end, used.end, snapped.end),
    ):
        if a != u:
            out.append(Widening(name, _month(a), _month(u), "whole_period" if u == s else "small_group"))
    for name in ("department", "leave_type", "tenure", "mode"):
        if getattr(asked, name) != getattr(used, name):
            out.append(Widening(name, getattr(asked, name), None, "small_group"))
    return out


def publishable(access: Access, filters: Filters, k: int) -> tuple[Filters, list[Widening]]:
    """The filters as a view may use them (a union of whole groups of at least k), and what was widened."""
    cells = cells_of(access)
    groups = groups_of(cells, k)
    snapped = snap_period(filters, layout(cells, k)[1])
    used = snapped
    # The fewest filters dropped, the finest first: at worst every filter goes, and the whole organisation is
    # always a union of whole groups.
    for size in range(len(WIDENING_ORDER) + 1):
        for dropped in itertools.combinations(WIDENING_ORDER, size):
            candidate = snapped
            for name in dropped:
                candidate = _without(candidate, name)
            if whole_groups(groups, candidate):
                return candidate, _changes(filters, candidate, snapped)
    return used, _changes(filters, used, snapped)
