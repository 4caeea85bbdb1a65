"""What a leaver gets when the interviewer listens (issue 11, from conversations held by hand): no question about
something just told, no clause pasted where a thing belongs, both questions about the interview answered."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import Engine, load_default_guide
from spiegel.interviews.engine.wording import noun_phrases, plural_in_your_words, what_it_was
from spiegel.language.cues import analyse_answer
from spiegel.language.understanding import Context, understand

from .helpers import converse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "het ging vooral om dat er niet naar ons geluisterd werd, niet om de diensten",
            "dat er niet naar jullie geluisterd werd",
        ),
        ("It wasn't the reorganisation itself, it was that nobody explained why.", "that nobody explained why"),
        ("it was about the fact that we were never asked", "that you were never asked"),
        ("it was that bad", None),  # "that" is no clause here
        ("het was dat ik nooit gehoord werd", None),  # "ik" cannot be said back without changing the verb
    ],
)
def test_what_it_was_about_is_a_clause_in_the_interviewers_voice(text: str, expected: str | None) -> None:
    assert what_it_was(text) == expected


def test_the_leavers_we_becomes_you_and_i_is_never_said_back() -> None:
    assert plural_in_your_words("dat niemand naar ons luisterde") == "dat niemand naar jullie luisterde"
    assert plural_in_your_words("that I was never promoted") is None


def test_a_participle_ends_a_thing_named() -> None:
    assert noun_phrases("Het rooster werd op het hoofdkantoor gemaakt, zonder overleg.", "nl") == [
        "het rooster",
        "het hoofdkantoor",
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik wil het niet meer over het hoofdkantoor hebben."),
        ("en", "I don't want to talk about head office any more."),
    ],
)
def test_a_refusal_naming_head_office_closes_the_organisation_not_the_manager(language: str, text: str) -> None:
    u = understand(text, Context(language=language))
    assert (u.kind, u.refusal_target) == ("refusal", "processes")


def test_goed_eigenlijk_is_an_affirmation_not_a_hedge() -> None:
    assert analyse_answer("Goed eigenlijk, we hadden veel lol samen.", "nl").hedges == ()
    assert [h.phrase for h in analyse_answer("Eigenlijk was het rommelig.", "nl").hedges] == ["Eigenlijk"]


@pytest.mark.parametrize(
    ("language", "answers", "told"),
    [
        (
            "nl",
            [
                "De avonddiensten, het nieuwe rooster en het parkeren.",
                "Op de avonddienst stonden we vaak met z'n tweeën voor de hele afdeling.",
                "Nee.",
                "Nee.",
                "Nee.",
            ],
            "avonddienst",
        ),
        (
            "en",
            [
                "The new rota, the evening shifts and the parking.",
                "On an evening shift we were often only two for the whole ward.",
                "No.",
                "No.",
                "No.",
            ],
            "evening shift",
        ),
    ],
)
def test_a_thread_the_leaver_has_told_about_since_is_not_asked_back(
    language: str, answers: list[str], told: str
) -> None:
    _, _, replies = converse(language, answers)
    later = [m for r in replies[1:] for m in r.messages]
    assert [m for m in later if told in m] == []
    assert [m for m in later if "hele afdeling" in m or "whole ward" in m] == []  # a scope, not a thing


@pytest.mark.parametrize(
    ("language", "earlier", "now"),
    [
        (
            "nl",
            "Het rooster werd gemaakt zonder overleg met ons.",
            "Met de collega's ging het prima, we hielpen elkaar.",
        ),
        ("en", "The rota was made without any consultation.", "With the colleagues it was fine, we helped each other."),
    ],
)
def test_two_different_things_of_one_theme_are_no_contradiction(language: str, earlier: str, now: str) -> None:
    _, _, replies = converse(language, [earlier, now])
    assert replies[-1].move.kind != "contradiction"


@pytest.mark.parametrize(
    ("language", "text", "both"),
    [
        ("nl", "Waarom wil je dat eigenlijk weten? En wie leest dit?", ("leren", "minstens 5")),
        ("en", "Why do you even want to know? And who reads this?", ("learn", "at least 5")),
    ],
)
def test_two_questions_about_the_interview_in_one_turn_both_get_their_answer(
    language: str, text: str, both: tuple[str, str]
) -> None:
    _, _, replies = converse(language, [text])
    message = replies[-1].messages[-1]
    assert [part for part in both if part not in message] == []
    assert message.index(both[0]) < message.index(both[1])  # in the leaver's order


@pytest.mark.parametrize(("language", "no"), [("nl", "Nee."), ("en", "No.")])
def test_when_nothing_would_have_kept_them_when_it_should_have_happened_is_not_asked(language: str, no: str) -> None:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    for _ in range(40):
        reply = engine.respond(state, no if state.phase == "stay" else "Prima, niets bijzonders.")
        if state.phase == "stay":
            assert reply.move.kind != "stay_when" and reply.move.target != "stay_when"
            assert reply.state.phase == "advice_keep"
            return
        state = reply.state
    pytest.fail("the conversation never reached the stay question")


@pytest.mark.parametrize(
    ("language", "text", "idiom"),
    [
        ("nl", "Ik kan bij een andere keten aan de slag, een mooie kans om verder te groeien.", "de slag"),
        ("en", "They never kept me in the loop about the plans.", "the loop"),
    ],
)
def test_an_idiom_is_no_thing_to_come_back_to(language: str, text: str, idiom: str) -> None:
    assert idiom not in noun_phrases(text, language)
