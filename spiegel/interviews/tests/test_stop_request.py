"""A leaver who types that they want to stop gets a closing line and the conversation ends as at a normal
close: the case goes to the review step (the mirror), and everything said is kept for it."""

from __future__ import annotations

from typing import Any

import pytest

from spiegel.interviews.conversation import post_message
from spiegel.interviews.models import Message, MessageRole, Status
from spiegel.mirror.models import Statement
from spiegel.mirror.preparing import build_mirror
from tests.support.builders import LEAVER_ANSWERS_NL, build_case, build_org, run_queued


@pytest.mark.django_db
def test_a_typed_request_to_stop_closes_the_case_and_keeps_every_answer_for_the_mirror(
    django_capture_on_commit_callbacks: Any,
) -> None:
    built = build_case(build_org())
    first, second = LEAVER_ANSWERS_NL[0], LEAVER_ANSWERS_NL[2]
    assert post_message(built.interview, first).status == Status.IN_PROGRESS
    assert post_message(built.interview, second).status == Status.IN_PROGRESS
    with django_capture_on_commit_callbacks(execute=True):
        result = post_message(built.interview, "Sorry, ik wil nu stoppen met het gesprek.")
    assert result.status == Status.REVIEW
    [closing] = [m.text for m in result.messages]
    assert closing.startswith("Natuurlijk, dan stoppen we hier.") and "goedkeurt" in closing
    answers = list(
        Message.objects.filter(interview=built.interview, role=MessageRole.LEAVER)
        .order_by("seq")
        .values_list("text", flat=True)
    )
    assert answers == [first, second, "Sorry, ik wil nu stoppen met het gesprek."]
    assert run_queued(build_mirror.module_path) == 1  # the mirror is made, as after a normal close
    assert Statement.objects.filter(interview=built.interview).count() >= 1
