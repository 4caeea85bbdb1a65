"""The leaver's control over the closing summary and over what is recorded.

A correction of the summary re-ranks (what the leaver names as the main thing comes first, in the interviewer's
label, never pasted or shouted back), rejects (a point the leaver says was not it is dropped) and adds (a point
in plain words, or "what you said about ..."); then the corrected summary is read back and the leaver is asked
again. The interview closes only after a yes, or after a second correction is applied and read back with a final
"I will note it like this". A request to take out a figure or a topic mid-interview is honoured at once, said
truthfully, and what was taken out never comes back in a question or the summary.
"""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine import ConversationState, Engine, EngineReply
from spiegel.interviews.engine.navigation import HARD_TURN_CAP

from .helpers import SUMMARY_STORY as STORY
from .helpers import converse

PERSONAL = {"nl": "persoonlijke situatie", "en": "personal situation"}
MANAGER = {"nl": "leidinggevende", "en": "manager"}
WORKLOAD = {"nl": "werkdruk", "en": "workload"}
YES = {"nl": "Ja, zo klopt het.", "en": "Yes, that's right."}
FINAL = {"nl": "Ik noteer het zo", "en": "I will note it like this"}
THANKS = {"nl": "Dank je wel voor dit gesprek", "en": "Thank you for this conversation"}


def _at_summary(language: str) -> tuple[Engine, ConversationState, list[EngineReply]]:
    engine, state, replies = converse(language, STORY[language])
    assert state.phase == "summary" and not replies[-1].closed, replies[-1].messages
    return engine, state, replies


def _say(engine: Engine, state: ConversationState, text: str) -> EngineReply:
    return engine.respond(state, text)


def _text(reply: EngineReply) -> str:
    return " ".join(reply.messages)


# ------------------------------------------------------------------------------------ re-rank, then ask again


@pytest.mark.parametrize(
    ("language", "correction"),
    [
        ("nl", "Nee, het ging vooral om de nieuwe teamleider."),
        ("nl", "Klopt niet, de teamleider was het belangrijkste, niet de werkdruk."),
        ("en", "No, it's the new team leader, first and foremost."),
        ("en", "Not quite, the team leader was the main thing, not the workload."),
    ],
)
def test_a_correction_of_the_main_reason_puts_it_first_and_asks_again(language: str, correction: str) -> None:
    engine, state, _ = _at_summary(language)
    reply = _say(engine, state, correction)
    assert not reply.closed, _text(reply)
    assert reply.move.kind == "summary_check"
    first = reply.state.summary_points[0]
    assert MANAGER[language] in first or "teamleider" in first or "team leader" in first, reply.state.summary_points
    assert reply.move.question is not None and first in reply.move.question
    said = _text(reply)
    assert not re.search(r"\b[A-Z]{4,}\b", said), said  # never the leaver's words shouted back
    assert "first and foremost" not in said and "belangrijkste, niet" not in said


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_main_reason_named_again_is_one_point_not_two(language: str) -> None:
    engine, state, _ = _at_summary(language)
    correction = {
        "nl": "Nee, het ging vooral om de nieuwe teamleider.",
        "en": "No, it was mostly about the new team leader.",
    }[language]
    reply = _say(engine, state, correction)
    on_the_manager = [p for p in reply.state.summary_points if MANAGER[language] in p or "leader" in p or "leider" in p]
    assert len(on_the_manager) == 1, reply.state.summary_points


# ------------------------------------------------------------------------------------------------- reject


@pytest.mark.parametrize(
    ("language", "correction"),
    [
        ("nl", "Het ging niet om mijn persoonlijke situatie."),
        ("nl", "Nee, mijn thuissituatie had er niets mee te maken."),
        ("en", "It was not my personal situation."),
        ("en", "No, my personal situation had nothing to do with it."),
    ],
)
def test_a_rejected_point_is_dropped_and_the_rest_read_back(language: str, correction: str) -> None:
    engine, state, _ = _at_summary(language)
    assert any(PERSONAL[language] in p for p in state.summary_points), state.summary_points
    reply = _say(engine, state, correction)
    assert not reply.closed, _text(reply)
    assert not any(PERSONAL[language] in p for p in reply.state.summary_points), reply.state.summary_points
    assert PERSONAL[language] not in (reply.move.question or "")
    assert WORKLOAD[language] in (reply.move.question or "")


