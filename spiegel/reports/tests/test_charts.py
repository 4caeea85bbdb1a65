from __future__ import annotations

import json

from spiegel.reports.charts import HeatCell, ReasonBar, heatmap_chart, reasons_chart, to_svg, trend_chart


def test_a_suppressed_reason_carries_no_number_in_the_chart_data() -> None:
    rows: list[ReasonBar] = [
        {"label": "Werkdruk", "polarity": "push", "polarity_label": "weg", "share": 0.4167},
        {"label": "Beloning", "polarity": "pull", "polarity_label": "trek", "share": None},
    ]
    spec = reasons_chart(rows, "Redenen", "Aandeel")
    data = spec["data"]["values"]
    assert data == [{"label": "Werkdruk", "polarity": "push", "polarity_label": "weg", "share": 0.4167}]
    assert spec["encoding"]["y"]["sort"] == ["Werkdruk", "Beloning"]


def test_a_suppressed_heatmap_cell_is_marked_and_holds_no_value() -> None:
    cells: list[HeatCell] = [
        {"department": "Verpleging", "label": "Werkdruk", "share": 0.5},
        {"department": "Thuiszorg", "label": "Werkdruk", "share": None},
    ]
    spec = heatmap_chart(cells, "Afdelingen", "<k")
    values = spec["data"]["values"]
    assert values[1] == {"department": "Thuiszorg", "label": "Werkdruk", "share": None, "text": "<k"}
    assert "0.5" not in json.dumps(values[1])


def test_charts_render_to_svg_offline() -> None:
    spec = trend_chart([{"quarter": "2025-Q1", "label": "Werkdruk", "share": 0.25}], "Trend", "Aandeel")
    svg = to_svg(spec)
    assert svg.startswith("<svg")
    assert "Trend" in svg
