"""Choosing a password with the invitation link, in Debian's Chromium at phone and desktop width, in Dutch: the
rules under the field and the errors say "je", never "u"/"uw"; then the organisation's audit page lists the
chosen password, and another organisation's does not. No horizontal overflow at 390 px. Screenshots land in
test-artifacts/password-*.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from spiegel.tenancy.models import Role, User
from spiegel.web.welcome import welcome_url
from tests.browser.conftest import SignIn, screenshot_fits
from tests.support.builders import build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
# The formal ways to address the reader, as whole words: u, U, uw, Uw, uzelf, Uzelf.
FORMAL = re.compile(r"\b(?:u|U|uw|Uw|uzelf|Uzelf)\b")


def _dutch(page: Page, site: str) -> Page:
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": site}])
    return page


def _look(page: Page, name: str, artifacts: Path) -> str:
    """Screenshots of the page as it is at both widths; no horizontal overflow; the words of its main part."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot_fits(page, artifacts / f"password-{name}-{width}.png", f"{name} at {width} px")
    return page.inner_text("main")


def test_a_password_chosen_in_dutch_says_je_and_is_in_its_organisations_audit_log(
    page: Page, browser: Browser, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    noord, zuid = build_org("Zorggroep Noord"), build_org("Thuiszorg Zuid")
    build_user(noord, Role.CONSULTANT, username="eva")
    build_user(zuid, Role.CONSULTANT, username="frits")
    sanne = build_user(noord, Role.CLIENT_VIEWER, username="sanne")
    User.objects.filter(pk=sanne.pk).update(first_name="Sanne", email="sanne.devries@zorg.example")
    sanne.refresh_from_db()

    _dutch(page, site).goto(welcome_url(sanne))
    texts = [_look(page, "form-nl", artifacts)]
    assert "Je wachtwoord moet minstens 10 tekens lang zijn." in texts[0]
    for attempt, error in (
        ("kort-1", "Dit wachtwoord is te kort: het moet minstens 10 tekens lang zijn."),
        ("sanne.devries@zorg.example", "Dit wachtwoord lijkt te veel op je e-mailadres."),
    ):
        page.get_by_label("Nieuw wachtwoord", exact=True).fill(attempt)
        page.get_by_label("Nieuw wachtwoord bevestigen").fill(attempt)
        page.get_by_role("button", name="Wachtwoord opslaan").click()
        expect(page.get_by_role("alert")).to_have_text(error)
        texts.append(_look(page, f"refused-{len(texts)}-nl", artifacts))
    assert [FORMAL.findall(text) for text in texts] == [[], [], []]
    chosen = "sannes-eigen-lange-wachtwoord"
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(chosen)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(chosen)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("Je wachtwoord is ingesteld.")).to_be_visible()

    eva = _dutch(browser.new_context().new_page(), site)
    sign_in(eva, "eva")
    eva.goto(f"{site}/o/{noord.slug}/audit/?action=auth.password_chosen")
    rows = eva.get_by_test_id("audit-event")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("wachtwoord gekozen met de uitnodigingslink")
    expect(rows).to_contain_text("Sanne")
    _look(eva, "audit-noord-nl", artifacts)

    frits = _dutch(browser.new_context().new_page(), site)
    sign_in(frits, "frits")
    frits.goto(f"{site}/o/{zuid.slug}/audit/?action=auth.password_chosen")
    expect(frits.get_by_test_id("audit-event")).to_have_count(0)
