"""Every staff page, as each of the four roles, in Dutch and English, in Debian's Chromium (issue 15).

The pages come from the URL configuration: every route of the staff side (no leaver's token or receipt in it, not
the API) is opened with its parameters filled from the data below, so a page added later is checked without
touching this file. A route that is not a page says why in NOT_A_PAGE; one whose parameters cannot be filled, or
that does not answer a consultant with a page, fails with a message that says what to add.

On each page: no internal string (uuid, '#1 interviewer', raw event or role code, template syntax), no English
on a Dutch page (the catalogue's phrases and a list of interface words), no request to another host than
Spiegel's own, and at 390 px no horizontal overflow (the page is resized, not reloaded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from spiegel.copilot.actions import NoteInputData, PlanInput, answer_plan, close_notes, plan_conversation, save_note
from spiegel.copilot.suggest import topic_ids
from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.models import Mode
from spiegel.privacy.actors import Actor
from spiegel.reports.models import ReportJob
from spiegel.reports.queries import reports_dir
from spiegel.tenancy.models import Organisation, Role, User
from tests.browser.conftest import SignIn
from tests.support.builders import (
    LEAVER_ANSWERS_NL,
    build_analysed_case,
    build_api_key,
    build_case,
    build_practice_and_client,
    build_user,
)
from tests.support.page_checks import english_on_dutch_page, leaks

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Routes of the staff side that are not pages a person reads, and why.
NOT_A_PAGE = {
    "web:home": "sends a signed-in person to their organisation",
    "web:login": "sends a signed-in person on; opened signed out by the sign_in fixture",
    "web:login_code": "the second sign-in step, only between password and code (test_second_factor)",
    "web:login_enrol": "the second sign-in step, only between password and code (test_second_factor)",
    "web:logout": "POST only",
    "web:healthz": "a plain-text answer for monitoring",
    "web:case_withdraw": "POST only",
    "web:case_renew": "POST only",
    "web:report_request": "POST only",
    "web:report_download": "a PDF file",
    "web:export": "a CSV or Excel file",
    "web:audit_export": "a CSV file",
    "web:copilot_notes": "JSON for the co-pilot page",
    "web:copilot_close": "POST only",
    "web:interviewer_photo": "an image",
    "set_language": "POST only",
    "web:settings_user_role": "POST only",
    "web:settings_user_reactivate": "POST only",
    "web:settings_user_link": "POST only",
}
LEAVER_PARAMETERS = {"token", "receipt"}

DISCLOSURE = "Een cliënt is gevallen en de melding is nergens gebleven. Ik wil dat de vertrouwenspersoon het weet."
NOTES = [
    ("", "Kreeg een mooie kans bij een ander ziekenhuis, dichter bij huis"),
    ("manager", "Leidinggevende gaf nooit feedback, heel frustrerend"),
    ("workload", "Altijd onderbezet, elke week overwerk"),
]
ROLES = ("consultant", "interviewer", "client_admin", "client_viewer")
USERNAMES = {"consultant": "eva", "interviewer": "anna", "client_admin": "hr", "client_viewer": "lees"}


@dataclass
class World:
    """Demo-like data: a practice whose consultant works for a client organisation, its interviewer with AI-led
    and human-led cases (one with a disclosure), the client's HR, an API key and a finished PDF report."""

    org: Organisation
    cases: dict[str, str] = field(default_factory=dict)  # kind -> case id
    key_prefix: str = ""
    report_job: str = ""


def _build_world() -> World:
    org = build_practice_and_client(min_group_size=3, average_salary=41000)
    anna = build_user(org, Role.INTERVIEWER, username="anna")
    build_user(org, Role.CLIENT_ADMIN, username="hr")
    build_user(org, Role.CLIENT_VIEWER, username="lees")
    world = World(org)
    completed = [
        build_analysed_case(org, language="nl", department="Verpleging", assigned_interviewer=anna) for _ in range(2)
    ]
    completed.append(
        build_analysed_case(
            org, (*LEAVER_ANSWERS_NL, DISCLOSURE), language="nl", department="Verpleging", assigned_interviewer=anna
        )
    )
    world.cases["completed"] = str(completed[-1].interview.id)
    world.cases["open"] = str(build_case(org, language="nl", assigned_interviewer=anna).interview.id)
    actor = Actor.for_user(anna)
    moment = timezone.now() + dt.timedelta(days=2)
    for kind in ("planned", "held", "closed"):
        built = build_case(org, mode=Mode.INTERVIEWER, assigned_interviewer=anna, language="nl")
        plan_conversation(actor, built.interview, PlanInput(moment, "phone", "06-11112222"))
        if kind != "planned":
            answer_plan(built.interview, confirm=True)
            topics = topic_ids(load_default_guide("nl"))
            for n, (topic, text) in enumerate(NOTES):
                save_note(actor, built.interview, NoteInputData(f"{kind}{n}", text, topic), topics)
        if kind == "closed":
            close_notes(actor, built.interview)
        world.cases[kind] = str(built.interview.id)
    world.key_prefix = build_api_key(org).split("_")[1]
    job = ReportJob.objects.create(organisation=org, status="done", progress=100, file_name="")
    (reports_dir() / f"{job.id}.pdf").write_bytes(b"%PDF-1.7\n")
    ReportJob.objects.filter(pk=job.pk).update(file_name=f"{job.id}.pdf")
    world.report_job = str(job.id)
    return world


