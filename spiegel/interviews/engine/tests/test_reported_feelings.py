"""A feeling word in what someone else said ("she said it was a pity", "hij riep 'wat een schande'") is not the
leaver's own feeling and is never reflected as theirs; the leaver's own feeling, told in the same way, is."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.reasons import reported_speech

from .helpers import converse

REFLECTED = {"nl": ("Ik hoor", "Er klinkt", "door in je woorden"), "en": ("I can hear", "I notice", "I hear in")}


@pytest.mark.parametrize(
    ("language", "answer", "word"),
    [
        ("nl", "Mijn leidinggevende riep: 'wat een schande, zo'n rommel', en liep weg.", "schande"),
        ("nl", "Hij schreef in de app dat hij teleurgesteld was in de hele ploeg.", "teleurgesteld"),
        ("nl", "De regiomanager zei alleen \u201cjammer\u201d toen ik mijn ontslag gaf.", "jammer"),
        ("en", "My supervisor wrote that she was disappointed in all of us.", "disappointed"),
        ("en", 'The director said "what a shame" when I handed in my notice.', "shame"),
        ("en", "She told the whole team she was frustrated with our numbers.", "frustrated"),
    ],
)
def test_a_feeling_word_in_someone_elses_words_is_reported_speech(language: str, answer: str, word: str) -> None:
    assert reported_speech(answer, word)


@pytest.mark.parametrize(
    ("language", "answer", "word"),
    [
        ("nl", "Ik zei tegen mijn teamleider dat ik uitgeput was.", "uitgeput"),
        ("nl", "Ze zei niks terug en ik was woedend.", "woedend"),
        ("en", "I told HR I was exhausted and nothing happened.", "exhausted"),
        ("en", "He said the budget was gone, and honestly I was angry.", "angry"),
    ],
)
def test_the_leavers_own_feeling_told_around_a_verb_of_saying_is_their_own(
    language: str, answer: str, word: str
) -> None:
    assert not reported_speech(answer, word)


@pytest.mark.parametrize(
    ("language", "lead", "answer", "word"),
    [
        ("nl", "Vooral de werkdruk.", "Mijn chef appte dat hij gefrustreerd was over ons tempo.", "frustratie"),
        ("nl", "Het rooster.", "Ze zei dat ze teleurgesteld was in de groep.", "teleurstelling"),
        ("en", "Mostly the workload.", "My lead said 'shame, you were one of the good ones' and that was it.", "shame"),
        ("en", "The hours.", "He told me he was frustrated with the whole shift.", "frustration"),
    ],
)
def test_someone_elses_feeling_is_not_reflected_as_the_leavers(
    language: str, lead: str, answer: str, word: str
) -> None:
    _, _, replies = converse(language, [lead, answer])
    message = replies[-1].messages[-1]
    assert not (word in message.lower() and any(r in message for r in REFLECTED[language])), message
    assert replies[-1].move.preface != "emotion"


@pytest.mark.parametrize(
    ("language", "lead", "answer", "word"),
    [
        ("nl", "Vooral de werkdruk.", "Ik zei tegen haar dat ik echt gefrustreerd was.", "frustratie"),
        ("en", "Mostly the workload.", "I told my manager I was really frustrated with the rota.", "frustration"),
    ],
)
def test_the_leavers_own_feeling_is_still_reflected(language: str, lead: str, answer: str, word: str) -> None:
    _, _, replies = converse(language, [lead, answer])
    assert replies[-1].move.preface == "emotion"
    assert word in replies[-1].messages[-1].lower()
