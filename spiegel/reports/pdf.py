"""The organisation's PDF report: the dashboard's templates, its charts as SVG (vl-convert), WeasyPrint."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import override

from spiegel.analysis.queries import Filters
from spiegel.reports.charts import to_svg
from spiegel.reports.dashboard import build_dashboard
from spiegel.tenancy.models import Organisation
from spiegel.tenancy.queries import Access

Progress = Callable[[int, str], None]
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _logo_data_uri(org: Organisation) -> str | None:
    """The organisation's logo inline (PNG or JPEG), so WeasyPrint never fetches a URL."""
    if not org.logo:
        return None
    try:
        with org.logo.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    kind = "png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg" if data[:3] == b"\xff\xd8\xff" else None
    if kind is None:
        return None
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """WeasyPrint may read inline data only: the report never fetches anything from a network or a disk."""
    # deferred: WeasyPrint takes over a second to load; only making a PDF pays for it
    from weasyprint import default_url_fetcher

    if url.startswith("data:"):
        result: dict[str, object] = default_url_fetcher(url)
        return result
    raise ValueError(f"refusing to fetch {url[:40]!r} while making a report")


def render_report_html(access: Access, filters: Filters, progress: Progress | None = None) -> str:
    """The report as HTML for WeasyPrint, in `filters.language`."""
    step = progress or (lambda _p, _s: None)
    org = access.organisation
    with override(filters.language):
        step(10, "figures")
        dash = build_dashboard(access, filters)
        step(40, "charts")
        svgs = {chart.key: mark_safe(to_svg(chart.spec)) for chart in dash.charts}  # noqa: S308  (our own SVG)
        step(70, "layout")
        colour = org.brand_colour if _COLOUR.match(org.brand_colour or "") else "#2f5d62"
        return render_to_string(
            "spiegel/dashboard/report_pdf.html",
            {
                "org": org,
                "dash": dash,
                "svgs": svgs,
                "colour": colour,
                "logo": _logo_data_uri(org),
                "generated": timezone.localtime(),
                "LANGUAGE_CODE": filters.language,
            },
        )


def render_report_pdf(access: Access, filters: Filters, progress: Progress | None = None) -> bytes:
    """The report as PDF bytes."""
    # deferred: WeasyPrint takes over a second to load; only making a PDF pays for it
    from weasyprint import HTML

    html = render_report_html(access, filters, progress)
    if progress:
        progress(80, "pdf")
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return pdf
