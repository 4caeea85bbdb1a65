"""The engine's first follow-up, run on answers in the leaver's own words, pastes nothing the fragment check
reports (a clause, a cut-off phrase, a thing the leaver said was not there, "About a ...:")."""

from __future__ import annotations

import re

import pytest

from harness.fragments import bad_fragments
from spiegel.interviews.engine import Engine, load_default_guide


def _first_reply(language: str, answer: str) -> str:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    return " ".join(engine.respond(state, answer).messages)


FIRST_ANSWERS = {
    "en": [
        "The other firm simply pays a lot more, and I had enough of the depot.",
        "In five years they never gave me a course, not one.",
        "The pay was okay for the sector, but the rota broke me.",
        "Then the loading dock flooded twice and nobody fixed it.",
    ],
    "nl": [
        "Het andere bedrijf betaalt gewoon veel beter, en ik was klaar met de winkel.",
        "In vijf jaar heb ik nooit een cursus gekregen, geen enkele.",
        "Het salaris was oké voor de sector, maar het rooster sloopte me.",
        "Toen liep de kelder twee keer onder en niemand deed er iets aan.",
    ],
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("index", range(4))
def test_the_first_follow_up_pastes_no_fragment_of_the_answer(language: str, index: int) -> None:
    answer = FIRST_ANSWERS[language][index]
    message = _first_reply(language, answer)
    assert bad_fragments(message, [answer], language) == []
    assert not re.search(r"\b(?:About|Over) (?:a|an|een|geen) ", message)
