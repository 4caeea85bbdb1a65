"""Never stuck, in the browser: every answer that once crashed the interviewer, typed on the chat page, and the
conversation runs to its end (issue "never stuck")."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from spiegel.interviews.models import Interview, Message, Status
from tests.browser.conftest import question_on, send_answer, start_conversation
from tests.support.builders import build_case, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HARD_ANSWERS = ("Yes - no", ":-)", "'", "It was hard - really hard", "😀 🙈", "هذا كان صعبا", "- - -", "‘")


def test_a_leaver_typing_every_hard_answer_reaches_the_end_of_the_conversation(
    page: Page, site: str, artifacts: Path
) -> None:
    built = build_case(build_org(), language="en")
    page.set_viewport_size({"width": 390, "height": 844})
    start_conversation(page, f"{site}/i/{built.token}/")
    answers = [*HARD_ANSWERS, *["No, nothing more."] * 45]
    sent = 0
    for answer in answers:
        send_answer(page, question_on(page), answer, timeout=15_000)
        sent += 1
        expect(page.get_by_text("Server Error")).to_have_count(0)
        if page.get_by_text("Thank you for the conversation").is_visible():
            break
    page.screenshot(path=artifacts / "never-stuck-end-phone.png", full_page=True)
    expect(page.get_by_text("Thank you for the conversation")).to_be_visible()
    interview = Interview.objects.get(pk=built.interview.pk)
    assert interview.status == Status.REVIEW
    stored = list(
        Message.objects.filter(interview=interview, role="leaver").order_by("seq").values_list("text", flat=True)
    )
    assert stored[: len(HARD_ANSWERS)] == list(HARD_ANSWERS)
    assert len(stored) == sent
