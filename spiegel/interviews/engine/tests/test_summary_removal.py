"""A request at the summary to take something out is never read as an addition, and never answered with a
claim that is not true: a point of the summary it names is taken out; something that is not in the summary is
said not to be there, and is not put in. An addition never pushes a point the leaver gave out of the summary."""

from __future__ import annotations

import pytest

from .helpers import SUMMARY_STORY as STORY
from .helpers import converse

ADDED = {"nl": ("voeg ik toe", "vul het aan", "wat je net toevoegde"), "en": ("add that", "what you just added")}
NOT_IN = {
    "nl": ("Dat staat niet in de samenvatting", "Daar heb ik niets over genoteerd"),
    "en": ("That is not in the summary", "I have noted nothing about that"),
}


@pytest.mark.parametrize(
    ("language", "removal"),
    [
        ("nl", "het slapen en de buikpijn moet eruit"),
        ("nl", "De buikpijn wil ik er niet in hebben."),
        ("nl", "Haal dat van het slapen maar weg."),
        ("en", "the sleeping and the stomach aches have to go"),
        ("en", "Please take the stomach aches out."),
        ("en", "I don't want the sleeping in it."),
    ],
)
def test_a_removal_of_something_not_in_the_summary_is_said_not_to_be_there_and_nothing_is_added(
    language: str, removal: str
) -> None:
    engine, state, _ = converse(language, STORY[language])
    before = list(state.summary_points)
    reply = engine.respond(state, removal)
    said = " ".join(reply.messages)
    assert reply.state.summary_points == before, said
    assert not any(a in said for a in ADDED[language]), said
    assert any(n in said for n in NOT_IN[language]), said


@pytest.mark.parametrize(
    ("language", "removal", "gone"),
    [("nl", "De werkdruk moet eruit.", "de werkdruk"), ("en", "The workload has to go.", "the workload")],
)
def test_a_removal_of_a_summary_point_takes_it_out_and_keeps_the_others(language: str, removal: str, gone: str) -> None:
    engine, state, _ = converse(language, STORY[language])
    before = list(state.summary_points)
    assert gone in before
    reply = engine.respond(state, removal)
    said = " ".join(reply.messages)
    assert reply.state.summary_points == [p for p in before if p != gone], said
    assert not any(a in said for a in ADDED[language]), said
