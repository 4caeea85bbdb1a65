"""After leavers named colleagues: no name reaches anything an organisation role or API key can fetch, and
`private` statements appear nowhere outside the leaver's own record."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from spiegel.interviews.models import Interview
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import (
    NAMES_IN_LEAVER_ANSWERS,
    build_api_key,
    build_closed_case,
    build_completed_case,
    build_org,
    build_user,
)

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = "functioneringsgesprek"  # in statement 1 of the builder's leaver (the manager point), kept private


def _patterns() -> list[tuple[str, list[str]]]:
    """(route name, its URL parameters) for every named route."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}{p.name}", list(p.pattern.converters)))

    walk(get_resolver().url_patterns, "")
    return found


def reachable_urls(org: Organisation, cases: list[Interview], key_prefix: str) -> list[str]:
    """Every GET URL an organisation member or API key can form: all routes without a leaver's token."""
    urls: list[str] = []
    for name, params in _patterns():
        if {"token", "receipt"} & set(params) or name in ("web:logout", "set_language"):
            continue
        ids = [str(c.id) for c in cases] if {"case_id", "interview_id"} & set(params) else [""]
        for case_id in ids:
            values = {"slug": org.slug, "case_id": case_id, "interview_id": case_id, "prefix": key_prefix}
            try:
                urls.append(reverse(name, kwargs={p: values[p] for p in params}))
            except (NoReverseMatch, KeyError):
                pytest.fail(f"cannot form a URL for {name} {params}")
    return [
        *urls,
        "/api/v1/interviews?page_size=200",
        *[f"/api/v1/interviews?status={s}" for s in ("review", "completed")],
    ]


@pytest.fixture
def world() -> dict[str, Any]:
    org = build_org()
    Organisation.objects.filter(pk=org.pk).update(min_group_size=3)
    org.refresh_from_db()
    completed = [build_completed_case(org, visibility={1: "private"}) for _ in range(3)]
    in_review = build_closed_case(org)
    key = build_api_key(org)
    return {"org": org, "completed": completed, "review": in_review, "key": key}


def test_no_name_reaches_any_page_or_endpoint_of_organisation_roles_and_api_keys(world: dict[str, Any]) -> None:
    org = world["org"]
    cases = [c.interview for c in world["completed"]] + [world["review"].interview]
    urls = reachable_urls(org, cases, world["key"].split("_")[1])
    principals: dict[str, Client] = {"api_key": Client(HTTP_AUTHORIZATION=f"Bearer {world['key']}")}
    for role in (Role.CLIENT_ADMIN, Role.CLIENT_VIEWER):
        client = Client()
        client.force_login(build_user(org, role))
        principals[role] = client
    fetched = 0
    for principal, client in principals.items():
        for url in urls:
            response = client.get(url)
            body = response.content.decode(errors="replace")
            for secret in (*NAMES_IN_LEAVER_ANSWERS, PRIVATE_WORDS, "werkdruk", "[collega A]"):
                assert secret not in body, (principal, url, secret)
            fetched += response.status_code == 200
    assert fetched > 15  # the pages they can open were really opened
    # The organisation's own figure is there, behind k, built from tallies only.
    home = principals[Role.CLIENT_VIEWER].get(f"/o/{org.slug}/").content.decode()
    assert 'data-testid="theme-overview"' in home
    assert "Of 3 leavers who completed the review" in home


def test_private_statements_appear_only_in_the_leavers_own_record(world: dict[str, Any]) -> None:
    org = world["org"]
    case = world["completed"][0]
    consultant = Client()
    consultant.force_login(build_user(org, Role.CONSULTANT))
    interviewer_user = build_user(org, Role.INTERVIEWER)
    Interview.objects.filter(pk=case.interview.pk).update(assigned_interviewer=interviewer_user)
    interviewer = Client()
    interviewer.force_login(interviewer_user)
    for client in (consultant, interviewer):
        page = client.get(f"/o/{org.slug}/cases/{case.interview.id}/transcript/").content.decode()
        assert "werkdruk" in page  # the transcript and shared statements are there for the practice
        assert PRIVATE_WORDS not in page
    api = Client().get(f"/api/v1/conversations/{case.token}").content.decode()
    assert PRIVATE_WORDS not in api  # the masked transcript, even over the leaver's own conversation endpoint
    record = Client().get(f"/r/{case.receipt}/").content.decode()
    assert "Ik heb drie jaar geen functioneringsgesprek gehad." in record
    download = Client().get(f"/r/{case.receipt}/record.json").content.decode()
    assert PRIVATE_WORDS in download
