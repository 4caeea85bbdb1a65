"""The practitioner's daily pages (issue 15): what a consultant opens every day shows its content, not
internal strings, and behaves as a form should."""

from __future__ import annotations

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
