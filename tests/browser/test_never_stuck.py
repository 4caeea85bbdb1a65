"""Never stuck, in the browser: every answer that once crashed the interviewer, typed on the chat page, and the
conversation runs to its end (issue "never stuck")."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from spiegel.interviews.models import Interview, Message, Status
from tests.support.builders import build_case, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HARD_ANSWERS = ("Yes - no", ":-)", "'", "It was hard - really hard", "😀 🙈", "هذا كان صعبا", "- - -", "‘")


def _question(page: Page) -> str:
    return "\n".join(page.get_by_test_id("question").all_inner_texts())


def test_a_leaver_typing_every_hard_answer_reaches_the_end_of_the_conversation(
    page: Page, site: str, artifacts: Path
) -> None:
    built = build_case(build_org(), language="en")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/i/{built.token}/")
    page.get_by_label("I have read this and want to start the conversation.").check()
    page.get_by_role("button", name="Start the conversation").click()
    answers = [*HARD_ANSWERS, *["No, nothing more."] * 45]
    sent = 0
    for answer in answers:
        question = _question(page)
        page.get_by_label("Your answer").fill(answer)
        page.get_by_test_id("send").click()
        sent += 1
        page.wait_for_function(
            "q => { const els = document.querySelectorAll('[data-testid=question]');"
            " return els.length === 0 || Array.from(els).map(e => e.innerText).join('\\n') !== q; }",
            arg=question,
            timeout=15_000,
        )
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
