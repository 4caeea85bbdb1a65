"""The department × reason table behind the dashboard's heat map, and the completion rate of conversations."""

from __future__ import annotations

from collections.abc import Hashable

from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from spiegel.analysis.insights.figures import (
    NO_DEPARTMENT,
    Cell,
    Completion,
    DepartmentReasons,
    DepartmentRow,
    Insights,
)
from spiegel.analysis.insights.filters import Filters, filtered
from spiegel.analysis.insights.publish import HIDDEN
from spiegel.analysis.models import HistoricalExit, HistoricalReason, InterviewReason
from spiegel.analysis.suppression import Sum as Relation
from spiegel.analysis.suppression import suppress
from spiegel.interviews.models import Interview, Status
from spiegel.tenancy.models import Organisation

# A figure insights hides counts as hidden here (below any k); one it publishes is a known total.
_HIDDEN_TOTAL = -1


def _department_counts(
    interviews: QuerySet[Interview], historical: QuerySet[HistoricalExit]
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Leavers per department, and per (department, theme) the leavers who gave the theme as a reason."""
    totals: dict[str, int] = {}
    for qs in (interviews, historical):
        for row in qs.values("department__name").annotate(n=Count("pk")):
            name = row["department__name"] or NO_DEPARTMENT
            totals[name] = totals.get(name, 0) + int(row["n"])
    cells: dict[tuple[str, str], int] = {}
    grouped = [
        (InterviewReason.objects.filter(interview__in=interviews.values("pk")), "interview"),
        (HistoricalReason.objects.filter(exit__in=historical.values("pk")), "exit"),
    ]
    for reasons, owner in grouped:
        for row in reasons.values(f"{owner}__department__name", "theme").annotate(n=Count(owner, distinct=True)):
            key = (row[f"{owner}__department__name"] or NO_DEPARTMENT, row["theme"])
            cells[key] = cells.get(key, 0) + int(row["n"])
    return totals, cells


def _relations(
    shown: Insights, departments: list[str], totals: dict[str, int], cells: dict[tuple[str, str], int]
) -> tuple[dict[Hashable, int], list[Relation[Hashable]]]:
    themes = [f.theme for f in shown.reasons]
    counts: dict[Hashable, int] = {}
    relations: list[Relation[Hashable]] = []
    counts[("leavers",)] = shown.leavers.value if shown.leavers.value is not None else _HIDDEN_TOTAL
    for d in departments:
        counts[("dept", d)] = totals[d]
        for theme in themes:
            counts[("cell", d, theme)] = cells.get((d, theme), 0)
    relations.append(Relation(tuple(("dept", d) for d in departments), total=("leavers",)))
    for figure in shown.reasons:
        column = tuple(("cell", d, figure.theme) for d in departments)
        if figure.leavers.value is not None:
            counts[("theme", figure.theme)] = figure.leavers.value
            relations.append(Relation(column, total=("theme", figure.theme)))
        else:
            # cells − hidden total = 0: one hidden member of this equation must never be the only one.
            counts[("theme", figure.theme)] = _HIDDEN_TOTAL
            relations.append(Relation((*column, ("theme", figure.theme))))
    return counts, relations


def _row(
    department: str, published: dict[Hashable, int | None], themes: list[str], leavers: int | None
) -> DepartmentRow:
    total = published[("dept", department)]
    if total is None:
        return DepartmentRow(department, HIDDEN, dict.fromkeys(themes, HIDDEN))
    row_cells: dict[str, Cell] = {}
    for theme in themes:
        value = published[("cell", department, theme)]
        row_cells[theme] = HIDDEN if value is None else Cell(value, round(value / total, 4) if total else None, False)
    return DepartmentRow(department, Cell(total, round(total / leavers, 4) if leavers else None, False), row_cells)


def department_table(
    k: int, shown: Insights, interviews: QuerySet[Interview], historical: QuerySet[HistoricalExit]
) -> DepartmentReasons:
    """The table for the leavers of `shown` (its published and hidden theme totals take part in the
    suppression, so that the two views together cannot be subtracted from each other along one sum)."""
    themes = [f.theme for f in shown.reasons]
    if shown.suppressed:
        return DepartmentReasons(k=k, suppressed=True, themes=[], rows=[])
    totals, cells = _department_counts(interviews, historical)
    departments = sorted(totals, key=lambda d: (d == NO_DEPARTMENT, d.casefold()))
    counts, relations = _relations(shown, departments, totals, cells)
    published = suppress(counts, k, relations)
    rows = [_row(d, published, themes, shown.leavers.value) for d in departments]
    return DepartmentReasons(k=k, suppressed=False, themes=themes, rows=rows)


def completion_of(organisation: Organisation, filters: Filters, k: int) -> Completion:
    """The completion rate of ended conversations, by leave date (else the date the case ended); one query."""
    qs = Interview.objects.filter(
        organisation=organisation, status__in=[Status.COMPLETED, Status.EXPIRED, Status.WITHDRAWN]
    ).annotate(
        ended_on=Coalesce("leave_date", TruncDate("completed_at"), TruncDate("updated_at"), output_field=DateField())
    )
    qs = filtered(qs, filters, "ended_on")
    row = qs.aggregate(ended=Count("pk"), completed=Count("pk", filter=Q(status=Status.COMPLETED)))
    ended, done = int(row["ended"] or 0), int(row["completed"] or 0)
    other = ended - done
    if ended < k:
        return Completion(HIDDEN, HIDDEN, None)
    ended_cell = Cell(ended, None, False)
    if done < k or 0 < other < k:
        return Completion(ended_cell, HIDDEN, None)
    rate = round(done / ended, 4)
    return Completion(ended_cell, Cell(done, rate, False), rate)
