"""The people of an organisation and its interview guide (issue 15) in Debian's Chromium, in Dutch at phone
width: a consultant invites someone, who chooses a password with the one-time link and signs in; the consultant
changes the role and deactivates the account (the person's open session ends); then leaves a guide topic out and
adds a question, which the interviewer's rules refuse first. No horizontal overflow at 390 px, no role codes.
Screenshots land in test-artifacts/people-*.png and guide-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from spiegel.interviews.models import GuideCustomisation
from spiegel.tenancy.models import Membership, Role, User
from tests.browser.conftest import SignIn, screenshot_fits
from tests.support.builders import build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
RAW = ("client_admin", "client_viewer", "consultant<", "user.deactivated", "guide.customised")


def _dutch_phone(page: Page, site: str) -> Page:
    page.set_viewport_size(PHONE)
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": site}])
    return page


def _sign_in_with(page: Page, site: str, username: str, password: str) -> None:
    """Through the sign-in page with a password of the person's own (the fields found by their ids)."""
    page.goto(f"{site}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_password").press("Enter")


def _fits(page: Page, name: str, artifacts: Path) -> str:
    screenshot_fits(page, artifacts / f"{name}.png", name)
    text = page.inner_text("main")
    for code in RAW:
        assert code not in text, (name, code)
    return text


def test_a_consultant_invites_changes_a_role_deactivates_and_edits_the_guide_in_dutch_on_a_phone(
    page: Page, browser: Browser, site: str, sign_in: SignIn, artifacts: Path, mailbox: list[Any]
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    build_user(org, Role.CLIENT_ADMIN, username="bram")
    _dutch_phone(page, site)
    sign_in(page, "eva")
    page.goto(f"{site}/o/{org.slug}/settings/")
    page.get_by_role("link", name="Mensen en hun rollen: uitnodigen, rol wijzigen, uitschakelen").click()
    expect(page.get_by_role("heading", name="Mensen van Zorggroep Noord")).to_be_visible()
    _fits(page, "people-list-phone-nl", artifacts)

    # Invite: the account, a mail with the one-time link, and the link shown once.
    page.get_by_label("Gebruikersnaam (om in te loggen)").fill("sanne")
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_label("Rol in Spiegel").select_option(label="Lezer klantorganisatie")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_test_id("invited")).to_contain_text("sanne is uitgenodigd.")
    link = page.get_by_test_id("welcome-link").input_value()
    assert [m.to for m in mailbox] == [["sanne@example.org"]] and link in mailbox[0].body
    sanne_row = page.locator('[data-testid="person"][data-username="sanne"]')
    expect(sanne_row.get_by_test_id("role")).to_have_text("Lezer klantorganisatie")
    _fits(page, "people-invited-phone-nl", artifacts)

    # The newcomer chooses a password with the link and signs in.
    newcomer = _dutch_phone(browser.new_context().new_page(), site)
    newcomer.goto(link)
    chosen = "een-lang-en-eigen-wachtwoord"
    newcomer.get_by_label("Nieuw wachtwoord", exact=True).fill(chosen)
    newcomer.get_by_label("Nieuw wachtwoord bevestigen").fill(chosen)
    newcomer.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(newcomer.get_by_text("Je wachtwoord is ingesteld.")).to_be_visible()
    _sign_in_with(newcomer, site, "sanne", chosen)
    newcomer.wait_for_url(lambda url: "/login/" not in url)

    # Change the role.
    sanne_row.get_by_label("Rol van sanne").select_option(label="Beheerder klantorganisatie")
    sanne_row.get_by_role("button", name="Rol wijzigen").click()
    expect(page.get_by_text("sanne is nu beheerder klantorganisatie.")).to_be_visible()
    expect(sanne_row.get_by_test_id("role")).to_have_text("Beheerder klantorganisatie")
    sanne = User.objects.get(username="sanne")
    assert Membership.objects.get(user=sanne, organisation=org).role == Role.CLIENT_ADMIN

    # Deactivate, after a confirmation; the open session ends.
    sanne_row.get_by_role("link", name="Uitschakelen…").click()
    question = page.get_by_test_id("deactivate-question")
    expect(question).to_contain_text("sanne (Beheerder klantorganisatie) uitschakelen?")
    _fits(page, "people-deactivate-phone-nl", artifacts)
    page.get_by_role("button", name="Uitschakelen", exact=True).click()
    expect(page.get_by_text("sanne kan niet meer inloggen.")).to_be_visible()
    expect(sanne_row.get_by_test_id("state")).to_have_text("uitgeschakeld")
    newcomer.goto(f"{site}/o/{org.slug}/")
    assert "/login/" in newcomer.url
    _sign_in_with(newcomer, site, "sanne", chosen)
    expect(newcomer.get_by_role("alert")).to_contain_text("De gebruikersnaam of het wachtwoord klopt niet.")
    _fits(page, "people-after-phone-nl", artifacts)

    # The guide: leave a topic out; a closed question is refused beside its topic; an open one is saved.
    page.goto(f"{site}/o/{org.slug}/settings/")
    page.get_by_role("link", name="Gespreksgids: onderwerpen weglaten, eigen vragen toevoegen").click()
    pay = page.locator('[data-topic="pay"]')
    manager = page.locator('[data-topic="manager"]')
    pay.get_by_label("Dit onderwerp weglaten").check()
    manager.get_by_label("Eigen vragen (één per regel)").fill("Was het je leidinggevende?")
    page.get_by_role("button", name="Gids opslaan").click()
    expect(page.get_by_test_id("guide-refused")).to_contain_text("Er is niets opgeslagen.")
    expect(manager.get_by_role("alert")).to_contain_text("het is een gesloten vraag (te beantwoorden met ja of nee)")
    expect(pay.get_by_label("Dit onderwerp weglaten")).to_be_checked()
    manager.scroll_into_view_if_needed()
    _fits(page, "guide-refused-phone-nl", artifacts)
    assert not GuideCustomisation.objects.exists()
    manager.get_by_label("Eigen vragen (één per regel)").fill("Hoe verliep het contact met je leidinggevende?")
    page.get_by_role("button", name="Gids opslaan").click()
    expect(page.get_by_text("Opgeslagen: nieuwe zaken in deze taal gebruiken deze gids.")).to_be_visible()
    _fits(page, "guide-saved-phone-nl", artifacts)
    custom = GuideCustomisation.objects.get(organisation=org, language="nl")
    assert custom.remove_topics == ["pay"]
    assert custom.extra_questions == {"manager": ["Hoe verliep het contact met je leidinggevende?"]}

    # The list at desktop width, in English.
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    sign_in(desktop, "eva")
    desktop.goto(f"{site}/o/{org.slug}/users/")
    text = _fits(desktop, "people-desktop-en", artifacts)
    assert "Client administrator" in text and "deactivated" in text