# Which case a route about one case shows (the completed AI-led case with a disclosure unless said here), and
# what a route needs in its query.
CASE_FOR = {"web:human_plan": "planned", "web:copilot": "held", "web:human_statements": "closed"}
QUERY: dict[str, Callable[[World], str]] = {"web:report_status": lambda w: f"?job={w.report_job}"}
PARAMETERS: dict[str, Callable[[World, str], str]] = {
    "slug": lambda w, route: w.org.slug,
    "case_id": lambda w, route: w.cases[CASE_FOR.get(route, "completed")],
    "prefix": lambda w, route: w.key_prefix,
    # a person of the organisation (the interviewer): the confirmation before deactivating them
    "public_id": lambda w, route: str(User.objects.get(username="anna").public_id),
}


def staff_routes() -> list[tuple[str, list[str]]]:
    """(name, URL parameters) of every named route of the staff side: no leaver's credential, not the API."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern):
                name = f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed {p.pattern}>"
                params = list(p.pattern.converters)
                if not name.startswith("api-v1:") and not LEAVER_PARAMETERS & set(params):
                    found.append((name, params))

    walk(get_resolver().url_patterns, "")
    return found


def staff_pages(world: World) -> dict[str, str]:
    """Route name -> the path that opens it, for every staff route that is a page."""
    pages: dict[str, str] = {}
    for name, params in staff_routes():
        if name in NOT_A_PAGE:
            continue
        unknown = [p for p in params if p not in PARAMETERS]
        assert not unknown, (
            f"the route {name} has parameters {unknown} this test cannot fill: add them to PARAMETERS in "
            f"{__file__}, or the route to NOT_A_PAGE with the reason it is not a page"
        )
        path = reverse(name, kwargs={p: PARAMETERS[p](world, name) for p in params})
        pages[name] = path + (QUERY[name](world) if name in QUERY else "")
    return pages


@dataclass
class Visit:
    site: str
    problems: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        own = urlsplit(self.site).netloc

        def seen(request: Any) -> None:
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
                self.foreign.append(f"{page.url} asked {request.url}")

        page.on("request", seen)

    def look(self, page: Page, role: str, language: str, name: str, path: str, artifacts: Path) -> None:
        """Open the page at 390 px (overflow), then read it at 1280 px (answer, leaks, language)."""
        where = f"{name} ({path}) as {role} in {language}"
        page.set_viewport_size({"width": 390, "height": 844})
        response = page.goto(self.site + path)
        assert response is not None
        status = response.status
        redirected = response.request.redirected_from is not None
        html = "text/html" in response.headers.get("content-type", "")
        if role == "consultant" and (status != 200 or redirected or not html):
            self.problems.append(
                f"{where}: answered {status}{' after a redirect' if redirected else ''} "
                f"({response.headers.get('content-type')}), not a page. If it is not a page, add it to NOT_A_PAGE "
                "with the reason; if it needs another case, to CASE_FOR; a query, to QUERY"
            )
            return
        if status not in (200, 403, 404):
            self.problems.append(f"{where}: answered {status}")
            return
        before = len(self.problems)
        page.wait_for_function(CHARTS_DRAWN, timeout=20_000)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide = page.evaluate(WIDE_ELEMENTS)
            self.problems.append(f"{where}: {overflow} px wider than a 390 px screen ({', '.join(wide)})")
            page.screenshot(path=str(artifacts / f"every-page-{role}-{language}-{name.split(':')[-1]}-390.png"))
        page.set_viewport_size({"width": 1280, "height": 900})
        text = page.evaluate(TEXT_IN_PAGE_LANGUAGE)
        self.problems += [f"{where}: {leak}" for leak in leaks(text)]
        lang = page.get_attribute("html", "lang")
        if lang != language:
            self.problems.append(f"{where}: <html lang={lang!r}>")
        if language == "nl":
            self.problems += [f"{where}: {english}" for english in english_on_dutch_page(text)]
        if len(self.problems) > before:  # what the page showed, to read beside the message
            Path(artifacts / f"every-page-{role}-{language}-{name.split(':')[-1]}.txt").write_text(text, "utf-8")


# Charts are drawn after the page has loaded (charts.js): wait until none is still being drawn.
CHARTS_DRAWN = "() => document.querySelectorAll('[data-chart]:not([data-ready]):not([data-error])').length === 0"
# The outermost elements that reach past the right edge, to name in the message.
WIDE_ELEMENTS = """() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.getBoundingClientRect().right <= window.innerWidth + 1) continue;
    if (out.some(o => o.contains(el))) continue;
    out.push(el);
  }
  const classes = el => (typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : []).filter(c => c);
  return out.slice(0, 4).map(el => [el.tagName.toLowerCase(), ...classes(el)].join('.')
    + (el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ''));
}"""
# The page's visible text without the parts marked as another language (<blockquote lang="en">: a quoted source).
TEXT_IN_PAGE_LANGUAGE = """() => {
  let text = document.body.innerText;
  const own = document.documentElement.lang;
  for (const el of document.body.querySelectorAll('[lang]')) {
    if (el.lang && el.lang.split('-')[0] !== own) text = text.replace(el.innerText, ' ');
  }
  return text;
}"""


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_reads_well_for_each_role_in_dutch_and_english_at_phone_and_desktop_width(
    browser: Browser, site: str, sign_in: SignIn, artifacts: Path, role: str
) -> None:
    world = _build_world()
    pages = staff_pages(world)
    assert {"web:case_list", "web:case_detail", "web:dashboard", "web:audit_log"} <= set(pages)
    visit = Visit(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit.watch(page)
    sign_in(page, USERNAMES[role])
    for language in ("nl", "en"):
        context.add_cookies([{"name": "django_language", "value": language, "url": site}])
        for name, path in pages.items():
            visit.look(page, role, language, name, path, artifacts)
    context.close()
    assert visit.problems == [], f"{len(visit.problems)} problems:\n" + "\n".join(visit.problems)
    assert visit.foreign == []
