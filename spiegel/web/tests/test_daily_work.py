"""The practitioner's daily pages (issue 15): what a consultant opens every day shows its content, not
internal strings, and behaves as a form should."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from spiegel.interviews.models import Message
from spiegel.tenancy.models import Role
from spiegel.testing import TEST_PASSWORD, CompletedCase, build_completed_case, build_org, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed() -> CompletedCase:
    return build_completed_case(build_org("Zorggroep Noord"), language="nl")


def _consultant(completed: CompletedCase) -> Client:
    client = Client()
    user = build_user(completed.interview.organisation, Role.CONSULTANT)
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


@pytest.mark.parametrize("page", ["transcript", "report"])
def test_the_transcript_and_the_interview_report_show_the_conversation_and_no_message_boxes(
    completed: CompletedCase, page: str
) -> None:
    interview = completed.interview
    html = _consultant(completed).get(f"/o/{interview.organisation.slug}/cases/{interview.id}/{page}/").content
    text = html.decode()
    first = Message.objects.filter(interview=interview, role="leaver").order_by("seq").first()
    assert first is not None
    assert 'class="flash"' not in text
    assert "#1 interviewer" not in text
    assert f"{interview.id}#" not in text
    assert text.count('class="msg msg-') == Message.objects.filter(interview=interview).count()
    assert first.text[:30] in text


def test_the_api_docs_page_loads_swagger_ui_only_from_spiegel_s_own_static_files() -> None:
    response = Client().get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    references = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in references
    assert "/static/ninja/swagger-ui.css" in references
    assert [r for r in references if not r.startswith("/static/")] == []
    assert "http://" not in html and "https://" not in html
    assert '"validatorUrl": null' in html
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200
