"""The pages of a human-led conversation at phone, tablet and desktop width, in Dutch and English: nothing runs
off the side, and each page shows its own heading. Screenshots land in test-artifacts/ (the README shows two of
them, copied to docs/screenshots/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from spiegel.copilot.actions import (
    NoteInputData,
    PlanInput,
    ProfileInput,
    answer_plan,
    close_notes,
    plan_conversation,
    save_note,
    save_profile,
)
from spiegel.copilot.suggest import topic_ids
from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.models import Mode
from spiegel.privacy.actors import Actor
from spiegel.tenancy.models import Role
from tests.browser.conftest import SignIn
from tests.support.builders import build_case, build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTES = {
    "nl": [
        ("", "Kreeg een mooie kans bij een ander ziekenhuis, dichter bij huis"),
        ("manager", "Leidinggevende Kees gaf nooit feedback, heel frustrerend"),
        ("workload", "Altijd onderbezet, elke week overwerk"),
        ("culture", "Een collega maakte steeds seksueel getinte opmerkingen"),
    ],
    "en": [
        ("", "Got a great opportunity at another hospital, closer to home"),
        ("manager", "Manager Kees never gave feedback, really frustrating"),
        ("workload", "Always understaffed, overtime every week"),
        ("culture", "A colleague kept making sexual remarks to her"),
    ],
}
HEADINGS = {
    "nl": {
        "leaver": "Je exitgesprek",
        "plan": "Het gesprek plannen",
        "copilot": "Co-piloot",
        "statements": "Uitspraken uit je aantekeningen",
        "mine": "Mijn gesprekken",
        "profile": "Je interviewersprofiel",
    },
    "en": {
        "leaver": "Your exit interview",
        "plan": "Planning the conversation",
        "copilot": "Co-pilot",
        "statements": "Statements from your notes",
        "mine": "My conversations",
        "profile": "Your interviewer profile",
    },
}
WIDTHS = {"phone": 375, "tablet": 820, "desktop": 1366}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_of_a_human_led_conversation_fits_phone_tablet_and_desktop(
    page: Page, site: str, sign_in: SignIn, artifacts: Path, language: str
) -> None:
    org = build_org("Zorggroep Noord")
    anna = build_user(org, Role.INTERVIEWER, username="anna")
    anna.language = language
    anna.save()
    save_profile(anna, ProfileInput("Anna de Wit", "De Wit Exitgesprekken", "Onafhankelijk, twaalf jaar ervaring."))
    actor = Actor.for_user(anna)
    planned = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=anna, language=language)
    moment = timezone.now() + dt.timedelta(days=2)
    plan_conversation(actor, planned.interview, PlanInput(moment, "video", "https://meet.example.org/spiegel-42"))
    held = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=anna, language=language)
    plan_conversation(actor, held.interview, PlanInput(moment, "phone", "06-11112222"))
    answer_plan(held.interview, confirm=True)
    topics = topic_ids(load_default_guide(language))
    for n, (topic, text) in enumerate(NOTES[language]):
        save_note(actor, held.interview, NoteInputData(f"s{n}", text, topic), topics)
    closed = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=anna, language=language)
    plan_conversation(actor, closed.interview, PlanInput(moment, "in_person", "Stationsplein 1, Utrecht"))
    answer_plan(closed.interview, confirm=True)
    for n, (topic, text) in enumerate(NOTES[language]):
        save_note(actor, closed.interview, NoteInputData(f"c{n}", text, topic), topics)
    close_notes(actor, closed.interview)

    page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
    sign_in(page, "anna")
    base = f"{site}/o/{org.slug}/cases"
    pages = {
        "leaver": f"{site}/i/{planned.token}/?lang={language}",
        "plan": f"{base}/{planned.interview.id}/conversation/",
        "copilot": f"{base}/{held.interview.id}/copilot/",
        "statements": f"{base}/{closed.interview.id}/statements/",
        "mine": f"{site}/me/conversations/",
        "profile": f"{site}/me/profile/",
    }
    for name, url in pages.items():
        for width_name, width in WIDTHS.items():
            if width_name == "tablet" and name != "copilot":
                continue
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            expect(page.get_by_role("heading", level=1).first).to_contain_text(HEADINGS[language][name])
            if name == "copilot":
                expect(page.get_by_test_id("warning")).to_be_visible()
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert overflow is False, f"{name} at {width_name} runs off the side"
            page.screenshot(path=artifacts / f"copilot-{name}-{width_name}-{language}.png", full_page=True)
