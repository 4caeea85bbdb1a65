# ruff: noqa: N999  (the command is called `spiegel rotate-key`; Django names commands after their module)
"""`spiegel rotate-key`: re-encrypt everything with the first key of SPIEGEL_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.privacy.crypto import DecryptionError
from spiegel.privacy.jobs.keys import rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt transcripts, statements, pseudonym maps, e-mail addresses and queued invitations with the "
        "first key of "
        "SPIEGEL_ENCRYPTION_KEYS. Put the new key first, keep the old ones behind it, run this, then remove "
        "the old keys."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="Rows per transaction (default 500).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        try:
            counts = rotate_keys(batch=options["batch"])
        except DecryptionError as exc:
            raise CommandError(
                "Some data cannot be decrypted with any configured key; add the key it was written with to "
                "SPIEGEL_ENCRYPTION_KEYS (after the new one) and run again."
            ) from exc
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n} row(s) re-encrypted")
        self.stdout.write(f"Done: {sum(counts.values())} row(s) now use the first key.")
