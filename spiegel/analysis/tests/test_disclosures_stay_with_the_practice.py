"""A serious disclosure is never shown word for word to a client role or an API key: not in the dashboard, its
exports, the case report or the API, whether the leaver shared it anonymously or linked to their case
(privacy.md, "What leaves the conversation")."""

from __future__ import annotations

from typing import Any

import pytest

from spiegel.analysis.actions import cluster_statements
from spiegel.analysis.disclosures import is_disclosure
from spiegel.analysis.queries import Filters, attributed_statements, insights, shared_statements_for, theme_quotes
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import Role
from spiegel.tenancy.queries import Access
from tests.support.builders import build_analysed_case, build_api_key, build_org
from tests.support.reach import organisation_clients, reachable_urls

pytestmark = pytest.mark.django_db

DISCLOSURE = "racist"
ANSWERS = (
    "The workload was far too high, we were always understaffed on the ward and nobody listened to us.",
    "My team leader made racist remarks about my background every week and nobody did anything about it.",
    "The salary at my new job is fifteen percent higher.",
)


@pytest.fixture
def world() -> dict[str, Any]:
    org = build_org(min_group_size=3)
    cases = [build_analysed_case(org, ANSWERS, language="en") for _ in range(3)]
    # One leaver links every statement to their case: a disclosure still stays with the practice.
    first = cases[0].interview
    Statement.objects.filter(interview=first).update(visibility="attributed")
    cluster_statements(str(org.id))
    return {"org": org, "cases": cases, "key": build_api_key(org)}


def test_the_leavers_statements_do_hold_the_disclosure(world: dict[str, Any]) -> None:
    texts = [s.text for s in Statement.objects.filter(interview__organisation=world["org"])]
    disclosed = [t for t in texts if DISCLOSURE in t.lower()]
    assert len(disclosed) == 3
    assert all(is_disclosure(t, "story", "en") for t in disclosed)
    assert not is_disclosure(ANSWERS[0], "story", "en")


def test_no_query_the_organisation_reads_returns_a_disclosure(world: dict[str, Any]) -> None:
    access = Access(organisation=world["org"], role=Role.CLIENT_VIEWER)
    shown = insights(access, Filters())
    words = [q.text for a in shown.advice for q in a.quotes]
    words += [f.quote or "" for f in [*shown.facts, *shown.advice[0].facts]] if shown.advice else []
    words += [q for t in theme_quotes(access, shown) for q in t.quotes]
    words += [s.text for s in shared_statements_for(access)]
    words += [s.text for case in world["cases"] for s in attributed_statements(case.interview)]
    assert words != []
    assert [w for w in words if DISCLOSURE in w.lower()] == []
    assert any("workload" in w.lower() or "understaffed" in w.lower() for w in words)


def test_no_page_export_or_endpoint_of_client_roles_and_api_keys_shows_a_disclosure(world: dict[str, Any]) -> None:
    org = world["org"]
    principals = organisation_clients(org, world["key"])
    urls = reachable_urls(org, [c.interview for c in world["cases"]], world["key"].split("_")[1])
    urls += [f"/o/{org.slug}/export/?what={what}&format=csv" for what in ("statements", "aggregates")]
    fetched = 0
    for principal, client in principals.items():
        for url in urls:
            response = client.get(url)
            body = response.content.decode(errors="replace").lower()
            assert DISCLOSURE not in body, (principal, url)
            fetched += response.status_code == 200
    assert fetched > 15
    export = principals[Role.CLIENT_VIEWER].get(f"/o/{org.slug}/export/?what=statements&format=csv")
    assert export.status_code == 200 and "understaffed" in export.content.decode()
