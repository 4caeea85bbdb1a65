"""The case with a disclosure and its follow-up page in Debian's Chromium at phone and desktop width, Dutch and
English: no horizontal overflow at 390 px. Screenshots land in test-artifacts/disclosure-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import TestCase
from playwright.sync_api import Page

from spiegel.interviews.conversation import post_message
from spiegel.tenancy.models import Role
from tests.browser.conftest import SignIn, screenshot_fits
from tests.support.builders import build_case, build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_with_a_disclosure_reads_well_at_phone_and_desktop_width(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    built = build_case(org)
    for answer in (
        "Ik ga weg omdat de werkdruk op de afdeling te hoog werd.",
        "Een cliënt is gevallen en de melding is nergens gebleven.",
        "Ik wil dat het bij de vertrouwenspersoon terechtkomt, niet bij mijn oude team.",
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):
            post_message(built.interview, answer)
    sign_in(page, "eva")
    base = f"{site}/o/{org.slug}/cases/{built.interview.id}"
    for language in ("en", "nl"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        for name, url in (
            ("case", f"{base}/"),
            ("follow-up", f"{base}/disclosures/"),
            ("mine", f"{site}/me/conversations/"),
        ):
            for width in (390, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(url)
                screenshot_fits(page, artifacts / f"disclosure-{name}-{language}-{width}.png", f"{name} at {width} px")
        text = page.inner_text("body")
        assert ("Veiligheid van patiënten of cliënten" if language == "nl" else "Patient or client safety") in text
