from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from spiegel.privacy.jobs.upkeep import maintenance
from spiegel.web.management.stopping import StopFlag


class Command(BaseCommand):
    help = "Enqueue the periodic upkeep task (expiry, retention) every --interval seconds. Run one per installation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=int, default=3600, help="Seconds between runs (default 3600).")
        parser.add_argument("--once", action="store_true", help="Enqueue once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = StopFlag()
        while not stopping.asked:
            maintenance.enqueue()
            if options["once"]:
                return
            waited = 0.0
            while waited < options["interval"] and not stopping.asked:
                time.sleep(0.5)
                waited += 0.5
