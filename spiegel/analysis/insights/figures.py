"""What the organisation's view publishes: every structure the dashboard, the PDF, the exports and the API render.

Every count is a :class:`Cell` that has passed the minimum group size and complementary suppression; a
suppressed one is explicit (``value=None, share=None, suppressed=True``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NO_DEPARTMENT = ""


@dataclass(frozen=True)
class Cell:
    """One published count. Suppressed (fewer than k, or derivable from other cells): value and share None.
    `share` is value / the view's leavers (0..1), unless the field says otherwise."""

    value: int | None
    share: float | None
    suppressed: bool


@dataclass(frozen=True)
class ThemeFigure:
    """One theme: leavers who gave it as a reason (any polarity), as push, as pull, and as their primary
    reason. A leaver may give a theme as push and pull, so push + pull may exceed leavers."""

    theme: str
    label: str
    controllable: str  # yes / partly / no (taxonomy.md)
    leavers: Cell
    push: Cell
    pull: Cell
    primary: Cell


@dataclass(frozen=True)
class QuarterFigure:
    """One quarter ("2025-Q3"): its leavers, and per theme the leavers who gave it as a reason; a theme's
    share is of the quarter's leavers."""

    quarter: str
    leavers: Cell
    themes: dict[str, Cell]


@dataclass(frozen=True)
class Score:
    """An average over respondents (felt heard: 1..5); None when fewer than k answered."""

    value: float | None
    respondents: Cell
    suppressed: bool


@dataclass(frozen=True)
class Enps:
    """Would-recommend as eNPS: % promoters (9–10) minus % detractors (0–6), -100..100; None below k."""

    value: float | None
    respondents: Cell
    suppressed: bool


@dataclass(frozen=True)
class Quote:
    """Words of one leaver, shared by them, never health data, never linked to a person or case."""

    text: str
    corroborated: bool  # True when it is a fact that other leavers report too


@dataclass(frozen=True)
class Fact:
    """A fact that several leavers report independently. `leavers` is how many (suppressed below k: then
    it is known to be at least 2 but not how many). `quote` is one anonymous wording of it (None when no
    quotable wording is left)."""

    theme: str
    label: str
    leavers: Cell
    quote: str | None
    terms: list[str]


@dataclass(frozen=True)
class EmergingTopic:
    """Recurring shared statements that no taxonomy theme covers: how many leavers raised it, one representative
    sentence (`quote`) and its top terms. While fewer than k leavers raised it, the count is suppressed and it
    has no quote and no terms."""

    terms: list[str]
    leavers: Cell
    quote: str | None


@dataclass(frozen=True)
class Cost:
    """Estimated cost of turnover: leavers × average salary × replacement factor, in the salary's currency.
    None when the organisation has set no average salary or the count is suppressed."""

    leavers: Cell
    per_leaver: float | None
    total: float | None


@dataclass(frozen=True)
class Advice:
    """One of the top controllable reasons: the evidence (counts, anonymous quotes, corroborated facts), the
    playbook's actions, and what the departures over it cost."""

    theme: str
    label: str
    controllable: str
    leavers: Cell
    push: Cell
    primary: Cell
    quotes: list[Quote]
    facts: list[Fact]
    actions: list[str]
    cost: Cost


@dataclass(frozen=True)
class TurnoverCost:
    """The organisation's turnover-cost settings and the cost of all leavers in view, with its sources."""

    average_salary: int | None
    factor: float
    per_leaver: float | None
    total: Cost
    explanation: str
    sources: list[str]


@dataclass(frozen=True)
class Widening:
    """One filter a view had to change so that no two views can be subtracted into fewer than k leavers:
    `field` (from, to, department, leave_type, tenure, mode), what was asked and what is used instead (None: no
    limit). `reason` is "whole_period" (the period was widened to whole blocks of quarters that each hold at
    least k leavers) or "small_group" (the filter would set fewer than k leavers apart from the rest)."""

    field: str
    asked: str | None
    used: str | None
    reason: str


