"""Chart definitions as Vega-Lite specs (built with Altair), one definition for screen and paper.

On screen vega-embed renders the spec from Spiegel's own static files; in PDFs vl-convert renders the same
spec to SVG. Suppressed cells (below the minimum group size) carry no value at all in the chart data — only a
flag — so nothing can be read from the page source or the spec.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

import altair as alt
import vl_convert

PALETTE = {"push": "#2f5d62", "pull": "#d8a25e", "keep": "#8fbcb7"}
SUPPRESSED_COLOUR = "#e6e9e8"
FONT = "Liberation Sans"


class ReasonBar(TypedDict):
    label: str
    polarity: str
    polarity_label: str
    share: float | None


class TrendPoint(TypedDict):
    quarter: str
    label: str
    share: float | None


class HeatCell(TypedDict):
    department: str
    label: str
    share: float | None


def _inline(values: list[dict[str, Any]]) -> Any:
    return alt.Data(values=values)  # type: ignore[no-untyped-call]


def _config(chart: alt.TopLevelMixin, title: str) -> dict[str, Any]:
    spec: dict[str, Any] = chart.properties(title=title, width="container").to_dict()
    spec["config"] = {
        **spec.get("config", {}),
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "title": {"fontSize": 15, "anchor": "start"},
    }
    return spec


def reasons_chart(rows: Sequence[ReasonBar], title: str, share_title: str) -> dict[str, Any]:
    """Share of leavers per reason, push and pull stacked. Rows with share None are left out of the marks."""
    values = [dict(r) for r in rows if r["share"] is not None]
    order = list(dict.fromkeys(r["label"] for r in rows))
    polarities = list(dict.fromkeys(r["polarity_label"] for r in rows))
    colours = [PALETTE.get(next(r["polarity"] for r in rows if r["polarity_label"] == p), "#999") for p in polarities]
    chart = (
        alt.Chart(_inline(values))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None),
            x=alt.X("share:Q", axis=alt.Axis(format="%"), title=share_title, stack="zero"),
            color=alt.Color("polarity_label:N", scale=alt.Scale(domain=polarities, range=colours), title=None),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("polarity_label:N"), alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(height=max(120, 26 * len(order)))
    )
    return _config(chart, title)


def trend_chart(points: Sequence[TrendPoint], title: str, share_title: str) -> dict[str, Any]:
    """Share of leavers per reason by quarter; suppressed quarters break the line instead of showing a value."""
    values = [dict(p) for p in points]
    chart = (
        alt.Chart(_inline(values))
        .mark_line(point=True)
        .encode(
            x=alt.X("quarter:O", title=None, sort=sorted({p["quarter"] for p in points})),
            y=alt.Y("share:Q", axis=alt.Axis(format="%"), title=share_title),
            color=alt.Color("label:N", title=None),
            tooltip=[alt.Tooltip("quarter:O"), alt.Tooltip("label:N"), alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(height=220)
    )
    return _config(chart, title)


def heat_domain(shares: Sequence[float | None]) -> list[float]:
    """The colour scale's range: the lowest to the highest share shown, so that the usual spread of 10–60% uses
    the whole scale instead of one end of 0–100%. One value alone, or none, keeps 0–100%."""
    shown = [s for s in shares if s is not None]
    if not shown or min(shown) == max(shown):
        return [0.0, 1.0]
    return [min(shown), max(shown)]


def heatmap_chart(cells: Sequence[HeatCell], title: str, suppressed_label: str) -> dict[str, Any]:
    """Department × reason; suppressed cells are drawn grey with a mark, and hold no number. The colour runs over
    the range of the shares shown (with a legend), and every shown cell carries its percentage."""
    values = [
        {
            "department": c["department"],
            "label": c["label"],
            "share": c["share"],
            "text": suppressed_label if c["share"] is None else f"{round(c['share'] * 100)}%",
        }
        for c in cells
    ]
    low, high = heat_domain([c["share"] for c in cells])
    # Reasons down the side (their long names read across), departments along the top, in the order given.
    reasons = list(dict.fromkeys(c["label"] for c in cells))
    departments = list(dict.fromkeys(c["department"] for c in cells))
    base = alt.Chart(_inline(values)).encode(
        x=alt.X(
            "department:N",
            title=None,
            sort=departments,
            axis=alt.Axis(orient="top", labelAngle=0 if len(departments) <= 5 else -35, labelLimit=110),
        ),
        y=alt.Y("label:N", title=None, sort=reasons),
    )
    # invalid=None keeps cells whose share is null (suppressed): Vega-Lite would otherwise drop them, and a
    # suppressed cell must be drawn, grey and marked.
    rect = base.mark_rect(stroke="#ffffff", invalid=None).encode(
        color=alt.condition(
            "datum.share === null",
            alt.value(SUPPRESSED_COLOUR),
            alt.Color(
                "share:Q",
                scale=alt.Scale(scheme="tealblues", domain=[low, high], clamp=True),
                legend=alt.Legend(format=".0%", title=None, values=[low, (low + high) / 2, high], gradientLength=180),
            ),
        ),
        tooltip=[alt.Tooltip("department:N"), alt.Tooltip("label:N"), alt.Tooltip("share:Q", format=".0%")],
    )
    # Dark cells get white figures, light ones dark figures (readable on both, on paper and on screen).
    middle = (low + high) / 2
    marks = base.mark_text(fontSize=10).encode(
        text="text:N",
        color=alt.condition(
            f"datum.share !== null && datum.share > {middle}", alt.value("#ffffff"), alt.value("#1d2a2e")
        ),
    )
    return _config(alt.layer(rect, marks), title)


def to_svg(spec: dict[str, Any]) -> str:
    """Render a spec to SVG offline (vl-convert bundles its own Vega; no network)."""
    fixed = dict(spec)
    if fixed.get("width") == "container":
        fixed["width"] = 520
    return str(vl_convert.vegalite_to_svg(fixed))
