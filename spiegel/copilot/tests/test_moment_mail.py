"""The moment the interviewer proposes reaches the leaver by e-mail, through the same path as the invitation:
the database-backed worker sends it, and without an SMTP host it waits in the owner-only outbox while the log
says only that a mail was queued."""

from __future__ import annotations

import datetime as dt
import logging
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from spiegel.copilot.models import HumanConversation
from spiegel.interviews.models import Mode
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, build_case, build_org, build_user
from tests.support.dutch import DAYS, dutch_date

pytestmark = pytest.mark.django_db(transaction=True)

# A moment a month ahead, 14:00 in the service's time zone (Europe/Amsterdam), and how each language writes it.
MOMENT = (dt.datetime.now() + dt.timedelta(days=30)).replace(hour=14, minute=0, second=0, microsecond=0)


def _en(moment: dt.datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B} {moment.year}"


def _nl(moment: dt.datetime) -> str:
    return f"{DAYS[moment.weekday()]} {dutch_date(moment)}"


def _proposed(language: str, *, email: str = "leaver@example.org", **plan: str) -> tuple[Client, str, Any]:
    org = build_org("Zorggroep Noord")
    interviewer = build_user(org, Role.INTERVIEWER)
    built = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=interviewer, email=email, language=language)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # the invitation goes first
    client = Client()
    assert client.login(username=interviewer.username, password=TEST_PASSWORD)
    base = f"/o/{org.slug}/cases/{built.interview.id}/conversation/"
    data = {
        "action": "plan",
        "planned_for": MOMENT.strftime("%Y-%m-%dT%H:%M"),
        "channel": "video",
        "channel_detail": "https://meet.example.org/abc",
        "duration_minutes": "45",
        **plan,
    }
    assert client.post(base, data).status_code == 302
    return client, base, built


def test_the_leaver_is_mailed_the_proposed_moment_and_channel_in_english(mailbox: list[Any]) -> None:

    _proposed("en")
    mailbox.clear()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mailbox) == 1
    mail = mailbox[0]
    assert mail.to == ["leaver@example.org"]
    assert mail.subject == "Your exit interview with Zorggroep Noord: the proposed moment"
    assert f"{_en(MOMENT)}, 14:00–14:45" in mail.body
    assert "Video call: https://meet.example.org/abc" in mail.body
    assert "to confirm this moment or to ask for another one" in mail.body


def test_a_dutch_leaver_gets_the_mail_in_dutch(mailbox: list[Any]) -> None:

    _proposed("nl", channel="phone", channel_detail="06-11112222", duration_minutes="60")
    mailbox.clear()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mailbox) == 1
    mail = mailbox[0]
    assert mail.subject == "Je exitgesprek met Zorggroep Noord: het voorgestelde moment"
    assert f"{_nl(MOMENT)}, 14:00–15:00" in mail.body
    assert "Telefoon: 06-11112222" in mail.body
    assert "bevestigen" in mail.body


def test_a_proposal_replaced_before_the_worker_ran_is_not_sent_only_the_new_one(mailbox: list[Any]) -> None:

    client, base, _built = _proposed("en")
    later = MOMENT + dt.timedelta(days=1)
    data = {"action": "plan", "planned_for": later.strftime("%Y-%m-%dT%H:%M"), "channel": "phone"}
    assert client.post(base, {**data, "channel_detail": "", "duration_minutes": "30"}).status_code == 302
    mailbox.clear()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mailbox) == 1
    assert f"{_en(later)}, 14:00–14:30" in mailbox[0].body
    assert "Phone\n" in mailbox[0].body


def test_a_leaver_without_an_address_gets_no_mail_and_the_plan_still_stands(mailbox: list[Any]) -> None:

    _client, _base, built = _proposed("en", email="")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert mailbox == []
    assert HumanConversation.objects.get(interview=built.interview).planned_for == timezone.make_aware(MOMENT)


def test_without_smtp_the_mail_waits_in_the_owner_only_outbox_and_the_log_names_no_one(
    settings: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:

    settings.EMAIL_BACKEND = "spiegel.privacy.outbox.OutboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    _proposed("en")
    with caplog.at_level(logging.INFO):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    files = list((tmp_path / "outbox").iterdir())
    written = "".join(f.read_text() for f in files)
    assert f"{_en(MOMENT)}, 14:00–14:45" in written
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "e-mail(s) queued in the outbox (no SMTP host is configured)" in logged
    assert "leaver@example.org" not in logged and "meet.example.org" not in logged
