"""The mirror is made after the conversation's closing commits, outside its row lock: the closing announces
`conversation_closed` on commit and the mirror subscribes. The leaver finds the mirror ready; a failure in the
mirror's work loses nothing and is made good when the mirror is opened."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from spiegel.interviews.conversation import post_message
from spiegel.interviews.events import conversation_closed
from spiegel.interviews.models import Interview, Message, MessageRole, Status
from spiegel.mirror.models import Statement
from tests.support.builders import LEAVER_ANSWERS_NL, BuiltCase, build_case, build_org

FILLER = "Nee, niets meer."


def _talk_until_the_last_turn(built: BuiltCase) -> int:
    """Answer until the conversation closes, each turn committed as a request commits; returns the number of
    answers given. The last answer is the one whose reply closes the conversation."""
    for turn in range(60):
        text = LEAVER_ANSWERS_NL[turn] if turn < len(LEAVER_ANSWERS_NL) else FILLER
        if post_message(built.interview, text).status != Status.IN_PROGRESS:
            return turn + 1
    raise AssertionError("the conversation did not close")


@pytest.mark.django_db
def test_closing_announces_the_event_only_after_commit_and_the_mirror_is_made_then(
    django_capture_on_commit_callbacks: Any,
) -> None:
    built = build_case(build_org())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _talk_until_the_last_turn(built)
    built.interview.refresh_from_db()
    # Closed and committed, but the mirror's work has not run inside the closing's transaction.
    assert built.interview.status == Status.REVIEW
    assert Statement.objects.filter(interview=built.interview).count() == 0
    for callback in callbacks:
        callback()
    assert Statement.objects.filter(interview=built.interview).count() >= 3


@pytest.mark.django_db(transaction=True)
def test_the_mirror_is_made_outside_any_transaction_and_is_ready_when_the_leaver_opens_it() -> None:
    seen: list[tuple[bool, str]] = []

    def observe(sender: object, *, interview: Interview, **kwargs: object) -> None:
        committed = Interview.objects.get(pk=interview.pk).status
        seen.append((connection.in_atomic_block, committed))

    conversation_closed.connect(observe, dispatch_uid="test.observe")
    try:
        built = build_case(build_org())
        _talk_until_the_last_turn(built)
    finally:
        conversation_closed.disconnect(dispatch_uid="test.observe")
    # Once, after commit: no transaction (so no row lock) is open, and the closing is already visible.
    assert seen == [(False, Status.REVIEW)]
    made = Statement.objects.filter(interview=built.interview).count()
    assert made >= 3
    client = Client()
    page = client.get(f"/i/{built.token}/mirror/")
    assert page.status_code == 200
    assert Statement.objects.filter(interview=built.interview).count() == made  # nothing made twice


@pytest.mark.django_db(transaction=True)
def test_when_the_mirrors_work_fails_the_answers_stay_and_opening_the_mirror_makes_it() -> None:
    built = build_case(build_org())
    with mock.patch.object(
        Statement.objects, "bulk_create", side_effect=OperationalError("database is locked")
    ) as failing:
        answers = _talk_until_the_last_turn(built)
    assert failing.call_count == 1  # the mirror tried, after the closing committed
    built.interview.refresh_from_db()
    assert built.interview.status == Status.REVIEW
    leaver_messages = Message.objects.filter(interview=built.interview, role=MessageRole.LEAVER)
    assert leaver_messages.count() == answers
    assert Statement.objects.filter(interview=built.interview).count() == 0
    page = Client().get(f"/i/{built.token}/mirror/")
    assert page.status_code == 200
    texts = " ".join(Statement.objects.filter(interview=built.interview).values_list("text", flat=True))
    assert "functioneringsgesprek" in texts
    assert "werkdruk" in texts.lower()


@pytest.mark.django_db
def test_preparing_the_mirror_twice_stores_one_set_of_statements(django_capture_on_commit_callbacks: Any) -> None:
    built = build_case(build_org())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _talk_until_the_last_turn(built)
    closing = list(callbacks)
    for callback in closing + closing:  # the event delivered twice (a retry)
        callback()
    seqs = list(Statement.objects.filter(interview=built.interview).values_list("seq", flat=True))
    assert seqs == sorted(set(seqs))
    assert len(seqs) >= 3
