"""check_question catches what a good interviewer never asks."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import ConversationState, Move, check_question

NL = Move("follow_up", topic="workload", probe="example", language="nl")
EN = Move("follow_up", topic="workload", probe="example", language="en")


def _state(language: str, said: list[str] | None = None) -> ConversationState:
    state = ConversationState(language=language)
    state.said = said or []
    state.notes = [{"theme": "workload", "phrase": "te veel werk", "polarity": "neg", "turn": 1}]
    return state


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Hoe zag die werkdruk er in een gewone week uit?"),
        ("nl", 'Je zei "te veel werk". Wat is daar een concreet voorbeeld van?'),
        ("nl", "Kun je vertellen wat er toen gebeurde?"),
        ("en", "What did the workload look like in an ordinary week?"),
        ("en", "Could you describe what happened then?"),
    ],
)
def test_open_single_questions_pass(language: str, text: str) -> None:
    assert check_question(text, NL if language == "nl" else EN, _state(language)) == []


@pytest.mark.parametrize(
    ("language", "text", "problem"),
    [
        ("nl", "Wat gebeurde er? En hoe voelde dat?", "more than one question"),
        ("nl", "Wat gebeurde er en hoe voelde je je daarbij?", "more than one question"),
        ("en", "What happened, and how did you feel?", "more than one question"),
        ("nl", "Had je genoeg tijd voor je werk?", "closed question"),
        ("en", "Did you have enough time for your work?", "closed question"),
        ("nl", "Kwam het door de werkdruk dat je wegging?", "leading question"),
        ("en", "Was it because of the workload?", "leading question"),
        ("nl", "Hoe keek je aan tegen je salaris?", "suggests a theme the leaver did not name: pay"),
        ("en", "How did your salary play a part in this?", "suggests a theme the leaver did not name: pay"),
        ("nl", "What did the workload look like?", "wrong language"),
        ("en", "Hoe zag de werkdruk eruit in een gewone week?", "wrong language"),
    ],
)
def test_rule_violations_are_caught(language: str, text: str, problem: str) -> None:
    problems = check_question(text, NL if language == "nl" else EN, _state(language))
    assert any(p.startswith(problem) for p in problems), problems


def test_long_questions_and_messages_are_caught() -> None:
    long_question = "Hoe " + "heel " * 26 + "was het?"
    assert "question longer than 25 words" in check_question(long_question, NL, _state("nl"))
    long_message = "Dank je. " * 18 + "Hoe was het?"
    assert "message longer than 35 words" in check_question(long_message, NL, _state("nl"))


def test_a_reflection_plus_question_up_to_35_words_is_allowed() -> None:
    text = "Ik hoor frustratie in wat je vertelt over die weken. Wat gebeurde er waardoor die frustratie ontstond?"
    assert check_question(text, NL, _state("nl")) == []


def test_repeats_of_an_earlier_sentence_are_caught_after_normalising() -> None:
    state = _state("nl", ["Dank je. Hoe zag dat er in de praktijk uit?"])
    assert "repeats an earlier sentence" in check_question("hoe zag dat er in de praktijk uit ?", NL, state)
    assert check_question("Wat deed dat met jou?", NL, state) == []


def test_leaver_words_in_quotes_are_not_counted_as_suggestions_or_language() -> None:
    text = 'Je zei "the salary was low". Wat bedoel je daarmee?'
    assert check_question(text, NL, _state("nl")) == []


def test_closing_message_must_not_ask() -> None:
    close = Move("close", language="nl")
    assert check_question("Dank je wel. Tot ziens?", close, _state("nl")) == ["a closing message asks no question"]
