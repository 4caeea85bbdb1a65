"""The engine in parts: the case context, the new state fields and the wording data."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from spiegel.interviews.engine import CaseContext, ConversationState, Engine, Move, load_default_guide
from spiegel.interviews.engine.state import TopicProgress
from spiegel.interviews.engine.wording import DATA_DIR, options, wording

from .helpers import converse


def test_engine_takes_a_case_context_and_keeps_it() -> None:
    context = CaseContext(organisation="Zorggroep Noord", min_group_size=7, contact="Anna de Vries")
    engine = Engine(load_default_guide("nl"), context=context)
    assert engine.context == context
    assert Engine(load_default_guide("en")).context == CaseContext()


def test_begin_and_recover_carry_no_understanding() -> None:
    engine = Engine(load_default_guide("en"))
    reply = engine.begin()
    assert reply.understood is None
    assert engine.recover(reply.state, "Anything.").understood is None


def test_new_state_fields_round_trip_through_json() -> None:
    state = ConversationState(language="nl")
    state.refused = ["manager"]
    state.corrections = ["het ging om het rooster, niet om het salaris"]
    state.calm = True
    state.summary_points = ["de werkdruk", "je leidinggevende"]
    state.pending = Move("topic_question", topic="workload", language="nl", question="Hoe was de werkdruk?")
    state.turn_kinds = ["answer", "refusal"]
    state.main_reason = "workload"
    back = ConversationState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert back == state


def test_a_state_stored_before_the_new_fields_still_loads_and_continues() -> None:
    engine, state, _ = converse("nl", ["De werkdruk was te hoog."])
    old = state.to_dict()
    for key in ("refused", "corrections", "calm", "summary_points", "pending", "turn_kinds", "main_reason"):
        old.pop(key)
    old.pop("main_reason_words")
    loaded = ConversationState.from_dict(old)
    assert loaded.refused == [] and loaded.corrections == [] and loaded.calm is False
    assert loaded.summary_points == [] and loaded.pending is None
    reply = engine.respond(loaded, "Elke week werkte ik over.")
    assert reply.messages and not reply.closed


@pytest.mark.parametrize("language", ["nl", "en"])
def test_both_languages_have_the_same_wording_keys(language: str) -> None:
    other = "en" if language == "nl" else "nl"

    def keys(node: object, prefix: str = "") -> set[str]:
        if isinstance(node, dict):
            out: set[str] = set()
            for k, v in node.items():
                out |= {f"{prefix}/{k}"} | keys(v, f"{prefix}/{k}")
            return out
        return set()

    assert keys(wording(language)) - {"/language"} == keys(wording(other)) - {"/language"}


def test_wording_data_has_a_licence_readme_and_loads_as_json() -> None:
    assert "Licence" in (Path(DATA_DIR) / "README.md").read_text(encoding="utf-8")
    assert options("nl", "probes", "example")
    assert options("en", "prefaces", "bridge")
    assert options("nl", "no", "such", "key") == ()


def test_topic_progress_and_move_store_every_field() -> None:

    assert set(TopicProgress().to_dict()) == {f.name for f in fields(TopicProgress)}
    assert set(Move("open", language="nl").to_dict()) == {f.name for f in fields(Move)}
