# ruff: noqa: N999  (the command is called `spiegel rotate-key`; Django names commands after their module)
"""`spiegel rotate-key`: re-encrypt everything with the first key of SPIEGEL_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from spiegel.privacy.crypto import DecryptionError
from spiegel.privacy.jobs.keys import rotate_keys

LINK_KEYS_NOTE = (
    "Links and receipts: keep older SPIEGEL_LINK_KEYS (and an old SECRET_KEY in SECRET_KEY_FALLBACKS) behind "
    "the new one; each open link is hashed with the first key when it is next opened."
)


class Command(BaseCommand):
    help = (
        "Re-encrypt transcripts, statements, notes, pseudonym maps, e-mail addresses, queued invitations and "
        "report files with the first key of SPIEGEL_ENCRYPTION_KEYS. Put the new key first, keep the old ones "
        "behind it, run this, then remove the old keys. Leavers' links and receipts are hashed, not encrypted: "
        "to change SPIEGEL_LINK_KEYS or SECRET_KEY, put the new link key first and keep the old one behind it "
        "(an old SECRET_KEY goes to SECRET_KEY_FALLBACKS); every open link keeps working and is hashed with the "
        "new key when it is next opened."
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
        self.stdout.write(LINK_KEYS_NOTE)
        self.stdout.write(f"Done: {sum(counts.values())} row(s) now use the first key.")
