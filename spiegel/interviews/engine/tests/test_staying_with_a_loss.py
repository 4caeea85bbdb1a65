"""A loss, grief or sick leave that the leaver says weighed most is not put aside for the checklist: after the
check-in, the next question stays with it once (what that time was like at work), then the interview goes on."""

from __future__ import annotations

import pytest

from .helpers import converse


def _said(language: str, answers: list[str]) -> str:
    _, _, replies = converse(language, answers)
    return " ".join(replies[-1].messages)


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["Mijn vader overleed vorig jaar en dat woog het zwaarst.", "Het gaat wel, dank je."]),
        ("en", ["My mother died in the spring and that weighed the most.", "It's alright, we can go on."]),
        ("en", ["I was on sick leave for three months with burnout, that weighed most.", "I'm okay now, thanks."]),
        ("nl", ["Ik zat maanden thuis met een burn-out, dat woog het zwaarst.", "Het gaat nu wel beter."]),
    ],
)
def test_a_loss_or_sick_leave_that_weighed_most_is_stayed_with_once(language: str, answers: list[str]) -> None:
    engine, state, replies = converse(language, answers)
    assert replies[-1].move.probe == "that_period"
    again = engine.respond(state, "Niet veel, eigenlijk." if language == "nl" else "Not much, really.")
    assert again.move.probe != "that_period"


@pytest.mark.parametrize(
    ("language", "answers", "said"),
    [
        ("nl", ["Mijn vader overleed vorig jaar en dat woog het zwaarst.", "Het gaat wel, dank je."], "periode"),
        ("en", ["My mother died in the spring and that weighed the most.", "It's alright, we can go on."], "time"),
    ],
)
def test_the_question_after_a_loss_is_about_that_time_at_work(language: str, answers: list[str], said: str) -> None:
    assert said in _said(language, answers)
