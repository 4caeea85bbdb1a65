"""Tenant-scoped reads of the analysis: one interview's reasons, and the organisation's insights.

:func:`insights` is the one structure that the dashboard, the PDF report, the exports and the API render.
Every figure in it has passed the minimum group size k (``Organisation.min_group_size``, never below 3) and
complementary suppression (:mod:`spiegel.analysis.suppression`); a suppressed figure is explicit: a
:class:`Cell` with ``value=None, share=None, suppressed=True``. Time is in quarters.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

from django.db.models import Count, DateField, Model, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncQuarter
from django.utils import timezone

from spiegel.analysis.actions import _shared_statements
from spiegel.analysis.case_analysis import SharedStatement as Shared
from spiegel.analysis.case_analysis import derive
from spiegel.analysis.models import (
    ClusterKind,
    ClusterMember,
    HistoricalExit,
    HistoricalReason,
    InterviewAnalysis,
    InterviewReason,
    StatementCluster,
)
from spiegel.analysis.suppression import Sum as Relation
from spiegel.analysis.suppression import suppress
from spiegel.interviews.models import Interview, LeaveType, Mode, Status
from spiegel.language.classify import CONTROLLABLE, THEME_LABELS
from spiegel.language.taxonomy import THEMES
from spiegel.mirror.models import SPECIAL_CATEGORY_THEMES, Statement, Visibility
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

# privacy.md: k is never below 3, whatever the organisation's setting says.
MIN_K = 3
MAX_FACTS = 20
MAX_EMERGING = 10
ADVICE_THEMES = 3
QUOTES_PER_THEME = 3

# Tenure bands (months, lower bound inclusive, upper exclusive).
TENURE_BANDS: dict[str, tuple[int, int | None]] = {
    "0-1": (0, 12),
    "1-2": (12, 24),
    "2-5": (24, 60),
    "5-10": (60, 120),
    "10+": (120, None),
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


# ----------------------------------------------------------------------------------------- one interview


@dataclass(frozen=True)
class ReasonView:
    """One reason of one interview: theme, push or pull, weight (share of the interview's reasons, 0..1)."""

    theme: str
    polarity: str
    weight: float
    controllable: str
    evidence: tuple[str, ...]


def reasons_of(interview: Interview) -> list[ReasonView]:
    """The ranked reasons of a completed case, from what its leaver shared; [] before completion, after
    withdrawal, or when nothing was shared. Read from the stored analysis; computed on the spot while the
    background task has not run yet."""
    if interview.status != Status.COMPLETED:
        return []
    stored = InterviewAnalysis.objects.filter(interview=interview).first()
    if stored is not None:
        return [
            ReasonView(r.theme, r.polarity, r.weight, r.controllable, tuple(r.evidence))
            for r in InterviewReason.objects.filter(analysis=stored).order_by("rank")
        ]

    return [
        ReasonView(r.theme, r.polarity, r.weight, r.controllable, r.evidence)
        for r in derive(_shared_statements(interview)).reasons
    ]


#: Roles that work with one leaver's whole case: the practitioner (and the interviewer assigned to it).
PRACTICE_ROLES = ("consultant", "interviewer")


def sees_whole_case(access: Access) -> bool:
    """The practitioner sees a case's reasons from everything the leaver shared; a client role or an API key
    never (the leaver was promised that anonymous statements count only in figures about groups)."""
    return access.api_key is None and access.role in PRACTICE_ROLES and access.can(Capability.TRANSCRIPT_VIEW)


def case_reasons(access: Access, interview: Interview) -> list[ReasonView]:
    """The reasons of one completed case as this viewer may see them. The practitioner: :func:`reasons_of`
    (from everything shared). A client role or an API key: reasons derived only from the statements the
    leaver linked to the case, never a special-category theme; [] when nothing was linked."""
    if sees_whole_case(access):
        return reasons_of(interview)

    linked = [
        Shared(id=str(s.id), phase=s.phase, themes=list(s.themes or []), kind=s.kind, text=s.text, topic=s.topic)
        for s in attributed_statements(interview)
    ]
    if not linked:
        return []
    return [
        ReasonView(r.theme, r.polarity, r.weight, r.controllable, r.evidence)
        for r in derive(linked).reasons
        if r.theme not in SPECIAL_CATEGORY_THEMES
    ]


def attributed_statements(interview: Interview) -> QuerySet[Statement]:
    """The statements a leaver shared *with their name*, for the organisation: only after the mirror is
    completed, never health data (special category), never removed ones."""
    if interview.status != Status.COMPLETED:
        return Statement.objects.none()
    ids = [
        s.pk
        for s in Statement.objects.filter(interview=interview, visibility=Visibility.ATTRIBUTED, removed=False)
        if not s.special_category
    ]
    return Statement.objects.filter(pk__in=ids).order_by("seq")


# ------------------------------------------------------------------------------------------- filters


class FilterError(ValueError):
    """A filter is not valid; `field` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


#: The months a period may name: wide enough for any real exit, narrow enough that date arithmetic never
#: leaves Python's calendar (9999-12 plus one month is not a date).
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: 'YYYY-MM' within FIRST_YEAR..LAST_YEAR, as a pattern for the API schema.
MONTH_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"


def parse_month(value: str, field_name: str) -> dt.date:
    """'YYYY-MM' → the first day of that month; FilterError otherwise."""
    match = _MONTH.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise FilterError(
            field_name,
            f"{field_name} must be a month written YYYY-MM between {FIRST_YEAR}-01 and {LAST_YEAR}-12, "
            "for example 2025-01.",
        )
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    """Which leavers a view covers. Months are inclusive; None means no limit. `department` is a department
    name of the organisation; `tenure` one of TENURE_BANDS; `language` (nl/en) is for labels and actions."""

    start: dt.date | None = None
    end: dt.date | None = None
    department: str | None = None
    leave_type: str | None = None
    tenure: str | None = None
    language: str = "en"
    # who held the conversation (interviews.Mode: self, interviewer); imported earlier exits have no mode
    mode: str | None = None

    def validate(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise FilterError("from", "from must not be later than to.")
        if self.leave_type and self.leave_type not in LeaveType.values:
            raise FilterError("leave_type", f"leave_type must be one of {', '.join(LeaveType.values)}.")
        if self.tenure and self.tenure not in TENURE_BANDS:
            raise FilterError("tenure", f"tenure must be one of {', '.join(TENURE_BANDS)}.")
        if self.language not in ("nl", "en"):
            raise FilterError("language", "language must be nl or en.")
        if self.mode and self.mode not in Mode.values:
            raise FilterError("mode", f"mode must be one of {', '.join(Mode.values)}.")

    def as_dict(self) -> dict[str, str | None]:
        return {
            "from": self.start.strftime("%Y-%m") if self.start else None,
            "to": self.end.strftime("%Y-%m") if self.end else None,
            "department": self.department,
            "leave_type": self.leave_type,
            "tenure": self.tenure,
            "language": self.language,
            "mode": self.mode,
        }


# ------------------------------------------------------------------------------------------ structure


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
    """Recurring shared statements that no taxonomy theme covers: their top terms, leavers, one quote."""

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


# ------------------------------------------------------------------------------------------ helpers


@lru_cache(maxsize=1)
def playbook() -> dict[str, Any]:
    """The advice playbook (spiegel/analysis/playbook/playbook.json)."""
    text = resources.files("spiegel.analysis").joinpath("playbook/playbook.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def group_size(access: Access) -> int:
    return max(MIN_K, int(access.organisation.min_group_size))


_Q = TypeVar("_Q", bound=Model)


def _filtered(qs: QuerySet[_Q], filters: Filters, date_field: str) -> QuerySet[_Q]:
    """Apply the view's filters; interviews and imported exits share field names except for the date."""
    if filters.start:
        qs = qs.filter(**{f"{date_field}__gte": filters.start})
    if filters.end:
        qs = qs.filter(**{f"{date_field}__lt": _next_month(filters.end)})
    if filters.department:
        qs = qs.filter(department__name=filters.department)
    if filters.leave_type:
        qs = qs.filter(leave_type=filters.leave_type)
    if filters.tenure:
        low, high = TENURE_BANDS[filters.tenure]
        qs = qs.filter(tenure_months__gte=low)
        if high is not None:
            qs = qs.filter(tenure_months__lt=high)
    if filters.mode:
        # imported earlier exits were not held in Spiegel: a view of one mode leaves them out
        has_mode = any(f.name == "mode" for f in qs.model._meta.get_fields())
        qs = qs.filter(mode=filters.mode) if has_mode else qs.none()
    return qs


def _interviews(access: Access, filters: Filters) -> QuerySet[Interview]:
    qs = Interview.objects.filter(
        organisation=access.organisation, status=Status.COMPLETED, analysis__isnull=False
    ).annotate(left_on=Coalesce("leave_date", TruncDate("completed_at"), output_field=DateField()))
    return _filtered(qs, filters, "left_on")


def interviews_in_view(access: Access, filters: Filters) -> QuerySet[Interview]:
    """The leavers' cases a view of the organisation counts (and may quote): completed and analysed ones
    within the filters. Generated reports remember them, so that a withdrawal reaches every report."""
    access.require(Capability.OVERVIEW_VIEW)
    return _interviews(access, filters)


def _historical(access: Access, filters: Filters) -> QuerySet[HistoricalExit]:
    return _filtered(HistoricalExit.objects.filter(organisation=access.organisation), filters, "leave_date")


def _quarter(day: Any) -> str | None:
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        day = day.date()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quotes(ids: list[str], limit: int) -> list[str]:
    """The words of these statements, in this order, skipping any that is no longer shared or is health data."""
    found = {
        str(s.pk): s for s in Statement.objects.filter(pk__in=ids, removed=False).exclude(visibility=Visibility.PRIVATE)
    }
    out: list[str] = []
    for statement_id in ids:
        s = found.get(statement_id)
        if s is None or s.special_category or any(t in SPECIAL_CATEGORY_THEMES for t in s.theme_ids):
            continue
        out.append(s.text)
        if len(out) >= limit:
            break
    return out


def _quote_each(ids: list[str]) -> list[str | None]:
    """Per statement id, its words when they may be quoted (see _quotes), else None; one query."""
    found = {
        str(s.pk): s for s in Statement.objects.filter(pk__in=ids, removed=False).exclude(visibility=Visibility.PRIVATE)
    }
    out: list[str | None] = []
    for statement_id in ids:
        s = found.get(statement_id)
        out.append(None if s is None or s.special_category else s.text)
    return out


# ------------------------------------------------------------------------------------------- insights


def insights(access: Access, filters: Filters | None = None) -> Insights:
    """Why people leave this organisation, per the filters: see :class:`Insights` for every field.

    Reads only completed mirrors' analyses (withdrawn leavers are gone from every figure; private statements
    were never analysed) and imported historical exits. A fixed number of aggregate queries (no loop over
    leavers or statements): fast on tens of thousands of leavers.
    """
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    k = group_size(access)
    language = filters.language
    interviews = _interviews(access, filters)
    historical = _historical(access, filters)
    interview_ids = interviews.values("pk")
    exit_ids = historical.values("pk")
    # One grouped pass over the leavers (interviews, then historical exits) gives totals, quarters, primary
    # reasons, regrettable and the closing scores; one over their reasons gives themes by quarter and polarity.
    # Sums of the groups below replace separate queries: a handful of aggregates whatever the number of leavers.
    quarter_leavers: dict[str, int] = {}
    primaries: dict[tuple[str, str], int] = {}
    regret: dict[str, int] = {}
    heard_sum = heard_n = recommend_n = promoters = detractors = 0
    n_interviews = n_historical = 0
    undated = 0
    leaver_rows = interviews.annotate(quarter=TruncQuarter("left_on")).values(
        "quarter", "analysis__primary_theme", "analysis__primary_polarity", "regrettable"
    )
    for row in leaver_rows.annotate(
        n=Count("pk"),
        heard=Sum("review_outcome__felt_heard"),
        answered=Count("review_outcome"),
        promoters=Count("pk", filter=Q(review_outcome__recommend_score__gte=9)),
        detractors=Count("pk", filter=Q(review_outcome__recommend_score__lte=6)),
    ):
        n = int(row["n"])
        n_interviews += n
        label = _quarter(row["quarter"])
        if label:
            quarter_leavers[label] = quarter_leavers.get(label, 0) + n
        else:
            undated += n
        key = (row["analysis__primary_theme"] or "", row["analysis__primary_polarity"] or "")
        primaries[key] = primaries.get(key, 0) + n
        regret[row["regrettable"]] = regret.get(row["regrettable"], 0) + n
        heard_sum += int(row["heard"] or 0)
        heard_n += int(row["answered"])
        recommend_n += int(row["answered"])
        promoters += int(row["promoters"])
        detractors += int(row["detractors"])
    hreasons = HistoricalReason.objects.filter(exit__in=exit_ids)
    for hrow in (
        historical.annotate(quarter=TruncQuarter("leave_date"))
        .values("quarter", "regrettable")
        .annotate(
            n=Count("pk"),
            answered=Count("recommend_score"),
            promoters=Count("pk", filter=Q(recommend_score__gte=9)),
            detractors=Count("pk", filter=Q(recommend_score__lte=6)),
        )
    ):
        n = int(hrow["n"])
        n_historical += n
        label = _quarter(hrow["quarter"])
        if label:
            quarter_leavers[label] = quarter_leavers.get(label, 0) + n
        else:
            undated += n
        regret[hrow["regrettable"]] = regret.get(hrow["regrettable"], 0) + n
        recommend_n += int(hrow["answered"])
        promoters += int(hrow["promoters"])
        detractors += int(hrow["detractors"])
    for prow in hreasons.filter(rank=0).values("theme", "polarity").annotate(n=Count("id")):
        pkey = (prow["theme"], prow["polarity"])
        primaries[pkey] = primaries.get(pkey, 0) + int(prow["n"])
    total = n_interviews + n_historical

    # Themes by quarter: leavers naming the theme (any polarity), and per polarity.
    theme_any: dict[str, int] = {}
    theme_polarity: dict[tuple[str, str], int] = {}
    theme_by_label: dict[tuple[str, str], int] = {}
    reasons = InterviewReason.objects.filter(interview__in=interview_ids)
    quarter_of_reason = TruncQuarter(
        Coalesce("interview__leave_date", TruncDate("interview__completed_at"), output_field=DateField())
    )
    grouped: list[tuple[Any, str]] = [
        (row, "interview")
        for row in reasons.annotate(quarter=quarter_of_reason)
        .values("quarter", "theme")
        .annotate(
            n=Count("interview", distinct=True),
            push=Count("pk", filter=Q(polarity="push")),
            pull=Count("pk", filter=Q(polarity="pull")),
        )
    ]
    grouped += [
        (row, "exit")
        for row in hreasons.annotate(quarter=TruncQuarter("exit__leave_date"))
        .values("quarter", "theme")
        .annotate(
            n=Count("exit", distinct=True),
            push=Count("pk", filter=Q(polarity="push")),
            pull=Count("pk", filter=Q(polarity="pull")),
        )
    ]
    for trow, _source in grouped:
        theme, n = trow["theme"], int(trow["n"])
        theme_any[theme] = theme_any.get(theme, 0) + n
        for polarity in ("push", "pull"):
            theme_polarity[(theme, polarity)] = theme_polarity.get((theme, polarity), 0) + int(trow[polarity])
        label = _quarter(trow["quarter"])
        if label:
            theme_by_label[(label, theme)] = theme_by_label.get((label, theme), 0) + n

    counts: dict[Hashable, int] = {("leavers",): total}
    relations: list[Relation[Hashable]] = []
    primary_theme: dict[str, int] = {}
    primary_polarity = {"push": 0, "pull": 0}
    primary_control = {"yes": 0, "partly": 0, "no": 0}
    for (theme, polarity), n in primaries.items():
        if not theme:
            continue
        primary_theme[theme] = primary_theme.get(theme, 0) + n
        primary_polarity[polarity if polarity in primary_polarity else "push"] += n
        primary_control[CONTROLLABLE.get(theme, "partly")] += n
    with_primary = sum(primary_theme.values())
    for theme in THEMES:
        counts[("theme", theme)] = theme_any.get(theme, 0)
        counts[("push", theme)] = theme_polarity.get((theme, "push"), 0)
        counts[("pull", theme)] = theme_polarity.get((theme, "pull"), 0)
        counts[("primary", theme)] = primary_theme.get(theme, 0)
    counts[("primary", "none")] = total - with_primary
    relations.append(Relation(tuple(("primary", t) for t in (*THEMES, "none")), total=("leavers",)))
    for polarity, n in primary_polarity.items():
        counts[("pp", polarity)] = n
    counts[("pp", "none")] = total - with_primary
    relations.append(Relation((("pp", "push"), ("pp", "pull"), ("pp", "none")), total=("leavers",)))
    for control, n in primary_control.items():
        counts[("ctl", control)] = n
    counts[("ctl", "none")] = total - with_primary
    relations.append(Relation(tuple(("ctl", c) for c in ("yes", "partly", "no", "none")), total=("leavers",)))
    # Interviews + historical = leavers. When one of them is a structural zero (no imported data at all, or no
    # interviews yet) it identifies nobody and is published as 0.
    counts[("interviews",)] = n_interviews
    counts[("historical",)] = n_historical
    if n_interviews and n_historical:
        relations.append(Relation((("interviews",), ("historical",)), total=("leavers",)))

    # Trends per quarter.
    by_label = quarter_leavers
    quarters = sorted(by_label)
    for label in quarters:
        counts[("q", label)] = by_label[label]
        for theme in THEMES:
            counts[("qt", label, theme)] = theme_by_label.get((label, theme), 0)
    if undated:
        counts[("q", "undated")] = undated
    relations.append(Relation(tuple(("q", q) for q in [*quarters, "undated"]), total=("leavers",)))
    for theme in THEMES:
        # A theme's leavers with an undated historical exit are not in any quarter: the sum is then not exact,
        # which only makes subtraction harder.
        relations.append(Relation(tuple(("qt", q, theme) for q in quarters), total=("theme", theme)))

    for value in ("yes", "no", "unknown"):
        counts[("regret", value)] = regret.get(value, 0)
    relations.append(Relation(tuple(("regret", v) for v in ("yes", "no", "unknown")), total=("leavers",)))
    counts[("heard",)] = heard_n
    counts[("recommend",)] = recommend_n
    outcomes = {"heard": heard_sum / heard_n if heard_n else None}

    published = suppress(counts, k, relations)
    view_suppressed = total < k

    for part, raw in ((("interviews",), n_interviews), (("historical",), n_historical)):
        if raw == 0:
            published[part] = 0

    def cell(key: Hashable, base: int | None = None) -> Cell:
        value = None if view_suppressed else published.get(key)
        if value is None:
            return Cell(None, None, True)
        denominator = total if base is None else base
        return Cell(value, round(value / denominator, 4) if denominator else None, False)

    leavers_cell = cell(("leavers",))
    org = access.organisation
    factor = float(org.replacement_cost_factor)
    salary = org.average_salary
    per_leaver = round(salary * factor, 2) if salary else None
    book = playbook()
    cost_book = book["turnover_cost"]

    def cost(c: Cell) -> Cost:
        if per_leaver is None or c.value is None:
            return Cost(leavers=c, per_leaver=per_leaver, total=None)
        return Cost(leavers=c, per_leaver=per_leaver, total=round(c.value * per_leaver, 2))

    turnover = TurnoverCost(
        average_salary=salary,
        factor=factor,
        per_leaver=per_leaver,
        total=cost(leavers_cell),
        explanation=str(cost_book["explanation"][language]),
        sources=[str(s) for s in cost_book["sources"]],
    )
    if view_suppressed:
        hidden = Cell(None, None, True)
        return Insights(
            organisation=org.slug,
            generated_at=timezone.now(),
            k=k,
            filters=filters.as_dict(),
            suppressed=True,
            leavers=hidden,
            interviews=hidden,
            historical=hidden,
            reasons=[],
            push_pull={},
            controllable={},
            trends=[],
            felt_heard=Score(None, hidden, True),
            recommend=Enps(None, hidden, True),
            regrettable={},
            facts=[],
            emerging=[],
            advice=[],
            turnover_cost=TurnoverCost(
                salary, factor, per_leaver, Cost(hidden, per_leaver, None), turnover.explanation, turnover.sources
            ),
            notes=[f"Fewer than {k} leavers match these filters: nothing is shown."],
        )

    figures = [
        ThemeFigure(
            theme=theme,
            label=THEME_LABELS[theme][language],
            controllable=CONTROLLABLE[theme],
            leavers=cell(("theme", theme)),
            push=cell(("push", theme)),
            pull=cell(("pull", theme)),
            primary=cell(("primary", theme)),
        )
        for theme in THEMES
    ]
    figures.sort(key=lambda f: (f.leavers.value is None, -(f.leavers.value or 0), THEMES.index(f.theme)))
    trends = []
    for label in quarters:
        quarter_cell = cell(("q", label))
        base = by_label[label]
        trends.append(
            QuarterFigure(
                quarter=label,
                leavers=quarter_cell,
                themes={theme: cell(("qt", label, theme), base) for theme in THEMES},
            )
        )
    heard_cell = cell(("heard",))
    felt_heard = Score(
        value=round(float(outcomes["heard"]), 2) if heard_cell.value is not None and outcomes["heard"] else None,
        respondents=heard_cell,
        suppressed=heard_cell.value is None,
    )
    recommend_cell = cell(("recommend",))
    enps: float | None = None
    if recommend_cell.value:
        enps = round(100 * (promoters - detractors) / recommend_n, 1)
    recommend = Enps(value=enps, respondents=recommend_cell, suppressed=recommend_cell.value is None)

    clustered = _clusters(access, interview_ids, k, language)
    facts = clustered[ClusterKind.FACT][:MAX_FACTS]
    emerging = [
        EmergingTopic(terms=f.terms, leavers=f.leavers, quote=f.quote)
        for f in clustered[ClusterKind.EMERGING][:MAX_EMERGING]
    ]

    advice: list[Advice] = []
    candidates = [
        f for f in figures if f.controllable in ("yes", "partly") and f.push.value is not None and f.push.value > 0
    ]
    candidates.sort(key=lambda f: (-(f.push.value or 0), THEMES.index(f.theme)))
    for figure in candidates[:ADVICE_THEMES]:
        quotes: list[Quote] = []
        if figure.theme not in SPECIAL_CATEGORY_THEMES:
            # Leavers for whom this is a main reason (rank 1 or 2), walked in id order: stops after a few rows.
            lists = (
                reasons.filter(theme=figure.theme, polarity="push", rank__lte=2)
                .order_by("interview_id")
                .values_list("quotable", flat=True)[:10]
            )
            first = [str(ids[0]) for ids in lists if ids]
            quotes = [Quote(text=t, corroborated=False) for t in _quotes(first, QUOTES_PER_THEME)]
        theme_facts = [f for f in facts if f.theme == figure.theme]
        actions = [str(a) for a in book["themes"].get(figure.theme, {}).get(language, [])]
        advice.append(
            Advice(
                theme=figure.theme,
                label=figure.label,
                controllable=figure.controllable,
                leavers=figure.leavers,
                push=figure.push,
                primary=figure.primary,
                quotes=quotes,
                facts=theme_facts,
                actions=actions,
                cost=cost(figure.push),
            )
        )

    return Insights(
        organisation=org.slug,
        generated_at=timezone.now(),
        k=k,
        filters=filters.as_dict(),
        suppressed=False,
        leavers=leavers_cell,
        interviews=cell(("interviews",)),
        historical=cell(("historical",)),
        reasons=figures,
        push_pull={p: cell(("pp", p)) for p in ("push", "pull", "none")},
        controllable={c: cell(("ctl", c)) for c in ("yes", "partly", "no", "none")},
        trends=trends,
        felt_heard=felt_heard,
        recommend=recommend,
        regrettable={v: cell(("regret", v)) for v in ("yes", "no", "unknown")},
        facts=facts,
        emerging=emerging,
        advice=advice,
        turnover_cost=turnover,
    )


def _clusters(access: Access, interview_ids: QuerySet[Interview, Any], k: int, language: str) -> dict[str, list[Fact]]:
    """Per kind, the clusters whose statements come from at least two leavers in view, most leavers first."""
    rows = list(
        ClusterMember.objects.filter(cluster__organisation=access.organisation, interview__in=interview_ids)
        .values("cluster", "cluster__kind")
        .annotate(n=Count("interview", distinct=True))
        .filter(n__gte=2)
        .order_by("-n", "cluster")
    )
    out: dict[str, list[Fact]] = {ClusterKind.FACT: [], ClusterKind.EMERGING: []}
    limits: dict[str, int] = {ClusterKind.FACT: MAX_FACTS, ClusterKind.EMERGING: MAX_EMERGING}
    chosen: list[Any] = []
    for row in rows:
        kind = str(row["cluster__kind"])
        if sum(1 for c in chosen if c["cluster__kind"] == kind) < limits.get(kind, 0):
            chosen.append(row)
    if not chosen:
        return out
    ids = [int(r["cluster"]) for r in chosen]
    clusters = {c.pk: c for c in StatementCluster.objects.filter(pk__in=ids)}
    first: dict[int, str] = {}
    for member in (
        # The most central members come first; looking at the first ten of each keeps this small.
        ClusterMember.objects.filter(cluster_id__in=ids, quotable=True, rank__lt=10, interview__in=interview_ids)
        .order_by("cluster_id", "rank")
        .values("cluster_id", "statement_id")
    ):
        first.setdefault(int(member["cluster_id"]), str(member["statement_id"]))
    wanted = list(first.values())
    texts = dict(zip(wanted, _quote_each(wanted), strict=True))
    for row in chosen:
        cluster = clusters[int(row["cluster"])]
        n = int(row["n"])
        theme = cluster.theme
        out[cluster.kind].append(
            Fact(
                theme=theme,
                label=THEME_LABELS[theme][language] if theme in THEME_LABELS else "",
                leavers=Cell(n, None, False) if n >= k else Cell(None, None, True),
                quote=texts.get(first.get(cluster.pk, "")),
                terms=[str(t) for t in cluster.terms],
            )
        )
    return out


# ------------------------------------------------------------------------------- department × reason


NO_DEPARTMENT = ""


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


def department_reasons(
    access: Access, filters: Filters | None = None, shown: Insights | None = None
) -> DepartmentReasons:
    """Leavers per department and theme for the filters (interviews and historical exits, like :func:`insights`).

    `shown` is the :class:`Insights` for the same filters when the caller has it (computed here otherwise): its
    published and hidden theme totals take part in the suppression. Three grouped queries.
    """
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    shown = shown if shown is not None else insights(access, filters)
    k = group_size(access)
    themes = [f.theme for f in shown.reasons]
    if shown.suppressed:
        return DepartmentReasons(k=k, suppressed=True, themes=[], rows=[])
    interviews = _interviews(access, filters)
    historical = _historical(access, filters)
    totals: dict[str, int] = {}
    for row in interviews.values("department__name").annotate(n=Count("pk")):
        name = row["department__name"] or NO_DEPARTMENT
        totals[name] = totals.get(name, 0) + int(row["n"])
    for row in historical.values("department__name").annotate(n=Count("pk")):
        name = row["department__name"] or NO_DEPARTMENT
        totals[name] = totals.get(name, 0) + int(row["n"])
    cells: dict[tuple[str, str], int] = {}
    for irow in (
        InterviewReason.objects.filter(interview__in=interviews.values("pk"))
        .values("interview__department__name", "theme")
        .annotate(n=Count("interview", distinct=True))
    ):
        key = (irow["interview__department__name"] or NO_DEPARTMENT, irow["theme"])
        cells[key] = cells.get(key, 0) + int(irow["n"])
    for hrow in (
        HistoricalReason.objects.filter(exit__in=historical.values("pk"))
        .values("exit__department__name", "theme")
        .annotate(n=Count("exit", distinct=True))
    ):
        key = (hrow["exit__department__name"] or NO_DEPARTMENT, hrow["theme"])
        cells[key] = cells.get(key, 0) + int(hrow["n"])

    departments = sorted(totals, key=lambda d: (d == NO_DEPARTMENT, d.casefold()))
    counts: dict[Hashable, int] = {}
    relations: list[Relation[Hashable]] = []
    # A figure insights hides counts as hidden here (below any k); one it publishes is a known total.
    hidden_total = -1
    counts[("leavers",)] = shown.leavers.value if shown.leavers.value is not None else hidden_total
    for d in departments:
        counts[("dept", d)] = totals[d]
        for theme in themes:
            counts[("cell", d, theme)] = cells.get((d, theme), 0)
    relations.append(Relation(tuple(("dept", d) for d in departments), total=("leavers",)))
    by_theme = {f.theme: f for f in shown.reasons}
    for theme in themes:
        published_total = by_theme[theme].leavers.value
        column = tuple(("cell", d, theme) for d in departments)
        if published_total is not None:
            counts[("theme", theme)] = published_total
            relations.append(Relation(column, total=("theme", theme)))
        else:
            # cells − hidden total = 0: one hidden member of this equation must never be the only one.
            counts[("theme", theme)] = hidden_total
            relations.append(Relation((*column, ("theme", theme))))
    published = suppress(counts, k, relations)

    rows: list[DepartmentRow] = []
    for d in departments:
        total = published[("dept", d)]
        if total is None:
            rows.append(DepartmentRow(d, Cell(None, None, True), {t: Cell(None, None, True) for t in themes}))
            continue
        row_cells: dict[str, Cell] = {}
        for theme in themes:
            value = published[("cell", d, theme)]
            row_cells[theme] = (
                Cell(None, None, True)
                if value is None
                else Cell(value, round(value / total, 4) if total else None, False)
            )
        rows.append(
            DepartmentRow(
                d, Cell(total, round(total / shown.leavers.value, 4) if shown.leavers.value else None, False), row_cells
            )
        )
    return DepartmentReasons(k=k, suppressed=False, themes=themes, rows=rows)


# ------------------------------------------------------------------------------- completion and quotes


@dataclass(frozen=True)
class Completion:
    """Of the conversations that ended in the filters' period (completed, expired or withdrawn), how many the
    leaver completed. `rate` (0..1) is None when the completed or the other ended cases number fewer than k."""

    ended: Cell
    completed: Cell
    rate: float | None


def completion(access: Access, filters: Filters | None = None) -> Completion:
    """The completion rate of ended conversations, by leave date (else the date the case ended); one query."""
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    k = group_size(access)
    qs = Interview.objects.filter(
        organisation=access.organisation, status__in=[Status.COMPLETED, Status.EXPIRED, Status.WITHDRAWN]
    ).annotate(
        ended_on=Coalesce("leave_date", TruncDate("completed_at"), TruncDate("updated_at"), output_field=DateField())
    )
    if filters.start:
        qs = qs.filter(ended_on__gte=filters.start)
    if filters.end:
        qs = qs.filter(ended_on__lt=_next_month(filters.end))
    if filters.department:
        qs = qs.filter(department__name=filters.department)
    if filters.leave_type:
        qs = qs.filter(leave_type=filters.leave_type)
    if filters.tenure:
        low, high = TENURE_BANDS[filters.tenure]
        qs = qs.filter(tenure_months__gte=low)
        if high is not None:
            qs = qs.filter(tenure_months__lt=high)
    if filters.mode:
        qs = qs.filter(mode=filters.mode)
    row = qs.aggregate(ended=Count("pk"), completed=Count("pk", filter=Q(status=Status.COMPLETED)))
    ended, done = int(row["ended"] or 0), int(row["completed"] or 0)
    other = ended - done
    hidden = Cell(None, None, True)
    if ended < k:
        return Completion(hidden, hidden, None)
    ended_cell = Cell(ended, None, False)
    if done < k or 0 < other < k:
        return Completion(ended_cell, hidden, None)
    rate = round(done / ended, 4)
    return Completion(ended_cell, Cell(done, rate, False), rate)


@dataclass(frozen=True)
class ThemeQuotes:
    """Anonymous words of leavers for whom this theme is a main reason (never health data, never linked)."""

    theme: str
    label: str
    leavers: Cell
    quotes: list[str]


def theme_quotes(access: Access, shown: Insights, filters: Filters | None = None, themes: int = 6) -> list[ThemeQuotes]:
    """Up to QUOTES_PER_THEME quotes for each of the `themes` most named themes of `shown` (the insights for the
    same filters) whose leavers meet k; special-category themes are never quoted. Two queries per theme."""
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    if shown.suppressed:
        return []
    interview_ids = _interviews(access, filters).values("pk")
    out: list[ThemeQuotes] = []
    for figure in shown.reasons:
        if len(out) >= themes:
            break
        if figure.theme in SPECIAL_CATEGORY_THEMES or figure.leavers.value is None or figure.leavers.value == 0:
            continue
        lists = (
            InterviewReason.objects.filter(interview__in=interview_ids, theme=figure.theme, rank__lte=2)
            .order_by("interview_id")
            .values_list("quotable", flat=True)[:10]
        )
        first = [str(ids[0]) for ids in lists if ids]
        quotes = _quotes(first, QUOTES_PER_THEME)
        if quotes:
            out.append(ThemeQuotes(figure.theme, figure.label, figure.leavers, quotes))
    return out


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


MAX_EXPORTED_STATEMENTS = 5000


def shared_statements_for(access: Access, filters: Filters | None = None) -> list[SharedStatement]:
    """The statements leavers in view shared, for an export: attributed ones with their case, then anonymous
    ones without (sorted by theme and words, so that the order does not group one leaver's statements). Never
    health data, never private or removed statements, nothing when the view has fewer than k leavers."""
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    shown = insights(access, filters)
    if shown.suppressed:
        return []
    language = filters.language
    statements = (
        Statement.objects.filter(interview__in=_interviews(access, filters).values("pk"), removed=False)
        .exclude(visibility=Visibility.PRIVATE)
        .only("id", "interview_id", "text", "themes", "kind", "visibility")[:MAX_EXPORTED_STATEMENTS]
    )
    attributed: list[SharedStatement] = []
    anonymous: list[SharedStatement] = []
    for s in statements:
        if s.special_category or any(t in SPECIAL_CATEGORY_THEMES for t in s.theme_ids):
            continue
        first = s.themes[0] if s.themes else {}
        theme = str(first.get("id", "")) if isinstance(first, dict) else ""
        polarity = str(first.get("polarity", "")) if isinstance(first, dict) else ""
        label = THEME_LABELS[theme][language] if theme in THEME_LABELS else ""
        if s.visibility == Visibility.ATTRIBUTED:
            attributed.append(SharedStatement(str(s.interview_id), theme, label, polarity, s.kind, s.text))
        else:
            anonymous.append(SharedStatement(None, theme, label, polarity, s.kind, s.text))
    attributed.sort(key=lambda s: (s.case or "", s.theme, s.text))
    anonymous.sort(key=lambda s: (s.theme, s.text))
    return attributed + anonymous
