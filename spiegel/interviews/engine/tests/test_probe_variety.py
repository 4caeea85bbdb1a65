"""The same kind of follow-up is not asked over and over: never twice in a row, at most twice a conversation."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from .helpers import converse

# A talkative leaver who names one matter after another, each with what happened and how it felt.
TALKATIVE = {
    "nl": [
        "Het rooster veranderde steeds op het laatste moment, vaak een dag van tevoren.",
        "Vorige maand moest ik drie keer een dienst ruilen omdat de planning niet klopte.",
        "Ik sliep er slecht van en was thuis vaak prikkelbaar tegen mijn kinderen.",
        "Daarnaast was het salaris laag: ik verdiende minder dan collega's bij andere zorginstellingen.",
        "Bij mijn vorige werkgever kreeg ik elk jaar een verhoging, hier bleef het drie jaar gelijk.",
        "Dat gaf me het gevoel dat mijn werk niet gewaardeerd werd.",
        "En mijn teamleider luisterde niet als ik iets aankaartte over de werkdruk.",
        "In het werkoverleg van januari zei ik dat we onderbezet waren en hij ging gewoon door naar het volgende punt.",
        "Daarna heb ik maar niets meer gezegd en ben ik gaan solliciteren.",
        "De opleidingen werden ook steeds geschrapt, ik mocht mijn cursus wondzorg niet afmaken.",
        "Dat vond ik jammer, want ik wilde me verder ontwikkelen.",
        "Verder viel de reistijd tegen, anderhalf uur per dag in de file.",
    ],
    "en": [
        "The roster kept changing at the last minute, often the day before.",
        "Last month I had to swap a shift three times because the planning was wrong.",
        "I slept badly and was often short with my kids at home.",
        "On top of that the pay was low: I earned less than colleagues at other hospitals.",
        "At my previous employer I got a raise every year, here it stayed the same for three years.",
        "That made me feel my work was not valued.",
        "And my team lead did not listen when I raised the workload.",
        "In the team meeting in January I said we were understaffed and he just moved on to the next item.",
        "After that I stopped saying anything and started applying elsewhere.",
        "Training courses kept getting cancelled, I was not allowed to finish my wound care course.",
        "That was a pity, because I wanted to keep developing.",
        "The commute was also bad, an hour and a half a day in traffic.",
    ],
}
FOLLOW_UPS = ("follow_up", "reflect_and_ask")


def _probes(language: str) -> list[str]:
    _, _, replies = converse(language, TALKATIVE[language])
    return [r.move.probe or "" for r in replies if r.move.kind in FOLLOW_UPS or r.move.target in FOLLOW_UPS]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_kind_of_follow_up_is_asked_more_than_twice_in_a_conversation(language: str) -> None:
    probes = _probes(language)
    assert probes  # the leaver is talkative: there are follow-ups
    counts = Counter(p for p in probes if p != "contradiction")
    assert max(counts.values()) <= 2, counts


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_kind_of_follow_up_is_asked_twice_in_a_row(language: str) -> None:
    probes = _probes(language)
    assert all(a != b for a, b in pairwise(probes)), probes
