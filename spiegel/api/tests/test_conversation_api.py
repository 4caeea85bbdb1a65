"""The conversation API: the leaver's token is the credential."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from spiegel.interviews import conversation
from spiegel.interviews.models import Interview, Message, Status
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db


def _send(client: Client, token: str, text: str, client_id: str = "", **extra: Any) -> Any:
    body: dict[str, Any] = {"text": text, **extra}
    if client_id:
        body["client_id"] = client_id
    return client.post(
        f"/api/v1/conversations/{token}/messages", data=json.dumps(body), content_type="application/json"
    )


def test_the_opening_is_there_as_soon_as_the_case_exists(client: Client) -> None:
    built = build_case(build_org(), language="nl")
    body = client.get(f"/api/v1/conversations/{built.token}").json()
    assert body["status"] == "invited"
    assert body["language"] == "nl"
    assert len(body["messages"]) >= 1
    assert {m["role"] for m in body["messages"]} == {"interviewer"}
    assert set(body["messages"][0]) == {"id", "role", "text", "created_at"}
    assert body["messages"][-1]["text"].rstrip().endswith("?")


def test_an_answer_gets_the_interviewers_next_question_and_both_are_stored(client: Client) -> None:
    built = build_case(build_org(), language="en")
    opening = client.get(f"/api/v1/conversations/{built.token}").json()["messages"]
    response = _send(client, built.token, "I am leaving because the workload got too much after the reorganisation.")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in_progress"
    assert len(body["messages"]) >= 1
    assert all(m["role"] == "interviewer" for m in body["messages"])
    after = client.get(f"/api/v1/conversations/{built.token}").json()["messages"]
    assert [m["id"] for m in after] == [m["id"] for m in opening] + [after[len(opening)]["id"]] + [
        m["id"] for m in body["messages"]
    ]
    assert after[len(opening)]["role"] == "leaver"


def test_a_repeated_client_id_returns_the_earlier_answer_without_adding_a_turn(client: Client) -> None:
    built = build_case(build_org(), language="en")
    first = _send(client, built.token, "The pay was fine but my manager never listened.", client_id="abc-1").json()
    count = Message.objects.filter(interview=built.interview).count()
    again = _send(client, built.token, "The pay was fine but my manager never listened.", client_id="abc-1").json()
    assert again == first
    assert Message.objects.filter(interview=built.interview).count() == count


@pytest.mark.parametrize(("text", "fragment"), [("", "empty"), ("   \n ", "empty"), ("x" * 4001, "too long")])
def test_an_empty_or_oversized_message_is_refused_with_422_and_nothing_is_stored(
    client: Client, text: str, fragment: str
) -> None:
    built = build_case(build_org())
    before = Message.objects.count()
    response = _send(client, built.token, text)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]
    assert Message.objects.count() == before


def test_a_message_with_unknown_fields_or_no_text_is_refused(client: Client) -> None:
    built = build_case(build_org())
    bad = client.post(
        f"/api/v1/conversations/{built.token}/messages",
        data=json.dumps({"txt": "hoi"}),
        content_type="application/json",
    )
    assert bad.status_code == 422


@pytest.mark.parametrize("token", ["unknown-token", "a" * 32])
def test_an_unknown_token_gets_404_on_every_endpoint(client: Client, token: str) -> None:
    assert client.get(f"/api/v1/conversations/{token}").status_code == 404
    assert _send(client, token, "hallo").status_code == 404


def test_an_expired_token_gets_404_with_a_clear_message(client: Client) -> None:

    built = build_case(build_org())
    Interview.objects.filter(pk=built.interview.pk).update(token_expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(f"/api/v1/conversations/{built.token}")
    assert response.status_code == 404
    assert "expired" in response.json()["detail"]


def test_a_message_after_the_conversation_closed_gets_409(client: Client) -> None:
    built = build_case(build_org())
    Interview.objects.filter(pk=built.interview.pk).update(status=Status.REVIEW)
    response = _send(client, built.token, "Nog één ding.")
    assert response.status_code == 409
    assert "closed" in response.json()["detail"]


def test_an_answer_is_kept_when_computing_the_reply_crashes_and_is_answered_on_resume(client: Client) -> None:
    built = build_case(build_org(), language="en")
    with (
        mock.patch.object(conversation, "compute_reply", side_effect=RuntimeError("power cut")),
        pytest.raises(RuntimeError),
    ):
        _send(client, built.token, "Honestly the team was great, it was the roster.", client_id="c1")
    stored = Message.objects.filter(interview=built.interview, role="leaver").get()
    assert stored.text == "Honestly the team was great, it was the roster."
    resumed = client.get(f"/api/v1/conversations/{built.token}").json()["messages"]
    assert resumed[-1]["role"] == "interviewer"
    retry = _send(client, built.token, "Honestly the team was great, it was the roster.", client_id="c1").json()
    assert retry["messages"][-1]["id"] == resumed[-1]["id"]
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 1
