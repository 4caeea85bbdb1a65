"""Spiegel's error pages in Debian's Chromium at phone width (issue 15): in the visitor's language, in the site's
look, without horizontal overflow, with a way on. Screenshots land in test-artifacts/error-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at_phone_width(page: Page, name: str, artifacts: Path) -> None:
    screenshot_fits(page, artifacts / f"error-{name}-390.png", f"{name} at 390 px")


def test_the_404_page_speaks_the_browsers_dutch_and_english_when_the_language_cookie_says_so(
    page: Page, site: str, artifacts: Path
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_extra_http_headers({"Accept-Language": "nl-NL,nl;q=0.9"})
    response = page.goto(f"{site}/geen-pagina/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    _at_phone_width(page, "404-nl", artifacts)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _at_phone_width(page, "404-en", artifacts)
    page.get_by_role("link", name="To the start page").click()
    page.wait_for_url(f"{site}/login/**")


def test_a_form_sent_from_a_stale_page_says_so_in_dutch_and_leads_back(page: Page, site: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_extra_http_headers({"Accept-Language": "nl"})
    page.goto(f"{site}/login/")
    page.context.clear_cookies()  # as when the page stood open past the session, or cookies are refused
    page.locator("#id_username").fill("iemand")
    page.locator("#id_password").fill("geheim-wachtwoord")
    with page.expect_response(lambda r: r.url.endswith("/login/") and r.request.method == "POST") as sent:
        page.locator("#id_password").press("Enter")
    assert sent.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit formulier is verlopen")
    expect(page.get_by_text("Ga terug, laad de pagina opnieuw en verstuur het nog eens.")).to_be_visible()
    _at_phone_width(page, "stale-form-nl", artifacts)
    page.get_by_role("link", name="Naar de startpagina").click()
    page.wait_for_url(f"{site}/login/**")
