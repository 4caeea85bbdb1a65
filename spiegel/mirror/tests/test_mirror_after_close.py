"""The mirror is prepared in the background after the conversation's closing commits: the closing announces
`conversation_closed` on commit, the mirror's receiver queues a task, and the worker makes the statements. The
leaver's closing turn does not wait for it; the mirror page says it is being prepared and refreshes; nothing is
lost when the worker fails or dies."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from spiegel.interviews.conversation import post_message
from spiegel.interviews.events import conversation_closed
from spiegel.interviews.models import Interview, Message, MessageRole, Status
from spiegel.mirror.models import Statement
from spiegel.mirror.preparing import WAIT_FOR_WORKER, build_mirror
from tests.support.builders import LEAVER_ANSWERS_NL, BuiltCase, build_case, build_org, run_queued

FILLER = "Nee, niets meer."


def _talk_until_the_last_turn(built: BuiltCase) -> int:
    """Answer until the conversation closes, each turn committed as a request commits; returns the number of
    answers given. The last answer is the one whose reply closes the conversation."""
    for turn in range(60):
        text = LEAVER_ANSWERS_NL[turn] if turn < len(LEAVER_ANSWERS_NL) else FILLER
        if post_message(built.interview, text).status != Status.IN_PROGRESS:
            return turn + 1
    raise AssertionError("the conversation did not close")


def _mirror_tasks(interview: Interview, status: str = TaskResultStatus.READY) -> int:
    rows = DBTaskResult.objects.filter(task_path=build_mirror.module_path, status=status)
    return sum(1 for a in rows.values_list("args_kwargs", flat=True) if a["args"] == [str(interview.pk)])


def _statements(interview: Interview) -> int:
    return Statement.objects.filter(interview=interview).count()


@pytest.mark.django_db
def test_the_closing_queues_the_mirror_after_commit_and_the_worker_makes_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    built = build_case(build_org())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _talk_until_the_last_turn(built)
    built.interview.refresh_from_db()
    # Closed and committed; nothing of the mirror's work has run or been queued inside the transaction.
    assert built.interview.status == Status.REVIEW
    assert (_statements(built.interview), _mirror_tasks(built.interview)) == (0, 0)
    for callback in callbacks:
        callback()
    # After commit the closing only queued the work: the statements are not made in the leaver's request.
    assert (_statements(built.interview), _mirror_tasks(built.interview)) == (0, 1)
    assert run_queued(build_mirror.module_path) == 1
    assert _statements(built.interview) >= 3
    assert _mirror_tasks(built.interview, TaskResultStatus.SUCCESSFUL) == 1


@pytest.mark.django_db(transaction=True)
def test_the_event_is_sent_once_outside_any_transaction_and_the_page_waits_for_the_worker() -> None:
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
    assert (_statements(built.interview), _mirror_tasks(built.interview)) == (0, 1)
    client = Client()
    waiting = client.get(f"/i/{built.token}/mirror/")
    html = waiting.content.decode()
    assert waiting.status_code == 200
    assert waiting["Refresh"] == "2"
    assert 'data-testid="mirror-preparing"' in html
    assert "We schrijven op wat je hebt gezegd" in html
    assert _mirror_tasks(built.interview) == 1  # the page does not queue it a second time
    english = client.get(f"/i/{built.token}/mirror/?lang=en").content.decode()
    assert "We are writing down what you said" in english
    assert run_queued(build_mirror.module_path) == 1
    made = _statements(built.interview)
    assert made >= 3
    page = client.get(f"/i/{built.token}/mirror/")
    assert page.status_code == 200
    assert "Refresh" not in page
    assert page.content.decode().count('data-testid="statement"') == made
    assert _statements(built.interview) == made  # nothing made twice


@pytest.mark.django_db(transaction=True)
def test_when_the_workers_task_fails_the_answers_stay_and_the_page_queues_it_again() -> None:
    built = build_case(build_org())
    answers = _talk_until_the_last_turn(built)
    with mock.patch.object(
        Statement.objects, "bulk_create", side_effect=OperationalError("database is locked")
    ) as failing:
        assert run_queued(build_mirror.module_path) == 1
    assert failing.call_count == 1
    assert _mirror_tasks(built.interview, TaskResultStatus.FAILED) == 1
    built.interview.refresh_from_db()
    assert built.interview.status == Status.REVIEW
    leaver_messages = Message.objects.filter(interview=built.interview, role=MessageRole.LEAVER)
    assert leaver_messages.count() == answers
    assert _statements(built.interview) == 0
    page = Client().get(f"/i/{built.token}/mirror/")
    assert 'data-testid="mirror-preparing"' in page.content.decode()
    assert _mirror_tasks(built.interview) == 1  # queued again by the page
    run_queued(build_mirror.module_path)
    texts = " ".join(Statement.objects.filter(interview=built.interview).values_list("text", flat=True))
    assert "functioneringsgesprek" in texts
    assert "werkdruk" in texts.lower()


@pytest.mark.django_db(transaction=True)
def test_when_the_worker_died_on_the_task_the_page_prepares_the_mirror_once_the_wait_is_over() -> None:
    built = build_case(build_org())
    _talk_until_the_last_turn(built)
    stuck = DBTaskResult.objects.get(task_path=build_mirror.module_path)
    stuck.claim("a-worker-that-died")  # claimed, never finished
    page = Client().get(f"/i/{built.token}/mirror/")
    assert 'data-testid="mirror-preparing"' in page.content.decode()
    assert _mirror_tasks(built.interview) == 0  # it is running, as far as the queue knows
    built.interview.refresh_from_db()
    closed = built.interview.closed_at
    assert closed is not None
    # The leaver comes back after the wait is over: the page does not wait for a worker that died.
    Interview.objects.filter(pk=built.interview.pk).update(closed_at=closed - WAIT_FOR_WORKER - dt.timedelta(seconds=1))
    page = Client().get(f"/i/{built.token}/mirror/")
    assert page.status_code == 200
    assert 'data-testid="mirror-preparing"' not in page.content.decode()
    assert _statements(built.interview) >= 3


@pytest.mark.django_db
def test_preparing_the_mirror_twice_stores_one_set_of_statements(django_capture_on_commit_callbacks: Any) -> None:
    built = build_case(build_org())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _talk_until_the_last_turn(built)
    for callback in callbacks + callbacks:  # the event delivered twice: queued once
        callback()
    assert _mirror_tasks(built.interview) == 1
    build_mirror.enqueue(str(built.interview.pk))  # and a retry queued by hand: the work runs twice
    assert run_queued(build_mirror.module_path) == 2
    seqs = list(Statement.objects.filter(interview=built.interview).values_list("seq", flat=True))
    assert seqs == sorted(set(seqs))
    assert len(seqs) >= 3
    assert _mirror_tasks(built.interview, TaskResultStatus.SUCCESSFUL) == 2
