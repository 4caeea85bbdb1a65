"""A topic the leaver skips is left with what they just said in it: no "Ik wil nog even terugkomen op …" of it."""

from __future__ import annotations

import pytest

from .helpers import converse


@pytest.mark.parametrize(
    ("language", "answers", "thing"),
    [
        ("nl", ["Ik werkte in de keuken.", "volgende onderwerp"], "keuken"),
        (
            "nl",
            ["Het ging vooral om de reorganisatie, daar wil ik het eigenlijk niet over hebben.", "volgende onderwerp"],
            "reorganisatie",
        ),
        ("en", ["I worked in the kitchen.", "next topic"], "kitchen"),
        ("en", ["It was mostly the reorganisation, I'd rather not go into it.", "next topic"], "reorganisation"),
    ],
)
def test_what_was_said_just_before_a_skip_is_not_come_back_to(language: str, answers: list[str], thing: str) -> None:
    _, _, replies = converse(language, answers)
    after_skip = " ".join(replies[-1].messages).lower()
    assert thing not in after_skip
    assert after_skip.endswith("?")


def test_a_thread_from_an_earlier_answer_survives_a_later_skip() -> None:
    # the skip leaves the topic at hand, not everything the leaver said before it
    answers = [
        "De werkdruk, en ook het nieuwe rooster speelde mee.",
        "We stonden elke dienst met te weinig mensen.",
        "volgende onderwerp",
    ]
    _, state, replies = converse("nl", answers)
    said = " ".join(m for r in replies for m in r.messages).lower()
    assert "rooster" in said or any("rooster" in str(t.get("phrase")) for t in state.threads)


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Ik werkte in de keuken."),
        ("nl", "Ik werkte op de afdeling interne geneeskunde."),
        ("en", "I worked in the kitchen."),
        ("en", "I worked on the night desk."),
    ],
)
def test_where_the_leaver_worked_is_taken_as_background_not_asked_for_an_example(language: str, answer: str) -> None:
    # "Ik werkte in de keuken." → "Wat is daar een concreet voorbeeld van?" asked for an example of a workplace
    _, _, replies = converse(language, [answer])
    reply = replies[0]
    assert reply.move.probe == "why_leave"
