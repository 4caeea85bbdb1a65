"""The counts of a view behind the minimum group size k, with complementary suppression.

:func:`publish` turns a :class:`~spiegel.analysis.insights.tally.Tally` into published cells: every count below
k is hidden, and so is every count that could be worked out by subtraction along the sums the counts form
(leavers by primary reason, by polarity, by controllability, by quarter, by regrettable; interviews plus
historical exits). The figures built here (themes, trends, scores) read only published cells.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from spiegel.analysis.insights.figures import Cell, Enps, QuarterFigure, Score, ThemeFigure
from spiegel.analysis.insights.tally import Tally
from spiegel.analysis.suppression import Sum as Relation
from spiegel.analysis.suppression import suppress
from spiegel.language.classify import CONTROLLABLE, THEME_LABELS
from spiegel.language.taxonomy import THEMES

HIDDEN = Cell(None, None, True)

Counts = dict[Hashable, int]
Relations = list[Relation[Hashable]]


def _primary_counts(t: Tally, counts: Counts, relations: Relations) -> None:
    """Leavers by their primary reason's theme, polarity and controllability; each adds up to the leavers."""
    primary_theme: dict[str, int] = {}
    primary_polarity = {"push": 0, "pull": 0}
    primary_control = {"yes": 0, "partly": 0, "no": 0}
    for (theme, polarity), n in t.primaries.items():
        if not theme:
            continue
        primary_theme[theme] = primary_theme.get(theme, 0) + n
        primary_polarity[polarity if polarity in primary_polarity else "push"] += n
        primary_control[CONTROLLABLE.get(theme, "partly")] += n
    without = t.total - sum(primary_theme.values())
    for theme in THEMES:
        counts[("theme", theme)] = t.theme_any.get(theme, 0)
        counts[("push", theme)] = t.theme_polarity.get((theme, "push"), 0)
        counts[("pull", theme)] = t.theme_polarity.get((theme, "pull"), 0)
        counts[("primary", theme)] = primary_theme.get(theme, 0)
    counts[("primary", "none")] = without
    relations.append(Relation(tuple(("primary", t) for t in (*THEMES, "none")), total=("leavers",)))
    for polarity, n in primary_polarity.items():
        counts[("pp", polarity)] = n
    counts[("pp", "none")] = without
    relations.append(Relation((("pp", "push"), ("pp", "pull"), ("pp", "none")), total=("leavers",)))
    for control, n in primary_control.items():
        counts[("ctl", control)] = n
    counts[("ctl", "none")] = without
    relations.append(Relation(tuple(("ctl", c) for c in ("yes", "partly", "no", "none")), total=("leavers",)))


def _quarter_counts(t: Tally, counts: Counts, relations: Relations) -> None:
    quarters = sorted(t.quarter_leavers)
    for label in quarters:
        counts[("q", label)] = t.quarter_leavers[label]
        for theme in THEMES:
            counts[("qt", label, theme)] = t.theme_by_quarter.get((label, theme), 0)
    if t.undated:
        counts[("q", "undated")] = t.undated
    relations.append(Relation(tuple(("q", q) for q in [*quarters, "undated"]), total=("leavers",)))
    for theme in THEMES:
        # A theme's leavers with an undated historical exit are not in any quarter: the sum is then not exact,
        # which only makes subtraction harder.
        relations.append(Relation(tuple(("qt", q, theme) for q in quarters), total=("theme", theme)))


def counts_and_relations(t: Tally) -> tuple[Counts, Relations]:
    """Every count a view may publish, keyed by tuples, and the sums they form."""
    counts: Counts = {("leavers",): t.total}
    relations: Relations = []
    _primary_counts(t, counts, relations)
    # Interviews + historical = leavers. When one of them is a structural zero (no imported data at all, or no
    # interviews yet) it identifies nobody and is published as 0.
    counts[("interviews",)] = t.interviews
    counts[("historical",)] = t.historical
    if t.interviews and t.historical:
        relations.append(Relation((("interviews",), ("historical",)), total=("leavers",)))
    _quarter_counts(t, counts, relations)
    for value in ("yes", "no", "unknown"):
        counts[("regret", value)] = t.regret.get(value, 0)
    relations.append(Relation(tuple(("regret", v) for v in ("yes", "no", "unknown")), total=("leavers",)))
    counts[("heard",)] = t.heard_n
    counts[("recommend",)] = t.recommend_n
    return counts, relations


@dataclass(frozen=True)
class Published:
    """A view's counts after suppression. `suppressed`: the whole view has fewer than k leavers."""

    tally: Tally
    k: int
    values: dict[Hashable, int | None]

    @property
    def suppressed(self) -> bool:
        return self.tally.total < self.k

    def cell(self, key: Hashable, base: int | None = None) -> Cell:
        """The published cell for `key`; its share is of the view's leavers, or of `base` when given."""
        value = None if self.suppressed else self.values.get(key)
        if value is None:
            return HIDDEN
        denominator = self.tally.total if base is None else base
        return Cell(value, round(value / denominator, 4) if denominator else None, False)


def publish(t: Tally, k: int) -> Published:
    """The tally behind k with complementary suppression."""
    counts, relations = counts_and_relations(t)
    values = suppress(counts, k, relations)
    for part, raw in ((("interviews",), t.interviews), (("historical",), t.historical)):
        if raw == 0:
            values[part] = 0
    return Published(t, k, values)


def theme_figures(p: Published, language: str) -> list[ThemeFigure]:
    """All taxonomy themes, most named first (suppressed ones last, in taxonomy order)."""
    figures = [
        ThemeFigure(
            theme=theme,
            label=THEME_LABELS[theme][language],
            controllable=CONTROLLABLE[theme],
            leavers=p.cell(("theme", theme)),
            push=p.cell(("push", theme)),
            pull=p.cell(("pull", theme)),
            primary=p.cell(("primary", theme)),
        )
        for theme in THEMES
    ]
    figures.sort(key=lambda f: (f.leavers.value is None, -(f.leavers.value or 0), THEMES.index(f.theme)))
    return figures


def trends(p: Published) -> list[QuarterFigure]:
    """Per quarter of leaving, oldest first; a theme's share is of the quarter's leavers."""
    out = []
    for label in sorted(p.tally.quarter_leavers):
        base = p.tally.quarter_leavers[label]
        out.append(
            QuarterFigure(
                quarter=label,
                leavers=p.cell(("q", label)),
                themes={theme: p.cell(("qt", label, theme), base) for theme in THEMES},
            )
        )
    return out


def felt_heard(p: Published) -> Score:
    t = p.tally
    heard = t.heard_sum / t.heard_n if t.heard_n else None
    respondents = p.cell(("heard",))
    return Score(
        value=round(float(heard), 2) if respondents.value is not None and heard else None,
        respondents=respondents,
        suppressed=respondents.value is None,
    )


def recommend(p: Published) -> Enps:
    t = p.tally
    respondents = p.cell(("recommend",))
    value = round(100 * (t.promoters - t.detractors) / t.recommend_n, 1) if respondents.value else None
    return Enps(value=value, respondents=respondents, suppressed=respondents.value is None)
