"""The mirror in Debian's Chromium: read back, correct, choose, close, receipt. Screenshots land in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from spiegel.interviews.conversation import post_message
from spiegel.interviews.models import Interview, Status
from spiegel.mirror.models import ReviewOutcome, Statement
from spiegel.mirror.preparing import build_mirror
from tests.support.builders import LEAVER_ANSWERS_NL, build_case, build_closed_case, build_org, run_queued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = [
    "My manager Sarah Jones never gave any feedback in three years. We planned everything in Teams.",
    "The workload was far too high on every shift. I could not sleep and ended up with a burn-out.",
]


def test_the_leaver_reviews_corrects_and_completes_the_mirror_on_a_phone(
    page: Page, site: str, artifacts: Path
) -> None:
    built = build_closed_case(build_org("Bright Logistics"), answers=ANSWERS, language="en")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/i/{built.token}/chat/")
    page.get_by_test_id("to-mirror").click()
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    expect(page.get_by_role("heading", name="Manager & leadership")).to_be_visible()
    page.screenshot(path=artifacts / "mirror-01-statements-phone.png", full_page=True)

    statements = list(Statement.objects.filter(interview=built.interview).order_by("seq"))
    manager = next(s for s in statements if "feedback" in s.text)
    health = next(s for s in statements if s.special_category)
    assert manager.text == "My manager [manager] never gave any feedback in three years."
    # Health can never be shared with the leaver's name: the option is there but cannot be chosen.
    expect(page.locator(f"#s-{health.id} input[value=attributed]")).to_be_disabled()
    page.locator(f"#s-{health.id}").get_by_label("Keep private").check()
    # A correction with a new name is pseudonymised again when saved.
    page.locator(f"#text-{manager.id}").fill("My manager [manager] and Tom Baker never gave any feedback.")
    page.locator(f"#s-{manager.id}").get_by_label("Share linked to my case").check()
    page.get_by_role("button", name="Save and show again").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    expect(page.locator(f"#text-{manager.id}")).to_have_value(
        "My manager [manager] and [person A] never gave any feedback."
    )
    page.screenshot(path=artifacts / "mirror-02-corrected-phone.png", full_page=True)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", name="Last questions")).to_be_visible()
    page.get_by_role("group", name="Did you feel heard in this conversation?").get_by_text("4", exact=True).click()
    page.get_by_role("group", name="Would you recommend Bright Logistics as an employer?").get_by_text(
        "8", exact=True
    ).click()
    page.get_by_role("group", name="Would you consider coming back one day?").get_by_label("Maybe").check()
    page.get_by_label("Anything else you would like to say?").fill("Thanks to Sarah Jones for the good start.")
    page.screenshot(path=artifacts / "mirror-03-closing-phone.png", full_page=True)
    page.get_by_role("button", name="Finish").click()

    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    receipt_link = page.get_by_test_id("receipt-link").input_value()
    assert receipt_link.startswith(f"{site}/r/")
    page.screenshot(path=artifacts / "mirror-04-receipt-phone.png", full_page=True)
    interview = Interview.objects.get(pk=built.interview.pk)
    assert interview.status == Status.COMPLETED
    outcome = ReviewOutcome.objects.get(interview=interview)
    assert (outcome.felt_heard, outcome.recommend_score, outcome.would_return) == (4, 8, "maybe")
    assert outcome.comment == "Thanks to [manager] for the good start."
    assert {s.seq: s.visibility for s in Statement.objects.filter(interview=interview)}[health.seq] == "private"

    page.goto(receipt_link)
    expect(page.get_by_role("heading", name="Your record")).to_be_visible()
    expect(page.get_by_test_id("record-statement")).to_have_count(len(statements))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download (PDF)").click()
    assert download.value.suggested_filename == "spiegel-record.pdf"
    page.screenshot(path=artifacts / "mirror-05-record-phone.png", full_page=True)
    page.get_by_role("link", name="Withdraw my record").click()
    page.get_by_label("Yes, delete my record.").check()
    page.get_by_role("button", name="Withdraw and delete").click()
    expect(page.get_by_role("heading", name="Your record is withdrawn")).to_be_visible()
    assert Interview.objects.get(pk=interview.pk).status == Status.WITHDRAWN
    assert Statement.objects.filter(interview=interview).count() == 0


@pytest.mark.parametrize(("width", "language"), [(390, "nl"), (1280, "en")])
def test_while_the_mirror_is_prepared_the_page_says_so_and_shows_it_by_itself_when_ready(
    page: Page, site: str, artifacts: Path, width: int, language: str
) -> None:
    built = build_case(build_org("Bright Logistics"), language=language)
    answers = ANSWERS if language == "en" else list(LEAVER_ANSWERS_NL)
    filler = "No, nothing more." if language == "en" else "Nee, niets meer."
    for turn in range(60):  # the real closing: the mirror's preparation is queued, not run
        if post_message(built.interview, answers[turn] if turn < len(answers) else filler).status != "in_progress":
            break
    assert Statement.objects.filter(interview=built.interview).count() == 0
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{site}/i/{built.token}/mirror/")
    waiting = "We are writing down what you said" if language == "en" else "We schrijven op wat je hebt gezegd"
    expect(page.get_by_test_id("mirror-preparing")).to_contain_text(waiting)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts / f"mirror-00-preparing-{language}-{width}.png", full_page=True)
    assert run_queued(build_mirror.module_path) == 1  # the worker's turn
    # The page refreshes by itself and shows the statements, without a click.
    expect(page.get_by_test_id("statement").first).to_be_visible(timeout=10_000)
    expect(page.get_by_test_id("mirror-preparing")).to_have_count(0)
