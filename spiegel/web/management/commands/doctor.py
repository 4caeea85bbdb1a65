from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.web.diagnostics import run_checks

MARKS = {"ok": "ok     ", "warning": "WARNING", "problem": "PROBLEM"}


class Command(BaseCommand):
    help = (
        "Check that this Spiegel server works: configuration, database (connection and migrations), the "
        "background worker (tasks waiting longer than a minute) and the language model (a short real request "
        "with the configured time limit). Exits with status 1 when something is wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-model", action="store_true", help="Skip the request to the language model.")
        parser.add_argument(
            "--production",
            action="store_true",
            help="Treat every warning of Django's deployment checks as a problem (also SPIEGEL_PRODUCTION=true).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checks = run_checks(model=not options["no_model"], production=options["production"] or None)
        width = max(len(c.area) for c in checks)
        for c in checks:
            line = f"{MARKS[c.level]}  {c.area.ljust(width)}  {c.message}"
            style = {"ok": self.style.SUCCESS, "warning": self.style.WARNING, "problem": self.style.ERROR}[c.level]
            self.stdout.write(style(line))
        problems = [c for c in checks if c.level == "problem"]
        if problems:
            raise CommandError(f"{len(problems)} problem(s) found; see above.", returncode=1)
        self.stdout.write("Everything needed works.")
