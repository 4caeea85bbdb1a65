"""What a view says beyond counts: corroborated facts, emerging topics, anonymous quotes, the playbook's actions
for the top controllable reasons, and what turnover costs. Quotes are never health data, never linked to a
person or case, and only shown where the group behind them meets k.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from django.db.models import Count, QuerySet

from spiegel.analysis.disclosures import is_disclosure
from spiegel.analysis.insights.figures import Advice, Cell, Cost, Fact, Quote, ThemeFigure, TurnoverCost
from spiegel.analysis.models import ClusterKind, ClusterMember, InterviewReason, StatementCluster
from spiegel.analysis.quoting import Quoted
from spiegel.interviews.models import Interview
from spiegel.language.classify import THEME_LABELS
from spiegel.language.statements import split_sentences
from spiegel.language.taxonomy import THEMES
from spiegel.mirror.models import SPECIAL_CATEGORY_THEMES, Statement, Visibility
from spiegel.tenancy.models import Organisation

MAX_FACTS = 20
MAX_EMERGING = 10
ADVICE_THEMES = 3
QUOTES_PER_THEME = 3


@lru_cache(maxsize=1)
def playbook() -> dict[str, Any]:
    """The advice playbook (spiegel/analysis/playbook/playbook.json)."""
    text = resources.files("spiegel.analysis").joinpath("playbook/playbook.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _quotable(ids: list[str]) -> dict[str, Statement]:
    """These statements while still shared, never a serious disclosure (spiegel.analysis.disclosures)."""
    found = Statement.objects.filter(pk__in=ids, removed=False).exclude(visibility=Visibility.PRIVATE)
    return {
        str(s.pk): s
        for s in found.select_related("interview")
        if not is_disclosure(s.text, s.phase, s.interview.language)
    }


def quotes_of(ids: list[str], limit: int, quoted: Quoted | None = None) -> list[str]:
    """The words of these statements, in this order, skipping any that is no longer shared or is health data,
    and any that repeats one already taken here or in `quoted` (the view's quotes so far, updated)."""
    found = _quotable(ids)
    out: list[str] = []
    quoted = Quoted() if quoted is None else quoted
    for statement_id in ids:
        s = found.get(statement_id)
        if s is None or s.special_category or any(t in SPECIAL_CATEGORY_THEMES for t in s.theme_ids):
            continue
        if _is_a_fact_shown(statement_id, s.text, quoted) or not quoted.take(s.text):
            continue
        out.append(s.text)
        if len(out) >= limit:
            break
    return out


def _is_a_fact_shown(statement_id: str, text: str, quoted: Quoted) -> bool:
    """A statement that says nothing but a fact the view shows (another wording of it): the fact is shown
    once. A longer statement that also says more is still quoted (its other words are its own)."""
    return statement_id in quoted.statements and len(split_sentences(text)) == 1


def quote_each(ids: list[str]) -> list[str | None]:
    """Per statement id, its words when they may be quoted (see quotes_of), else None; one query."""
    found = _quotable(ids)
    out: list[str | None] = []
    for statement_id in ids:
        s = found.get(statement_id)
        out.append(None if s is None or s.special_category else s.text)
    return out


def main_reason_quotes(
    reasons: QuerySet[InterviewReason], theme: str, quoted: Quoted | None = None, **only: str
) -> list[str]:
    """Up to QUOTES_PER_THEME quotes of leavers for whom `theme` is a main reason (rank 1 or 2), walked in
    interview order (stops after a few rows), none repeating one in `quoted` (updated); `only` narrows the
    reasons (polarity="push")."""
    lists = (
        reasons.filter(theme=theme, rank__lte=2, **only)
        .order_by("interview_id")
        .values_list("quotable", flat=True)[:10]
    )
    return quotes_of([str(ids[0]) for ids in lists if ids], QUOTES_PER_THEME, quoted)


def fact_statements(organisation: Organisation, interview_ids: QuerySet[Interview, Any]) -> frozenset[str]:
    """The statements in view that are a wording of a corroborated fact: the view shows them as that fact, so
    they are not quoted again in other words. One query."""
    members = ClusterMember.objects.filter(
        cluster__organisation=organisation, cluster__kind=ClusterKind.FACT, interview__in=interview_ids
    )
    return frozenset(str(s) for s in members.values_list("statement_id", flat=True))


def _chosen_clusters(organisation: Organisation, interview_ids: QuerySet[Interview, Any]) -> list[dict[str, Any]]:
    """Clusters with statements from at least two leavers in view, most leavers first, up to each kind's limit."""
    rows = (
        ClusterMember.objects.filter(cluster__organisation=organisation, interview__in=interview_ids)
        .values("cluster", "cluster__kind")
        .annotate(n=Count("interview", distinct=True))
        .filter(n__gte=2)
        .order_by("-n", "cluster")
    )
    limits: dict[str, int] = {ClusterKind.FACT: MAX_FACTS, ClusterKind.EMERGING: MAX_EMERGING}
    taken: dict[str, int] = {}
    chosen: list[dict[str, Any]] = []
    for row in rows:
        kind = str(row["cluster__kind"])
        if taken.get(kind, 0) < limits.get(kind, 0):
            taken[kind] = taken.get(kind, 0) + 1
            chosen.append(dict(row))
    return chosen


def _first_quotes(ids: list[int], interview_ids: QuerySet[Interview, Any]) -> dict[int, str | None]:
    """Per cluster, the words of its most central quotable member in view (None when it may not be quoted):
    for a fact, the one sentence of the statement that is the fact."""
    first: dict[int, tuple[str, int | None]] = {}
    for member in (
        # The most central members come first; looking at the first ten of each keeps this small.
        ClusterMember.objects.filter(cluster_id__in=ids, quotable=True, rank__lt=10, interview__in=interview_ids)
        .order_by("cluster_id", "rank")
        .values("cluster_id", "statement_id", "sentence")
    ):
        first.setdefault(int(member["cluster_id"]), (str(member["statement_id"]), member["sentence"]))
    statement_ids = [statement_id for statement_id, _sentence in first.values()]
    texts = dict(zip(statement_ids, quote_each(statement_ids), strict=True))
    return {
        cluster_id: _sentence_of(texts[statement_id], sentence)
        for cluster_id, (statement_id, sentence) in first.items()
    }


def _sentence_of(text: str | None, sentence: int | None) -> str | None:
    if text is None or sentence is None:
        return text
    spans = split_sentences(text)
    if sentence >= len(spans):
        return None  # the words changed since the clustering: quote nothing rather than the wrong sentence
    start, end = spans[sentence]
    return text[start:end].strip()


def clusters(
    organisation: Organisation, interview_ids: QuerySet[Interview, Any], k: int, language: str
) -> dict[str, list[Fact]]:
    """Per kind, the clusters whose statements come from at least two leavers in view, most leavers first."""
    chosen = _chosen_clusters(organisation, interview_ids)
    out: dict[str, list[Fact]] = {ClusterKind.FACT: [], ClusterKind.EMERGING: []}
    if not chosen:
        return out
    ids = [int(r["cluster"]) for r in chosen]
    found = {c.pk: c for c in StatementCluster.objects.filter(pk__in=ids)}
    quotes = _first_quotes(ids, interview_ids)
    quoted = Quoted()
    for row in chosen:
        cluster = found[int(row["cluster"])]
        n = int(row["n"])
        theme = cluster.theme
        # An emerging topic is new by definition: below k, its words or terms could point at the few who
        # raised it, so it shows neither until k leavers have (privacy.md, "Small numbers").
        hidden = n < k and cluster.kind == ClusterKind.EMERGING
        quote = None if hidden else quotes.get(cluster.pk)
        if quote is None and not hidden:
            # A fact or topic is shown in a leaver's words or not at all: never as a list of words (nor the
            # words of a disclosure, which is never quoted).
            continue
        if quote is not None and not quoted.take(quote):
            continue  # the same words as a fact or topic already listed: one quote is enough
        out[cluster.kind].append(
            Fact(
                theme=theme,
                label=THEME_LABELS[theme][language] if theme in THEME_LABELS else "",
                leavers=Cell(n, None, False) if n >= k else Cell(None, None, True),
                quote=quote,
                terms=[] if hidden else [str(t) for t in cluster.terms],
            )
        )
    return out


@dataclass(frozen=True)
class Costing:
    """What one departure costs for this organisation (None when it has set no average salary)."""

    salary: int | None
    factor: float
    per_leaver: float | None

    @classmethod
    def of(cls, organisation: Organisation) -> Costing:
        factor = float(organisation.replacement_cost_factor)
        salary = organisation.average_salary
        return cls(salary, factor, round(salary * factor, 2) if salary else None)

    def cost(self, leavers: Cell) -> Cost:
        if self.per_leaver is None or leavers.value is None:
            return Cost(leavers=leavers, per_leaver=self.per_leaver, total=None)
        return Cost(leavers=leavers, per_leaver=self.per_leaver, total=round(leavers.value * self.per_leaver, 2))

    def turnover(self, leavers: Cell, language: str) -> TurnoverCost:
        book = playbook()["turnover_cost"]
        return TurnoverCost(
            average_salary=self.salary,
            factor=self.factor,
            per_leaver=self.per_leaver,
            total=self.cost(leavers),
            explanation=str(book["explanation"][language]),
            sources=[str(s) for s in book["sources"]],
        )


def advice(
    figures: list[ThemeFigure],
    facts: list[Fact],
    reasons: QuerySet[InterviewReason],
    costing: Costing,
    language: str,
    shown_as_facts: frozenset[str] = frozenset(),
) -> list[Advice]:
    """The ADVICE_THEMES controllable themes most leavers pushed away by, with evidence, actions and cost."""
    book = playbook()
    candidates = [
        f for f in figures if f.controllable in ("yes", "partly") and f.push.value is not None and f.push.value > 0
    ]
    candidates.sort(key=lambda f: (-(f.push.value or 0), THEMES.index(f.theme)))
    out: list[Advice] = []
    # A card never quotes words that a fact of the view (its own or another card's) or another card shows.
    quoted = Quoted([f.quote for f in facts if f.quote], shown_as_facts)
    for figure in candidates[:ADVICE_THEMES]:
        quotes: list[Quote] = []
        if figure.theme not in SPECIAL_CATEGORY_THEMES:
            quotes = [
                Quote(text=t, corroborated=False)
                for t in main_reason_quotes(reasons, figure.theme, quoted, polarity="push")
            ]
        out.append(
            Advice(
                theme=figure.theme,
                label=figure.label,
                controllable=figure.controllable,
                leavers=figure.leavers,
                push=figure.push,
                primary=figure.primary,
                quotes=quotes,
                facts=[f for f in facts if f.theme == figure.theme],
                actions=[str(a) for a in book["themes"].get(figure.theme, {}).get(language, [])],
                cost=costing.cost(figure.push),
            )
        )
    return out
