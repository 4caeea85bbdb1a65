"""A disclosure never reaches a client role or an API key word for word: not on the case page, not in the
report about the interview, not in `GET /api/v1/interviews/{id}` — even when the leaver linked it to the case."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.disclosures.models import Disclosure, DisclosureSource
from spiegel.mirror.models import Statement, Visibility
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import CompletedCase, build_api_key, build_completed_case, build_org, build_user

pytestmark = pytest.mark.django_db

# A statement that reads as a disclosure itself, and one made from the message that carried a flagged one.
READS_AS_DISCLOSURE = "Een bewoner is gevallen en de melding is nergens gebleven."
FROM_THE_FLAGGED_MESSAGE = "Over die avond op de afdeling wil ik het verder niet hebben."
ORDINARY = "Het salaris bij mijn nieuwe baan is hoger en ik reis korter."


@pytest.fixture
def org() -> Organisation:
    return build_org("Zorggroep Noord")


@pytest.fixture
def case(org: Organisation) -> CompletedCase:
    completed = build_completed_case(org)
    first, second, third = list(Statement.objects.filter(interview=completed.interview).order_by("seq"))[:3]
    for statement, text in ((first, READS_AS_DISCLOSURE), (second, FROM_THE_FLAGGED_MESSAGE), (third, ORDINARY)):
        statement.text = text
        statement.visibility = Visibility.ATTRIBUTED
        statement.themes = [{"id": "pay", "polarity": "neg", "confidence": 0.9}]
        statement.save()
    Disclosure.objects.create(
        interview=completed.interview,
        source=DisclosureSource.CONVERSATION,
        position=0,
        kind="safety",
        excerpt="Er ging die avond iets mis met een bewoner.",
        source_seq=second.source_seq,
    )
    return completed


def test_the_interview_report_leaves_disclosures_out_for_client_roles(org: Organisation, case: CompletedCase) -> None:
    url = f"/o/{org.slug}/cases/{case.interview.id}/report/"
    for role in (Role.CLIENT_ADMIN, Role.CLIENT_VIEWER):
        client = Client()
        client.force_login(build_user(org, role))
        body = client.get(url).content.decode()
        assert ORDINARY in body  # what the leaver linked to the case is there
        assert READS_AS_DISCLOSURE not in body
        assert FROM_THE_FLAGGED_MESSAGE not in body
        assert "iets mis met een bewoner" not in body


def test_the_case_api_leaves_disclosures_out_for_api_keys(org: Organisation, case: CompletedCase) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}")
    response = client.get(f"/api/v1/interviews/{case.interview.id}")
    assert response.status_code == 200
    texts = [s["text"] for s in response.json()["statements"]]
    assert ORDINARY in texts
    assert READS_AS_DISCLOSURE not in texts
    assert FROM_THE_FLAGGED_MESSAGE not in texts
    assert "bewoner" not in response.content.decode()


def test_the_practice_still_reads_them_with_the_case(org: Organisation, case: CompletedCase) -> None:
    client = Client()
    client.force_login(build_user(org, Role.CONSULTANT))
    body = client.get(f"/o/{org.slug}/cases/{case.interview.id}/report/").content.decode()
    assert READS_AS_DISCLOSURE in body and FROM_THE_FLAGGED_MESSAGE in body
    page = client.get(f"/o/{org.slug}/cases/{case.interview.id}/").content.decode()
    assert "Er ging die avond iets mis met een bewoner." in page


def test_the_case_page_shows_a_client_role_neither_the_disclosure_nor_its_kind(
    org: Organisation, case: CompletedCase
) -> None:
    for role in (Role.CLIENT_ADMIN,):
        client = Client()
        client.force_login(build_user(org, role))
        body = client.get(f"/o/{org.slug}/cases/{case.interview.id}/").content.decode()
        assert "iets mis met een bewoner" not in body
        assert "Patient or client safety" not in body
