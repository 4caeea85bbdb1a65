"""The leaver's conversation page in Debian's Chromium (issue 15), at phone (touch) and desktop width: the
answer stays in view with a waiting line while the reply is worked out, the Ctrl+Enter hint shows only with a
keyboard and a fine pointer, stopping early asks first and goes to the closing questions, no CSP violation,
no horizontal overflow. Screenshots land in test-artifacts/chat-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from spiegel.interviews.engine.state import CLOSING_PHASES
from spiegel.interviews.models import Conversation
from tests.browser.conftest import no_overflow
from tests.support.builders import build_case, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "Ik vertrek vooral door de werkdruk, we waren elke dienst met te weinig mensen."
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def _shot(page: Page, path: Path, name: str) -> None:
    # A full-page screenshot drops Chromium's touch emulation while it is taken (the keyboard hint would show),
    # so the phone is photographed at its own height.
    page.screenshot(path=str(path), full_page=name != "phone")


SUBMIT_AND_LOOK = """(text) => {
  const form = document.querySelector('form.answer');
  form.querySelector('textarea').value = text;
  form.requestSubmit(form.querySelector('[data-testid=send]'));
  const waiting = document.querySelector('[data-testid=thinking]');
  const mine = document.querySelector('#chat [data-testid=my-answer]');
  return {waiting: !waiting.hidden && getComputedStyle(waiting).display !== 'none', mine: mine && mine.textContent};
}"""


@pytest.mark.parametrize(("name", "device", "hint_visible"), [("phone", PHONE, False), ("desktop", DESKTOP, True)])
def test_the_conversation_keeps_the_answer_in_view_waits_visibly_and_stops_early(
    browser: Browser, site: str, artifacts: Path, name: str, device: dict[str, Any], hint_visible: bool
) -> None:
    built = build_case(build_org("Zorggroep Noord"), language="nl")
    context = browser.new_context(**device)
    page = context.new_page()
    page.goto(f"{site}/i/{built.token}/")
    expect(page.get_by_test_id("conversation-language")).to_be_visible()
    _shot(page, artifacts / f"chat-landing-{name}.png", name)
    page.get_by_label("Ik heb dit gelezen").check()
    page.get_by_role("button", name="Begin het gesprek").click()
    page.wait_for_url(f"**/i/{built.token}/chat/")
    hint = page.get_by_test_id("keyboard-hint")
    if hint_visible:
        expect(hint).to_be_visible()
    else:
        expect(hint).to_be_hidden()
    no_overflow(page, "the page")

    seen = page.evaluate(SUBMIT_AND_LOOK, ANSWER)
    assert seen == {"waiting": True, "mine": ANSWER}
    _shot(page, artifacts / f"chat-waiting-{name}.png", name)
    expect(page.get_by_test_id("thinking")).to_be_hidden(timeout=60_000)  # the reply came (a loaded machine is slow)
    expect(page.get_by_test_id("my-answer")).to_have_text(ANSWER)
    expect(page.get_by_test_id("question")).not_to_have_count(0)
    _shot(page, artifacts / f"chat-reply-{name}.png", name)
    no_overflow(page, "the page")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_test_id("stop-here").click()
    expect(page.get_by_test_id("stop-here")).to_be_visible()  # dismissed: nothing happened
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("stop-here").click()
    expect(page.get_by_test_id("stop-here")).to_have_count(0, timeout=60_000)
    state = Conversation.objects.get(interview=built.interview).state
    assert isinstance(state, dict) and state["phase"] in CLOSING_PHASES
    expect(page.get_by_test_id("my-answer")).to_have_text("Ik wil hier stoppen.")
    _shot(page, artifacts / f"chat-closing-{name}.png", name)
    no_overflow(page, "the page")

    page.goto(f"{site}/i/{built.token}/chat/?lang=en")
    expect(page.get_by_test_id("language-notice")).to_contain_text("its questions stay in Dutch")
    _shot(page, artifacts / f"chat-language-{name}.png", name)
    context.close()
