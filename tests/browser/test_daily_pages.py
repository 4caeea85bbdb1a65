"""The practitioner's daily pages (issue 15) in Debian's Chromium at phone and desktop width: each page shows
its content without leaked internal strings and without horizontal overflow at 390 px. Screenshots land in
test-artifacts/daily-*.png."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from spiegel.interviews.models import Interview
from spiegel.tenancy.models import ApiKey, Role
from tests.browser.conftest import SignIn, screenshot_fits
from tests.support.builders import build_case, build_completed_case, build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)


def _check(page: Page, url: str, name: str, artifacts: Path, *, reload: bool = True) -> str:
    """Screenshots at each width; no horizontal overflow. `reload=False` keeps the page as it is (a POST's answer)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if reload:
            assert page.goto(url) is not None
        screenshot_fits(page, artifacts / f"daily-{name}-{width}.png", f"{name} at {width} px")
    text = page.inner_text("body")
    assert "#1 interviewer" not in text
    return text


def test_the_transcript_and_the_report_of_an_interview_read_well_at_phone_and_desktop_width(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    case = build_completed_case(org, language="nl")
    sign_in(page, "eva")
    base = f"{site}/o/{org.slug}/cases/{case.interview.id}"
    for name in ("transcript", "report"):
        text = _check(page, f"{base}/{name}/", name, artifacts)
        assert str(case.interview.id) not in text


def test_the_api_docs_page_shows_the_api_without_asking_any_other_host(page: Page, site: str, artifacts: Path) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{site}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Spiegel API")
    expect(page.locator(".opblock").first).to_be_visible()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"daily-api-docs-{width}.png"), full_page=True)
    assert hosts == {urlsplit(site).netloc}


def test_a_new_case_needs_department_and_role_shows_its_link_once_and_warns_of_a_duplicate(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    sign_in(page, "eva")
    new = f"{site}/o/{org.slug}/cases/new/"
    page.goto(new)
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_text("Give the department the leaver works in.")).to_be_visible()
    _check(page, page.url, "new-case-errors", artifacts, reload=False)
    page.get_by_label("Department").fill("Verpleging")
    page.get_by_label("Role", exact=True).fill("Nurse")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_test_id("invite-link")).to_be_visible()
    _check(page, page.url, "case-link", artifacts, reload=False)
    page.reload()
    expect(page.get_by_test_id("link-shown")).to_be_visible()
    page.goto(new)
    page.get_by_label("Department").fill("Verpleging")
    page.get_by_label("Role", exact=True).fill("nurse")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_test_id("duplicate-warning")).to_be_visible()
    _check(page, page.url, "new-case-duplicate", artifacts, reload=False)
    page.get_by_label("This is another leaver: open a new case anyway.").check()
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_test_id("invite-link")).to_be_visible()


def test_the_case_list_reads_well_with_references_filters_a_flag_and_pages(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    for n in range(26):
        build_case(org, department=("Verpleging", "Thuiszorg", "Keuken")[n % 3], role_title=f"Verzorgende {n}")
    flagged = build_case(org, department="Keuken", role_title="Kok")
    Interview.objects.filter(pk=flagged.interview.pk).update(flagged=True)
    sign_in(page, "eva")
    text = _check(page, f"{site}/o/{org.slug}/cases/", "case-list", artifacts)
    assert "Disclosure: follow up" in text and "Page 1 of 2" in text
    page.get_by_label("Search").fill("kok")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("case-ref")).to_have_count(1)
    expect(page.get_by_test_id("flag")).to_be_visible()
    page.get_by_test_id("case-ref").click()
    expect(page.get_by_test_id("case-reference")).to_have_text(re.compile(r"^ZN-\d{4}-027$"))
    _check(page, page.url, "case-detail", artifacts)


def test_the_404_and_403_pages_are_spiegel_s_own_in_dutch(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CLIENT_VIEWER, username="lees")
    page.set_extra_http_headers({"Accept-Language": "nl"})
    text = _check(page, f"{site}/geen-pagina/", "404-nl", artifacts)
    assert "Pagina niet gevonden" in text
    sign_in(page, "lees")
    text = _check(page, f"{site}/o/{org.slug}/cases/", "403-nl", artifacts)
    assert "Geen toegang" in text


def test_an_api_key_is_copied_with_a_button_and_revoked_only_after_confirming(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CLIENT_ADMIN, username="hr")
    sign_in(page, "hr")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site}/o/{org.slug}/apikeys/")
    page.get_by_label("Name (what it is for)").fill("HR-systeem")
    page.get_by_role("button", name="Create a key").click()
    key = page.get_by_test_id("new-key").input_value()
    assert key.startswith("spk_")
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == key
    _check(page, page.url, "apikeys-new", artifacts, reload=False)
    page.get_by_role("link", name="Revoke…").click()
    expect(page.get_by_test_id("revoke-question")).to_contain_text(
        "Revoke the key 'HR-systeem'? Systems that use it stop working at once; this cannot be undone."
    )
    _check(page, page.url, "apikeys-revoke", artifacts)
    page.get_by_role("link", name="Keep the key").click()
    assert ApiKey.objects.get(organisation=org).revoked_at is None
    page.get_by_role("link", name="Revoke…").click()
    page.get_by_role("button", name="Revoke the key").click()
    expect(page.get_by_text("The key was revoked.")).to_be_visible()
    assert ApiKey.objects.get(organisation=org).revoked_at is not None
