"""Requests said in few words, politely, in Flemish, or again with irritation are heard (docs/interviewing.md,
"What kind of turn is this?"): a pause, a wish to wrap up or end. Talk about a pause or being done with a job
stays an answer."""

from __future__ import annotations

import re

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
        ("nl", "ja, efkes pauze alstublieft"),
        ("nl", "kunnen we efkes stoppen"),
        ("nl", "ik zei pauze..."),
        ("nl", "pauze alstublieft"),
        ("nl", "Pauze!"),
        ("nl", "even pauze graag"),
        ("nl", "Ik zei toch pauze!"),
        ("nl", "kunt ge efkes wachten"),
        ("nl", "ik wil even pauze"),
        ("nl", "Ik heb efkes een pauze nodig."),
        ("nl", "pauze pauze"),
        ("en", "a break please"),
        ("en", "Pause, please."),
        ("en", "I said a break"),
        ("en", "I said pause!"),
        ("en", "I need a break."),
        ("en", "Can I have a break?"),
        ("en", "Break, please. Break."),
        ("en", "give me a minute please"),
    ],
)
def test_a_pause_asked_in_few_words_is_a_pause(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "pause"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "klaar nu"),
        ("nl", "rond maar af"),
        ("nl", "Rond het maar af alstublieft."),
        ("nl", "afronden graag"),
        ("nl", "ik ben klaar na deze vraag"),
        ("nl", "dit is mijn laatste antwoord"),
        ("en", "Wrap it up"),
        ("en", "I'm done after this"),
        ("en", "let's finish"),
        ("en", "wrap up please"),
        ("en", "This is my last answer."),
        ("en", "time to wrap up"),
    ],
)
def test_a_short_wish_to_come_to_the_end_is_a_wrap_up(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "wrap_up"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "mag het stoppen"),
        ("nl", "mag het nu stoppen alstublieft"),
        ("nl", "we stoppen ermee"),
        ("en", "we're done here"),
        ("en", "end it now"),
        ("en", "stop it now please"),
    ],
)
def test_a_blunt_wish_to_end_is_a_stop(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "stop"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "ik had geen pauze"),
        ("nl", "Er was nooit tijd voor een pauze, ook niet even."),
        ("nl", "ik was klaar met die baan"),
        ("nl", "Mijn collega zei pauze en liep weg."),
        ("nl", "De pauzes waren te kort."),
        ("en", "we never got a break"),
        ("en", "the pause button on the machine"),
        ("en", "I was done with that job"),
        ("en", "I needed a break from the night shifts."),
        ("en", "My manager said a break was not possible."),
    ],
)
def test_talk_about_pauses_or_being_done_is_an_answer(language: str, text: str) -> None:
    assert read_request(text, language) is None


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "ja, efkes pauze alstublieft"), ("nl", "ik zei pauze..."), ("en", "I said a break")],
)
def test_a_short_pause_waits_without_a_question(language: str, text: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    message = replies[-1].messages[0]
    assert not replies[-1].closed and not state.closed
    assert "?" not in message


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [("nl", "rond maar af", "klaar nu"), ("en", "Wrap it up", "I'm done after this")],
)
def test_a_second_wish_to_end_ends_the_interview(language: str, first: str, second: str) -> None:
    _, state, replies = converse(language, [OPENER[language], first, second])
    assert replies[-2].state.phase == "summary" and not replies[-2].closed
    assert replies[-1].closed and state.closed


@pytest.mark.parametrize(
    ("language", "asked", "not_true"),
    [
        ("nl", "Duurt het nog lang?", r"bijna (?:aan het einde|klaar)"),
        ("nl", "zijn we bijna klaar?", r"bijna (?:aan het einde|klaar)"),
        ("en", "Are we nearly done?", r"nearly (?:at the end|done)|almost"),
        ("en", "how much longer?", r"nearly (?:at the end|done)|almost"),
    ],
)
def test_asked_how_far_along_early_the_answer_says_what_is_still_to_come(
    language: str, asked: str, not_true: str
) -> None:
    _, _, replies = converse(language, [OPENER[language], asked])
    message = replies[-1].messages[0]
    assert re.search(r"onderwerpen|topics", message)  # what is still to come, from the guide's open topics
    assert not re.search(not_true, message, re.IGNORECASE)
    assert message.rstrip().endswith("?")  # the pending question follows
    assert not replies[-1].closed


@pytest.mark.parametrize(("language", "asked"), [("nl", "duurt het nog lang?"), ("en", "are we nearly done?")])
def test_asked_how_far_along_on_the_last_topic_the_answer_says_so(language: str, asked: str) -> None:
    engine, state, _ = converse(language, [OPENER[language]])
    for topic in engine.guide.topics:
        if topic.id != state.current_topic:
            state.topic(topic.id).status = "covered"
    message = engine.respond(state, asked).messages[0]
    assert re.search(r"laatste onderwerp|last topic", message)
    assert message.rstrip().endswith("?")
