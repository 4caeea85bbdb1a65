"""The organisation's view in Debian's Chromium: from a new case through the leaver's conversation and mirror to
the dashboard, the client's report about the interview and the PDF. Screenshots land in test-artifacts/."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from harness.personas import persona_by_id
from harness.simulator import SimulatedLeaver
from spiegel.interviews.models import Interview, Status
from spiegel.mirror.models import Statement
from spiegel.mirror.preparing import build_mirror
from spiegel.reports.models import ReportJob
from spiegel.tenancy.models import Role
from tests.browser.conftest import SignIn, fill_new_case, question_on, send_answer, start_conversation
from tests.support.builders import (
    build_analysed_case,
    build_historical_exits,
    build_practice_and_client,
    build_user,
    run_queued,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLIER = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
    "The salary at my new job is fifteen percent higher.",
)


def _hold_the_conversation(page: Page, link: str) -> None:
    leaver = SimulatedLeaver(persona_by_id("en-nurse"))
    start_conversation(page, link)
    for _turn in range(40):
        question = question_on(page)
        if not question or page.get_by_text("Thank you for the conversation").is_visible():
            break
        send_answer(page, question, leaver.answer(question))
    expect(page.get_by_text("Thank you for the conversation")).to_be_visible()


def test_from_a_new_case_to_the_dashboard_the_clients_report_and_the_pdf(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_practice_and_client(average_salary=42000)
    build_user(org, Role.CLIENT_ADMIN, username="hr")
    # Earlier leavers, so that the new one's group reaches k = 5 (and one small department stays hidden).
    for _ in range(4):
        build_analysed_case(org, EARLIER, language="en", department="Verpleging")
    build_historical_exits(
        org,
        [f"H{n};2025-0{1 + n % 6}-15;Verpleging;workload;pay;yes" for n in range(8)]
        + ["H90;2025-03-15;Facilitair;pay;;no", "H91;2025-04-15;Facilitair;career;;no"],
    )

    # The consultant opens a case.
    sign_in(page, "eva")
    fill_new_case(page, site, org.slug)
    page.get_by_label("Tenure (months)").fill("30")
    page.get_by_role("button", name="Open the case").click()
    link = page.get_by_test_id("invite-link").input_value()

    # The leaver holds the conversation and completes the mirror, sharing one statement with their name.
    leaver = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # type: ignore[union-attr]
    _hold_the_conversation(leaver, link)
    interview = Interview.objects.get(organisation=org, department__name="Verpleging", status=Status.REVIEW)
    leaver.get_by_test_id("to-mirror").click()
    expect(leaver.get_by_test_id("mirror-preparing")).to_be_visible()  # the closing turn only queued the mirror
    assert run_queued(build_mirror.module_path) == 1  # the worker's turn
    expect(leaver.get_by_test_id("statement").first).to_be_visible(timeout=10_000)
    named = next(s for s in Statement.objects.filter(interview=interview).order_by("seq") if not s.special_category)
    leaver.locator(f"#s-{named.id}").get_by_label("Share linked to my case").check()
    leaver.get_by_role("button", name="Save and continue").click()
    leaver.get_by_role("group", name="Did you feel heard in this conversation?").get_by_text("5", exact=True).click()
    leaver.get_by_role("group", name="Would you recommend Zorggroep Noord as an employer?").get_by_text(
        "9", exact=True
    ).click()
    leaver.get_by_role("button", name="Finish").click()
    expect(leaver.get_by_role("heading", name="Thank you")).to_be_visible()
    call_command("db_worker", batch=True, verbosity=0)  # the analysis the mirror queued
    named.refresh_from_db()

    # The client's HR sees the dashboard and the report about this interview.
    client = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # type: ignore[union-attr]
    sign_in(client, "hr")
    client.goto(f"{site}/o/{org.slug}/dashboard/")
    expect(client.get_by_test_id("headline-leavers")).to_contain_text("15")
    for chart in ("reasons", "trend", "heatmap"):
        expect(client.locator(f"[data-testid=chart-{chart}][data-ready='1'] svg")).to_be_visible()
    facilitair = client.locator("[data-testid=table-heatmap] tr", has_text="Facilitair")
    expect(facilitair.locator("td.suppressed")).to_have_count(facilitair.locator("td").count())
    client.screenshot(path=artifacts / "dashboard-desktop.png", full_page=True)
    client.set_viewport_size({"width": 390, "height": 844})
    client.reload()
    expect(client.locator("[data-testid=chart-reasons][data-ready='1'] svg")).to_be_visible()
    client.screenshot(path=artifacts / "dashboard-phone.png", full_page=True)
    client.goto(f"{site}/o/{org.slug}/cases/{interview.id}/report/")
    expect(client.get_by_test_id("report-statement")).to_have_count(1)
    expect(client.get_by_test_id("report-statement")).to_contain_text(named.text)
    expect(client.get_by_test_id("interview-reasons")).to_be_visible()
    expect(client.get_by_test_id("transcript")).to_have_count(0)

    # The PDF is made by the worker while the page shows its progress, then downloads.
    client.set_viewport_size({"width": 1280, "height": 900})
    client.goto(f"{site}/o/{org.slug}/dashboard/")
    client.get_by_test_id("make-pdf").click()
    expect(client.get_by_test_id("report-status")).to_have_attribute("data-status", "queued")
    # The worker runs in this test's thread, which shares the in-memory SQLite connection with the live
    # server: the page's status poll (every second) must not run at the same time, or the two can lock each
    # other up. A real worker is its own process with its own connection. The page comes back afterwards.
    client.goto("about:blank")
    call_command("db_worker", batch=True, verbosity=0)
    assert ReportJob.objects.get(organisation=org).status == "done"
    client.goto(f"{site}/o/{org.slug}/dashboard/")
    expect(client.get_by_test_id("report-status")).to_have_attribute("data-status", "done")
    with client.expect_download() as download:
        client.get_by_test_id("download-pdf").click()
    pdf = artifacts / "organisation-report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(artifacts / "report-page")], check=True
    )
    assert len(list(artifacts.glob("report-page-*.png"))) == 2
