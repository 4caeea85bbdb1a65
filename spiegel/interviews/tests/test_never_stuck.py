"""Never stuck: whatever a leaver types, and whatever breaks while the reply is worked out, the answer is kept
and the conversation goes on (issue "never stuck")."""

from __future__ import annotations

import json
import logging
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from spiegel.interviews import conversation
from spiegel.interviews.engine import Engine, load_default_guide
from spiegel.interviews.models import Conversation, Interview, Message, Status
from spiegel.mirror.actions import withdraw_record
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db

# Every input that once crashed or stuck a conversation, and more of the same kind.
HARD_ANSWERS = (
    "Het was zwaar - echt zwaar",
    "Yes - no",
    ":-)",
    "'",
    "-",
    "‘",
    "— –",
    "a -- b",
    "ok\x00 dan\x07",
    "😀😀😀 🙈",
    "هذا كان صعبا جدا",
    "x" * 3000,
    "\u200b",
    "' ' ' - - -",
)


def _send(client: Client, token: str, text: str, **extra: Any) -> Any:
    return client.post(
        f"/api/v1/conversations/{token}/messages",
        data=json.dumps({"text": text, **extra}),
        content_type="application/json",
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_conversation_of_every_hard_answer_runs_to_its_end_over_the_api(client: Client, language: str) -> None:
    built = build_case(build_org(), language=language)
    filler = "Nee, niets meer." if language == "nl" else "No, nothing more."
    answers = [*HARD_ANSWERS, *[filler] * 60]
    sent = 0
    for n, text in enumerate(answers):
        response = _send(client, built.token, text, client_id=f"c{n}")
        assert response.status_code == 200, (text, response.content)
        sent += 1
        body = response.json()
        assert body["messages"], text
        assert all(m["role"] == "interviewer" and m["text"].strip() for m in body["messages"])
        if body["status"] != "in_progress":
            break
    assert body["status"] == "review"
    stored = list(Message.objects.filter(interview=built.interview, role="leaver").values_list("text", flat=True))
    assert len(stored) == sent
    assert stored[8] == "ok dan"  # control characters removed, the words kept
    assert client.get(f"/api/v1/conversations/{built.token}").status_code == 200


def test_a_reply_that_raises_gives_the_next_guide_question_and_loses_nothing(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    built = build_case(build_org(), language="en")
    secret = "my manager Piet shouted at me"
    with (
        mock.patch.object(Engine, "respond", side_effect=RuntimeError(f"boom: {secret}")),
        caplog.at_level(logging.ERROR, logger="spiegel.interviews.conversation"),
    ):
        response = _send(client, built.token, secret, client_id="a1")
    assert response.status_code == 200
    reply = response.json()["messages"]
    assert len(reply) == 1
    first_topic = load_default_guide("en").ordered_topics()[0]
    assert reply[0]["text"].endswith("?")
    assert first_topic.question in reply[0]["text"] or reply[0]["text"].strip()
    stored = Message.objects.get(interview=built.interview, role="leaver")
    assert stored.text == secret
    question = Message.objects.get(reply_to=stored)
    assert question.produced_by["recovered"] is True
    state = Conversation.objects.get(interview=built.interview).state
    assert state["answers"][-1]["text"] == secret  # the mirror will still get the answer
    # logged with the case's public id, never with what the leaver wrote
    failures = [r.getMessage() for r in caplog.records if r.name == "spiegel.interviews.conversation"]
    assert failures and str(built.interview.id) in failures[0]
    assert all("Piet" not in line and "shouted" not in line for line in failures)
    # the next answer goes through the engine again as usual
    after = _send(client, built.token, "The roster changed every week.", client_id="a2").json()
    assert after["status"] == "in_progress"
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 2


def test_when_even_the_engine_cannot_load_the_guide_questions_carry_the_conversation_to_its_end(
    client: Client,
) -> None:
    built = build_case(build_org(), language="nl")
    guide = load_default_guide("nl")
    with mock.patch("spiegel.interviews.engine.ConversationState.from_dict", side_effect=KeyError("broken state")):
        texts = []
        for n in range(len(guide.topics) + 10):
            body = _send(client, built.token, f"Antwoord nummer {n}.", client_id=f"g{n}").json()
            texts += [m["text"] for m in body["messages"]]
            if body["status"] != "in_progress":
                break
    assert body["status"] == "review"
    assert texts[0] == guide.opening_question or texts[0] == guide.ordered_topics()[0].question
    assert len(texts) == len(set(texts))  # never the same question twice
    assert texts[-1] == guide.closing["thanks"]
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == len(texts)


def test_a_message_to_a_human_led_case_is_refused_with_409_and_the_case_still_reads(client: Client) -> None:
    built = build_case(build_org(), language="nl", mode="interviewer")
    response = _send(client, built.token, "Hallo?")
    assert response.status_code == 409
    assert "held by a person" in response.json()["detail"]
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 0
    assert client.get(f"/api/v1/conversations/{built.token}").status_code == 200
    page = client.post(f"/i/{built.token}/chat/", {"text": "Hallo?", "client_id": "w1"})
    assert page.status_code in (200, 302)
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 0


def test_an_answer_arriving_while_the_record_is_withdrawn_gets_409_and_nothing_is_left(client: Client) -> None:
    built = build_case(build_org(), language="en")
    _send(client, built.token, "It started with the new roster.", client_id="w0")

    def withdraw_meanwhile(interview: Interview, *args: Any, **kwargs: Any) -> None:
        withdraw_record(interview)  # the leaver withdraws in another tab while this answer is on its way
        return None

    with mock.patch("spiegel.interviews.language_model.prephrase_reply", side_effect=withdraw_meanwhile):
        response = _send(client, built.token, "And then my manager left.", client_id="w1")
    assert response.status_code == 409
    built.interview.refresh_from_db()
    assert built.interview.status == Status.WITHDRAWN
    assert Message.objects.filter(interview=built.interview).count() == 0
    assert client.get(f"/api/v1/conversations/{built.token}").status_code in (200, 404)


def test_the_same_answer_twice_at_once_without_client_id_is_taken_once(client: Client) -> None:
    built = build_case(build_org(), language="nl")
    first = _send(client, built.token, "De werkdruk was te hoog.").json()
    second = _send(client, built.token, "De werkdruk was te hoog.").json()
    assert [m["id"] for m in second["messages"]] == [m["id"] for m in first["messages"]]
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 1


def test_the_same_answer_again_after_the_window_is_a_new_turn(client: Client) -> None:
    built = build_case(build_org(), language="nl")
    _send(client, built.token, "Weet ik niet.")
    Message.objects.filter(interview=built.interview, role="leaver").update(
        created_at=Message.objects.get(interview=built.interview, role="leaver").created_at
        - conversation.REPEAT_WINDOW * 2
    )
    _send(client, built.token, "Weet ik niet.")
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 2


@pytest.mark.parametrize(
    ("language", "stored"), [("nl", "Graag het volgende onderwerp."), ("en", "Next topic, please.")]
)
def test_an_empty_answer_that_asks_to_skip_is_taken(client: Client, language: str, stored: str) -> None:
    built = build_case(build_org(), language=language)
    response = _send(client, built.token, "", skip_topic=True)
    assert response.status_code == 200
    assert Message.objects.get(interview=built.interview, role="leaver").text == stored


def test_an_empty_answer_without_skip_is_refused_with_a_clear_message(client: Client) -> None:
    built = build_case(build_org(), language="en")
    response = _send(client, built.token, " \x00 ")
    assert response.status_code == 422
    assert response.json()["detail"] == "The message is empty."
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 0
