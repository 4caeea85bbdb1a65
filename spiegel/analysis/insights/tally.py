"""The grouped counts behind every figure of the organisation's view, before any suppression.

One grouped pass over the leavers (interviews, then historical exits) gives totals, quarters, primary reasons,
regrettable and the closing scores; one over their reasons gives themes by quarter and polarity. A handful of
aggregate queries whatever the number of leavers; nothing here is published as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncQuarter

from spiegel.analysis.insights.filters import quarter_label
from spiegel.analysis.models import HistoricalExit, HistoricalReason, InterviewReason
from spiegel.interviews.models import Interview


def _add(counter: dict[Any, int], key: Any, n: int) -> None:
    counter[key] = counter.get(key, 0) + n


@dataclass
class Tally:
    """Raw counts of one view's leavers. `primaries` is keyed (theme, polarity) of the primary reason, ("", "")
    for a leaver without one; `theme_any` counts leavers naming a theme in any polarity, `theme_polarity` per
    (theme, polarity), `theme_by_quarter` per (quarter, theme)."""

    interviews: int = 0
    historical: int = 0
    undated: int = 0
    quarter_leavers: dict[str, int] = field(default_factory=dict)
    primaries: dict[tuple[str, str], int] = field(default_factory=dict)
    regret: dict[str, int] = field(default_factory=dict)
    heard_sum: int = 0
    heard_n: int = 0
    recommend_n: int = 0
    promoters: int = 0
    detractors: int = 0
    theme_any: dict[str, int] = field(default_factory=dict)
    theme_polarity: dict[tuple[str, str], int] = field(default_factory=dict)
    theme_by_quarter: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.interviews + self.historical

    def add_quarter(self, quarter: Any, n: int) -> None:
        label = quarter_label(quarter)
        if label:
            _add(self.quarter_leavers, label, n)
        else:
            self.undated += n

    def add_recommend(self, answered: Any, promoters: Any, detractors: Any) -> None:
        self.recommend_n += int(answered)
        self.promoters += int(promoters)
        self.detractors += int(detractors)


def _tally_interviews(tally: Tally, interviews: QuerySet[Interview]) -> None:
    rows = interviews.annotate(quarter=TruncQuarter("left_on")).values(
        "quarter", "analysis__primary_theme", "analysis__primary_polarity", "regrettable"
    )
    for row in rows.annotate(
        n=Count("pk"),
        heard=Sum("review_outcome__felt_heard"),
        answered=Count("review_outcome"),
        promoters=Count("pk", filter=Q(review_outcome__recommend_score__gte=9)),
        detractors=Count("pk", filter=Q(review_outcome__recommend_score__lte=6)),
    ):
        n = int(row["n"])
        tally.interviews += n
        tally.add_quarter(row["quarter"], n)
        key = (row["analysis__primary_theme"] or "", row["analysis__primary_polarity"] or "")
        _add(tally.primaries, key, n)
        _add(tally.regret, row["regrettable"], n)
        tally.heard_sum += int(row["heard"] or 0)
        tally.heard_n += int(row["answered"])
        tally.add_recommend(row["answered"], row["promoters"], row["detractors"])


def _tally_historical(tally: Tally, historical: QuerySet[HistoricalExit], hreasons: QuerySet[HistoricalReason]) -> None:
    for row in (
        historical.annotate(quarter=TruncQuarter("leave_date"))
        .values("quarter", "regrettable")
        .annotate(
            n=Count("pk"),
            answered=Count("recommend_score"),
            promoters=Count("pk", filter=Q(recommend_score__gte=9)),
            detractors=Count("pk", filter=Q(recommend_score__lte=6)),
        )
    ):
        n = int(row["n"])
        tally.historical += n
        tally.add_quarter(row["quarter"], n)
        _add(tally.regret, row["regrettable"], n)
        tally.add_recommend(row["answered"], row["promoters"], row["detractors"])
    for prow in hreasons.filter(rank=0).values("theme", "polarity").annotate(n=Count("id")):
        _add(tally.primaries, (prow["theme"], prow["polarity"]), int(prow["n"]))


def _tally_reasons(tally: Tally, reasons: QuerySet[InterviewReason], hreasons: QuerySet[HistoricalReason]) -> None:
    """Themes by quarter: leavers naming the theme (any polarity), and per polarity."""
    quarter_of_reason = TruncQuarter(
        Coalesce("interview__leave_date", TruncDate("interview__completed_at"), output_field=DateField())
    )
    polarities = {
        "push": Count("pk", filter=Q(polarity="push")),
        "pull": Count("pk", filter=Q(polarity="pull")),
    }
    grouped: list[dict[str, Any]] = [
        dict(row)
        for row in reasons.annotate(quarter=quarter_of_reason)
        .values("quarter", "theme")
        .annotate(n=Count("interview", distinct=True), **polarities)
    ]
    grouped += [
        dict(row)
        for row in hreasons.annotate(quarter=TruncQuarter("exit__leave_date"))
        .values("quarter", "theme")
        .annotate(n=Count("exit", distinct=True), **polarities)
    ]
    for row in grouped:
        theme, n = row["theme"], int(row["n"])
        _add(tally.theme_any, theme, n)
        for polarity in ("push", "pull"):
            _add(tally.theme_polarity, (theme, polarity), int(row[polarity]))
        label = quarter_label(row["quarter"])
        if label:
            _add(tally.theme_by_quarter, (label, theme), n)


def tally(interviews: QuerySet[Interview], historical: QuerySet[HistoricalExit]) -> Tally:
    """The raw counts of these leavers (interviews annotated with `left_on`, see filters.interviews_of)."""
    out = Tally()
    hreasons = HistoricalReason.objects.filter(exit__in=historical.values("pk"))
    _tally_interviews(out, interviews)
    _tally_historical(out, historical, hreasons)
    _tally_reasons(out, InterviewReason.objects.filter(interview__in=interviews.values("pk")), hreasons)
    return out
