"""A client role or an API key never sees a case's reasons built from what the leaver shared anonymously
(privacy.md: the organisation sees figures about groups; only what the leaver linked to the case is per case).
The practitioner sees the whole case."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.test import Client

from spiegel.analysis.models import InterviewReason
from spiegel.interviews.models import Interview
from spiegel.language.classify import THEME_LABELS
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import TEST_PASSWORD, build_analysed_case, build_api_key, build_org, build_user

pytestmark = pytest.mark.django_db

ROLES = (Role.CONSULTANT, Role.CLIENT_ADMIN, Role.CLIENT_VIEWER)


def _case(org: Organisation, *, link_feedback: bool) -> Interview:
    """The example leaver (manager, workload, health, pay): everything shared anonymously, except, when
    `link_feedback`, the statement about feedback, which the leaver linked to the case."""
    probe = build_analysed_case(org)
    feedback = next(s for s in Statement.objects.filter(interview=probe.interview) if "feedback" in s.text)
    case = build_analysed_case(org, visibility={feedback.seq: "attributed"} if link_feedback else None)
    return case.interview


def _reason_rows(org: Organisation, interview: Interview, role: str) -> list[str]:
    user = build_user(org, role)
    client = Client()
    assert client.login(username=user.username, password=TEST_PASSWORD)
    page = client.get(f"/o/{org.slug}/cases/{interview.id}/report/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    table = re.search(r'data-testid="interview-reasons".*?</table>', html, flags=re.S)
    return [html_lib.unescape(t) for t in re.findall(r'<th scope="row">([^<]+)</th>', table.group(0))] if table else []


def _label(theme: str) -> str:
    return THEME_LABELS[theme]["en"]


def test_every_role_sees_the_reasons_it_may_on_the_case_report() -> None:
    org = build_org()
    interview = _case(org, link_feedback=True)
    stored = [r.theme for r in InterviewReason.objects.filter(interview=interview).order_by("rank")]
    linked_themes = {
        t for s in Statement.objects.filter(interview=interview, visibility="attributed") for t in s.theme_ids
    }
    assert {"workload", "manager"} <= set(stored)
    assert "workload" not in linked_themes
    seen = {role: _reason_rows(org, interview, role) for role in ROLES}
    # The practitioner: the reasons from everything shared, health included.
    assert seen[Role.CONSULTANT] == [_label(t) for t in stored]
    for role in (Role.CLIENT_ADMIN, Role.CLIENT_VIEWER):
        assert seen[role] != []
        assert set(seen[role]) <= {_label(t) for t in linked_themes}
        assert _label("workload") not in seen[role]
        assert _label("wellbeing") not in seen[role]


def test_a_client_sees_no_reasons_of_a_case_whose_leaver_linked_nothing_to_it() -> None:
    org = build_org()
    interview = _case(org, link_feedback=False)
    assert InterviewReason.objects.filter(interview=interview).count() >= 3
    assert _reason_rows(org, interview, Role.CONSULTANT) != []
    assert _reason_rows(org, interview, Role.CLIENT_ADMIN) == []
    assert _reason_rows(org, interview, Role.CLIENT_VIEWER) == []
    body = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}").get(f"/api/v1/interviews/{interview.id}").json()
    assert (body["status"], body["reasons"], body["statements"]) == ("completed", [], [])


def test_an_api_key_gets_reasons_only_from_what_the_leaver_linked_to_the_case() -> None:
    org = build_org()
    interview = _case(org, link_feedback=True)
    linked = list(Statement.objects.filter(interview=interview, visibility="attributed"))
    body = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}").get(f"/api/v1/interviews/{interview.id}").json()
    themes = [r["theme"] for r in body["reasons"]]
    assert themes != []
    assert set(themes) <= {t for s in linked for t in s.theme_ids}
    assert not {"workload", "pay", "wellbeing"} & set(themes)
    assert [s["text"] for s in body["statements"]] == [s.text for s in linked]