# ---------------------------------------------------------------------------------------------------- add


@pytest.mark.parametrize(
    ("language", "addition", "expected"),
    [
        ("nl", "Je bent de dood van mijn moeder vergeten, dat was het belangrijkste.", "je moeder"),
        ("en", "You left out my mother's death, that was the main thing.", "your mother"),
    ],
)
def test_an_addition_that_is_the_main_thing_comes_first_in_plain_words(
    language: str, addition: str, expected: str
) -> None:
    engine, state, _ = _at_summary(language)
    reply = _say(engine, state, addition)
    assert not reply.closed, _text(reply)
    assert reply.move.kind == "summary_check", _text(reply)
    assert expected in reply.state.summary_points[0], reply.state.summary_points
    assert "mijn moeder" not in _text(reply) and "my mother" not in _text(reply)


@pytest.mark.parametrize(
    ("language", "addition", "expected"),
    [
        ("nl", "Je vergeet de lange reistijd, die speelde ook mee.", "de lange reistijd"),
        ("en", "You forgot the long commute, that played a part too.", "the long commute"),
    ],
)
def test_an_addition_is_added_after_the_main_reason_and_read_back(language: str, addition: str, expected: str) -> None:
    engine, state, _ = _at_summary(language)
    reply = _say(engine, state, addition)
    assert not reply.closed, _text(reply)
    points = reply.state.summary_points
    assert any(expected in p for p in points[1:]), points
    assert WORKLOAD[language] in points[0], points
    assert expected in (reply.move.question or "")


# ------------------------------------------------------------------------------------------ closing rules


@pytest.mark.parametrize("language", ["nl", "en"])
def test_after_a_correction_a_yes_closes(language: str) -> None:
    engine, state, _ = _at_summary(language)
    checked = _say(
        engine,
        state,
        {"nl": "Het ging niet om mijn persoonlijke situatie.", "en": "It was not my personal situation."}[language],
    )
    assert not checked.closed
    closed = _say(engine, checked.state, YES[language])
    assert closed.closed, _text(closed)
    assert THANKS[language] in _text(closed)


@pytest.mark.parametrize(
    ("language", "first", "second", "expected"),
    [
        (
            "nl",
            "Het ging niet om mijn persoonlijke situatie.",
            "Nee, het ging vooral om de nieuwe teamleider.",
            "leider",
        ),
        ("en", "It was not my personal situation.", "No, it was mostly about the new team leader.", "leader"),
    ],
)
def test_a_second_correction_is_applied_read_back_and_noted(
    language: str, first: str, second: str, expected: str
) -> None:
    engine, state, _ = _at_summary(language)
    checked = _say(engine, state, first)
    assert not checked.closed
    closed = _say(engine, checked.state, second)
    assert closed.closed, _text(closed)
    said = _text(closed)
    assert FINAL[language] in said, said
    final_line = said[said.index(FINAL[language]) :]
    assert expected in final_line.split(";")[0], final_line
    assert PERSONAL[language] not in final_line
    assert THANKS[language] in said


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_bare_no_to_the_read_back_asks_what_to_change(language: str) -> None:
    engine, state, _ = _at_summary(language)
    checked = _say(
        engine,
        state,
        {"nl": "Het ging niet om mijn persoonlijke situatie.", "en": "It was not my personal situation."}[language],
    )
    reply = _say(engine, checked.state, {"nl": "Nee.", "en": "No."}[language])
    assert not reply.closed, _text(reply)


