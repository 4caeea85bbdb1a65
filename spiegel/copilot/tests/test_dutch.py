"""The Dutch texts of human-led conversations are complete and compiled, and the pages speak Dutch."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.test import Client

from spiegel.interviews.models import Mode
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, build_case, build_org, build_user
from tests.support.po import po_entries

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "nl" / "LC_MESSAGES"
SOURCES = [
    *Path(__file__).resolve().parents[1].glob("*.py"),
    Path(__file__).resolve().parents[2] / "web" / "copilot_views.py",
    *(Path(__file__).resolve().parents[2] / "web" / "templates" / "spiegel" / "copilot").glob("*.html"),
]


def _catalogue() -> dict[str, str]:
    return {entry.fields["msgid"]: entry.fields.get("msgstr", "") for entry in po_entries(LOCALE / "django.po")}


def test_every_text_has_a_dutch_translation_and_the_compiled_catalogue_matches() -> None:
    catalogue = _catalogue()
    assert len(catalogue) > 150
    assert [k for k, v in catalogue.items() if not v] == []
    compiled = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    for msgid, msgstr in catalogue.items():
        unescaped = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        expected = msgstr.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        assert compiled.gettext(unescaped) == expected


def test_every_translated_text_of_the_templates_is_in_the_catalogue() -> None:
    catalogue = _catalogue()
    found = set()
    for source in SOURCES:
        if source.suffix == ".html":
            found |= set(re.findall(r'{% translate "([^"]+)"', source.read_text(encoding="utf-8")))
            found |= set(re.findall(r"{% translate '([^']+)'", source.read_text(encoding="utf-8")))
    missing = sorted(t for t in found if t not in catalogue and not _in_project_catalogue(t))
    assert missing == []


def _in_project_catalogue(text: str) -> bool:
    project = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    return f'msgid "{text}"' in project.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_the_leaver_page_and_the_copilot_speak_dutch() -> None:
    org = build_org("Zorggroep Noord")
    interviewer = build_user(org, Role.INTERVIEWER)
    built = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=interviewer, language="nl")
    leaver = Client().get(f"/i/{built.token}/").content.decode()
    assert "Met wie je praat" in leaver and "Wanneer en hoe" in leaver
    client = Client()
    assert client.login(username=interviewer.username, password=TEST_PASSWORD)
    client.cookies["django_language"] = "nl"
    page = client.get(f"/o/{org.slug}/cases/{built.interview.id}/conversation/").content.decode()
    assert "Het gesprek plannen" in page
