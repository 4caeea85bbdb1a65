"""Taking out what the leaver said earlier, named by what it was about ("haal dat over Koen er weer uit", "take out
what I said about my wife's illness"): private for the mirror, confirmed, and never named again in a question or
the closing summary. Questions about the leaver's own words: test_own_words.py.
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.withdrawals import read_withdrawal

from .helpers import converse, to_the_end

OPENER = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    "en": "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
}
NOTHING = {"nl": "Verder niets.", "en": "Nothing else."}


# ---------------------------------------------------------------------- taking out a matter named by content


@pytest.mark.parametrize(
    ("language", "text", "about"),
    [
        ("nl", "Kun je dat over Koen er weer uithalen?", "Koen"),
        ("nl", "Schrap wat ik over mijn broer zei.", "mijn broer"),
        ("nl", "Wat ik over mijn ex-collega vertelde, mag je weglaten.", "mijn ex-collega"),
        ("nl", "Haal alles over de reorganisatie er maar uit.", "de reorganisatie"),
        ("en", "Could you take out what I said about my wife's illness?", "my wife's illness"),
        ("en", "Please leave out the part about my manager's drinking.", "my manager's drinking"),
        ("en", "Can you remove everything I told you about Sarah?", "Sarah"),
        ("nl", "Mag dat over Koen eruit?", "Koen"),
        ("nl", "Dat over mijn ziekte hoeft er niet in.", "mijn ziekte"),
        ("en", "Don't include what I said about my divorce.", "my divorce"),
        ("en", "Leave out what I told you about my sister, please.", "my sister"),
    ],
)
def test_a_request_to_take_out_a_named_matter_is_read_with_the_matter(language: str, text: str, about: str) -> None:
    request = read_withdrawal(text, language)
    assert request is not None and request.about == about, request


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ze haalden alles over de reorganisatie uit het verslag."),
        ("nl", "Laat mijn leidinggevende erbuiten."),
        ("nl", "Mijn teamleider zei: haal dat over de cijfers er maar uit."),
        ("en", "They took out everything about the bonus from the contract."),
        ("en", "My manager told me to leave out the part about the accident."),
    ],
)
def test_told_removals_and_refusals_are_no_withdrawal_of_a_named_matter(language: str, text: str) -> None:
    request = read_withdrawal(text, language)
    assert request is None or request.about is None, request


SCENES = {
    "nl": (
        [
            OPENER["nl"],
            "Mijn collega Koen werd ziek en daarna kwam alles op mij neer, hij belde nooit meer terug.",
            "De planning werd elke week later bekend gemaakt, soms pas op vrijdag.",
            "Kun je dat over Koen er weer uithalen?",
        ],
        "Koen",
        "Koen",
    ),
    "en": (
        [
            OPENER["en"],
            "My wife's illness got worse that winter and I couldn't do the night shifts any more.",
            "The rota was published later every week, sometimes only on the Friday.",
            "Could you take out what I said about my wife's illness?",
        ],
        "wife",
        "wife",
    ),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_named_matter_taken_out_is_private_confirmed_and_never_named_again(language: str) -> None:
    answers, name, word = SCENES[language]
    engine, state, replies = converse(language, answers)
    assert [a.get("visibility") for a in state.answers] == [None, "private", None, "private"]
    confirm = replies[-1].messages[0]
    assert name in confirm and ("privé" in confirm if language == "nl" else "private" in confirm), confirm
    assert not replies[-1].closed
    rest = to_the_end(engine, state, NOTHING[language])
    later = " ".join(m for r in rest for m in r.messages)
    assert word.lower() not in later.lower(), later
    summaries = [r for r in rest if r.move.kind == "summary"]
    assert summaries and all(word.lower() not in p.lower() for r in summaries for p in r.state.summary_points)


@pytest.mark.parametrize(
    ("language", "answers", "visibility"),
    [
        (
            "nl",
            [
                OPENER["nl"],
                "Mijn broer werkte er ook en kreeg altijd de beste diensten.",
                "Schrap wat ik over mijn broer zei.",
            ],
            [None, "private", "private"],
        ),
        (
            "en",
            [
                "Mostly my manager's drinking, he came in drunk on Mondays and shouted at us.",
                "The pay was also below what others paid.",
                "Please leave out the part about my manager's drinking.",
            ],
            ["private", None, "private"],
        ),
    ],
)
def test_the_answers_about_a_named_matter_are_the_ones_taken_out(
    language: str, answers: list[str], visibility: list[str | None]
) -> None:
    _, state, replies = converse(language, answers)
    assert [a.get("visibility") for a in state.answers] == visibility
    assert not replies[-1].closed


def test_the_summary_never_names_a_withdrawn_main_reason() -> None:
    answers = [
        "Mostly my manager's drinking, he came in drunk on Mondays and shouted at us.",
        "The pay was also below what others paid.",
        "Please leave out the part about my manager's drinking.",
        "Can we wrap up?",
    ]
    _, state, replies = converse("en", answers)
    assert replies[-1].move.kind == "summary"
    text = " ".join(replies[-1].messages).lower()
    assert "drink" not in text and "drunk" not in text, text
    assert all("drink" not in p.lower() for p in state.summary_points)


@pytest.mark.parametrize(
    ("language", "told", "wrap", "request_", "gone"),
    [
        (
            "nl",
            "Mijn vrouw werd ernstig ziek die winter en ik kon de nachtdiensten niet meer aan.",
            "Kunnen we afronden?",
            "Kun je wat ik over de ziekte van mijn vrouw zei eruit halen?",
            "je gezondheid",
        ),
        (
            "en",
            "My wife's illness got worse that winter and I couldn't do the night shifts any more.",
            "Can we wrap up?",
            "Could you take out what I said about my wife's illness?",
            "your health",
        ),
    ],
)
def test_a_named_matter_taken_out_at_the_summary_leaves_it_and_is_read_back(
    language: str, told: str, wrap: str, request_: str, gone: str
) -> None:
    engine, state, replies = converse(language, [OPENER[language], told, wrap])
    assert replies[-1].move.kind == "summary" and gone in replies[-1].messages[0]
    reply = engine.respond(state, request_)
    assert reply.move.kind == "summary_check" and not reply.closed
    assert [a.get("visibility") for a in reply.state.answers][1] == "private"
    assert gone not in reply.messages[0] and all(gone not in p for p in reply.state.summary_points)
    assert engine.respond(reply.state, "Ja." if language == "nl" else "Yes.").closed


@pytest.mark.parametrize(
    ("language", "told", "request_", "thing"),
    [
        (
            "nl",
            "Mijn broer werkte er ook en kreeg altijd de beste diensten van de planner.",
            "Schrap wat ik over mijn broer zei.",
            "planner",
        ),
        (
            "en",
            "My brother worked there too and always got the best shifts from the planner.",
            "Please take out what I said about my brother.",
            "planner",
        ),
    ],
)
def test_a_thing_only_the_withdrawn_answer_told_of_is_not_come_back_to(
    language: str, told: str, request_: str, thing: str
) -> None:
    engine, state, replies = converse(language, [OPENER[language], told, request_])
    assert replies[-1].messages[0].count("?") == 1
    rest = to_the_end(engine, state, NOTHING[language])
    said = " ".join([*replies[-1].messages, *(m for r in rest for m in r.messages)])
    assert thing not in said.lower(), said
