from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.analysis.queries import FilterError, Filters, parse_month
from spiegel.reports.making import write_private_file
from spiegel.reports.pdf import render_report_pdf
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access, organisation_by_slug


class Command(BaseCommand):
    help = (
        "Write the organisation's PDF report for a period (the dashboard's figures, charts, advice and quotes, "
        "behind the minimum group size)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="The organisation's short name (slug).")
        parser.add_argument("--from", dest="start", help="First month, YYYY-MM (inclusive).")
        parser.add_argument("--to", dest="end", help="Last month, YYYY-MM (inclusive).")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl", help="Language of the report (default nl).")
        parser.add_argument("--out", required=True, help="Where to write the PDF, e.g. report.pdf.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            org = organisation_by_slug(options["org"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(str(exc)) from exc
        try:
            filters = Filters(
                start=parse_month(options["start"], "--from") if options["start"] else None,
                end=parse_month(options["end"], "--to") if options["end"] else None,
                language=options["lang"],
            )
            filters.validate()
        except FilterError as exc:
            raise CommandError(exc.message) from exc
        started = time.perf_counter()
        # The report shows the organisation's view: what a client viewer may see, never more.
        pdf = render_report_pdf(Access(organisation=org, role=Role.CLIENT_VIEWER), filters)
        out = Path(options["out"])
        write_private_file(out, pdf)  # leavers' words: readable by the one who asked for it only
        seconds = time.perf_counter() - started
        self.stdout.write(f"Wrote {out} ({len(pdf) // 1024} KB) in {seconds:.1f} s.")
