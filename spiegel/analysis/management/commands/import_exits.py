from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.analysis.actions import ImportRejected, import_historical_exits, max_import_bytes
from spiegel.analysis.importing import FIELDS, ImportFileError, ImportPlan, guess_mapping, plan_as_dict, read_header
from spiegel.privacy.actors import Actor
from spiegel.tenancy.management.commands._base import fail
from spiegel.tenancy.models import Organisation
from spiegel.tenancy.queries import organisation_by_slug


class Command(BaseCommand):
    help = (
        "Import earlier exit-survey data from a CSV file. Every row is checked first; if any row is wrong, "
        "nothing is imported. Start with --dry-run to see the guessed column mapping and what would happen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="The organisation's short name (slug).")
        parser.add_argument(
            "--file", required=True, type=Path, help="The CSV file (comma, semicolon or tab separated)."
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="Map a column to a field (repeatable); unmapped columns use the guess from the header. "
            f"Fields: {', '.join(FIELDS)}.",
        )
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help="Language of free-text reasons (default nl)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report; import nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            org = organisation_by_slug(options["org"])
        except Organisation.DoesNotExist as exc:
            raise fail(ValidationError(str(exc))) from exc
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        try:
            columns = read_header(path, max_bytes=max_import_bytes())
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        mapping = guess_mapping(columns)
        for item in options["map"]:
            column, sep, field_name = item.rpartition("=")
            if not sep:
                raise CommandError(f"--map takes COLUMN=FIELD (got {item!r}).")
            mapping[column] = field_name
        if not options["json"]:
            self.stdout.write("Column mapping:")
            for column, field_name in mapping.items():
                self.stdout.write(f"  {column!r:<32} → {field_name}")

        def progress(rows: int) -> None:
            if not options["json"]:
                self.stdout.write(f"  … {rows} rows", ending="\n")
                self.stdout.flush()

        try:
            plan, batch = import_historical_exits(
                Actor.system("cli"),
                org,
                path,
                mapping,
                filename=path.name,
                language=options["lang"],
                dry_run=options["dry_run"],
                progress=progress,
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ImportRejected as exc:
            self._report(exc.plan, options["json"])
            raise CommandError(f"{exc.plan.error_count} problem(s) found; nothing was imported.") from exc
        self._report(plan, options["json"])
        if batch is None:
            self.stdout.write(f"Dry run: {plan.rows} rows would be imported into {org.name}.")
        else:
            self.stdout.write(f"Imported {batch.rows} rows into {org.name}.")

    def _report(self, plan: ImportPlan, as_json: bool) -> None:

        if as_json:
            self.stdout.write(json.dumps(plan_as_dict(plan), ensure_ascii=False))
            return
        self.stdout.write(f"Rows: {plan.rows}; reasons per theme: {dict(plan.theme_counts.most_common())}")
        for error in plan.errors:
            self.stderr.write(f"  error: {error}")
        if plan.error_count > len(plan.errors):
            self.stderr.write(f"  … and {plan.error_count - len(plan.errors)} more errors")
        for warning in plan.warnings:
            self.stdout.write(f"  note: {warning}")
        if plan.warning_count > len(plan.warnings):
            self.stdout.write(f"  … and {plan.warning_count - len(plan.warnings)} more notes")
