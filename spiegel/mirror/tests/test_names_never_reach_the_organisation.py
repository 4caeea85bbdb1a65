"""Whole conversations whose answers name colleagues in many forms — surnames on no list, Turkish, Polish,
Moroccan, Surinamese, Nigerian, Irish and Zimbabwean names, "X van de planning", "mevrouw X", "my lead X",
lower-case names — run through the real interviewer to a completed mirror and the analysis. Then every output
an organisation can read is scanned for the names: every page and API endpoint for client roles and API keys,
the CSV and Excel exports, the PDF report (advice, quotes and clusters are in these). Zero names allowed."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from spiegel.analysis.queries import Filters
from spiegel.mirror.models import Statement
from spiegel.reports.pdf import render_report_pdf
from spiegel.tenancy.models import Role
from spiegel.tenancy.queries import Access
from tests.support.builders import CompletedCase, build_analysed_case, build_api_key, build_org
from tests.support.reach import organisation_clients, reachable_urls

pytestmark = pytest.mark.django_db

ANSWERS_NL = (
    "Ik vertrek omdat mijn teamleider Wambersie elke week de roosters omgooide en nooit uitlegde waarom.",
    "Samen met Sevda Aydın en Przybylski draaide ik bijna alle nachtdiensten, dat hield ik niet vol.",
    "Jeroen van de planning luisterde nooit naar ons, en mevrouw Kartosen-Wong van HR zei alleen dat het beter "
    "zou worden.",
    "Met collega Okonkwo had ik een fijne samenwerking, maar de werkdruk was gewoon te hoog.",
    "Soufiane en ik hebben het nog aangekaart bij Bouchra Haddouti, maar er gebeurde niets mee.",
    "Het salaris was te laag voor het werk dat we deden; bij mijn nieuwe werkgever verdien ik meer.",
)
NAMES_NL = (
    "Wambersie",
    "Sevda",
    "Aydın",
    "Aydin",
    "Przybylski",
    "Jeroen",
    "Kartosen",
    "Okonkwo",
    "Soufiane",
    "Bouchra",
    "Haddouti",
)
ANSWERS_EN = (
    "I am leaving because my lead Dwayne Okafor changed the rota every week without explaining why.",
    "Together with Siobhan and Przybylski I worked nearly every night shift, which I could not keep up.",
    "Marek from planning never listened, and Mrs Kartosen-Wong in HR only said it would get better.",
    "My colleague Tendai and I raised it with ngozi, but nothing happened.",
    "The pay was too low for the work we did; my new employer pays more.",
)
NAMES_EN = ("Dwayne", "Okafor", "Siobhan", "Przybylski", "Marek", "Kartosen", "Tendai", "ngozi", "Ngozi")
LEAVERS_PER_LANGUAGE = 3  # at the minimum group size below, so that quotes and clusters are shown


def _found(text: str, names: tuple[str, ...]) -> list[str]:
    low = text.lower()
    return [name for name in names if name.lower() in low]


@pytest.fixture
def world() -> dict[str, Any]:
    org = build_org(min_group_size=3)
    cases: list[CompletedCase] = []
    for language, answers in (("nl", ANSWERS_NL), ("en", ANSWERS_EN)):
        for _ in range(LEAVERS_PER_LANGUAGE):
            # Every statement shared linked to the case: the widest a leaver can share.
            everything = dict.fromkeys(range(1, 40), "attributed")
            cases.append(build_analysed_case(org, answers, language=language, visibility=everything))
    return {"org": org, "cases": cases, "key": build_api_key(org)}


def test_no_name_from_whole_conversations_reaches_any_organisation_output(
    world: dict[str, Any], tmp_path: Path
) -> None:
    org, cases, key = world["org"], world["cases"], world["key"]
    names = NAMES_NL + NAMES_EN
    principals = organisation_clients(org, key)
    leaks: list[tuple[str, str, list[str]]] = []
    opened = 0
    for principal, client in principals.items():
        for url in reachable_urls(org, [c.interview for c in cases], key.split("_")[1]):
            response = client.get(url)
            opened += response.status_code == 200
            if found := _found(response.content.decode(errors="replace"), names):
                leaks.append((principal, url, found))
    viewer = principals[Role.CLIENT_VIEWER]
    for what in ("aggregates", "statements"):
        csv_text = viewer.get(f"/o/{org.slug}/export/?what={what}&format=csv").content.decode("utf-8-sig")
        if found := _found(csv_text, names):
            leaks.append(("export", f"{what}.csv", found))
        workbook = load_workbook(io.BytesIO(viewer.get(f"/o/{org.slug}/export/?what={what}&format=xlsx").content))
        cells = " ".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)
        if found := _found(cells, names):
            leaks.append(("export", f"{what}.xlsx", found))
    for language in ("nl", "en"):
        path = tmp_path / f"report-{language}.pdf"
        path.write_bytes(
            render_report_pdf(Access(organisation=org, role=Role.CLIENT_VIEWER), Filters(language=language))
        )
        text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
        assert len(text) > 500  # the report was really rendered
        if found := _found(text, names):
            leaks.append(("pdf", language, found))
    assert leaks == []
    assert opened > 15  # the pages the organisation can open were really opened


def test_the_names_were_really_in_the_conversations_and_were_replaced(world: dict[str, Any]) -> None:
    """The scan above looks for names that were there: the leaver's own record download holds what they said,
    and the statements the organisation may read hold placeholders instead."""

    nl, en = world["cases"][0], world["cases"][-1]
    record = Client().get(f"/r/{nl.receipt}/record.json").content.decode()
    assert _found(record, NAMES_NL) != []
    texts = " ".join(
        Statement.objects.filter(interview__in=[nl.interview, en.interview]).values_list("text", flat=True)
    )
    assert "[teamleider]" in texts
    assert "[colleague A]" in texts
    assert _found(texts, NAMES_NL + NAMES_EN) == []
