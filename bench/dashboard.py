"""How fast the organisation's dashboard and its PDF report are over many leavers.

    .venv/bin/python bench/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/spiegel_bench7 \
        [--interviews 10000] [--historical 2000] [--runs 30] [--pdf-runs 3]

Generates the same organisation as bench/insights.py (completed, analysed cases over two years in eight
departments, shared statements, clusters, imported historical exits), signs in a client viewer and times the
whole dashboard page (GET /o/<org>/dashboard/ through Django's test client: view, every query, charts and
template, i.e. server time without the network) under several filters, warm, reporting median and p95. Then
times the PDF report (figures, vl-convert SVG charts, WeasyPrint) for the last twelve months. Without
--database-url it uses a fresh SQLite file.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The data generator of bench/insights.py (this script's folder is on the path when it runs).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from insights import _generate_analysed, _setup, arguments


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> int:
    parser = arguments(__doc__, runs=30, runs_help="timed page loads per filter", seed=7, historical=True)
    parser.add_argument("--pdf-runs", type=int, default=3, help="timed PDF reports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spiegel-bench-dashboard-") as data_dir:
        _setup(args.database_url, data_dir)
        from django.db import connection
        from django.test import Client

        from spiegel.analysis.queries import Filters, parse_month
        from spiegel.reports.pdf import render_report_pdf
        from spiegel.tenancy.models import Membership, Role, User
        from spiegel.tenancy.queries import Access

        org, generated = _generate_analysed(args)
        user = User.objects.create(username=f"bench-{org.slug}")
        Membership.objects.create(user=user, organisation=org, role=Role.CLIENT_VIEWER)
        client = Client()
        client.force_login(user)
        today = dt.date.today()
        year_ago = f"{today.year - 1}-{today.month:02d}"
        pages = {
            "all": "",
            "last 12 months": f"?from={year_ago}",
            "department": "?department=IT",
            "leave type": "?leave_type=resignation",
        }
        timings: dict[str, list[float]] = {}
        for name, query in pages.items():
            url = f"/o/{org.slug}/dashboard/{query}"
            first = client.get(url)
            assert first.status_code == 200, first.status_code
            assert b'data-testid="view-suppressed"' not in first.content
            for _ in range(args.runs):
                t0 = time.perf_counter()
                response = client.get(url)
                timings.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
        every = [t for ts in timings.values() for t in ts]
        access = Access(organisation=org, role=Role.CLIENT_VIEWER)
        filters = Filters(start=parse_month(year_ago, "from"), language="nl")
        render_report_pdf(access, filters)  # warm: vl-convert's first call starts its engine
        pdf_times: list[float] = []
        size = 0
        for _ in range(args.pdf_runs):
            t0 = time.perf_counter()
            size = len(render_report_pdf(access, filters))
            pdf_times.append(time.perf_counter() - t0)
        print(
            f"{connection.vendor}: {args.interviews} interviews + {args.historical} historical exits "
            f"(generated in {generated:.1f} s), {args.runs} warm page loads per filter"
        )
        print("| dashboard filter | median ms | p95 ms |")
        print("|---|---|---|")
        for name, values in timings.items():
            print(f"| {name} | {statistics.median(values):.1f} | {_p95(values):.1f} |")
        print(f"| **all page loads** | **{statistics.median(every):.1f}** | **{_p95(every):.1f}** |")
        print()
        print(
            f"PDF report, last 12 months ({size // 1024} KB): median {statistics.median(pdf_times):.2f} s, "
            f"max {max(pdf_times):.2f} s over {args.pdf_runs} runs (after one warm-up)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
