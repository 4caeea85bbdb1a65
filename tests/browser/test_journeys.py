"""Whole journeys in Debian's Chromium through Playwright. Screenshots land in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness.personas import persona_by_id
from harness.simulator import SimulatedLeaver
from spiegel.interviews.models import Interview, Message, Status
from tests.browser.conftest import SignIn, question_on, send_answer, start_conversation
from tests.support.builders import build_case, build_org, build_practice_and_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_consultant_opens_a_case_and_the_leaver_consents(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    build_practice_and_client()

    sign_in(page, "eva")
    expect(page.get_by_role("heading", name="Organisations")).to_be_visible()
    page.screenshot(path=artifacts / "01-organisations.png", full_page=True)
    page.get_by_role("link", name="Zorggroep Noord").click()
    page.get_by_role("link", name="Open a case").first.click()
    page.get_by_label("Language of the conversation").select_option("en")
    page.get_by_label("Department").fill("Verpleging")
    page.get_by_label("Role", exact=True).fill("Nurse")
    page.get_by_label("Tenure (months)").fill("30")
    page.screenshot(path=artifacts / "02-new-case.png", full_page=True)
    page.get_by_role("button", name="Open the case").click()
    link_box = page.get_by_test_id("invite-link")
    expect(link_box).to_be_visible()
    link = link_box.input_value()
    assert link.startswith(f"{site}/i/")
    page.screenshot(path=artifacts / "03-case-link.png", full_page=True)

    leaver = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # type: ignore[union-attr]
    leaver.goto(link)
    expect(leaver.get_by_role("heading", name="Your exit interview")).to_be_visible()
    leaver.screenshot(path=artifacts / "04-leaver-landing-phone.png", full_page=True)
    leaver.get_by_role("button", name="Start the conversation").click()
    expect(leaver.get_by_text("Please tick the box")).to_be_hidden()  # the browser's own required check stops it
    leaver.get_by_label("I have read this and want to start the conversation.").check()
    leaver.get_by_role("button", name="Start the conversation").click()
    expect(leaver.get_by_test_id("question").first).to_be_visible()
    leaver.screenshot(path=artifacts / "05-leaver-first-question-phone.png", full_page=True)
    interview = Interview.objects.get()
    assert interview.status == Status.IN_PROGRESS
    assert interview.consented_at is not None


def test_a_whole_conversation_on_the_chat_page_survives_a_reload(page: Page, site: str, artifacts: Path) -> None:
    built = build_case(build_org("Bright Logistics"), language="en")
    leaver = SimulatedLeaver(persona_by_id("en-nurse"))
    page.set_viewport_size({"width": 390, "height": 844})
    start_conversation(page, f"{site}/i/{built.token}/")
    turns = 0
    reloaded = False
    while turns < 40:
        question = question_on(page)
        if not question:
            break
        send_answer(page, question, leaver.answer(question))
        turns += 1
        if turns == 8 and not reloaded:
            page.screenshot(path=artifacts / "06-chat-halfway-phone.png", full_page=True)
            before = question_on(page)
            page.reload()
            assert question_on(page) == before
            reloaded = True
        if page.get_by_text("Thank you for the conversation").is_visible():
            break
    page.screenshot(path=artifacts / "07-chat-finished-phone.png", full_page=True)
    expect(page.get_by_text("Thank you for the conversation")).to_be_visible()
    interview = Interview.objects.get(pk=built.interview.pk)
    assert interview.status == Status.REVIEW
    assert reloaded
    leaver_messages = Message.objects.filter(interview=interview, role="leaver").count()
    assert leaver_messages == turns
