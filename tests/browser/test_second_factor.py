"""Two-step sign-in in a real browser (issue 16): a consultant whose role requires a second factor enrols with
the key shown next to the QR code, keeps the recovery codes, signs out, and signs in again with a code from
the app, on a phone-width screen, without a Content-Security-Policy violation (conftest.py watches) or a page
wider than the screen."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from spiegel.privacy import totp
from spiegel.tenancy.models import Role
from tests.browser.conftest import SignIn, screenshot_fits
from tests.support.builders import build_org, build_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _steady() -> None:
    """Start early in a 30-second step: the codes computed below are still accepted when they are checked."""
    left = totp.STEP_SECONDS - time.time() % totp.STEP_SECONDS
    if left < 15:
        time.sleep(left + 0.1)


def _fits(page: Page, name: str, artifacts: Path) -> None:
    screenshot_fits(page, artifacts / f"second-factor-{name}.png", name)


def test_a_consultant_enrols_and_signs_in_with_a_code_on_a_phone(
    page: Page, site: str, sign_in: SignIn, settings: Any, artifacts: Path
) -> None:
    settings.SPIEGEL_SECOND_FACTOR_ROLES = ["consultant"]
    build_user(build_org("Zorggroep Noord"), Role.CONSULTANT, username="eva")
    page.set_viewport_size({"width": 375, "height": 800})
    _steady()

    sign_in(page, "eva")
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    box = page.get_by_test_id("qr").locator("svg").bounding_box()
    assert box is not None and 120 <= box["width"] <= 375
    _fits(page, "enrol-375", artifacts)
    secret = page.get_by_test_id("manual-key").inner_text().replace(" ", "")
    step = totp.step_at()
    page.get_by_label("Type the six-digit code the app shows now").fill(totp.code_for_step(secret, step))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    _fits(page, "recovery-codes-375", artifacts)
    page.get_by_role("link", name="I have kept them — continue").click()
    page.get_by_role("button", name="Menu").click()  # on a phone the account sits behind the menu
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "eva")
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    _fits(page, "code-375", artifacts)
    page.get_by_label("Code from the app").fill(totp.code_for_step(secret, step + 1))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name="Menu")).to_be_visible()  # signed in

    page.goto(f"{site}/account/second-factor/")
    expect(page.get_by_test_id("second-factor-on")).to_be_visible()
    _fits(page, "account-375", artifacts)
    page.set_viewport_size({"width": 1280, "height": 800})
    _fits(page, "account-1280", artifacts)
