"""The Dutch pages speak Dutch (issue 15): the staff's daily pages and the leaver's pages, rendered in Dutch,
show no interface text left in English.

Two checks on the text a reader sees (the page's text plus the titles, labels and placeholders of its
elements; never scripts, styles or the chart data):

- no text of the catalogues whose Dutch differs from the English appears in its English form;
- no English function word ("the", "your", "with", …) appears at all — that also catches text that was never
  marked for translation, which no catalogue knows about.

The pages are filled with Dutch data, so every English word on them comes from Spiegel.
"""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client, TestCase
from django.utils.translation import override

from spiegel.interviews.conversation import post_message
from spiegel.reports.models import STEP_LABELS, ReportJob, ReportStatus
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import (
    build_analysed_case,
    build_api_key,
    build_case,
    build_closed_case,
    build_historical_exits,
    build_org,
    build_user,
    no_tasks_left_behind,
)

pytestmark = pytest.mark.django_db

SPIEGEL = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(SPIEGEL.glob("**/locale/nl/LC_MESSAGES/django.mo"))
# English words that are no Dutch words (so "was", "is", "in", "of", "over", "door" are not in it).
ENGLISH_ONLY = re.compile(
    r"\b(?:the|The|and|your|Your|you|You|with|With|this|This|that|from|From|which|were|has|have|not|are|for|For|"
    r"will|should|would|could|been|there|their|they|about|after|before|when|When|what|What|who|Who|how|How|why|"
    r"Why|please|Please|yet|only|Only|each|every|Every|here|Here|none|None|no longer|shown|hidden|"
    r"leaver|leavers|Leavers|case|cases|Case|Cases)\b"
)
DISCLOSED = "Een cliënt is gevallen en de melding is nergens gebleven."


