"""The practice's settings and the audit log (issue 15) in Debian's Chromium, at phone and desktop width, in
Dutch and English: no raw codes, no horizontal overflow at 390 px. Screenshots land in test-artifacts/settings-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from spiegel.tenancy.models import Role
from tests.browser.conftest import SignIn, screenshot_fits
from tests.support.builders import build_audited_case, build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
RAW_CODES = ("retention.purged", "interview.viewed", "case.opened", "apikey.created", "client_admin", "#1 interviewer")


def _language(page: Page, site: str, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": site}])


def _look(page: Page, url: str, name: str, artifacts: Path) -> str:
    """Screenshots at both widths; no horizontal overflow; no raw code in the text."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(url) is not None
        screenshot_fits(page, artifacts / f"settings-{name}-{width}.png", f"{name} at {width} px")
    text = page.inner_text("main")
    for code in RAW_CODES:
        assert code not in text, (name, code)
    return text


def test_the_audit_log_reads_in_words_filters_and_fits_a_phone(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_audited_case(org, build_user(org, Role.CONSULTANT, username="eva"))
    sign_in(page, "eva")
    for lang, words in (("en", "deleted by retention"), ("nl", "gewist na de bewaartermijn")):
        _language(page, site, lang)
        text = _look(page, f"{site}/o/{org.slug}/audit/", f"audit-{lang}", artifacts)
        assert words in text
    _language(page, site, "en")
    page.goto(f"{site}/o/{org.slug}/audit/")
    page.get_by_label("From").fill("2026-05-02")
    page.get_by_label("To (inclusive)").fill("2026-05-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("filter-error")).to_contain_text("is later than the end date")
    expect(page.get_by_test_id("audit-event")).to_have_count(0)
    _look(page, page.url, "audit-bad-range", artifacts)


def test_the_settings_pages_fit_a_phone_and_explain_a_refused_value(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    sign_in(page, "eva")
    for lang, title in (("en", "Settings of the practice"), ("nl", "Instellingen van de praktijk")):
        _language(page, site, lang)
        assert title in _look(page, f"{site}/settings/", f"practice-{lang}", artifacts)
        _look(page, f"{site}/o/{org.slug}/settings/", f"organisation-{lang}", artifacts)
    _language(page, site, "en")
    page.goto(f"{site}/o/{org.slug}/settings/")
    page.get_by_label("Average annual salary (euros, before tax)").fill("41000")
    page.get_by_label("Minimum group size").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Give a value from 3 to 50.")).to_be_visible()
    expect(page.get_by_label("Average annual salary (euros, before tax)")).to_have_value("41000")
    page.get_by_label("Minimum group size").fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    org.refresh_from_db()
    assert org.average_salary == 41000
