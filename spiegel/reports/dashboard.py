"""The organisation's view as one structure for the screen, the PDF and the exports.

Everything here is read from :func:`spiegel.analysis.queries.insights` and its companions, which have already
applied the minimum group size and complementary suppression: a suppressed figure arrives as a ``Cell`` with
no value and stays without one in every table, chart and file made from this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from spiegel.analysis.queries import (
    Cell,
    Completion,
    DepartmentReasons,
    EmergingTopic,
    Fact,
    Filters,
    Insights,
    ThemeQuotes,
    Widening,
    completion,
    department_reasons,
    insights,
    published_filters,
    theme_quotes,
)
from spiegel.interviews.models import LeaveType, Mode
from spiegel.reports.charts import HeatCell, ReasonBar, TrendPoint, heatmap_chart, reasons_chart, trend_chart
from spiegel.tenancy.queries import Access

TREND_THEMES = 5
HEATMAP_THEMES = 8


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: str | None  # formatted; None when suppressed or not known
    note: str


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[str | None]  # formatted; None = suppressed


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[TableRow]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str  # the text alternative read before the data table
    spec: dict[str, Any]
    table: Table

    @property
    def spec_id(self) -> str:
        return f"chart-{self.key}-spec"


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard and the PDF show, in one language."""

    language: str
    filters: Filters
    insights: Insights
    departments: DepartmentReasons
    completion: Completion
    headlines: list[Headline]
    charts: list[Chart]
    quotes: list[ThemeQuotes]
    period: str
    # Why the view's filters differ from what was asked (translated sentences); [] when nothing changed.
    widened: list[str]
    # Emerging topics raised by at least k leavers that have a representative sentence, and how many more are
    # still below k (those show nothing but that they exist).
    emerging: list[EmergingTopic]
    emerging_below_k: int
    # The corroborated facts that no advice above them already shows (a fact is quoted once per page).
    other_facts: list[Fact]


def pct(cell: Cell | None) -> str | None:
    """A share as a whole percentage ("42%"), or None when suppressed."""
    if cell is None or cell.share is None:
        return None
    return f"{round(cell.share * 100)}%"


def count(cell: Cell | None) -> str | None:
    if cell is None or cell.value is None:
        return None
    return str(cell.value)


def decimal(value: float, places: int) -> str:
    """A number in the active language's style: "4,1" in Dutch, "4.1" in English."""
    return formats.number_format(value, places, use_l10n=True)


def signed(value: float) -> str:
    """A whole number with its sign ("+12", "−14"; a true minus sign, as "−100 to +100" is written)."""
    number = formats.number_format(abs(round(value)), 0, use_l10n=True, force_grouping=True)
    return f"+{number}" if round(value) > 0 else f"−{number}" if round(value) < 0 else number


def quarter_label(quarter: str) -> str:
    """A quarter as the active language writes it: "2025-K1" (kwartaal) in Dutch, "2025-Q1" in English. The
    exports and the API keep the code "2025-Q1"."""
    return quarter.replace("-Q", "-" + pgettext("first letter of 'quarter', as in 2025-Q1", "Q"))


def money(amount: float | None, language: str) -> str | None:
    if amount is None:
        return None
    number = formats.number_format(round(amount), 0, use_l10n=True, force_grouping=True)
    return f"€\u00a0{number}" if language == "nl" else f"€{number}"  # no line break between € and the amount


def period_label(filters: Filters, language: str) -> str:
    with override(language):
        # "januari 2026" / "January 2026": the month in words, in the report's language
        start = formats.date_format(filters.start, "YEAR_MONTH_FORMAT") if filters.start else None
        end = formats.date_format(filters.end, "YEAR_MONTH_FORMAT") if filters.end else None
        if start and end:
            return _("%(start)s to %(end)s") % {"start": start, "end": end}
        if start:
            return _("from %(start)s") % {"start": start}
        if end:
            return _("until %(end)s") % {"end": end}
        return _("all periods")


def _value_label(name: str, value: str | None) -> str:
    if value is None:
        return _("no limit")
    if name == "leave_type" and value in LeaveType.values:
        return str(LeaveType(value).label)
    if name == "mode" and value in Mode.values:
        return str(Mode(value).label)
    return value


