"""Links expire (issue 16, privacy.md): once the leaver completed the mirror the invitation link opens nothing
— no page, no transcript, no record, no withdrawal, on the web or over the API — except a clear page that
points to the receipt; the receipt keeps opening the record and withdrawing it."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.interviews.models import Message
from spiegel.mirror.actions import prepare_mirror
from spiegel.mirror.models import Statement
from tests.support.builders import CompletedCase, build_closed_case, build_completed_case, build_org

pytestmark = pytest.mark.django_db

PAGES = ("", "chat/", "mirror/", "mirror/closing/", "withdraw/")


@pytest.fixture
def completed() -> CompletedCase:
    return build_completed_case(build_org(), language="nl")


def _words_of(case: CompletedCase) -> list[str]:
    """Something of what the leaver said, as the record holds it (statements) and the transcript."""
    statement = Statement.objects.filter(interview=case.interview).order_by("seq").first()
    message = Message.objects.filter(interview=case.interview, role="leaver").order_by("seq").first()
    assert statement is not None and message is not None
    return [statement.text[:40], message.text[:40]]


@pytest.mark.parametrize("page", PAGES)
def test_a_completed_case_s_invitation_link_opens_only_a_page_pointing_to_the_receipt(
    completed: CompletedCase, page: str
) -> None:
    response = Client().get(f"/i/{completed.token}/{page}")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="link-completed"' in html
    assert "Je gesprek is afgerond" in html  # the case's language
    assert "ontvangstbewijs" in html
    assert not any(words in html for words in _words_of(completed))


def test_the_page_for_a_completed_link_is_in_english_when_asked(completed: CompletedCase) -> None:
    html = Client().get(f"/i/{completed.token}/?lang=en").content.decode()
    assert "Your conversation is complete" in html
    assert "this invitation link no longer opens it" in html
    assert "Use the receipt link you were given when you finished" in html


def test_the_invitation_link_of_a_completed_case_can_no_longer_withdraw_it(completed: CompletedCase) -> None:
    response = Client().post(f"/i/{completed.token}/withdraw/", {"confirm": "yes"})
    assert response.status_code == 404
    completed.interview.refresh_from_db()
    assert completed.interview.status == "completed"
    assert Statement.objects.filter(interview=completed.interview).exists()


def test_the_api_opens_nothing_with_a_completed_case_s_invitation_token(completed: CompletedCase) -> None:
    client = Client()
    base = f"/api/v1/conversations/{completed.token}"
    for response in (
        client.get(base),
        client.post(f"{base}/messages", {"text": "nog iets"}, content_type="application/json"),
        client.get(f"{base}/record"),
        client.post(f"{base}/withdraw"),
    ):
        assert response.status_code == 404
        assert response.json()["detail"] == (
            "This conversation is complete; the invitation link no longer opens it. "
            "Open your record with your receipt link."
        )
        assert not any(words in response.content.decode() for words in _words_of(completed))
    review = client.get(f"{base}/review")
    assert review.status_code == 409
    assert review.json()["detail"] == "The review is already completed; open your record with the receipt link."
    completed.interview.refresh_from_db()
    assert completed.interview.status == "completed"


def test_the_receipt_keeps_opening_and_withdrawing_the_record(completed: CompletedCase) -> None:
    client = Client()
    words = _words_of(completed)
    assert words[0] in client.get(f"/r/{completed.receipt}/").content.decode()
    record = client.get(f"/api/v1/conversations/{completed.receipt}/record")
    assert record.status_code == 200
    assert record.json()["statements"][0]["text"].startswith(words[0])
    withdrawn = client.post(f"/api/v1/conversations/{completed.receipt}/withdraw")
    assert (withdrawn.status_code, withdrawn.json()) == (200, {"status": "withdrawn"})


def test_completing_the_mirror_on_the_web_says_the_invitation_link_stops_working() -> None:
    built = build_closed_case(build_org(), language="en")
    prepare_mirror(built.interview)
    client = Client()
    thanks = client.post(
        f"/i/{built.token}/mirror/closing/", {"felt_heard": "4", "recommend_score": "7", "would_return": "maybe"}
    )
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert 'data-testid="receipt-link"' in html
    assert "The invitation link no longer opens your record from now on: only this receipt link does." in html
    again = client.get(f"/i/{built.token}/mirror/")
    assert again.status_code == 404
    assert 'data-testid="link-completed"' in again.content.decode()
