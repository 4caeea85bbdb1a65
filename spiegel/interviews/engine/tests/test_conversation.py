"""Whole conversations: no repeats, budgets and caps, skips, round-trips, phraser fallback, speed."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from spiegel.interviews.engine import (
    ConversationState,
    Engine,
    Guide,
    Move,
    TemplatePhraser,
    Topic,
    check_question,
    load_default_guide,
)
from spiegel.interviews.engine.checks import normalise, sentences

from .helpers import converse, to_the_end

POOL = {
    "nl": [
        "Ik kreeg een mooie kans bij een ander bedrijf.",
        "De werkdruk was te hoog en mijn leidinggevende deed er niks mee.",
        "Prima.",
        "Het was frustrerend, ik werkte elke week over.",
        "Weet ik niet.",
        "Vorige maand moest ik drie weekenden werken omdat er mensen ontbraken.",
        "De communicatie.",
        "Eigenlijk was het een beetje rommelig.",
        "Ging wel.",
        "Iedereen deed maar wat.",
    ],
    "en": [
        "I got a great opportunity elsewhere.",
        "The workload was too high and my manager did nothing about it.",
        "Fine.",
        "It was frustrating, I worked overtime every week.",
        "I don't know.",
        "Last month I had to work three weekends because people were missing.",
        "The communication.",
        "It was kind of messy, to be honest.",
        "It was okay.",
        "Everyone just did their own thing.",
    ],
}


def _all_sentences(state: ConversationState) -> list[str]:
    return [normalise(s) for message in state.said for s in sentences(message)]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("offset", [0, 3, 7])
def test_long_conversation_never_repeats_a_sentence_and_closes_within_the_cap(language: str, offset: int) -> None:
    pool = POOL[language]
    answers = [pool[(i * 3 + offset) % len(pool)] for i in range(60)]
    _, state, replies = converse(language, answers)
    said = _all_sentences(state)
    assert [s for s, n in Counter(said).items() if n > 1] == []
    assert replies[-1].closed
    assert state.interviewer_turns <= 35
    assert state.interviewer_turns <= load_default_guide(language).max_turns + 2
    assert all(tp.follow_ups <= 3 for tp in state.topics.values())
    kinds = [r.move.kind for r in replies]
    assert kinds[-1] == "close"
    assert "summary" in [r.move.target or r.move.kind for r in replies]
    assert 0.0 <= replies[0].progress <= replies[-2].progress < 1.0 == replies[-1].progress


@pytest.mark.parametrize("language", ["nl", "en"])
def test_skipping_every_question_still_reaches_the_closing_sequence(language: str) -> None:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    replies = []
    for _ in range(40):
        reply = engine.respond(state, "whatever", skip_topic=True)
        replies.append(reply)
        state = reply.state
        if reply.closed:
            break
    # a skip never ends the interview early: every guide topic and the closing steps are offered
    asked_topics = {r.move.topic for r in replies if r.move.target == "topic_question"}
    assert asked_topics == {t.id for t in engine.guide.topics}
    targets = [r.move.target or r.move.kind for r in replies]
    for step in ("stay", "advice_keep", "advice_change", "summary"):
        assert step in targets
    assert replies[-1].closed
    assert all(not r.closed for r in replies[:-1])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_state_round_trips_through_json_and_the_conversation_resumes_identically(language: str) -> None:
    engine = Engine(load_default_guide(language))
    pool = POOL[language]
    state, _ = engine.start()
    for answer in pool[:5]:
        state = engine.respond(state, answer).state
    restored = ConversationState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert restored == state
    assert restored.to_dict() == state.to_dict()
    a, b = state, restored
    other = Engine(load_default_guide(language))
    for answer in pool[5:]:
        ra, rb = engine.respond(a, answer), other.respond(b, answer)
        assert ra.messages == rb.messages
        assert ra.move == rb.move
        a, b = ra.state, rb.state
    assert a.to_dict() == b.to_dict()


def test_respond_never_mutates_the_given_state() -> None:
    engine = Engine(load_default_guide("nl"))
    state, _ = engine.start()
    before = state.to_dict()
    engine.respond(state, "De werkdruk was te hoog.")
    assert state.to_dict() == before


def test_answers_record_topic_and_phase_for_the_mirror() -> None:
    _, state, _ = converse("nl", ["Vooral de werkdruk.", "Het was gewoon te veel werk, elke dag."])
    assert state.answers[0] == {"topic": None, "phase": "opening", "text": "Vooral de werkdruk."}
    assert state.answers[1]["topic"] == "workload"
    assert state.answers[1]["phase"] == "story"


def test_closing_answers_are_stored() -> None:
    engine, state, _ = converse("nl", ["Prima."])
    replies = to_the_end(engine, state, "Meer overleg.")
    final = replies[-1].state
    assert final.stay_answer == "Meer overleg."
    assert final.advice == {"keep": "Meer overleg.", "change": "Meer overleg."}
    assert final.summary_correction == "Meer overleg."


class _Leading:
    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        return "Was het vooral het salaris?"


class _Raising:
    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        raise RuntimeError("model endpoint down")


class _Good:
    def __init__(self) -> None:
        self.calls = 0

    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        self.calls += 1
        return f"Wat bedoel je daar precies mee, vraag {self.calls}?"


@pytest.mark.parametrize("phraser", [_Leading(), _Raising()])
def test_a_failing_phraser_falls_back_to_templates(phraser: object) -> None:
    engine = Engine(load_default_guide("nl"), phraser=phraser)  # type: ignore[arg-type]
    template_engine = Engine(load_default_guide("nl"))
    state, messages = engine.start()
    state2, messages2 = template_engine.start()
    assert messages == messages2
    reply = engine.respond(state, "De werkdruk was te hoog.")
    assert reply.messages == template_engine.respond(state2, "De werkdruk was te hoog.").messages
    assert "salaris" not in reply.messages[0]


def test_a_phraser_that_follows_the_rules_is_used() -> None:
    good = _Good()
    engine = Engine(load_default_guide("nl"), phraser=good)
    state, _ = engine.start()
    reply = engine.respond(state, "De werkdruk was te hoog.")
    assert reply.messages == ["Wat bedoel je daar precies mee, vraag 2?"]


def test_same_inputs_give_the_same_conversation() -> None:
    _, a, _ = converse("nl", POOL["nl"])
    _, b, _ = converse("nl", POOL["nl"])
    assert a.said == b.said


def test_customised_guide_removes_topics_and_asks_extra_questions_verbatim() -> None:
    base = load_default_guide("nl")
    extra = "Wat vond je van de jaarlijkse teamdag?"
    own = Topic(
        id="onboarding_buddy", label="je buddy", question="Hoe hielp je buddy je in de eerste weken?", priority=1
    )
    guide = base.customised(remove_topics=["pay"], extra_questions={"collaboration": [extra]}, extra_topics=[own])
    assert guide.topic("pay") is None
    assert Guide.from_dict(json.loads(json.dumps(guide.to_dict()))) == guide
    engine = Engine(guide)
    state, _ = engine.start()
    replies = to_the_end(engine, state, "Dat ging best goed, vorige week nog hadden we een fijn overleg.")
    said = [m for r in replies for m in r.messages]
    assert extra in said
    assert all(r.move.topic != "pay" for r in replies)
    assert any(r.move.topic == "onboarding_buddy" for r in replies)


def test_invalid_guides_are_refused() -> None:
    d = load_default_guide("nl").to_dict()
    d["closing"].pop("stay")
    with pytest.raises(ValueError, match="stay"):
        Guide.from_dict(d)
    with pytest.raises(ValueError, match="unknown topics"):
        load_default_guide("nl").customised(extra_questions={"nope": ["Wat?"]})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_default_guide_questions_pass_the_checks(language: str) -> None:
    guide = load_default_guide(language)
    state = ConversationState(language=language)
    for topic in guide.topics:
        move = Move("topic_question", topic=topic.id, language=language, question=topic.question)
        assert check_question(topic.question, move, state) == []
    for key in ("stay", "stay_when", "advice_keep", "advice_change", "anything_else"):
        move = Move(key, language=language, question=guide.closing[key])
        assert check_question(guide.closing[key], move, state) == [], key
    move = Move("open", language=language, question=guide.opening_question)
    assert check_question(guide.opening_question, move, state) == []
    assert TemplatePhraser().phrase(move, state, guide) == guide.opening_question
