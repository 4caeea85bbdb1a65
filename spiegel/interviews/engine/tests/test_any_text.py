"""The interviewer takes any text a leaver can type, in both languages: every answer gets a well-formed next
message, the state survives storage, and a conversation of arbitrary answers always ends."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiegel.interviews.engine import ConversationState, Engine, load_default_guide
from spiegel.interviews.engine.interviewer import HARD_TURN_CAP
from spiegel.language.tests.strategies import any_text, languages

ENGINES = {language: Engine(load_default_guide(language)) for language in ("nl", "en")}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, languages, st.booleans())
def test_any_answer_gets_one_well_formed_next_message(text: str, language: str, skip: bool) -> None:
    engine = ENGINES[language]
    state, _opening = engine.start()
    reply = engine.respond(state, text, skip_topic=skip)
    assert len(reply.messages) == 1
    message = reply.messages[0]
    assert message.strip() == message and message
    assert message[-1] in "?.!"
    assert ConversationState.from_dict(reply.state.to_dict()).to_dict() == reply.state.to_dict()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_text, min_size=60, max_size=60), languages)
def test_a_conversation_of_arbitrary_answers_always_ends_within_the_turn_cap(answers: list[str], language: str) -> None:
    engine = ENGINES[language]
    state, _opening = engine.start()
    for text in answers:
        reply = engine.respond(state, text)
        state = reply.state
        if reply.closed:
            break
    assert reply.closed, f"still open after {len(answers)} answers"
    assert state.interviewer_turns <= HARD_TURN_CAP


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, languages)
def test_the_safe_next_question_takes_any_answer_too(text: str, language: str) -> None:
    engine = ENGINES[language]
    state, _opening = engine.start()
    reply = engine.recover(state, text)
    assert len(reply.messages) == 1 and reply.messages[0].endswith("?")
    assert reply.state.answers[-1]["text"] == text.strip()
