"""One turn, one way: the plain chat page, the API and the streamed page store an answer once per client_id and
compute its reply once, through the same two functions (conversation.store_answer, conversation.reply_pieces)."""

from __future__ import annotations

import json
import logging
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.utils.html import escape

from spiegel.interviews.conversation import post_message, reply_pieces, store_answer, stream_reply
from spiegel.interviews.engine import Engine
from spiegel.interviews.models import Message, MessageRole
from spiegel.llm.phraser import LLMPhraser
from tests.support.builders import BuiltCase, build_case, build_org
from tests.support.fake_server import FakeOpenAI, Reply

pytestmark = pytest.mark.django_db

FIRST = "Ik kreeg een mooie kans bij een ander bedrijf."
SECOND = "De werkdruk was al lang te hoog, we hadden steeds te weinig mensen op de afdeling."
GOOD = "Wat maakte die werkdruk op de afdeling voor jou zo zwaar?"


READING = Reply(json.dumps({"kind": "answer", "themes": [], "matter": [], "feelings": []}))


def q(question: str, **kw: Any) -> Reply:
    return Reply(json.dumps({"question": question, "follow_up_topic": None}, ensure_ascii=False), **kw)


def _started() -> BuiltCase:
    built = build_case(build_org(), language="nl")
    post_message(built.interview, FIRST, client_id="first")
    return built


def _plain(built: BuiltCase, client_id: str = "second") -> None:
    response = Client().post(f"/i/{built.token}/chat/", {"text": SECOND, "client_id": client_id})
    assert response.status_code == 302


def _streamed(built: BuiltCase, client_id: str = "second") -> str:
    response = Client().post(f"/i/{built.token}/chat/stream/", {"text": SECOND, "client_id": client_id})
    assert response["Content-Type"] == "text/event-stream"
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


def _stored_reply(built: BuiltCase) -> list[tuple[str, dict[str, Any]]]:
    """The interviewer's stored reply to the last answer: its texts and what produced them (without timing)."""
    answer = Message.objects.filter(interview=built.interview, role=MessageRole.LEAVER).order_by("-seq")[0]
    return [
        (m.text, {k: v for k, v in m.produced_by.items() if k != "ms"})
        for m in Message.objects.filter(reply_to=answer).order_by("seq")
    ]


def test_without_a_model_the_plain_and_the_streamed_page_store_the_same_reply() -> None:
    plain, streamed = _started(), _started()
    _plain(plain)
    _streamed(streamed)
    assert _stored_reply(plain) == _stored_reply(streamed)
    assert _stored_reply(plain)[0][1] == {"engine": "builtin", "phraser": "templates"}
    assert _stored_reply(plain)[0][0].endswith("?")


def test_with_a_model_the_plain_and_the_streamed_page_store_the_same_reply(fake: FakeOpenAI) -> None:
    plain, streamed = _started(), _started()  # the model, not scripted yet, fails: the rules and templates answered
    opened = len(fake.requests)
    fake.script(READING, q(GOOD), READING, q(GOOD, chunks=6))  # each turn: the model reads, then words
    _plain(plain)
    body = _streamed(streamed)
    assert body.count("event: piece") >= 3
    assert (
        _stored_reply(plain)
        == _stored_reply(streamed)
        == [(GOOD, {"engine": "builtin", "phraser": "model", "model": "fake-model", "prompt": "interviewer.v1"})]
    )
    assert [bool(r.get("stream")) for r in fake.requests[opened:]] == [False, False, False, True]


def test_a_bug_in_the_model_path_gives_both_pages_the_same_built_in_reply_and_logs_no_words(
    fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    plain, streamed = _started(), _started()
    secret = "Piet schreeuwde"
    with (
        mock.patch.object(LLMPhraser, "phrase", side_effect=RuntimeError(secret)),
        mock.patch.object(LLMPhraser, "stream", side_effect=RuntimeError(secret)),
        caplog.at_level(logging.ERROR, logger="spiegel.interviews.language_model"),
    ):
        _plain(plain)
        _streamed(streamed)
    assert _stored_reply(plain) == _stored_reply(streamed)
    assert _stored_reply(plain)[0][1] == {"engine": "builtin", "phraser": "templates", "fallback": "error"}
    logged = [
        r.getMessage() for r in caplog.records if r.name.endswith("language_model") and r.levelno == logging.ERROR
    ]
    assert [str(plain.interview.id) in line for line in logged] == [True, False]
    assert [str(streamed.interview.id) in line for line in logged] == [False, True]
    assert all(secret not in line for line in logged)
    assert all(not r.get("stream") for r in fake.requests)  # no wording was asked; the readings were


def test_the_same_client_id_on_both_pages_stores_the_answer_once_and_computes_the_reply_once() -> None:
    built = _started()
    with mock.patch.object(Engine, "respond", autospec=True, side_effect=Engine.respond) as respond:
        _plain(built, client_id="twice")
        first = _stored_reply(built)
        _plain(built, client_id="twice")
        body = _streamed(built, client_id="twice")
    assert respond.call_count == 1
    assert "event: piece" not in body  # the stored reply, nothing worked out again
    assert json.dumps(first[0][0], ensure_ascii=False) in body
    assert _stored_reply(built) == first
    answers = Message.objects.filter(interview=built.interview, role=MessageRole.LEAVER)
    assert list(answers.values_list("text", flat=True)) == [FIRST, SECOND]
    assert Message.objects.filter(interview=built.interview, role=MessageRole.INTERVIEWER).count() == 2 + 1 + 1


def test_a_stored_answer_is_replied_to_once_whichever_path_asks_first() -> None:
    built = _started()
    answer = store_answer(built.interview, SECOND, client_id="x")
    assert store_answer(built.interview, SECOND, client_id="x").pk == answer.pk
    with mock.patch.object(Engine, "respond", autospec=True, side_effect=Engine.respond) as respond:
        streamed = list(stream_reply(built.interview, answer, skip_topic=False))
        plain = list(reply_pieces(built.interview, answer))
    assert respond.call_count == 1
    assert len(streamed) == len(plain) == 1
    assert streamed[0].result is not None and plain[0].result is not None
    assert [m.pk for m in plain[0].result.messages] == [m.pk for m in streamed[0].result.messages]
    assert plain[0].result.status == "in_progress"


def test_a_streamed_turn_that_breaks_keeps_the_answer_logs_no_words_and_is_answered_on_reload(
    caplog: pytest.LogCaptureFixture,
) -> None:
    built = _started()
    secret = "Piet schreeuwde"
    with (
        mock.patch("spiegel.interviews.conversation.compute_reply", side_effect=RuntimeError(secret)),
        caplog.at_level(logging.ERROR, logger="spiegel.web.stream_views"),
    ):
        body = _streamed(built)
    assert body == "event: failed\ndata: {}\n\n"
    logged = [r.getMessage() for r in caplog.records if r.name == "spiegel.web.stream_views"]
    assert len(logged) == 1
    assert str(built.interview.id) in logged[0]
    assert secret not in logged[0] and "RuntimeError" in logged[0]
    assert _stored_reply(built) == []  # the answer is kept, not yet answered
    page = Client().get(f"/i/{built.token}/chat/")
    assert page.status_code == 200
    reply = _stored_reply(built)
    assert len(reply) == 1 and escape(reply[0][0]) in page.content.decode()
