"""The PDF report as it lands on paper (issue 15): every line stays inside the page margins, the heat map spreads
its colours over the shares it shows, the cover carries a full date in the report's language, numbers are written
the report language's way, and the Dutch report speaks to its reader as "je" throughout.

The data are an organisation's earlier exits in six departments with long Dutch names and uneven reasons, as a
real care organisation's import looks: wide enough that a table of nine reasons must wrap to fit.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest
from django.utils import timezone
from django.utils.translation import override

from spiegel.analysis.queries import Filters
from spiegel.reports.charts import SUPPRESSED_COLOUR, heat_domain, to_svg
from spiegel.reports.dashboard import build_dashboard, decimal, period_label, signed
from spiegel.reports.pdf import _no_fetching, render_report_html
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import build_historical_exits, build_org, no_tasks_left_behind
from tests.support.dutch import dutch_date

pytestmark = pytest.mark.django_db

# Per department the reasons its leavers name most (first) to least: the shares differ from cell to cell.
DEPARTMENTS = {
    "Verpleging": ["workload", "conditions", "pay", "manager"],
    "Thuiszorg": ["conditions", "workload", "career", "collaboration"],
    "Wonen en zorg": ["pay", "career", "processes", "workload"],
    "Facilitaire dienst en schoonmaak": ["manager", "pay", "recognition", "conditions"],
    "Intramurale ouderenzorg": ["career", "culture", "workload", "processes"],
    "Personeelszaken": ["processes", "career", "manager", "pay"],
}
ALL_REASONS = ["workload", "conditions", "pay", "manager", "career", "collaboration", "processes", "recognition"]


@pytest.fixture(scope="module")
def organisation(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock(), no_tasks_left_behind():
        org = build_org("Zorggroep Noord", min_group_size=3, average_salary=42000)
        chance = random.Random(15)
        rows: list[str] = []
        for department, favourites in DEPARTMENTS.items():
            for _ in range(chance.randint(14, 24)):
                day = dt.date(2025, chance.randint(1, 12), chance.randint(1, 28))
                push = chance.choices(favourites + ALL_REASONS, weights=[12, 6, 3, 2] + [1] * len(ALL_REASONS))[0]
                pull = chance.choice(["", "", "pay", "career"])
                rows.append(f"{len(rows) + 1};{day.isoformat()};{department};{push};{pull};")
        assert build_historical_exits(org, rows) == len(rows)
        yield org
        Organisation.objects.filter(pk=org.pk).delete()


def _access(org: Organisation) -> Access:
    return Access(organisation=org, role=Role.CLIENT_VIEWER)


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG) of "#rrggbb" or "rgb(r, g, b)"."""
    if colour.startswith("#"):
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(n) for n in re.findall(r"\d+", colour)[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _layout(html: str) -> Any:
    # deferred: WeasyPrint is slow to load, as in spiegel.reports.pdf
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_fetching).render()


