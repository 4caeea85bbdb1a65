"""A conversation held by a person of the practice, in Debian's Chromium (issue 14): a consultant opens a
human-led case and plans the moment, the leaver confirms and agrees, the interviewer holds the conversation on
the co-pilot page (notes on several topics, a refusal marked, a disclosure typed and its warning shown, a reload
halfway that loses nothing), closes it, corrects a statement and sends the mirror; the leaver corrects a
statement and completes; the case counts in the dashboard. Screenshots land in test-artifacts/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from spiegel.copilot.actions import ProfileInput, save_profile
from spiegel.copilot.models import HumanConversation, Note
from spiegel.interviews.models import Interview, Mode, Status
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import Role
from tests.browser.conftest import SignIn, fill_new_case
from tests.support.builders import build_analysed_case, build_practice_and_client, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLIER = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
)


def _type_note(page: Page, text: str) -> None:
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_a_conversation_held_by_a_person_from_planning_to_the_dashboard(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_practice_and_client(min_group_size=3)
    anna = build_user(org, Role.INTERVIEWER, username="anna")
    save_profile(
        anna,
        ProfileInput(
            "Anna de Wit",
            "De Wit Exitgesprekken",
            "I have held exit interviews for twelve years, independently of your employer.",
        ),
    )
    for _ in range(2):
        build_analysed_case(org, EARLIER, language="en", department="Verpleging")
    page.on("dialog", lambda dialog: dialog.accept())

    # The consultant opens a human-led case for Anna and plans the moment.
    sign_in(page, "eva")
    fill_new_case(page, site, org.slug)
    page.get_by_label("Who holds the conversation").select_option("interviewer")
    page.get_by_label("Interviewer").select_option(label="anna")
    page.get_by_role("button", name="Open the case").click()
    link = page.get_by_test_id("invite-link").input_value()
    interview = Interview.objects.get(mode=Mode.INTERVIEWER)
    assert interview.assigned_interviewer == anna
    page.goto(f"{site}/o/{org.slug}/cases/{interview.id}/")
    page.get_by_test_id("plan-link").click()
    moment = (timezone.localtime() + dt.timedelta(days=2)).replace(hour=14, minute=0)
    page.get_by_label("Date and time").fill(moment.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Channel", exact=True).select_option("phone")
    page.get_by_label("Phone number, video link or address").fill("06-11112222")
    page.get_by_role("button", name="Propose this moment").click()
    expect(page.get_by_test_id("leaver-answer")).to_contain_text("not yet")
    page.screenshot(path=artifacts / "copilot-planning-desktop.png", full_page=True)

    # The leaver reads who will call, when, and what happens with their words; confirms and agrees.
    leaver = page.context.browser.new_context(viewport={"width": 375, "height": 812}).new_page()  # type: ignore[union-attr]
    leaver.on("dialog", lambda dialog: dialog.accept())
    leaver.goto(link)
    expect(leaver.get_by_test_id("holder")).to_contain_text("Anna de Wit")
    expect(leaver.get_by_test_id("moment")).to_contain_text("14:00")
    leaver.screenshot(path=artifacts / "copilot-leaver-planning-phone.png", full_page=True)
    leaver.get_by_label("I have read this and agree to the conversation.").check()
    leaver.get_by_role("button", name="Confirm this moment").click()
    expect(leaver.get_by_test_id("confirmed")).to_be_visible()
    interview.refresh_from_db()
    assert interview.status == Status.IN_PROGRESS

    # Anna holds the conversation on the co-pilot page.
    copilot = page.context.browser.new_context(viewport={"width": 1366, "height": 860}).new_page()  # type: ignore[union-attr]
    copilot.on("dialog", lambda dialog: dialog.accept())
    sign_in(copilot, "anna")
    copilot.goto(f"{site}/me/conversations/")
    expect(copilot.get_by_test_id("mine-upcoming")).to_contain_text("Verpleging")
    copilot.get_by_test_id("mine-upcoming").get_by_role("link", name="Plan").click()
    copilot.get_by_test_id("open-copilot").click()
    field = copilot.get_by_test_id("note-field")
    expect(field).to_be_focused()
    _type_note(copilot, "Got a great opportunity at another hospital")
    expect(copilot.get_by_test_id("suggestion")).to_contain_text("looking")
    copilot.keyboard.press("Alt+ArrowDown")  # to the next topic: the work itself
    _type_note(copilot, "The work itself was fine, she liked the patients")
    copilot.locator("[data-topic=manager]").click()
    expect(field).to_be_focused()
    copilot.keyboard.press("Alt+q")
    _type_note(copilot, "Nobody ever asked how I was doing")
    _type_note(copilot, "Manager Kees never gave feedback, it was really frustrating")
    expect(copilot.get_by_test_id("suggestion")).to_contain_text("manager")
    copilot.locator("[data-topic=pay]").click()
    copilot.keyboard.press("Alt+r")  # she would rather not talk about pay
    expect(copilot.locator("[data-topic=pay]")).to_have_class("topic status-refused")
    copilot.locator("[data-topic=workload]").click()
    copilot.keyboard.type("Always understaffed on the ward, every week overtime")
    # A reload halfway, with the last note still being typed: nothing is lost.
    copilot.reload()
    expect(copilot.get_by_test_id("note-field")).to_have_value("Always understaffed on the ward, every week overtime")
    expect(copilot.locator("[data-note-list] .note")).to_have_count(5)
    copilot.get_by_test_id("note-field").press("End")
    copilot.keyboard.press("Enter")
    copilot.locator("[data-topic=culture]").click()
    _type_note(copilot, "A colleague kept making sexual remarks to her")
    expect(copilot.get_by_test_id("warning")).to_be_visible()
    expect(copilot.get_by_test_id("warning")).to_contain_text("confidential adviser")
    expect(copilot.locator("[data-save-state]")).to_have_text("All notes saved")
    copilot.screenshot(path=artifacts / "copilot-desktop.png", full_page=True)
    copilot.set_viewport_size({"width": 820, "height": 1180})
    copilot.screenshot(path=artifacts / "copilot-tablet.png", full_page=True)
    notes = list(Note.objects.filter(interview=interview).order_by("seq"))
    assert [(n.topic, n.kind) for n in notes] == [
        ("", "note"),
        ("job_content", "note"),
        ("manager", "quote"),
        ("manager", "note"),
        ("pay", "refusal"),
        ("workload", "note"),
        ("culture", "note"),
    ]
    assert notes[5].text == "Always understaffed on the ward, every week overtime"
    interview.refresh_from_db()
    assert interview.flagged is True

    # She ends the conversation, corrects a statement and sends the mirror.
    copilot.get_by_test_id("close-notes").click()
    expect(copilot.get_by_role("heading", name="Statements from your notes")).to_be_visible()
    statements = list(Statement.objects.filter(interview=interview).order_by("seq"))
    assert statements and not any("Kees" in s.text for s in statements)
    first = statements[0]
    copilot.locator(f"#text-{first.id}").fill("I got a great opportunity at another hospital.")
    copilot.get_by_test_id("save-statements").click()
    expect(copilot.get_by_text("Your corrections were saved.")).to_be_visible()
    copilot.get_by_test_id("read-all").check()
    copilot.get_by_test_id("send-mirror").click()
    expect(copilot.get_by_test_id("sent")).to_be_visible()
    copilot.screenshot(path=artifacts / "copilot-statements-desktop.png", full_page=True)

    # The leaver reviews the account exactly as after a conversation with Spiegel's interviewer.
    leaver.goto(link)
    expect(leaver.get_by_role("heading", name="What we understood")).to_be_visible()
    expect(leaver.locator(f"#text-{first.id}")).to_have_value("I got a great opportunity at another hospital.")
    leaver.locator(f"#text-{first.id}").fill("I got a great opportunity at another hospital nearer home.")
    leaver.get_by_role("button", name="Save and continue").click()
    expect(leaver.get_by_test_id("account-question")).to_be_visible()
    leaver.get_by_test_id("account-question").get_by_label("Yes, it is right").check()
    leaver.get_by_role("group", name="Did you feel heard in this conversation?").get_by_text("5", exact=True).click()
    leaver.get_by_role("group", name="Would you recommend Zorggroep Noord as an employer?").get_by_text(
        "8", exact=True
    ).click()
    leaver.get_by_role("button", name="Finish").click()
    expect(leaver.get_by_role("heading", name="Thank you")).to_be_visible()
    interview.refresh_from_db()
    first.refresh_from_db()
    assert interview.status == Status.COMPLETED
    assert first.text == "I got a great opportunity at another hospital nearer home."
    assert HumanConversation.objects.get(interview=interview).account_right == "yes"

    # The case counts in the organisation's figures like any other.
    call_command("db_worker", batch=True, verbosity=0)
    page.goto(f"{site}/o/{org.slug}/dashboard/")
    expect(page.get_by_test_id("headline-leavers")).to_contain_text("3")