def widening_notes(widened: list[Widening], k: int) -> list[str]:
    """Per filter the view had to change, one sentence saying what and why (in the active language)."""
    names = {
        "from": _("From (month)"),
        "to": _("To (month)"),
        "department": _("Department"),
        "leave_type": _("Leave type"),
        "tenure": _("Tenure"),
        "mode": _("Conversation held by"),
    }
    notes = []
    for w in widened:
        values = {
            "field": names.get(w.field, w.field),
            "asked": _value_label(w.field, w.asked),
            "used": _value_label(w.field, w.used),
            "k": k,
        }
        if w.reason == "whole_period":
            notes.append(
                _(
                    "%(field)s: %(asked)s became %(used)s. Figures cover whole periods that each hold at least "
                    "%(k)s leavers, so that comparing two views can never single out one leaver."
                )
                % values
            )
        else:
            notes.append(
                _(
                    "%(field)s: “%(asked)s” was not applied, because it would set fewer than %(k)s leavers apart "
                    "from the others in some period. The figures include everyone."
                )
                % values
            )
    return notes


def build_dashboard(access: Access, filters: Filters) -> Dashboard:
    """The whole organisation's view for these filters (their `language` sets every label)."""
    language = filters.language
    filters.validate()
    filters, asked_widened = published_filters(access, filters)
    shown = insights(access, filters)
    departments = department_reasons(access, filters, shown)
    rate = completion(access, filters)
    quotes = theme_quotes(access, shown, filters)
    with override(language):
        return Dashboard(
            language=language,
            filters=filters,
            insights=shown,
            departments=departments,
            completion=rate,
            headlines=_headlines(shown, rate, language),
            charts=[] if shown.suppressed else _charts(shown, departments),
            quotes=quotes,
            period=period_label(filters, language),
            widened=widening_notes(asked_widened, shown.k),
            emerging=[e for e in shown.emerging if e.quote and e.leavers.value is not None],
            emerging_below_k=sum(1 for e in shown.emerging if e.leavers.value is None),
            other_facts=[f for f in shown.facts if f.theme not in {a.theme for a in shown.advice}],
        )


def _headlines(shown: Insights, rate: Completion, language: str) -> list[Headline]:
    cost = shown.turnover_cost
    regret = shown.regrettable.get("yes")
    return [
        Headline("leavers", _("Leavers"), count(shown.leavers), _("interviews and imported exits")),
        Headline(
            "completion",
            _("Completion rate"),
            f"{round(rate.rate * 100)}%" if rate.rate is not None else None,
            _("of ended conversations, completed by the leaver"),
        ),
        Headline(
            "felt_heard",
            _("Felt heard"),
            f"{decimal(shown.felt_heard.value, 1)} / 5" if shown.felt_heard.value is not None else None,
            _("average of the leavers' own answer"),
        ),
        Headline(
            "recommend",
            _("Would recommend (eNPS)"),
            signed(shown.recommend.value) if shown.recommend.value is not None else None,
            _("promoters minus detractors, −100 to +100"),
        ),
        Headline("regrettable", _("Regrettable departures"), pct(regret), _("share of leavers, your own assessment")),
        Headline(
            "cost",
            _("Estimated cost of turnover"),
            money(cost.total.total, language),
            _("leavers × average salary × replacement factor %(factor)s") % {"factor": decimal(cost.factor, 2)}
            if cost.average_salary
            else _("set the average salary of the organisation to see this"),
        ),
    ]


