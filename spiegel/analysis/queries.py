"""Tenant-scoped reads of the analysis: one interview's reasons, and the organisation's insights.

:func:`insights` is the one structure that the dashboard, the PDF report, the exports and the API render.
Every figure in it has passed the minimum group size k (:func:`spiegel.tenancy.group_size.group_size`) and
complementary suppression (:mod:`spiegel.analysis.suppression`); a suppressed figure is explicit: a
:class:`Cell` with ``value=None, share=None, suppressed=True``. Time is in quarters. How it is computed lives
in :mod:`spiegel.analysis.insights` (filters, tally, publish, advice, departments, figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from spiegel.analysis.case_analysis import SharedStatement as Shared
from spiegel.analysis.case_analysis import derive
from spiegel.analysis.disclosures import is_disclosure
from spiegel.analysis.insights.advice import (
    ADVICE_THEMES,
    MAX_EMERGING,
    MAX_FACTS,
    QUOTES_PER_THEME,
    Costing,
    advice,
    clusters,
    fact_statements,
    main_reason_quotes,
    playbook,
)
from spiegel.analysis.insights.departments import completion_of, department_table
from spiegel.analysis.insights.figures import (
    NO_DEPARTMENT,
    Advice,
    Cell,
    Completion,
    Cost,
    DepartmentReasons,
    DepartmentRow,
    EmergingTopic,
    Enps,
    Fact,
    Insights,
    QuarterFigure,
    Quote,
    Score,
    SharedStatement,
    ThemeFigure,
    ThemeQuotes,
    TurnoverCost,
    Widening,
)
from spiegel.analysis.insights.filters import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTH_PATTERN,
    TENURE_BANDS,
    FilterError,
    Filters,
    historical_of,
    interviews_of,
    parse_month,
)
from spiegel.analysis.insights.partition import publishable
from spiegel.analysis.insights.publish import HIDDEN, felt_heard, publish, recommend, theme_figures, trends
from spiegel.analysis.insights.tally import tally
from spiegel.analysis.models import ClusterKind, InterviewAnalysis, InterviewReason
from spiegel.analysis.quoting import Quoted
from spiegel.analysis.shared import shared_statements
from spiegel.interviews.models import Interview, Status
from spiegel.language.classify import THEME_LABELS
from spiegel.mirror.models import SPECIAL_CATEGORY_THEMES, Statement, Visibility
from spiegel.tenancy.group_size import group_size
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

__all__ = [
    "ADVICE_THEMES",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_EMERGING",
    "MAX_EXPORTED_STATEMENTS",
    "MAX_FACTS",
    "MONTH_PATTERN",
    "NO_DEPARTMENT",
    "PRACTICE_ROLES",
    "QUOTES_PER_THEME",
    "TENURE_BANDS",
    "Advice",
    "Cell",
    "Completion",
    "Cost",
    "DepartmentReasons",
    "DepartmentRow",
    "EmergingTopic",
    "Enps",
    "Fact",
    "FilterError",
    "Filters",
    "Insights",
    "QuarterFigure",
    "Quote",
    "ReasonView",
    "Score",
    "SharedStatement",
    "ThemeFigure",
    "ThemeQuotes",
    "TurnoverCost",
    "Widening",
    "attributed_statements",
    "case_reasons",
    "completion",
    "department_reasons",
    "insights",
    "interviews_in_view",
    "parse_month",
    "playbook",
    "published_filters",
    "reasons_of",
    "sees_whole_case",
    "shared_statements_for",
    "theme_quotes",
]


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
        for r in derive(shared_statements(interview)).reasons
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
    completed, never health data (special category), never a serious disclosure, never removed ones."""
    if interview.status != Status.COMPLETED:
        return Statement.objects.none()
    ids = [
        s.pk
        for s in Statement.objects.filter(interview=interview, visibility=Visibility.ATTRIBUTED, removed=False)
        if not s.special_category and not is_disclosure(s.text, s.phase, interview.language)
    ]
    return Statement.objects.filter(pk__in=ids).order_by("seq")


# ------------------------------------------------------------------------------------------- insights


def interviews_in_view(access: Access, filters: Filters) -> QuerySet[Interview]:
    """The leavers' cases a view of the organisation counts (and may quote): completed and analysed ones
    within the filters. Generated reports remember them, so that a withdrawal reaches every report."""
    access.require(Capability.OVERVIEW_VIEW)
    return interviews_of(access, published_filters(access, filters)[0])


def published_filters(access: Access, filters: Filters) -> tuple[Filters, list[Widening]]:
    """The filters as the organisation's view uses them, and what had to be widened: a view is always a union of
    the organisation's fixed groups of at least k leavers (:mod:`spiegel.analysis.insights.partition`), so that no
    two views can be subtracted into a smaller group. Applying it twice changes nothing more."""
    return publishable(access, filters, group_size(access.organisation))


def _suppressed_view(
    org_slug: str, k: int, filters: Filters, turnover: TurnoverCost, widened: list[Widening]
) -> Insights:
    return Insights(
        organisation=org_slug,
        generated_at=timezone.now(),
        k=k,
        filters=filters.as_dict(),
        suppressed=True,
        leavers=HIDDEN,
        interviews=HIDDEN,
        historical=HIDDEN,
        reasons=[],
        push_pull={},
        controllable={},
        trends=[],
        felt_heard=Score(None, HIDDEN, True),
        recommend=Enps(None, HIDDEN, True),
        regrettable={},
        facts=[],
        emerging=[],
        advice=[],
        turnover_cost=turnover,
        notes=[f"Fewer than {k} leavers match these filters: nothing is shown."],
        widened=widened,
    )


