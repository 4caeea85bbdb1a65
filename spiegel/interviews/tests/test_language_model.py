"""Conversations with the language model configured: the model words, the engine decides, and every failure
of the model is answered with the built-in wording within the time limit, with nothing lost."""

from __future__ import annotations

import json
from typing import Any

import pytest

from spiegel.interviews.conversation import post_message
from spiegel.interviews.models import Interview, Message, MessageRole, Status
from tests.support.builders import build_case, build_org
from tests.support.fake_server import FakeOpenAI, Hang, Reply, Response, free_port
from tests.support.fake_server import Status as HttpStatus

pytestmark = pytest.mark.django_db

LIMIT = 1.0
FIRST_ANSWER = "Ik kreeg een mooie kans bij een ander bedrijf."
TEMPLATE_REPLY = "Je noemde een mooie kans. Wat maakte dat je überhaupt om je heen ging kijken?"
GOOD = "Wat zette jou ertoe aan om verder te kijken dan je huidige baan?"


def q(question: str) -> Reply:
    return Reply(json.dumps({"question": question, "follow_up_topic": None}, ensure_ascii=False))


@pytest.fixture
def fake(fake: FakeOpenAI, settings: Any) -> FakeOpenAI:
    """The shared fake model server, for the wording alone (understanding: test_model_understanding.py)."""
    settings.SPIEGEL_LLM_UNDERSTANDING = False
    settings.SPIEGEL_LLM_TIMEOUT = LIMIT
    return fake


@pytest.fixture
def case() -> Interview:
    return build_case(build_org(), language="nl").interview


def _answer(case: Interview, text: str = FIRST_ANSWER) -> list[Message]:
    return post_message(case, text, client_id="turn-1").messages


def test_the_opening_records_that_the_guide_and_the_templates_produced_it(fake: FakeOpenAI, case: Interview) -> None:
    opening = list(Message.objects.filter(interview=case).order_by("seq"))
    assert [m.produced_by for m in opening] == [
        {"engine": "builtin", "phraser": "guide"},
        {"engine": "builtin", "phraser": "templates"},
    ]
    assert fake.requests == []


def test_the_models_question_is_stored_with_engine_model_and_prompt_version(fake: FakeOpenAI, case: Interview) -> None:
    fake.script(q(GOOD))
    messages = _answer(case)
    assert [m.text for m in messages] == [GOOD]
    stored = Message.objects.get(pk=messages[0].pk)
    assert {k: v for k, v in stored.produced_by.items() if k != "ms"} == {
        "engine": "builtin",
        "phraser": "model",
        "model": "fake-model",
        "prompt": "interviewer.v1",
    }
    assert len(fake.requests) == 1


FAILURES: dict[str, tuple[Response, str]] = {
    "malformed JSON": (Reply('{"question": "Wat gebeurde er'), "invalid_output"),
    "a leading question": (q("Kwam het door je salaris dat je naar die kans ging kijken?"), "rejected"),
    "a closed question": (q("Was die mooie kans beter betaald?"), "rejected"),
    "a question off the task": (q("Hoe was je eerste werkdag bij ons?"), "off_task"),
    "HTTP 500": (HttpStatus(500), "http_500"),
    "a timeout": (Hang(6.0), "timeout"),
    "a slow answer": (Reply(json.dumps({"question": GOOD}), delay=6.0), "timeout"),
}


@pytest.mark.parametrize("case_name", sorted(FAILURES))
def test_when_the_model_fails_the_built_in_wording_answers_in_time_and_nothing_is_lost(
    fake: FakeOpenAI, case: Interview, case_name: str
) -> None:
    response, reason = FAILURES[case_name]
    fake.script(response)
    messages = _answer(case)
    # the reason proves the limit: a 6 s stall that were waited out would give the model's question, not 'timeout'
    # (no wall-clock assertion: timings belong in bench/, and this machine is shared)
    assert [m.text for m in messages] == [TEMPLATE_REPLY]
    assert messages[0].produced_by["fallback"].split(":")[0] == reason
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    roles = list(Message.objects.filter(interview=case).order_by("seq").values_list("role", "text"))
    assert roles[2:] == [(MessageRole.LEAVER, FIRST_ANSWER), (MessageRole.INTERVIEWER, TEMPLATE_REPLY)]
    # and the conversation goes on, with the model again when it answers
    fake.script(q("Wat gebeurde er toen je besloot om verder te kijken?"))
    later = post_message(case, "Ik wilde al een tijd verder kijken, het werk bood niets nieuws meer.", client_id="2")
    assert later.status == Status.IN_PROGRESS
    assert len(later.messages) == 1


def test_an_unreachable_model_costs_the_leaver_no_time(settings: Any, case: Interview) -> None:
    settings.SPIEGEL_LLM_BASE_URL = f"http://127.0.0.1:{free_port()}/v1"
    settings.SPIEGEL_LLM_MODEL = "m"
    settings.SPIEGEL_LLM_TIMEOUT = 30.0
    messages = _answer(case)
    # refused at once, not waited out: a wait would end as 'timeout' after 30 s, a refusal is 'connection'
    assert [m.text for m in messages] == [TEMPLATE_REPLY]
    assert messages[0].produced_by == {"engine": "builtin", "phraser": "templates", "fallback": "connection"}


def test_a_retried_answer_is_not_sent_to_the_model_twice(fake: FakeOpenAI, case: Interview) -> None:
    fake.script(q(GOOD))
    first = post_message(case, FIRST_ANSWER, client_id="same")
    again = post_message(case, FIRST_ANSWER, client_id="same")
    assert [m.pk for m in again.messages] == [m.pk for m in first.messages]
    assert len(fake.requests) == 1


def test_without_a_model_nothing_is_sent_and_the_templates_are_recorded(case: Interview) -> None:
    messages = _answer(case)
    assert [m.text for m in messages] == [TEMPLATE_REPLY]
    assert messages[0].produced_by == {"engine": "builtin", "phraser": "templates"}
