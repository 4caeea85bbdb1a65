"""The practice's settings and the audit log (issue 15) in Debian's Chromium, at phone and desktop width, in
Dutch and English: no raw codes, no horizontal overflow at 390 px. Screenshots land in test-artifacts/settings-*.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import record_audit, record_interview_view
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, build_case, build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
RAW_CODES = ("retention.purged", "interview.viewed", "case.opened", "apikey.created", "client_admin", "#1 interviewer")


@pytest.fixture
def site(live_server: Any, settings: Any) -> str:
    settings.SPIEGEL_BASE_URL = live_server.url
    return str(live_server.url)


def _sign_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _language(page: Page, site: str, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": site}])


def _look(page: Page, url: str, name: str, artifacts: Path) -> str:
    """Screenshots at both widths; no horizontal overflow; no raw code in the text."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.goto(url) is not None
        page.screenshot(path=str(artifacts / f"settings-{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} overflows by {overflow} px at {width} px"
    text = page.inner_text("main")
    for code in RAW_CODES:
        assert code not in text, (name, code)
    return text


def test_the_audit_log_reads_in_words_filters_and_fits_a_phone(page: Page, site: str, artifacts: Path) -> None:
    org = build_org("Zorggroep Noord")
    eva = build_user(org, Role.CONSULTANT, username="eva")
    built = build_case(org)
    record_interview_view(Actor.for_user(eva), built.interview, "report (whole)")
    record_audit(
        Actor.system("retention"),
        "retention.purged",
        organisation=org,
        object_type="interview",
        object_id=str(built.interview.id),
    )
    _sign_in(page, site, "eva")
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