@dataclass(frozen=True)
class Insights:
    """Why people leave one organisation, behind minimum group sizes.

    - ``k``: the minimum group size applied; ``suppressed``: the whole view has fewer than k leavers, and
      then every list is empty and every figure suppressed.
    - ``leavers`` = ``interviews`` (completed, analysed mirrors; withdrawn ones never) + ``historical``
      (imported earlier surveys). Shares are of ``leavers`` unless stated.
    - ``reasons``: per taxonomy theme (always all 14, most named first), see :class:`ThemeFigure`.
    - ``push_pull``: leavers by the polarity of their primary reason, keys ``push``, ``pull``, ``none`` (no
      reason shared); ``controllable``: by whether the organisation controls their primary reason, keys
      ``yes``, ``partly``, ``no``, ``none``. Each adds up to ``leavers``.
    - ``trends``: per quarter of leaving (leave date, else the completion date), oldest first.
    - ``felt_heard`` and ``recommend`` (eNPS; historical scores included); ``regrettable`` keys ``yes``,
      ``no``, ``unknown`` (the organisation's view; adds up to ``leavers``).
    - ``facts``: corroborated facts, most leavers first; ``emerging``: topics outside the taxonomy.
    - ``advice``: the top controllable reasons with evidence, playbook actions and cost.
    - ``turnover_cost``: settings, cost of all leavers in view, and the sources of the factor.
    - ``filters``: the filters the view used, after ``widened`` (what had to change, see :class:`Widening`).
    """

    organisation: str
    generated_at: dt.datetime
    k: int
    filters: dict[str, str | None]
    suppressed: bool
    leavers: Cell
    interviews: Cell
    historical: Cell
    reasons: list[ThemeFigure]
    push_pull: dict[str, Cell]
    controllable: dict[str, Cell]
    trends: list[QuarterFigure]
    felt_heard: Score
    recommend: Enps
    regrettable: dict[str, Cell]
    facts: list[Fact]
    emerging: list[EmergingTopic]
    advice: list[Advice]
    turnover_cost: TurnoverCost
    notes: list[str] = field(default_factory=list)
    widened: list[Widening] = field(default_factory=list)


@dataclass(frozen=True)
class DepartmentRow:
    """One department's leavers and, per theme, how many of them gave it as a reason (any polarity); a theme's
    share is of the department's leavers. `department` is "" for leavers without a department."""

    department: str
    leavers: Cell
    themes: dict[str, Cell]


@dataclass(frozen=True)
class DepartmentReasons:
    """The department × reason table behind the dashboard's heat map, behind k with complementary suppression.

    A row whose department total is suppressed is suppressed whole (a share next to a published count would
    give the total away). Columns add up to the theme totals of :func:`insights`, rows' leavers to its leavers:
    a total that insights publishes is a known figure, one it hides is treated as hidden here too, so that the
    two views together cannot be subtracted from each other along one sum.
    """

    k: int
    suppressed: bool
    themes: list[str]
    rows: list[DepartmentRow]


@dataclass(frozen=True)
class Completion:
    """Of the conversations that ended in the filters' period (completed, expired or withdrawn), how many the
    leaver completed. `rate` (0..1) is None when the completed or the other ended cases number fewer than k."""

    ended: Cell
    completed: Cell
    rate: float | None


@dataclass(frozen=True)
class ThemeQuotes:
    """Anonymous words of leavers for whom this theme is a main reason (never health data, never linked)."""

    theme: str
    label: str
    leavers: Cell
    quotes: list[str]


@dataclass(frozen=True)
class SharedStatement:
    """A statement as the organisation may export it. `case` is the case id only for statements the leaver
    shared with their name; anonymous statements carry no link to a case or person."""

    case: str | None
    theme: str
    label: str
    polarity: str
    kind: str
    text: str
