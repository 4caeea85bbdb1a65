from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from spiegel.interviews.lifecycle import complete_review
from spiegel.interviews.models import Interview, Status
from spiegel.privacy.jobs.keys import rotate_keys
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_invitation_is_mailed_by_the_database_worker_without_the_token_in_the_queue(
    mailbox: list[Any],
) -> None:

    built = build_case(build_org("Zorggroep Noord"), email="leaver@example.org", language="en")
    queued = DBTaskResult.objects.get()
    assert built.token not in str(queued.args_kwargs)
    assert mailbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mailbox) == 1
    assert mailbox[0].to == ["leaver@example.org"]
    assert f"/i/{built.token}/" in mailbox[0].body
    assert "Zorggroep Noord" in mailbox[0].subject


def test_rotate_key_re_seals_a_queued_invitation_so_that_the_old_key_can_go(mailbox: list[Any], settings: Any) -> None:

    built = build_case(build_org("Zorggroep Noord"), email="leaver@example.org", language="en")
    sealed_before = DBTaskResult.objects.get().args_kwargs["args"][1]
    new = Fernet.generate_key().decode()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new, *settings.SPIEGEL_ENCRYPTION_KEYS]
    counts = rotate_keys()
    assert counts["queued invitation e-mails"] == 1
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"][1] != sealed_before
    assert built.token not in str(queued.args_kwargs)
    settings.SPIEGEL_ENCRYPTION_KEYS = [new]  # the old key is gone; the queued invitation still goes out
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mailbox) == 1
    assert f"/i/{built.token}/" in mailbox[0].body
    # A task that already ran is history, not re-sealed again.
    assert rotate_keys()["queued invitation e-mails"] == 0


def test_the_email_address_is_encrypted_at_rest_and_deleted_on_completion(mailbox: list[Any]) -> None:

    built = build_case(build_org(), email="leaver@example.org")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT email FROM interviews_interview WHERE id = %s",
            [built.interview.id.hex if connection.vendor == "sqlite" else built.interview.id],
        )
        raw = cursor.fetchone()[0]
    assert raw and "leaver@example.org" not in raw
    Interview.objects.filter(pk=built.interview.pk).update(status=Status.REVIEW)
    complete_review(built.interview)
    built.interview.refresh_from_db()
    assert built.interview.email is None
