"""What every browser test shares: the site (Django's live server) and one way to sign in.

Every browser test is also a test of the Content-Security-Policy (issue 16): whatever page a test opens, in
any of its browser contexts, a message of Chromium's console about a violated policy fails the test."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.signals import request_finished, request_started
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

from tests.support.builders import TEST_PASSWORD

POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy")


def is_csp_violation(message: ConsoleMessage) -> bool:
    """Chromium reports a blocked script, style, frame or connection in the console, naming the policy."""
    return any(words in message.text for words in POLICY_WORDS)


@pytest.fixture(autouse=True)
def _no_csp_violation(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    violations: list[str] = []
    if "page" not in request.fixturenames:
        yield violations
        return
    browser: Browser = request.getfixturevalue("browser")
    opened = browser.new_context

    def watched_context(*args: Any, **kwargs: Any) -> BrowserContext:
        context = opened(*args, **kwargs)

        def seen(message: ConsoleMessage) -> None:
            if is_csp_violation(message):
                violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

        context.on("console", seen)
        return context

    # Every context, the test's own `page` and those a test opens for a second person, is made through here.
    monkeypatch.setattr(browser, "new_context", watched_context)
    yield violations
    assert violations == [], "the page broke the Content-Security-Policy:\n" + "\n".join(violations)


class _Requests:
    """How many requests the live server is handling right now: counted by Django's own request_started /
    request_finished signals (a streamed reply counts until its stream is closed). Requests of Django's test client
    run in the test's own thread and are not counted (a streamed reply a test never read is never closed)."""

    def __init__(self) -> None:
        self.running = 0
        self.changed = threading.Condition()

    def started(self, **_: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            return
        with self.changed:
            self.running += 1

    def finished(self, **_: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            return
        with self.changed:
            self.running -= 1
            self.changed.notify_all()

    def wait_until_none(self, seconds: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.running <= 0, timeout=seconds)


_REQUESTS = _Requests()
request_started.connect(_REQUESTS.started, weak=False, dispatch_uid="browser-tests-requests-started")
request_finished.connect(_REQUESTS.finished, weak=False, dispatch_uid="browser-tests-requests-finished")


@pytest.fixture
def site(request: pytest.FixtureRequest, live_server: Any, settings: Any) -> Iterator[str]:
    """The site under test: Django's live server, with the links Spiegel writes (invitations) pointing at it.

    After the test, before the database is emptied for the next one: every page of every browser context leaves
    the site (a page left open polls, or a second person's page a test opened is still sending), and the live
    server finishes what it was still handling. On SQLite the live server shares the test's one in-memory
    connection, so a request still running while the tables are flushed could roll the flush back and leave this
    test's rows (a user "eva") for the next test."""
    settings.SPIEGEL_BASE_URL = live_server.url
    yield str(live_server.url)
    if "browser" in request.fixturenames:
        browser: Browser = request.getfixturevalue("browser")
        for context in browser.contexts:
            for open_page in context.pages:
                if not open_page.is_closed():
                    open_page.goto("about:blank")
    assert _REQUESTS.wait_until_none(30), "the live server was still handling a request 30 s after the test"


SignIn = Callable[[Page, str], None]


@pytest.fixture
def sign_in(site: str) -> SignIn:
    """`sign_in(page, username)`: through the sign-in page with the test password, in whatever language the page
    is shown (the fields are found by their ids), until the browser has left the sign-in page (the second
    sign-in step, /login/code/, counts as left)."""

    def run(page: Page, username: str) -> None:
        page.goto(f"{site}/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(TEST_PASSWORD)
        page.locator("#id_password").press("Enter")
        page.wait_for_url(lambda url: urlsplit(url).path != "/login/")

    return run


def start_conversation(page: Page, link: str) -> None:
    """Open the leaver's (English) invitation link, tick the consent and start the conversation."""
    page.goto(link)
    page.get_by_label("I have read this and want to start the conversation.").check()
    page.get_by_role("button", name="Start the conversation").click()


def question_on(page: Page) -> str:
    """The interviewer's question(s) the chat page shows now ("" once the conversation has ended)."""
    return "\n".join(page.get_by_test_id("question").all_inner_texts())


# True once the chat page no longer shows the question `q` (a next question, or none at the end).
_QUESTION_CHANGED = (
    "q => { const els = document.querySelectorAll('[data-testid=question]');"
    " return els.length === 0 || Array.from(els).map(e => e.innerText).join('\\n') !== q; }"
)


def send_answer(page: Page, question: str, answer: str, *, timeout: int = 10_000) -> None:
    """Type the answer to `question` on the chat page, send it, and wait (`timeout` ms) until the page has moved on
    from that question."""
    page.get_by_label("Your answer").fill(answer)
    page.get_by_test_id("send").click()
    page.wait_for_function(_QUESTION_CHANGED, arg=question, timeout=timeout)


# How much wider the page is than the window (0 or less: it fits).
_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def no_overflow(page: Page, what: str) -> None:
    """The page is no wider than the window: nothing to scroll sideways (`what` names the page when it is)."""
    overflow = page.evaluate(_OVERFLOW)
    assert overflow <= 0, f"{what} overflows by {overflow} px"


def screenshot_fits(page: Page, shot: Path, what: str) -> None:
    """A full-page screenshot to `shot`, and the page is no wider than the window."""
    page.screenshot(path=str(shot), full_page=True)
    no_overflow(page, what)


def fill_new_case(page: Page, site: str, slug: str) -> None:
    """Open the organisation's new-case form and fill in what every case needs: an English conversation of a nurse
    in Verpleging (the caller adds the rest and opens the case)."""
    page.goto(f"{site}/o/{slug}/cases/new/")
    page.get_by_label("Language of the conversation").select_option("en")
    page.get_by_label("Department").fill("Verpleging")
    page.get_by_label("Role", exact=True).fill("Nurse")
