"""The two-minute mirror in Debian's Chromium at phone and desktop width: bulk choices, a recognisable
statement with its "make it more general" button, "your words" opened. Screenshots land in test-artifacts/
(and were copied to docs/screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.builders import build_closed_case, build_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = [
    "Ik ga weg omdat het rooster steeds pas vijf dagen van tevoren kwam. Daardoor miste ik de verjaardag van "
    "mijn dochter.",
    "In maart stonden we met z'n tweeën voor achtentwintig patiënten. Pauze schoot er dan gewoon bij in.",
    "Meer valt er eigenlijk niet over te zeggen.",
    "Uiterlijk na de zomer.",
]


@pytest.mark.parametrize(("width", "name"), [(390, "phone"), (1280, "desktop")])
def test_the_mirror_reads_well_at_phone_and_desktop_width(
    page: Page, site: str, artifacts: Path, width: int, name: str
) -> None:
    built = build_closed_case(build_org("Zorggroep De Linde"), answers=ANSWERS)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site}/i/{built.token}/mirror/")
    expect(page.get_by_role("heading", name="Wat we hebben begrepen")).to_be_visible()
    expect(page.get_by_role("button", name="Alles anoniem delen")).to_be_visible()
    expect(page.get_by_test_id("recognisable").first).to_be_visible()
    page.get_by_test_id("your-words").first.locator("summary").click()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
    page.screenshot(path=artifacts / f"mirror-{name}.png", full_page=True)
    page.get_by_role("button", name="Maak het algemener").first.click()
    expect(page.get_by_text("Je wijzigingen zijn bewaard.")).to_be_visible()
    assert "Op een gegeven moment stonden we met weinig mensen" in page.content()
