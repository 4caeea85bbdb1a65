"""Discrimination and veiled threats told without the word for them get the disclosure response at first
mention (issue 13, docs/interviewing.md "Triggers"): the blind judge's leaver whose different treatment after
she started wearing a headscarf went unflagged for ten turns. At the first answer that tells it, the
interviewer stops probing, names the confidential adviser and flags the turn; a neutral mention of the same
ground gets an ordinary follow-up."""

from __future__ import annotations

import pytest

from .helpers import converse

OPENER = {"nl": "Vooral mijn leidinggevende.", "en": "Mostly my manager."}
ADVISER = {"nl": "vertrouwenspersoon", "en": "confidential adviser"}


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Sinds ik een hoofddoek draag, doet mijn leidinggevende heel anders tegen me."),
        ("nl", "Klanten zien liever geen hoofddoek aan de kassa, zei hij."),
        ("nl", "Mensen die moeilijk doen, halen hun proeftijd niet, zei hij toen ik over het rooster klaagde."),
        ("en", "After I started wearing a hijab, my manager treated me differently."),
        ("en", "He said clients would rather deal with someone without an accent."),
        ("en", "She reminded me my contract was up for renewal right after I complained."),
    ],
)
def test_discrimination_or_a_veiled_threat_in_ordinary_words_gets_the_disclosure_response_at_first_mention(
    language: str, answer: str
) -> None:
    _, state, replies = converse(language, [OPENER[language], answer])
    assert replies[0].move.kind != "disclosure"
    reply = replies[1]
    assert reply.move.kind == "disclosure", reply.messages
    assert ADVISER[language] in reply.messages[0]
    assert [f.kind for f in reply.flags] == ["disclosure"]
    assert reply.flags[0].excerpt.startswith(answer[:15])
    assert [f.kind for f in state.flags] == ["disclosure"]


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Ik droeg een hoofddoek en niemand maakte er een punt van."),
        ("nl", "Mijn proeftijd werd verlengd omdat ik mijn targets nog niet haalde."),
        ("en", "I was pregnant during my last year there and they were great about it."),
        ("en", "My contract ended and wasn't renewed because the project finished."),
    ],
)
def test_a_neutral_mention_of_the_ground_or_a_contract_fact_gets_no_disclosure_response(
    language: str, answer: str
) -> None:
    _, state, replies = converse(language, [OPENER[language], answer])
    for reply in replies:
        assert reply.move.kind != "disclosure", reply.messages
        assert not reply.flags
    assert not state.flags
