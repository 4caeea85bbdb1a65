"""No token, receipt, API key or e-mail address in a log line: the mask, the handler Django's logging uses, and
the file outbox that replaces printing e-mails when no SMTP host is configured."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from spiegel.privacy.logmask import MaskingFilter, mask_text
from spiegel.privacy.outbox import purge_outbox
from tests.support.builders import build_case, build_org


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ('"GET /i/Ab3_x-Y/chat/ HTTP/1.1" 200', '"GET /i/…/chat/ HTTP/1.1" 200'),
        ("Not Found: /r/Zq9-receipt/record.pdf", "Not Found: /r/…/record.pdf"),
        ("POST /api/v1/conversations/tok_en/withdraw", "POST /api/v1/conversations/…/withdraw"),
        ("GET /api/v1/conversations/tok?x=1", "GET /api/v1/conversations/…?x=1"),
        ("Authorization: Bearer spk_abc123_DEF-9", "Authorization: Bearer spk_…"),
        ("to j.de.vries@zorg.example.nl and x%40y.org", "to [e-mail] and [e-mail]"),
        ("GET /o/acme/cases/5e1c/report/ 200", "GET /o/acme/cases/5e1c/report/ 200"),
        ("a /image/ path and /ir/x stay", "a /image/ path and /ir/x stay"),
    ],
)
def test_the_mask_hides_links_keys_and_addresses_and_nothing_else(line: str, masked: str) -> None:
    assert mask_text(line) == masked


@pytest.mark.django_db
def test_django_s_not_found_warning_reaches_the_console_without_the_token() -> None:
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, MaskingFilter) for f in h.filters)]
    assert len(handlers) == 1  # the console handler of settings.LOGGING
    handler = handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    before = handler.setStream(stream)
    try:
        Client().get("/i/never-a-real-token-but-secret/")
        Client().get("/r/a-receipt-that-is-secret/")
    finally:
        handler.setStream(before)
    written = stream.getvalue()
    assert "Not Found: /i/…/" in written
    assert "Not Found: /r/…/" in written
    assert "secret" not in written


@pytest.mark.django_db(transaction=True)
def test_without_smtp_the_invitation_goes_to_an_owner_only_outbox_and_the_log_names_no_one(
    settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:

    settings.EMAIL_BACKEND = "spiegel.privacy.outbox.OutboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    built = build_case(build_org(), email="leaver@example.org", language="en")
    with caplog.at_level(logging.INFO):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    outbox = tmp_path / "outbox"
    files = list(outbox.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert f"/i/{built.token}/" in files[0].read_text()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "1 e-mail(s) queued in the outbox (no SMTP host is configured)" in logged
    assert built.token not in logged and "leaver@example.org" not in logged
    # Once the invitation period is over, the upkeep deletes the copy.
    assert purge_outbox() == 0
    old = time.time() - (settings.SPIEGEL_INVITATION_DAYS + 1) * 86400
    os.utime(files[0], (old, old))
    assert purge_outbox(dt.datetime.now(tz=dt.UTC)) == 1
    assert list(outbox.iterdir()) == []
