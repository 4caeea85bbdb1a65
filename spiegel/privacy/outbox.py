"""Where e-mail goes when no SMTP host is configured: a file outbox that only the service's user can read.

Invitation e-mails hold a leaver's private link and address; printed to the console they would end up in the
log. Here each batch is written to SPIEGEL_DATA_DIR/outbox (folder 0700, files 0600) and the log says only
that mail was queued. Files older than the invitation period are deleted by the upkeep (`purge`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.filebased import EmailBackend

log = logging.getLogger(__name__)


def outbox_dir() -> Path:
    folder = Path(settings.EMAIL_FILE_PATH)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


class OutboxBackend(EmailBackend):
    """Django's file backend, with owner-only permissions and a log line without any address or link."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("file_path", str(outbox_dir()))
        super().__init__(*args, **kwargs)

    def open(self) -> bool:
        if self.stream is None:
            handle = os.open(self._get_filename(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self.stream = os.fdopen(handle, "ab")
            return True
        return False

    def send_messages(self, email_messages: Any) -> int:
        sent: int = super().send_messages(email_messages)
        if sent:
            log.info("%d e-mail(s) queued in the outbox (no SMTP host is configured)", sent)
        return sent


def purge_outbox(now: dt.datetime | None = None) -> int:
    """Delete outbox files older than the invitation period (their links have expired). Returns how many."""
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return 0
    cutoff = (now.timestamp() if now else time.time()) - settings.SPIEGEL_INVITATION_DAYS * 86400
    deleted = 0
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
