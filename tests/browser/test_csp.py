"""The Content-Security-Policy on every page (issue 16): Chromium reports no violation while staff and a leaver
use the pages, and what the inline handlers used to do still works from static/spiegel/ui.js."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from spiegel.interviews.models import Status
from tests.browser.conftest import SignIn, start_conversation
from tests.support.builders import build_analysed_case, build_case, build_practice_and_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
    "The salary at my new job is fifteen percent higher.",
)


def test_staff_and_leaver_pages_run_under_the_csp_without_a_violation(page: Page, site: str, sign_in: SignIn) -> None:
    org = build_practice_and_client(min_group_size=3)
    for _ in range(3):
        build_analysed_case(org, ANSWERS, language="en", department="Verpleging", leave_date=dt.date(2025, 5, 14))
    response = page.goto(f"{site}/login/")
    assert response is not None
    assert "script-src 'self';" in response.headers["content-security-policy"]
    sign_in(page, "eva")
    expect(page.get_by_role("heading", name="Organisations")).to_be_visible()
    page.get_by_role("link", name="Zorggroep Noord").click()
    page.get_by_role("link", name="Open a case").first.click()
    page.get_by_label("Language of the conversation").select_option("en")
    page.get_by_label("Department").fill("Verpleging")
    page.get_by_label("Role", exact=True).fill("Nurse")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_test_id("invite-link")).to_be_visible()
    page.get_by_test_id("invite-link").click()  # selected by ui.js, no inline handler
    assert page.evaluate("() => window.getSelection().toString() || document.activeElement.selectionEnd") != ""
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()

    dashboard = page.goto(f"{site}/o/{org.slug}/dashboard/")
    assert dashboard is not None
    assert "'unsafe-eval'" not in dashboard.headers["content-security-policy"]
    assert "'unsafe-inline'" not in dashboard.headers["content-security-policy"]
    expect(page.locator("[data-chart][data-ready='1']")).to_have_count(3, timeout=20_000)
    assert page.locator("[data-chart][data-error]").count() == 0
    page.locator("[data-chart] svg .mark-rect path, [data-chart] svg .mark-rect rect").first.hover()
    expect(page.locator("#vg-tooltip-element.visible")).to_be_visible()  # the tooltip, styled by dashboard.css

    # The API docs (Swagger UI) under the same strict policy, trying out a call included.
    docs = page.goto(f"{site}/api/v1/docs")
    assert docs is not None and docs.headers["content-security-policy"] == dashboard.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Spiegel API")
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    expect(page.locator(".responses-wrapper .response-col_status").first).to_be_visible()

    # The language switch submits with its button (it no longer submits on change: test_accessibility).
    page.goto(f"{site}/orgs/")
    page.locator("#lang-select").select_option("nl")
    page.locator(".langswitch button").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    leaver_case = build_case(org, language="en")
    leaver = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    start_conversation(leaver, f"{site}/i/{leaver_case.token}/")
    answer = leaver.get_by_label("Your answer")
    answer.fill("The workload on the ward was far too high.")
    answer.press("Control+Enter")  # sends, through ui.js
    expect(leaver.get_by_test_id("send")).to_be_visible()
    leaver_case.interview.refresh_from_db()
    assert leaver_case.interview.status == Status.IN_PROGRESS
    bar = leaver.locator(".progress-bar")
    progress = bar.get_attribute("data-progress")
    assert progress is not None and progress.isdigit()
    # The width is set by ui.js, not by a style attribute; the reply may swap in a new bar meanwhile, so
    # wait until the bar on the page shows its own data-progress.
    leaver.wait_for_function(
        "() => { const e = document.querySelector('.progress-bar');"
        " return e !== null && e.style.width === e.getAttribute('data-progress') + '%'; }",
        timeout=10_000,
    )
    # No violation in either context: the autouse fixture of conftest.py watches every context's console.
