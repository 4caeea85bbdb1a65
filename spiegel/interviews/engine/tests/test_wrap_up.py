"""Coming to the end is not breaking off (docs/interviewing.md): "kunnen we afronden?" brings the closing
summary before the close, only a clear wish to stop ends at once; "kunnen we verder?" moves on a topic."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.requests import read_request

from .helpers import converse

OPENER = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    "en": "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Kunnen we afronden?"),
        ("nl", "Ik ben zo goed als klaar."),
        ("nl", "Laten we het kort houden en afronden."),
        ("nl", "Ik zou het gesprek nu willen afronden."),
        ("nl", "Het was ook gewoon tijd voor iets anders. Zullen we maar afronden?"),
        ("en", "Let's wrap up."),
        ("en", "I'm nearly done."),
        ("en", "Could we wrap this up now?"),
        ("en", "Can we keep it short, please?"),
        ("en", "That was the main thing, really. Could we round things off?"),
    ],
)
def test_a_wish_to_come_to_the_end_is_read_as_wrap_up_not_stop(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "wrap_up"


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "Ik wil nu meteen afronden."), ("en", "I'd like to finish right now.")],
)
def test_rounding_off_at_once_is_a_stop(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "stop"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Kunnen we verder?"),
        ("nl", "Zullen we door naar de volgende vraag?"),
        ("en", "Can we move on?"),
        ("en", "Let's move on to something else."),
    ],
)
def test_asking_to_move_on_is_a_skip(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "skip"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik wilde eerst mijn opleiding afronden."),
        ("en", "I needed to finish my degree first."),
        ("nl", "Ik wil verder in de zorg."),
        ("en", "I want to move on in my career."),
    ],
)
def test_talk_about_finishing_something_else_is_no_request(language: str, text: str) -> None:
    assert read_request(text, language) is None


@pytest.mark.parametrize(
    ("language", "text", "ack", "point"),
    [
        ("nl", "Ik was op het eind echt uitgeput. Kunnen we afronden?", "ronden we af", "werkdruk"),
        ("en", "I was worn out by the end. I'm nearly done.", "wrap up", "workload"),
    ],
)
def test_wrap_up_mid_answer_brings_the_summary_then_the_close(language: str, text: str, ack: str, point: str) -> None:
    _, _, replies = converse(language, [OPENER[language], text])
    reply = replies[-1]
    assert not reply.closed
    assert reply.move.kind == "summary" and reply.state.phase == "summary"
    assert ack in reply.messages[0] and point in reply.messages[0]
    _, state, replies = converse(language, [OPENER[language], text, "Ja, dat klopt." if language == "nl" else "Yes."])
    assert replies[-1].closed and state.phase == "closed"


def test_a_clear_stop_still_ends_at_once() -> None:
    _, _, replies = converse("nl", [OPENER["nl"], "Nee, ik wil echt stoppen."])
    assert replies[-1].closed and "?" not in replies[-1].messages[0]


@pytest.mark.parametrize(("language", "text"), [("nl", "Kunnen we verder?"), ("en", "Can we move on?")])
def test_moving_on_keeps_what_was_told_in_the_summary(language: str, text: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    assert replies[-1].move.kind == "skip_ack" and not replies[-1].closed
    assert state.topic("workload").status == "covered"
    assert state.current_topic != "workload"


def test_wrapping_up_in_the_closing_questions_goes_to_the_summary() -> None:
    engine, state, _ = converse("en", [OPENER["en"]])
    at_stay = engine.respond(engine.wrap_up(state), "", skip_topic=True)
    assert at_stay.state.phase == "stay"
    reply = engine.respond(at_stay.state, "Can we just finish now?")
    assert not reply.closed and reply.state.phase == "summary" and reply.move.kind == "summary"
    assert engine.respond(reply.state, "Could we wrap this up?").closed


@pytest.mark.parametrize(
    ("language", "correction", "read_back", "check", "yes", "again"),
    [
        (
            "nl",
            "Je bent de sfeer vergeten.",
            "Dan staat er nu: vooral de werkdruk; daarnaast je werktijden en diensten en de sfeer",
            "Klopt het zo?",
            "Ja, zo klopt het.",
            "Het salaris mist ook nog.",
        ),
        (
            "en",
            "No, it was mainly my manager, he never listened.",
            "So it now reads: above all your manager; besides that, the workload",
            "Is that right now?",
            "Yes.",
            "You also forgot the pay.",
        ),
    ],
)
def test_a_corrected_summary_is_read_back_and_checked_once(
    language: str, correction: str, read_back: str, check: str, yes: str, again: str
) -> None:
    wrap = "Kunnen we afronden?" if language == "nl" else "I'm nearly done."
    engine, state, replies = converse(language, [OPENER[language], wrap, correction])
    checked = replies[-1]
    assert checked.move.kind == "summary_check" and not checked.closed
    assert read_back in checked.messages[0] and checked.messages[0].endswith(check)
    assert engine.respond(state, yes).closed
    assert engine.respond(state, again).closed, "checked once: a further correction is taken in and closes"


def test_agreeing_with_the_summary_is_not_read_back() -> None:
    _, _, replies = converse("nl", [OPENER["nl"], "Kunnen we afronden?", "Ja, dat klopt helemaal."])
    assert replies[-1].closed
