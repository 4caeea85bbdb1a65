"""Accessibility (issue 15): axe-core, served from the test's own package (axe-playwright-python bundles
axe.min.js; nothing is fetched), finds no serious or critical violation on the leaver's pages (the invitation
with its consent, the human-led invitation, the conversation, the mirror, the closing questions, the receipt) and
on the organisation's dashboard, in Dutch and English, at phone and desktop width. axe does not judge focus rings
or menus: the focus ring's contrast, the phone menu and the language menu are checked here by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from spiegel.copilot.actions import PlanInput, plan_conversation
from spiegel.interviews.models import Mode
from spiegel.privacy.actors import Actor
from spiegel.tenancy.models import Organisation, Role
from tests.browser.conftest import SignIn
from tests.support.builders import (
    build_analysed_case,
    build_case,
    build_closed_case,
    build_org,
    build_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)
SERIOUS = ("serious", "critical")


def _violations(page: Page) -> list[str]:
    """axe's serious and critical violations on the page as it is: rule, impact, the first elements it names."""
    results: dict[str, Any] = Axe().run(page).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] in SERIOUS:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}x): {targets}")
    return found


def test_the_leavers_pages_and_the_dashboard_have_no_serious_accessibility_violation(
    browser: Browser, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    Organisation.objects.filter(pk=org.pk).update(min_group_size=3)
    anna = build_user(org, Role.INTERVIEWER, username="anna")
    build_user(org, Role.CLIENT_ADMIN, username="hr")
    completed = [build_analysed_case(org, language="nl", department="Verpleging") for _ in range(3)]
    closed = build_closed_case(org, language="nl")
    human = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=anna, language="nl")
    plan_conversation(
        Actor.for_user(anna), human.interview, PlanInput(timezone.now() + dt.timedelta(days=2), "phone", "06-11112222")
    )
    problems: list[str] = []
    for language in ("nl", "en"):
        chatting = build_case(org, language=language)
        pages = {
            "invitation": f"/i/{chatting.token}/?lang={language}",
            "invitation-human-led": f"/i/{human.token}/?lang={language}",
            "chat": f"/i/{chatting.token}/chat/",
            "mirror": f"/i/{closed.token}/mirror/?lang={language}",
            "closing": f"/i/{closed.token}/mirror/closing/?lang={language}",
            "receipt": f"/r/{completed[0].receipt}/?lang={language}",
            "dashboard": f"/o/{org.slug}/dashboard/",
        }
        context = browser.new_context()
        context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        page = context.new_page()
        sign_in(page, "hr")
        for name, path in pages.items():
            if name == "chat":  # the leaver agrees on the invitation page and is taken to the conversation
                page.goto(f"{site}/i/{chatting.token}/?lang={language}")
                page.locator("input[name=consent]").check()
                page.locator("form:has(input[name=consent]) button[type=submit]").click()
                page.wait_for_url(f"**{path}")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(site + path)
                page.wait_for_function(
                    "() => document.querySelectorAll('[data-chart]:not([data-ready]):not([data-error])').length === 0"
                )
                found = _violations(page)
                if found:
                    page.screenshot(path=str(artifacts / f"a11y-{name}-{language}-{width}.png"), full_page=True)
                problems += [f"{name} in {language} at {width} px: {v}" for v in found]
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_check_itself_reports_a_missing_label_and_faint_text(page: Page) -> None:
    page.set_content(
        '<html lang="en"><head><title>Form</title></head><body><main><h1>Form</h1><input type="text">'
        '<p style="color:#c8c8c8;background:#fff">faint</p></main></body></html>'
    )
    assert [v.split(" ")[0] for v in _violations(page)] == ["color-contrast", "label"]


# The focused element's outline against what is behind it (the nearest ancestor with a background colour).
FOCUS_RING = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const channel = v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => .2126 * channel(r) + .7152 * channel(g) + .0722 * channel(b);
  let back = el.parentElement;
  while (back && (rgb(getComputedStyle(back).backgroundColor)[3] === 0
         || getComputedStyle(back).backgroundColor === 'transparent')) back = back.parentElement;
  const behind = back ? rgb(getComputedStyle(back).backgroundColor) : [255, 255, 255];
  const [a, b] = [lum(rgb(style.outlineColor)), lum(behind)].sort((x, y) => y - x);
  return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''), style: style.outlineStyle,
          width: parseFloat(style.outlineWidth), contrast: (a + .05) / (b + .05)};
}"""


def test_the_focus_ring_the_phone_menu_and_the_language_menu(
    page: Page, site: str, sign_in: SignIn, artifacts: Path
) -> None:
    org = build_org("Zorggroep Noord")
    build_user(org, Role.CONSULTANT, username="eva")
    sign_in(page, "eva")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/o/{org.slug}/")

    # Every stop of the keyboard shows a ring of at least 2 px with 3:1 contrast to what is behind it.
    rings = []
    for _ in range(6):
        page.keyboard.press("Tab")
        rings.append(page.evaluate(FOCUS_RING))
    assert [r["what"] for r in rings if r["style"] == "none" or r["width"] < 2 or r["contrast"] < 3] == []

    # On a phone the links fold behind one button; on a desktop they are all there.
    menu = page.get_by_role("button", name="Menu")
    settings_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(settings_link).to_be_hidden()
    header = page.locator("header.topbar").bounding_box()
    assert header is not None and header["height"] < 80
    page.screenshot(path=str(artifacts / "menu-closed-390.png"))
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=str(artifacts / "menu-open-390.png"))
    expect(settings_link).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(menu).to_be_hidden()
    expect(settings_link).to_be_visible()

    # Choosing a language changes nothing until its button is pressed.
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.get_by_label("Language").select_option("nl")
    page.evaluate("() => new Promise(done => setTimeout(done, 500))")
    assert [url for url in asked if "/i18n/setlang/" in url] == []
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
