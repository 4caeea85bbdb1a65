"""`spiegel purge`: apply the retention periods now (the hourly upkeep task does the same)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from spiegel.privacy.jobs.retention import purge


class Command(BaseCommand):
    help = (
        "Delete raw transcripts the organisation's transcript retention after completion, and statements the "
        "statement retention after the leave date. Counts in aggregates survive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only report what would be deleted.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = purge(dry_run=options["dry_run"])
        verb = "Would delete" if options["dry_run"] else "Deleted"
        self.stdout.write(
            f"{verb}: transcripts of {report.transcripts} case(s), statements of {report.statements} case(s)"
            f" ({report.withdrawn} withdrawn)."
        )
