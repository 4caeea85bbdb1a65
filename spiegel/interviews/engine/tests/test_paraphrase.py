"""Paraphrase, don't paste (docs/interviewing.md): no question carries a cut-out fragment of the answer."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine.wording import is_event, list_items, matter_phrase, negated, noun_phrases, tail_phrase

from .helpers import converse, to_the_end

_WORD = re.compile(r"[\w'’-]+")

ANSWERS = {
    "nl": [
        "Dat heb ik toch al verteld?",
        "Ik ben niet boos hoor, praten kan geen kwaad.",
        "Het nieuwe rooster was een ramp, ik werkte elke week over.",
        "Mijn leidinggevende was er nooit als het druk was.",
        "Eigenlijk was het een beetje rommelig, ik wil niemand zwartmaken.",
        "Ik hoorde dat er ontslagen gaan vallen bij de afdeling.",
        "Ik kreeg een mooie kans bij een ander bedrijf.",
        "Het was gewoon niet meer leuk om daar te werken.",
    ],
    "en": [
        "I already told you that, didn't I?",
        "Who will read this? Will my old manager see it?",
        "The new rota was a disaster, I worked overtime every week.",
        "My manager was never there when it was busy.",
        "It was kind of messy, I don't want to badmouth anyone.",
        "I heard that there will be layoffs in the department.",
        "I got a great opportunity elsewhere.",
        "It just was not fun to work there any more.",
    ],
}


def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("index", range(8))
def test_no_reply_quotes_or_pastes_four_words_of_the_answer(language: str, index: int) -> None:
    answer = ANSWERS[language][index]
    _, _, replies = converse(language, [answer])
    message = replies[0].messages[0]
    assert not set('"“”„') & set(message)
    assert not _grams(answer, 4) & _grams(message, 4)


@pytest.mark.parametrize(
    ("language", "answer", "not_said"),
    [
        ("nl", "Dat heb ik toch al verteld?", "toch al verteld"),
        ("en", "Who will read this? Will my old manager see it?", "see it"),
        ("en", "Tell me about a moment, I was exhausted by the rota.", "moment when"),
    ],
)
def test_frames_that_pasted_fragments_are_gone(language: str, answer: str, not_said: str) -> None:
    _, _, replies = converse(language, [answer])
    text = replies[0].messages[0].lower()
    assert not_said not in text
    assert "wat deed" not in text or "met jou" not in text or "je vertelde over" in text


@pytest.mark.parametrize(
    ("language", "answer", "feeling_words"),
    [
        ("nl", "Ik ben niet boos hoor, praten kan geen kwaad.", ("boos", "kwaad")),
        ("en", "Nobody was worried about it, and I was not angry.", ("worr", "anger", "angry")),
    ],
)
def test_a_negated_feeling_is_never_reflected(language: str, answer: str, feeling_words: tuple[str, ...]) -> None:
    _, _, replies = converse(language, [answer])
    assert replies[0].move.kind != "reflect_and_ask"
    assert not any(w in replies[0].messages[0].lower() for w in feeling_words)


@pytest.mark.parametrize(
    ("language", "text", "term", "phrase"),
    [
        ("nl", "Het nieuwe rooster was een ramp.", "rooster", "het nieuwe rooster"),
        ("nl", "De werkdruk was te hoog en mijn salaris was laag.", "salaris", "je salaris"),
        ("nl", "Het was druk, heel druk.", "druk", None),
        ("nl", "Ik zat vast in dat rooster.", "rooster", "dat rooster"),
        ("nl", "Roosters waren een ramp.", "roosters", None),
        ("en", "My old manager never listened.", "manager", "your old manager"),
        ("en", "The reorganisation was the last straw.", "reorganisation", "the reorganisation"),
        ("en", "It was not really the pay.", "pay", "the pay"),
        ("en", "Nobody cared about planning.", "planning", None),
    ],
)
def test_matter_is_a_complete_noun_phrase_in_the_interviewers_voice_or_nothing(
    language: str, text: str, term: str, phrase: str | None
) -> None:
    assert matter_phrase(text, term, language) == phrase


def test_an_event_gets_asked_what_happened_and_a_thing_does_not() -> None:
    assert is_event("de reorganisatie") and is_event("de nachtdienst") and is_event("the night shift")
    assert not is_event("je salaris") and not is_event("the new rota")
    _, _, replies = converse("nl", ["De reorganisatie was de druppel.", "Dat was in maart, toen alles veranderde."])
    assert replies[0].messages[0].startswith("Je vertelde over de reorganisatie.")


def test_negation_scopes_over_the_feeling_word() -> None:
    assert negated("Ik ben niet boos hoor", "boos")
    assert negated("Nobody was worried, but I was", "worried")
    assert not negated("I was frustrated by the reorganisation", "frustrated")


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Uiteindelijk was de druppel dat mijn verlof werd ingetrokken.", ["je verlof"]),
        ("Ik ben niet boos hoor, praten kan geen kwaad.", []),
        ("Na tien jaar had ik nog steeds geen vast contract.", ["een vast contract"]),
        (
            "well the commute was long, the canteen closed and the pay rise never came",
            ["the commute", "the canteen", "the pay rise"],
        ),
        (
            "The restructuring last year, when half of the team leads disappeared.",
            ["the restructuring", "the team leads"],
        ),
    ],
)
def test_noun_phrases_are_complete_and_in_the_interviewers_voice(text: str, phrases: list[str]) -> None:
    assert noun_phrases(text, "en" if text.isascii() and " the " in f" {text.lower()} " else "nl") == phrases


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Het voelde alsof niemand luisterde.", []),
        ("Het voelde alsof.", []),
        ("Het leek erop dat het rooster nooit klopte.", ["het rooster"]),
        ("De sfeer was slecht, het voelde alsof de planning niet klopte.", ["de sfeer", "de planning"]),
    ],
)
def test_het_with_a_verb_is_a_pronoun_and_never_a_phrase(text: str, phrases: list[str]) -> None:
    """ "Je vertelde over het voelde alsof." was pasted once: "het voelde alsof" names no thing."""
    assert noun_phrases(text, "nl") == phrases
    assert "voelde" not in (tail_phrase(text.rstrip(".")) or "")
    assert matter_phrase(text, "voelde", "nl") is None


@pytest.mark.parametrize(
    "answers",
    [
        ["Ik had gewoon geen zin meer.", "Het voelde alsof niemand luisterde."],
        ["Het werk.", "Het voelde alsof."],
        ["De sfeer was slecht. Het voelde alsof ik er niet bij hoorde."],
    ],
)
def test_no_question_pastes_het_voelde_alsof(answers: list[str]) -> None:
    _engine, _state, replies = converse("nl", answers)
    assert len(replies) == len(answers)
    for reply in replies:
        text = " ".join(str(m) for m in reply.messages).lower()
        assert "?" in text
        assert "voelde" not in text


@pytest.mark.parametrize(
    ("language", "answer", "each"),
    [
        (
            "nl",
            "Drie dingen: het nieuwe rooster, de verhuizing naar Zwolle en mijn opleiding.",
            ["rooster", "verhuizing", "opleiding"],
        ),
        ("en", "The rota, the parking problems and that new software, it all added up.", ["rota", "parking"]),
    ],
)
def test_several_things_in_one_answer_are_each_come_back_to_by_name(
    language: str, answer: str, each: list[str]
) -> None:
    engine, state, replies = converse(language, [answer])
    neutral = "Dat ging gewoon goed, niets bijzonders." if language == "nl" else "That went fine, nothing special."
    later = [replies[0], *to_the_end(engine, state, neutral)]
    said = " ".join(m for r in later for m in r.messages).lower()
    assert all(word in said for word in each)


@pytest.mark.parametrize(
    ("language", "answer", "items"),
    [
        ("nl", "Mijn leidinggevende, de werkdruk en mijn salaris.", ["je leidinggevende", "de werkdruk", "je salaris"]),
        (
            "en",
            "The workload, the rota, and the lack of training, that was it.",
            ["the workload", "the rota", "the lack of training"],
        ),
        ("en", "It was busy, chaotic and badly organised.", []),  # adjectives in a row are no things
        (
            "nl",
            "Drie dingen: het nieuwe rooster, de verhuizing en dat mijn opleiding werd geschrapt.",
            ["het nieuwe rooster", "de verhuizing", "dat je opleiding werd geschrapt"],  # a clause, in our voice
        ),
        ("en", "The pay, the hours and that I was never promoted.", []),  # "I" cannot be said back unchanged
        (
            "en",
            "The night shifts, the new rota and that nobody ever listened to us.",
            ["the night shifts", "the new rota", "that nobody ever listened to you"],
        ),
        ("en", "We had the reorganisation, the new director and then covid.", []),
        ("en", "The pay was low, the hours were long and I was tired.", []),  # clauses joined, not a list
    ],
)
def test_a_list_gives_its_items_whole_and_anything_else_gives_none(
    language: str, answer: str, items: list[str]
) -> None:
    assert list_items(answer, language) == items
