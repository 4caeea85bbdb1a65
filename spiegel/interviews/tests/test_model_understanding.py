"""The model reads the answers too where one is configured (SPIEGEL_LLM_UNDERSTANDING): asked ahead of the
case's lock and never under it, switched off by the setting, and on any failure the rules decide."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from spiegel.interviews.conversation import post_message
from spiegel.interviews.engine import Engine
from spiegel.interviews.language_model import PreparedUnderstander, understander
from spiegel.language.understanding import Context
from spiegel.language.understanding import understand as understand_by_rules
from spiegel.llm.phraser import prompt_text
from spiegel.llm.understanding import PROMPT_VERSION
from tests.support.builders import build_case, build_org
from tests.support.fake_server import FakeOpenAI, Reply, Status
from tests.support.understanding import HOURS, model_reading

pytestmark = pytest.mark.django_db

NL = Context(language="nl", current_topic="workload", last_question="Hoe was de werkdruk?")


def _is_understanding(request: dict[str, Any]) -> bool:
    return bool(request["messages"][0]["content"] == prompt_text(PROMPT_VERSION))


def test_without_a_model_or_with_the_setting_off_the_rules_read_alone(settings: Any, fake: FakeOpenAI) -> None:
    assert isinstance(understander(), PreparedUnderstander)
    settings.SPIEGEL_LLM_UNDERSTANDING = False
    assert understander() is None
    settings.SPIEGEL_LLM_UNDERSTANDING = True
    settings.SPIEGEL_LLM_BASE_URL = ""
    assert understander() is None


def test_the_model_is_asked_once_ahead_of_the_lock_and_its_reading_reused_under_it(fake: FakeOpenAI) -> None:
    prepared = understander()
    assert prepared is not None
    fake.script(model_reading(disclosure="integrity", matter=["de uren van vorige maand"]))
    ahead = prepared.understand(HOURS, NL)
    assert (ahead.disclosure, ahead.source, ahead.matter) == ("integrity", "union", ("de uren van vorige maand",))
    prepared.seal()
    assert prepared.understand(HOURS, NL) is ahead
    other = prepared.understand("Het rooster veranderde elke week.", NL)  # not read ahead: the rules alone
    assert other == understand_by_rules("Het rooster veranderde elke week.", NL)
    assert other.source == "rules"
    assert len(fake.requests) == 1


@pytest.mark.parametrize("failure", [Status(500), Reply('{"kind": "antwoord"'), Reply('{"kind": "gossip"}')])
def test_when_the_model_fails_the_rules_decide(fake: FakeOpenAI, failure: Reply | Status) -> None:
    prepared = understander()
    assert prepared is not None
    fake.script(failure)
    reading = prepared.understand(HOURS, NL)
    assert reading.source == "rules"
    assert reading.kind == understand_by_rules(HOURS, NL).kind
    assert reading.disclosure is None


def test_a_bug_in_the_model_path_leaves_the_rules_to_decide(fake: FakeOpenAI) -> None:
    prepared = understander()
    assert prepared is not None
    with mock.patch.object(prepared.model, "understand", side_effect=RuntimeError(HOURS)):
        reading = prepared.understand(HOURS, NL)
    assert reading.source == "rules"
    assert fake.requests == []


def test_every_turn_with_a_model_is_computed_by_an_engine_holding_the_sealed_reading(fake: FakeOpenAI) -> None:
    built = build_case(build_org(), language="nl")
    with mock.patch.object(Engine, "respond", autospec=True, side_effect=Engine.respond) as respond:
        result = post_message(built.interview, HOURS, client_id="u1")
    assert result.status == "in_progress"
    engine = respond.call_args.args[0]
    assert isinstance(engine.understander, PreparedUnderstander)
    assert engine.understander.sealed
    understanding_requests = [r for r in fake.requests if _is_understanding(r)]
    assert len(understanding_requests) == 1  # read once ahead of the lock, never again under it


def test_a_disclosure_only_the_model_sees_is_handled_and_flagged(fake: FakeOpenAI) -> None:
    built = build_case(build_org(), language="nl")
    assert understand_by_rules(HOURS, NL).disclosure is None
    fake.script(model_reading(disclosure="integrity"))
    reply = " ".join(m.text for m in post_message(built.interview, HOURS, client_id="d1").messages)
    assert "Huis voor Klokkenluiders" in reply
    built.interview.refresh_from_db()
    assert built.interview.flagged
    assert _is_understanding(fake.requests[0])


def test_with_understanding_off_the_same_answer_is_left_to_the_rules(settings: Any, fake: FakeOpenAI) -> None:
    settings.SPIEGEL_LLM_UNDERSTANDING = False
    built = build_case(build_org(), language="nl")
    fake.script(model_reading(disclosure="integrity"))  # would be read as a disclosure, but is never asked for one
    reply = " ".join(m.text for m in post_message(built.interview, HOURS, client_id="d1").messages)
    assert "Klokkenluiders" not in reply
    built.interview.refresh_from_db()
    assert not built.interview.flagged


def test_with_understanding_off_the_engine_has_no_understander(settings: Any, fake: FakeOpenAI) -> None:
    settings.SPIEGEL_LLM_UNDERSTANDING = False
    built = build_case(build_org(), language="nl")
    with mock.patch.object(Engine, "respond", autospec=True, side_effect=Engine.respond) as respond:
        post_message(built.interview, HOURS, client_id="u1")
    assert respond.call_args.args[0].understander is None
    assert not [r for r in fake.requests if _is_understanding(r)]