@pytest.mark.parametrize(
    ("language", "answer"),
    [("nl", "Nee, het klopt zo."), ("nl", "Ja"), ("en", "No, that's fine."), ("en", "Yes")],
)
def test_a_confirmation_of_the_first_summary_closes_at_once(language: str, answer: str) -> None:
    engine, state, _ = _at_summary(language)
    reply = _say(engine, state, answer)
    assert reply.closed, _text(reply)
    assert FINAL[language] not in _text(reply)


@pytest.mark.parametrize(
    ("language", "correction", "expected"),
    [
        ("nl", "Nee, het is de nieuwe teamleider, op de eerste plaats.", "de nieuwe teamleider"),
        ("nl", "Nee, het was de TEAMLEIDER.", "de teamleider"),
        ("en", "No, it's the new team leader, above all.", "the new team leader"),
        ("en", "No, it was the TEAM LEADER.", "the team leader"),
    ],
)
def test_the_stressed_main_reason_is_said_back_calmly_and_never_as_the_stress_itself(
    language: str, correction: str, expected: str
) -> None:
    engine, state, _ = _at_summary(language)
    reply = _say(engine, state, correction)
    assert reply.state.summary_points[0] == expected, reply.state.summary_points
    assert "eerste plaats" not in _text(reply) and "above all the new team leader, above" not in _text(reply)
    assert not re.search(r"\b[A-Z]{4,}\b", _text(reply)), _text(reply)


@pytest.mark.parametrize(
    ("language", "correction"),
    [
        ("nl", "Niet helemaal, de werkdruk was niet het belangrijkste, het was de nieuwe teamleider."),
        ("en", "Not quite, the workload was not the main thing, it was the new team leader."),
    ],
)
def test_a_point_called_not_the_main_thing_is_put_lower_not_taken_out(language: str, correction: str) -> None:
    engine, state, _ = _at_summary(language)
    reply = _say(engine, state, correction)
    points = reply.state.summary_points
    assert "leider" in points[0] or "leader" in points[0], points
    assert any(WORKLOAD[language] in p for p in points[1:]), points


@pytest.mark.parametrize(
    ("language", "again"),
    [("nl", "De werkdruk, zei ik."), ("en", "The workload, I said.")],
)
def test_a_point_named_again_after_what_did_i_miss_is_not_doubled(language: str, again: str) -> None:
    engine, state, _ = _at_summary(language)
    checked = _say(
        engine,
        state,
        {"nl": "Het ging niet om mijn thuissituatie.", "en": "It was not my personal situation."}[language],
    )
    asked = _say(engine, checked.state, {"nl": "Nee.", "en": "No."}[language])
    assert asked.move.kind == "summary_missing", _text(asked)
    closed = _say(engine, asked.state, again)
    assert closed.closed and FINAL[language] in _text(closed), _text(closed)
    assert sum(WORKLOAD[language] in p for p in closed.state.summary_points) == 1, closed.state.summary_points


@pytest.mark.parametrize(
    ("language", "filler", "first", "second", "expected"),
    [
        (
            "nl",
            "We hadden elke week te weinig mensen en het rooster veranderde steeds.",
            "Nee, het ging vooral om de nieuwe teamleider.",
            "Nee, het salaris was het belangrijkste.",
            "salaris",
        ),
        (
            "en",
            "We were short-staffed every week and the rota changed constantly.",
            "No, it was mostly about the new team leader.",
            "No, the pay was the main thing.",
            "pay",
        ),
    ],
)
def test_a_correction_in_the_last_message_the_interview_allows_is_still_applied(
    language: str, filler: str, first: str, second: str, expected: str
) -> None:
    engine, state, _ = converse(language, [])
    for _ in range(60):
        state = engine.respond(state, filler).state
        if state.phase == "summary" or state.closed:
            break
    assert state.phase == "summary" and not state.closed
    checked = _say(engine, state, first)
    reply = checked if checked.closed else _say(engine, checked.state, second)
    assert reply.closed
    said = _text(reply)
    assert FINAL[language] in said, said
    if not checked.closed:
        assert expected in said[said.index(FINAL[language]) :].split(";")[0], said
    assert reply.state.interviewer_turns <= HARD_TURN_CAP