class _Visible(HTMLParser):
    """The text a reader sees or hears: text nodes, and the title, alt, aria-label, placeholder and button value
    attributes; not scripts, styles, or what is marked as English on purpose (lang="en": a cited title)."""

    SPOKEN = ("title", "alt", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping: tuple[str, int] | None = None  # the element being skipped and how deep it is nested

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._skipping is not None:
            name, depth = self._skipping
            self._skipping = (name, depth + 1) if tag == name else self._skipping
            return
        if tag in ("script", "style") or (tag != "html" and (values.get("lang") or "").startswith("en")):
            self._skipping = (tag, 1)
            return
        self.parts += [str(values[a]) for a in self.SPOKEN if values.get(a)]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(str(values["value"]))

    def handle_endtag(self, tag: str) -> None:
        if self._skipping is not None and tag == self._skipping[0]:
            depth = self._skipping[1] - 1
            self._skipping = (tag, depth) if depth else None

    def handle_data(self, data: str) -> None:
        if self._skipping is None:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def _english_texts() -> list[str]:
    """The pieces of every catalogue text whose Dutch differs, long enough to mean something on a page:
    the literal runs between placeholders, of two words or more."""
    pieces: set[str] = set()
    for path in CATALOGUES:
        with path.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        for msgid, msgstr in catalogue._catalog.items():  # type: ignore[attr-defined]
            english = msgid[0] if isinstance(msgid, tuple) else msgid
            if not english or english == msgstr:
                continue
            for run in re.split(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\n", english):
                run = run.strip(" .,:;()“”‘’'\"—–-")
                if len(run.split()) >= 2:
                    pieces.add(run)
    return sorted(pieces, key=len, reverse=True)


def _codes() -> set[str]:
    """The stored codes of choices whose label differs ("client_admin", "resignation", …), a statement's kinds
    and a report's steps: a page shows the label, never the code."""
    codes = {"fact", "experience", *STEP_LABELS}
    with override("nl"):
        for model in apps.get_models():
            for field in model._meta.fields:
                for value, label in field.choices or []:
                    # "interviewer" and "open" are Dutch words as well, and are their own labels
                    if isinstance(value, str) and len(value) > 3 and value.lower() not in str(label).lower():
                        codes.add(value)
    return codes


# Internal names: snake_case codes ("client_admin") and dotted event names ("retention.purged").
RAW = re.compile(r"(?<![\w./-])(?:[a-z]+_[a-z_]+|[a-z]{3,}\.[a-z_]{3,})(?![\w/-])")


def untranslated(html: str, english: list[str]) -> list[str]:
    text = visible_text(html)
    found = [piece for piece in english if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)]
    found += [f"code: {m.group(0)!r}" for m in RAW.finditer(text)]
    found += [f"code: {code!r}" for code in sorted(_codes()) if re.search(rf"(?<![\w.-]){code}(?![\w-])", text)]
    found += [
        f"word: {m.group(0)!r} in …{text[max(0, m.start() - 60) : m.end() + 60]}…" for m in ENGLISH_ONLY.finditer(text)
    ]
    return found


def _report(leaks: dict[str, list[str]]) -> str:
    return "English on Dutch pages:\n" + "\n".join(f"{page}:\n  " + "\n  ".join(f) for page, f in leaks.items())


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock(), no_tasks_left_behind():
        org = build_org("Zorggroep Noord", min_group_size=3, average_salary=41000)
        users = {role: build_user(org, role) for role in Role}
        fresh = build_case(org, language="nl", department="Verpleging", role_title="Verpleegkundige")
        disclosed = build_case(org, language="nl", department="Thuiszorg", role_title="Wijkverpleegkundige")
        for answer in ("Ik ga weg omdat de werkdruk te hoog werd.", DISCLOSED, "Graag bij de vertrouwenspersoon."):
            with TestCase.captureOnCommitCallbacks(execute=True):
                post_message(disclosed.interview, answer)
        review = build_closed_case(org, language="nl", department="Verpleging", role_title="Helpende")
        done = build_analysed_case(org, language="nl", department="Verpleging", role_title="Verzorgende IG")
        rows = [
            f"{n};2025-0{n % 9 + 1}-12;{['Verpleging', 'Thuiszorg', 'Wonen en zorg'][n % 3]};"
            f"{['workload', 'pay', 'manager', 'career'][n % 4]};{['', 'pay'][n % 2]};{['yes', 'no'][n % 2]}"
            for n in range(30)
        ]
        build_historical_exits(org, rows)
        key = build_api_key(org)
        # A report half made, as the dashboard and its status page show it while the worker runs.
        job = ReportJob.objects.create(organisation=org, status=ReportStatus.RUNNING, progress=40, step="charts")
        yield {
            "org": org,
            "users": users,
            "fresh": fresh,
            "disclosed": disclosed,
            "review": review,
            "done": done,
            "key_prefix": key.split("_")[1],
            "job": job.id,
        }
        # The module's world must not outlive it: later tests count users, cases and queued tasks.
        Organisation.objects.filter(pk=org.pk).delete()
        for user in users.values():
            user.delete()


def _dutch(user: Any | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    if user is not None:
        client.force_login(user)  # the module's users were hashed before the fast test hasher was set
    return client


def _staff_pages(w: Any) -> list[tuple[str, str]]:
    slug = w["org"].slug
    case, disclosed, done = w["fresh"].interview.id, w["disclosed"].interview.id, w["done"].interview.id
    return [
        (Role.CONSULTANT, "/orgs/"),
        (Role.CONSULTANT, f"/o/{slug}/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/new/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/{case}/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/{disclosed}/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/{disclosed}/disclosures/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/{done}/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/{done}/transcript/"),
        (Role.CONSULTANT, f"/o/{slug}/cases/{done}/report/"),
        (Role.CONSULTANT, f"/o/{slug}/dashboard/"),
        (Role.CONSULTANT, f"/o/{slug}/dashboard/?from=2026-05&to=2026-01"),
        (Role.CONSULTANT, f"/o/{slug}/dashboard/?from=2026-13"),
        (Role.CONSULTANT, f"/o/{slug}/reports/status/?job={w['job']}"),
        (Role.CONSULTANT, f"/o/{slug}/audit/"),
        (Role.CONSULTANT, f"/o/{slug}/apikeys/"),
        (Role.CONSULTANT, f"/o/{slug}/apikeys/{w['key_prefix']}/revoke/"),
        (Role.CONSULTANT, f"/o/{slug}/branding/"),
        (Role.CONSULTANT, f"/o/{slug}/settings/"),
        (Role.CONSULTANT, "/settings/"),
        (Role.CONSULTANT, "/account/second-factor/"),
        (Role.INTERVIEWER, "/me/conversations/"),
        (Role.CLIENT_ADMIN, f"/o/{slug}/"),
        (Role.CLIENT_ADMIN, f"/o/{slug}/cases/"),
        (Role.CLIENT_VIEWER, f"/o/{slug}/dashboard/"),
    ]


def test_the_staff_pages_in_dutch_show_no_english_interface_text(world: Any) -> None:
    english = _english_texts()
    assert len(english) > 300
    clients: dict[str, Client] = {role: _dutch(world["users"][role]) for role in Role}
    leaks: dict[str, list[str]] = {}
    for role, path in _staff_pages(world):
        response = clients[role].get(path)
        # 422: a dashboard with a filter it cannot apply says so, in Dutch
        assert response.status_code == (422 if "from=" in path else 200), (role, path, response.status_code)
        found = untranslated(response.content.decode(), english)
        if found:
            leaks[f"{role} {path}"] = found
    assert not leaks, _report(leaks)


def test_the_leavers_pages_in_dutch_show_no_english_interface_text(world: Any) -> None:
    english = _english_texts()
    pages = [
        f"/i/{world['fresh'].token}/",
        f"/i/{world['disclosed'].token}/chat/",
        f"/i/{world['review'].token}/mirror/",
        f"/r/{world['done'].receipt}/",
        "/i/not-a-real-link/",
    ]
    leaks: dict[str, list[str]] = {}
    for path in pages:
        response = _dutch().get(path)
        assert response.status_code in (200, 404, 410), (path, response.status_code)
        found = untranslated(response.content.decode(), english)
        if found:
            leaks[path] = found
    assert not leaks, _report(leaks)


def test_the_check_finds_english_text_on_a_page() -> None:
    english = _english_texts()
    page = '<main><h1>Zaken</h1><p title="Show the figures as a table">Bekijk</p><p>Nothing for you here.</p></main>'
    assert untranslated(page, english)[:1] == ["Show the figures as a table"]
    assert any("'you'" in hit for hit in untranslated(page, english))
    assert untranslated("<main><h1>Zaken</h1><script>var the = 1;</script></main>", english) == []
    cited = '<ul><li lang="en">This <i>Fixable</i> Problem Costs</li><li>Bron</li></ul><p title="Bron">Zie</p>'
    assert untranslated(cited, english) == []
