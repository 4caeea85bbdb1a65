"""A cover-up or retaliation told in plain words gets the disclosure protocol in the turn it is told; an idiom
gets none; and a disclosure the leaver says was misread ("er is niemand geslagen, dat is een uitdrukking") is
withdrawn and said so plainly (a blind judge's conversations, 2026-12-03)."""

from __future__ import annotations

import pytest

from .helpers import converse

OPENING = {
    "nl": "Ik ben verpleegkundige en ik vertrek omdat het werk me niet meer lag.",
    "en": "I'm a nurse and I'm leaving because the job no longer suited me.",
}
COVER_UP = {
    "nl": "Een bewoner kreeg een dubbele dosis. Mijn teamleider zei dat ik het niet als incident moest melden, "
    "dat geeft alleen maar gedoe. In het dossier staat nu iets anders.",
    "en": "A resident got a double dose. My team leader told me not to report it as an incident, it would only "
    "cause hassle. The file now says something else.",
}
RETALIATION = {
    "nl": "Ik heb het toch bij de kwaliteitsfunctionaris gemeld. Daarna kreeg ik ineens de slechtste roosters.",
    "en": "I reported it to the quality lead anyway. After that I suddenly got the worst shifts.",
}
MISREAD = {
    "nl": (
        "Mijn teamleider heeft me een dreun verkocht met die beslissing over mijn functie.",
        "Er is niemand geslagen, dat is een uitdrukking.",
    ),
    "en": (
        "He really punched me in the face with that decision about my role.",
        "No, nobody hurt anyone, it's a saying.",
    ),
}
WITHDRAWN = {
    "nl": "Dan heb ik je verkeerd begrepen; ik haal dat weg.",
    "en": "Then I misunderstood you; I'm taking that out.",
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_cover_up_in_plain_words_gets_the_protocol_in_its_turn(language: str) -> None:
    _, _, replies = converse(language, [OPENING[language], COVER_UP[language]])
    assert replies[1].move.kind == "disclosure", replies[1].messages
    assert [f.kind for f in replies[1].flags] == ["disclosure"]
    # the team leader kept it from the organisation's own procedure: no pointer back into it
    assert "incidentprocedure" not in replies[1].messages[0]
    assert "incident procedure" not in replies[1].messages[0]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_retaliation_told_instead_of_the_wish_is_flagged_and_the_wish_is_asked_again(language: str) -> None:
    _, state, replies = converse(language, [OPENING[language], COVER_UP[language], RETALIATION[language]])
    reply = replies[2]
    assert reply.move.kind == "disclosure", reply.messages
    assert [f.topic for f in reply.flags] == ["harassment"]
    assert state.phase == "disclosure"
    assert len(state.incidents) == 2
    assert reply.messages[0].endswith("?")


@pytest.mark.parametrize(
    ("language", "idiom"),
    [
        ("nl", "Met de collega's was het goed, we sloegen ons er samen doorheen."),
        ("nl", "Uiteindelijk heb ik de knoop doorgehakt."),
        ("en", "The commute was killing me, honestly."),
        ("en", "We got slaughtered in the review, but we always hit the deadline."),
    ],
)
def test_an_idiom_of_effort_or_figurative_violence_gets_no_protocol(language: str, idiom: str) -> None:
    _, _, replies = converse(language, [OPENING[language], idiom])
    assert replies[1].move.kind != "disclosure", replies[1].messages
    assert replies[1].flags == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_misread_disclosure_is_withdrawn_and_the_interviewer_says_so(language: str) -> None:
    told, clarified = MISREAD[language]
    _, state, replies = converse(language, [OPENING[language], told, clarified])
    assert replies[1].move.kind == "disclosure"
    reply = replies[2]
    assert reply.messages[0].startswith(WITHDRAWN[language]), reply.messages
    assert reply.move.kind != "disclosure"
    assert reply.flags == []
    assert [(f.kind, f.withdrawn) for f in state.flags] == [("disclosure", True)]
    assert state.disclosed_kinds == [] and state.incidents == []
    assert state.phase != "disclosure"


def test_a_withdrawn_flag_survives_the_stored_state() -> None:
    told, clarified = MISREAD["nl"]
    _, state, _ = converse("nl", [OPENING["nl"], told, clarified])
    again = type(state).from_dict(state.to_dict())
    assert [f.withdrawn for f in again.flags] == [True]


@pytest.mark.parametrize(
    ("language", "told", "denial"),
    [
        (
            "nl",
            "Mijn teamleider sloeg me tegen mijn arm.",
            "Er is niemand geslagen, maar hij duwde me wel tegen de kast.",
        ),
        ("en", "My supervisor shoved me against the wall.", "Nobody was hurt, but he did grab my arm."),
    ],
)
def test_a_denial_that_goes_on_to_what_did_happen_takes_nothing_back(language: str, told: str, denial: str) -> None:
    _, state, replies = converse(language, [OPENING[language], told, denial])
    assert replies[1].move.kind == "disclosure"
    assert not replies[2].messages[0].startswith(WITHDRAWN[language])
    assert all(not f.withdrawn for f in state.flags)
    assert state.disclosed_kinds