def insights(access: Access, filters: Filters | None = None) -> Insights:
    """Why people leave this organisation, per the filters: see :class:`Insights` for every field.

    Reads only completed mirrors' analyses (withdrawn leavers are gone from every figure; private statements
    were never analysed) and imported historical exits. A fixed number of aggregate queries (no loop over
    leavers or statements): fast on tens of thousands of leavers.
    """
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    filters, widened = published_filters(access, filters)
    org = access.organisation
    k = group_size(org)
    language = filters.language
    interviews = interviews_of(access, filters)
    published = publish(tally(interviews, historical_of(access, filters)), k)
    leavers = published.cell(("leavers",))
    costing = Costing.of(org)
    if published.suppressed:
        return _suppressed_view(org.slug, k, filters, costing.turnover(HIDDEN, language), widened)

    interview_ids = interviews.values("pk")
    figures = theme_figures(published, language)
    clustered = clusters(org, interview_ids, k, language)
    facts = clustered[ClusterKind.FACT][:MAX_FACTS]
    emerging = [
        EmergingTopic(terms=f.terms, leavers=f.leavers, quote=f.quote)
        for f in clustered[ClusterKind.EMERGING][:MAX_EMERGING]
    ]
    reasons = InterviewReason.objects.filter(interview__in=interview_ids)
    return Insights(
        organisation=org.slug,
        generated_at=timezone.now(),
        k=k,
        filters=filters.as_dict(),
        suppressed=False,
        leavers=leavers,
        interviews=published.cell(("interviews",)),
        historical=published.cell(("historical",)),
        reasons=figures,
        push_pull={p: published.cell(("pp", p)) for p in ("push", "pull", "none")},
        controllable={c: published.cell(("ctl", c)) for c in ("yes", "partly", "no", "none")},
        trends=trends(published),
        felt_heard=felt_heard(published),
        recommend=recommend(published),
        regrettable={v: published.cell(("regret", v)) for v in ("yes", "no", "unknown")},
        facts=facts,
        emerging=emerging,
        advice=advice(figures, facts, reasons, costing, language, fact_statements(org, interview_ids)),
        turnover_cost=costing.turnover(leavers, language),
        widened=widened,
    )


def department_reasons(
    access: Access, filters: Filters | None = None, shown: Insights | None = None
) -> DepartmentReasons:
    """Leavers per department and theme for the filters (interviews and historical exits, like :func:`insights`).

    `shown` is the :class:`Insights` for the same filters when the caller has it (computed here otherwise): its
    published and hidden theme totals take part in the suppression. Three grouped queries.
    A row whose department total is suppressed is suppressed whole (a share next to a published count would
    give the total away).
    """
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    shown = shown if shown is not None else insights(access, filters)
    filters = published_filters(access, filters)[0]
    return department_table(
        group_size(access.organisation), shown, interviews_of(access, filters), historical_of(access, filters)
    )


def completion(access: Access, filters: Filters | None = None) -> Completion:
    """The completion rate of ended conversations, by leave date (else the date the case ended); one query.
    `rate` is None when the completed or the other ended cases number fewer than k."""
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    filters = published_filters(access, filters)[0]
    return completion_of(access.organisation, filters, group_size(access.organisation))


def theme_quotes(access: Access, shown: Insights, filters: Filters | None = None, themes: int = 6) -> list[ThemeQuotes]:
    """Up to QUOTES_PER_THEME quotes for each of the `themes` most named themes of `shown` (the insights for the
    same filters) whose leavers meet k; special-category themes are never quoted, and no words twice (nor words
    the advice of `shown` quotes). Two queries per theme."""
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    if shown.suppressed:
        return []
    filters = published_filters(access, filters)[0]
    in_view = interviews_of(access, filters).values("pk")
    reasons = InterviewReason.objects.filter(interview__in=in_view)
    out: list[ThemeQuotes] = []
    # A statement about two themes is quoted once, under the first (most named) of them; so is one that the
    # advice of the same view already quotes, and none that is a wording of a fact the view shows.
    seen = Quoted(
        [q.text for a in shown.advice for q in a.quotes] + [f.quote for f in shown.facts if f.quote],
        fact_statements(access.organisation, in_view),
    )
    for figure in shown.reasons:
        if len(out) >= themes:
            break
        if figure.theme in SPECIAL_CATEGORY_THEMES or figure.leavers.value is None or figure.leavers.value == 0:
            continue
        quotes = main_reason_quotes(reasons, figure.theme, seen)
        if quotes:
            out.append(ThemeQuotes(figure.theme, figure.label, figure.leavers, quotes))
    return out


MAX_EXPORTED_STATEMENTS = 5000


def shared_statements_for(access: Access, filters: Filters | None = None) -> list[SharedStatement]:
    """The statements leavers in view shared, for an export: attributed ones with their case, then anonymous
    ones without (sorted by theme and words, so that the order does not group one leaver's statements). Never
    health data, never a serious disclosure, never private or removed statements, nothing when the view has
    fewer than k leavers."""
    access.require(Capability.OVERVIEW_VIEW)
    filters = filters or Filters()
    filters.validate()
    shown = insights(access, filters)
    if shown.suppressed:
        return []
    filters = published_filters(access, filters)[0]
    language = filters.language
    statements = (
        Statement.objects.filter(interview__in=interviews_of(access, filters).values("pk"), removed=False)
        .exclude(visibility=Visibility.PRIVATE)
        .select_related("interview")
        .only("id", "interview_id", "interview__language", "text", "themes", "kind", "visibility", "phase")[
            :MAX_EXPORTED_STATEMENTS
        ]
    )
    attributed: list[SharedStatement] = []
    anonymous: list[SharedStatement] = []
    for s in statements:
        if s.special_category or any(t in SPECIAL_CATEGORY_THEMES for t in s.theme_ids):
            continue
        if is_disclosure(s.text, s.phase, s.interview.language):
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