def _boxes(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_line_of_the_report_including_the_department_table_stays_inside_the_page_margins(
    organisation: Organisation, language: str
) -> None:
    document = _layout(render_report_html(_access(organisation), Filters(language=language)))
    overflowing: list[str] = []
    department_tables = 0
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        for box in _boxes(page_box):
            element = getattr(box, "element", None)
            if element is not None and element.get("data-testid") == "table-heatmap" and box.element_tag == "table":
                department_tables += 1
                assert box.position_x + box.margin_width() <= right + 0.5
            text = getattr(box, "text", None)
            if text and text.strip() and box.position_x + box.width > right + 0.5:
                overflowing.append(f"page {number}: {text!r} ends at {box.position_x + box.width:.0f} > {right:.0f}")
    assert department_tables >= 1  # the table of nine reasons by six departments was laid out
    assert overflowing == []


def test_the_heat_map_spreads_its_colours_over_the_shares_shown_and_has_a_legend(organisation: Organisation) -> None:
    dash = build_dashboard(_access(organisation), Filters(language="nl"))
    [heatmap] = [c for c in dash.charts if c.key == "heatmap"]
    shares = [v["share"] for v in heatmap.spec["data"]["values"] if v["share"] is not None]
    assert len(shares) >= 20 and max(shares) - min(shares) > 0.3
    svg = to_svg(heatmap.spec)
    cells = re.search(r'<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    assert cells is not None
    colours = set(re.findall(r'fill="([^"]+)"', cells.group(1)))
    assert len(colours) > 8
    # From light to dark, not a band of similar teals: the lightest and darkest shown cell differ by more than
    # 0.4 in relative luminance (0 black, 1 white). On 0–100% a spread of 10–55% used only 0.24 of it.
    shown = [_luminance(c) for c in colours if c != SUPPRESSED_COLOUR]
    assert max(shown) - min(shown) > 0.4
    assert "Gradient legend" in svg
    assert heat_domain([0.12, None, 0.56, 0.3]) == [0.12, 0.56]
    assert heat_domain([0.4, None]) == [0.0, 1.0]


def test_the_cover_carries_the_full_date_in_the_reports_language(organisation: Organisation) -> None:
    today = timezone.localdate()
    dutch = render_report_html(_access(organisation), Filters(language="nl"))
    english = render_report_html(_access(organisation), Filters(language="en"))
    assert f"Rapport over exitgesprekken, gemaakt op {dutch_date(today)}" in dutch
    assert f"Exit interview report, made {today.day} {today:%B} {today.year}" in english


def test_numbers_and_periods_are_written_the_way_the_language_writes_them(organisation: Organisation) -> None:
    with override("nl"):
        assert (decimal(4.125, 1), decimal(0.5, 2), signed(-14.4), signed(12), signed(0)) == (
            "4,1",
            "0,50",
            "−14",
            "+12",
            "0",
        )
        period = period_label(Filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 1)), "nl")
        assert period == "januari 2025 tot en met juni 2025"
    with override("en"):
        assert (decimal(4.125, 1), decimal(0.5, 2)) == ("4.1", "0.50")
        assert period_label(Filters(start=dt.date(2025, 1, 1)), "en") == "from January 2025"
    dash = build_dashboard(_access(organisation), Filters(language="nl"))
    trend = next(c for c in dash.charts if c.key == "trend")
    assert [r.label for r in trend.table.rows] == ["2025-K1", "2025-K2", "2025-K3", "2025-K4"]
    assert {v["quarter"] for v in trend.spec["data"]["values"]} == {"2025-K1", "2025-K2", "2025-K3", "2025-K4"}
    english = build_dashboard(_access(organisation), Filters(language="en"))
    assert next(c for c in english.charts if c.key == "trend").table.rows[0].label == "2025-Q1"
    dutch, english_html = (render_report_html(_access(organisation), Filters(language=lang)) for lang in ("nl", "en"))
    assert re.search(r"Hun vertrek kostte naar schatting €\u00a0\d{1,3}(\.\d{3})+\.", dutch)
    assert re.search(r"Their departures cost an estimated €\d{1,3}(,\d{3})+\.", english_html)
    cost = next(h for h in dash.headlines if h.key == "cost")
    assert cost.note == "vertrekkers × gemiddeld salaris × factor vervangingskosten 0,50"
    assert cost.value is not None and re.fullmatch(r"€\u00a0\d{1,3}(\.\d{3})+", cost.value)


def test_the_dutch_report_addresses_its_reader_as_je_never_as_u(organisation: Organisation) -> None:
    html = render_report_html(_access(organisation), Filters(language="nl"))
    # Leavers' own words (quotes) are theirs to phrase; everything else is Spiegel speaking.
    ours = re.sub(r"<blockquote.*?</blockquote>|“[^”]*”|<style.*?</style>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", ours)
    # "u"/"uw" as a word; "U.S." in an English source title is not a pronoun.
    assert re.findall(r"\b(?:u|uw|U|Uw)\b(?!\.\w)", text) == []
    assert re.search(r"\bje\b", text)
