"""After leavers named colleagues: no name reaches anything an organisation role or API key can fetch, and
`private` statements appear nowhere outside the leaver's own record."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from spiegel.interviews.models import Interview
from spiegel.tenancy.models import Role
from tests.support.builders import (
    NAMES_IN_LEAVER_ANSWERS,
    build_api_key,
    build_closed_case,
    build_completed_case,
    build_org,
    build_user,
)
from tests.support.reach import organisation_clients, reachable_urls

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = "functioneringsgesprek"  # in statement 1 of the builder's leaver (the manager point), kept private


@pytest.fixture
def world() -> dict[str, Any]:
    org = build_org(min_group_size=3)
    completed = [build_completed_case(org, visibility={1: "private"}) for _ in range(3)]
    in_review = build_closed_case(org)
    key = build_api_key(org)
    return {"org": org, "completed": completed, "review": in_review, "key": key}


def test_no_name_reaches_any_page_or_endpoint_of_organisation_roles_and_api_keys(world: dict[str, Any]) -> None:
    org = world["org"]
    cases = [c.interview for c in world["completed"]] + [world["review"].interview]
    principals = organisation_clients(org, world["key"])
    urls = reachable_urls(org, cases, world["key"].split("_")[1])
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