def _charts(shown: Insights, departments: DepartmentReasons) -> list[Chart]:
    push_label, pull_label = _("Push: drove them away"), _("Pull: drew them elsewhere")
    share_title = _("Share of leavers")
    named = [f for f in shown.reasons if f.leavers.value != 0]
    bars: list[ReasonBar] = []
    for figure in named:
        bars.append(ReasonBar(label=figure.label, polarity="push", polarity_label=push_label, share=figure.push.share))
        bars.append(ReasonBar(label=figure.label, polarity="pull", polarity_label=pull_label, share=figure.pull.share))
    reasons = Chart(
        key="reasons",
        title=_("Reasons for leaving"),
        description=_(
            "Bar chart: per reason, the share of leavers who named it, split into push and pull. "
            "The table below gives the same figures; a dash marks a figure hidden to protect small groups."
        ),
        spec=reasons_chart(bars, _("Reasons for leaving"), share_title),
        table=Table(
            caption=_("Reasons for leaving: share of leavers"),
            header=[_("Reason"), _("Leavers"), push_label, pull_label],
            rows=[TableRow(f.label, [pct(f.leavers), pct(f.push), pct(f.pull)]) for f in named],
        ),
    )
    top = [f for f in shown.reasons if f.leavers.value][:TREND_THEMES]
    points: list[TrendPoint] = []
    for quarter in shown.trends:
        for figure in top:
            points.append(
                TrendPoint(
                    quarter=quarter_label(quarter.quarter), label=figure.label, share=quarter.themes[figure.theme].share
                )
            )
    trend = Chart(
        key="trend",
        title=_("Reasons by quarter"),
        description=_(
            "Line chart: per quarter of leaving, the share of that quarter's leavers who named each of the most "
            "named reasons. A gap in a line is a quarter with too few leavers to show."
        ),
        spec=trend_chart(points, _("Reasons by quarter"), share_title),
        table=Table(
            caption=_("Reasons by quarter: share of the quarter's leavers"),
            header=[_("Quarter"), _("Leavers"), *[f.label for f in top]],
            rows=[
                TableRow(quarter_label(q.quarter), [count(q.leavers), *[pct(q.themes[f.theme]) for f in top]])
                for q in shown.trends
            ],
        ),
    )
    charts = [reasons, trend]
    if departments.rows:
        labels = {f.theme: f.label for f in shown.reasons}
        # The most named reasons (by the overall figures, so a table whose cells are all hidden still shows).
        themes = [f.theme for f in shown.reasons if f.leavers.value != 0 and f.theme in departments.themes]
        themes = themes[:HEATMAP_THEMES]
        no_department = _("No department")
        heat: list[HeatCell] = [
            HeatCell(department=row.department or no_department, label=labels[t], share=row.themes[t].share)
            for row in departments.rows
            for t in themes
        ]
        charts.append(
            Chart(
                key="heatmap",
                title=_("Reasons by department"),
                description=_(
                    "Heat map: per department, the share of its leavers who named each reason; darker is more. "
                    "Grey cells marked 'hidden' have too few leavers to show."
                ),
                spec=heatmap_chart(heat, _("Reasons by department"), _("hidden")),
                table=Table(
                    caption=_("Reasons by department: share of the department's leavers"),
                    header=[_("Department"), _("Leavers"), *[labels[t] for t in themes]],
                    rows=[
                        TableRow(
                            row.department or no_department, [count(row.leavers), *[pct(row.themes[t]) for t in themes]]
                        )
                        for row in departments.rows
                    ],
                ),
            )
        )
    return charts


def leave_type_choices() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in LeaveType.choices]


AGGREGATE_HEADER = ["section", "group", "measure", "value", "share", "suppressed"]
STATEMENT_HEADER = ["case", "theme", "theme_label", "polarity", "kind", "text"]


def aggregate_rows(dash: Dashboard) -> list[list[Any]]:
    """Every figure of the view as (section, group, measure, value, share, suppressed); a suppressed figure has
    neither value nor share."""
    shown = dash.insights
    rows: list[list[Any]] = []

    def add(section: str, group: str, measure: str, cell: Cell) -> None:
        rows.append([section, group, measure, cell.value, cell.share, "yes" if cell.value is None else "no"])

    add("total", "all", "leavers", shown.leavers)
    add("total", "all", "interviews", shown.interviews)
    add("total", "all", "historical", shown.historical)
    add("completion", "all", "completed", dash.completion.completed)
    rows.append(["outcome", "all", "felt_heard_average", shown.felt_heard.value, None, _yn(shown.felt_heard.value)])
    rows.append(["outcome", "all", "enps", shown.recommend.value, None, _yn(shown.recommend.value)])
    cost = shown.turnover_cost.total.total
    rows.append(["cost", "all", "turnover_cost_estimate", cost, None, _yn(cost)])
    for key, cell in shown.regrettable.items():
        add("regrettable", key, "leavers", cell)
    for key, cell in shown.push_pull.items():
        add("primary_polarity", key, "leavers", cell)
    for key, cell in shown.controllable.items():
        add("controllable", key, "leavers", cell)
    for f in shown.reasons:
        add("reason", f.theme, "leavers", f.leavers)
        add("reason", f.theme, "push", f.push)
        add("reason", f.theme, "pull", f.pull)
        add("reason", f.theme, "primary", f.primary)
    for q in shown.trends:
        add("quarter", q.quarter, "leavers", q.leavers)
        for theme, cell in q.themes.items():
            add("quarter_reason", f"{q.quarter}/{theme}", "leavers", cell)
    for row in dash.departments.rows:
        name = row.department or "(none)"
        add("department", name, "leavers", row.leavers)
        for theme, cell in row.themes.items():
            add("department_reason", f"{name}/{theme}", "leavers", cell)
    return rows


def _yn(value: object) -> str:
    return "yes" if value is None else "no"
