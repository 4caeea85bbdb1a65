"""Retention (purge), key rotation and withdrawal — and that the organisation's aggregate stays correct."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from spiegel.cli import main as cli_main
from spiegel.interviews.models import Conversation, Interview, Message, Status
from spiegel.mirror.models import ReviewOutcome, Statement, ThemeTally
from spiegel.mirror.queries import theme_overview
from spiegel.privacy.crypto import DecryptionError
from spiegel.privacy.jobs.keys import rotate_keys
from spiegel.privacy.jobs.retention import purge
from spiegel.privacy.jobs.upkeep import maintenance
from spiegel.privacy.models import AuditEvent, PseudonymMap
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import CompletedCase, build_completed_case, build_org, build_user

pytestmark = pytest.mark.django_db


def small_org() -> Organisation:
    org = build_org()
    Organisation.objects.filter(pk=org.pk).update(min_group_size=3)
    org.refresh_from_db()
    return org


def overview(org: Organisation) -> dict[str, Any]:
    result = theme_overview(Access(organisation=org, role=Role.CLIENT_VIEWER))
    return {
        "completed": result.completed,
        "suppressed": result.suppressed,
        "themes": {t.theme: t.leavers for t in result.themes if t.leavers is not None},
        "felt_heard": result.felt_heard,
    }


def three_completed(org: Organisation) -> list[CompletedCase]:
    leave = timezone.localdate() - dt.timedelta(days=30)
    return [
        build_completed_case(org, felt_heard=heard, leave_date=leave, visibility=visibility)
        for heard, visibility in ((5, {}), (4, {}), (3, {4: "private"}))  # the third keeps workload private
    ]


def test_the_aggregate_is_suppressed_below_k_and_counts_shared_themes_from_k_on() -> None:
    org = small_org()
    build_completed_case(org)
    build_completed_case(org)
    assert overview(org) == {"completed": 2, "suppressed": True, "themes": {}, "felt_heard": None}
    build_completed_case(org, visibility={3: "private"})
    assert overview(org) == {
        "completed": 3,
        "suppressed": False,
        # workload was kept private by one of three: 2 < k, so it is not shown at all
        "themes": {"manager": 3, "collaboration": 3, "wellbeing": 3, "pay": 3},
        "felt_heard": 4.0,
    }


def test_purge_deletes_transcripts_then_statements_on_time_and_the_aggregate_stays_the_same() -> None:
    org = small_org()
    cases = three_completed(org)
    before = overview(org)
    assert purge(dry_run=True).transcripts == 0
    later = timezone.now() + dt.timedelta(days=91)
    dry = purge(later, dry_run=True)
    assert (dry.transcripts, dry.statements) == (3, 0)
    assert Message.objects.filter(interview__organisation=org).count() > 0  # a dry run deletes nothing
    done = purge(later)
    assert (done.transcripts, done.statements) == (3, 0)
    for case in cases:
        assert Message.objects.filter(interview=case.interview).count() == 0
        assert Conversation.objects.get(interview=case.interview).state is None
        assert not PseudonymMap.objects.filter(interview=case.interview).exists()
        assert Statement.objects.filter(interview=case.interview).count() > 0
    much_later = timezone.now() + dt.timedelta(days=731)
    assert purge(much_later).statements == 3
    assert Statement.objects.filter(interview__organisation=org).count() == 0
    assert ReviewOutcome.objects.filter(interview__organisation=org).count() == 3
    assert overview(org) == before
    assert AuditEvent.objects.filter(organisation=org, action="retention.purged").count() == 6


def test_the_hourly_upkeep_task_purges_too() -> None:
    org = build_org()
    case = build_completed_case(org)
    Interview.objects.filter(pk=case.interview.pk).update(completed_at=timezone.now() - dt.timedelta(days=100))
    result = maintenance.call()
    assert result == {
        "expired": 0,
        "purged_transcripts": 1,
        "purged_statements": 0,
        "purged_withdrawn": 0,
        "purged_outbox_files": 0,
        "purged_door_failures": 0,
    }
    assert Message.objects.filter(interview=case.interview).count() == 0


def test_withdrawing_with_the_receipt_deletes_everything_said_and_leaves_every_aggregate() -> None:
    org = small_org()
    cases = three_completed(org)
    build_completed_case(org)
    assert overview(org)["completed"] == 4
    response = Client().post(f"/api/v1/conversations/{cases[0].receipt}/withdraw")
    assert response.json() == {"status": "withdrawn"}
    interview = Interview.objects.get(pk=cases[0].interview.pk)
    assert interview.status == Status.WITHDRAWN
    assert Message.objects.filter(interview=interview).count() == 0
    assert Statement.objects.filter(interview=interview).count() == 0
    assert ThemeTally.objects.filter(interview=interview).count() == 0
    assert not ReviewOutcome.objects.filter(interview=interview).exists()
    assert overview(org)["completed"] == 3
    assert overview(org)["themes"]["manager"] == 3
    # The receipt now says the record was withdrawn; the record itself is gone.
    # The case is Dutch, so the receipt page speaks Dutch.
    assert "Je hebt dit verslag ingetrokken" in Client().get(f"/r/{cases[0].receipt}/").content.decode()
    assert Client().get(f"/api/v1/conversations/{cases[0].receipt}/record").status_code == 404
    # And once more below k: everything is suppressed again.
    Client().post(f"/api/v1/conversations/{cases[1].receipt}/withdraw")
    assert overview(org)["suppressed"] is True


def test_rotate_key_re_encrypts_everything_so_that_the_old_key_can_go(settings: Any) -> None:
    org = small_org()
    cases = three_completed(org)
    old = list(settings.SPIEGEL_ENCRYPTION_KEYS)
    new = Fernet.generate_key().decode()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new]
    with pytest.raises(DecryptionError):
        list(Statement.objects.all())
    settings.SPIEGEL_ENCRYPTION_KEYS = [new, *old]
    texts = sorted(Statement.objects.values_list("text", flat=True))
    before = overview(org)
    counts = rotate_keys(batch=7)
    assert counts["consent.Statement"] == Statement.objects.count()
    assert counts["interviews.Message"] == Message.objects.count()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new]
    assert sorted(Statement.objects.values_list("text", flat=True)) == texts
    assert all(m.text for m in Message.objects.filter(interview=cases[0].interview))
    assert PseudonymMap.objects.filter(interview=cases[0].interview).get().mapping["language"] == "nl"
    assert overview(org) == before


def test_purge_and_rotate_key_are_spiegel_commands_with_help(capsys: pytest.CaptureFixture[str]) -> None:
    build_completed_case(build_org())
    out = io.StringIO()
    call_command("purge", "--dry-run", stdout=out)
    assert out.getvalue() == "Would delete: transcripts of 0 case(s), statements of 0 case(s) (0 withdrawn).\n"
    out = io.StringIO()
    call_command("rotate-key", stdout=out)
    assert out.getvalue().splitlines()[-1].startswith("Done: ")
    with pytest.raises(SystemExit) as exited:
        cli_main(["purge", "--help"])
    assert exited.value.code == 0
    assert "--dry-run" in capsys.readouterr().out
    assert cli_main(["--help"]) == 0
    listing = capsys.readouterr().out
    assert "  purge " in listing
    assert "  rotate-key " in listing


def test_staff_opening_a_transcript_is_audited_and_shown_to_consultants_on_the_audit_page() -> None:
    org = build_org()
    case = build_completed_case(org)
    consultant = build_user(org, Role.CONSULTANT)
    client = Client()
    client.force_login(consultant)
    page = client.get(f"/o/{org.slug}/cases/{case.interview.id}/transcript/")
    assert page.status_code == 200
    event = AuditEvent.objects.get(action="interview.viewed")
    assert (event.actor, event.object_id, event.detail) == (consultant, str(case.interview.id), {"what": "transcript"})
    audit = client.get(f"/o/{org.slug}/audit/?action=interview.viewed").content.decode()
    assert audit.count('data-testid="audit-event"') == 1
    assert f">{consultant.username}</td>" in audit
    assert json.dumps(event.detail)  # the detail holds no words of the leaver
