"""What the organisation's view calls a fact, and when two leavers report the same one. Django-free.

A fact is one sentence a leaver said that someone could check: it names a quantity, a time or a frequency
("met z'n tweeën voor 28 bewoners", "in maart", "twee keer afgewezen", "all summer") and is not a feeling or
an opinion ("ik voelde me niet gezien", "it was too busy"). A statement is cut into sentences, and each
concrete sentence is a candidate fact on its own: a statement merged from several answers holds several
facts, and one of them must not drag the others into its cluster.

Two sentences report the same fact when their meaning is close (the multilingual sentence embedding of
:func:`spiegel.language.classify.embed`) and their content words agree (lemmas, Dutch compounds split into
their parts, numbers written as digits: "tweeën" and "2", "avonddienst" and "avond"); sentences that both name
numbers but no number in common are not the same fact ("28 bewoners" against "tien minuten").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spiegel.language.lemmas import is_known_word, lemma_lower
from spiegel.language.statements import split_sentences

__all__ = ["MIN_FACT_WORDS", "anchors", "compound_parts", "fact_sentences", "is_concrete", "numbers"]

# A checkable sentence says at least this much (in words).
MIN_FACT_WORDS = 6

_NUMBER_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "één": "1",
        "eén": "1",
        "enkele": "",
        "twee": "2",
        "tweeën": "2",
        "tweede": "2",
        "drie": "3",
        "drieën": "3",
        "derde": "3",
        "vier": "4",
        "vieren": "4",
        "vijf": "5",
        "zes": "6",
        "zeven": "7",
        "acht": "8",
        "negen": "9",
        "tien": "10",
        "elf": "11",
        "twaalf": "12",
        "vijftien": "15",
        "twintig": "20",
        "dertig": "30",
        "veertig": "40",
        "vijftig": "50",
        "honderd": "100",
        "half": "0.5",
        "halve": "0.5",
        "helft": "0.5",
        "kwartier": "15min",
        "kwartaal": "3maanden",
        "dubbel": "2",
    },
    "en": {
        "one": "1",
        "single": "1",
        "once": "1",
        "two": "2",
        "twice": "2",
        "second": "2",
        "three": "3",
        "third": "3",
        "four": "4",
        "five": "5",
        "six": "6",
        "seven": "7",
        "eight": "8",
        "nine": "9",
        "ten": "10",
        "eleven": "11",
        "twelve": "12",
        "fifteen": "15",
        "twenty": "20",
        "thirty": "30",
        "forty": "40",
        "fifty": "50",
        "hundred": "100",
        "half": "0.5",
        "quarter": "0.25",
        "dozen": "12",
    },
}
# Words that put a statement at a checkable time or frequency.
_TIME_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
            "weekend",
            "zomer",
            "winter",
            "voorjaar",
            "najaar",
            "herfst",
            "lente",
            "kerst",
            "vakantie",
            "nacht",
            "nachten",
            "nachtdienst",
            "nachtdiensten",
            "avond",
            "avonden",
            "avonddienst",
            "avonddiensten",
            "ochtend",
            "ochtenden",
            "vroege",
            "late",
            "dagdienst",
            "dagdiensten",
            "week",
            "weken",
            "wekelijks",
            "maand",
            "maanden",
            "maandelijks",
            "jaar",
            "jaren",
            "jaarlijks",
            "uur",
            "uren",
            "minuut",
            "minuten",
            "maandenlang",
            "wekenlang",
            "jarenlang",
            "dagenlang",
        ]
    ),
    "en": frozenset(
        [
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "weekend",
            "weekends",
            "summer",
            "winter",
            "autumn",
            "christmas",
            "holiday",
            "holidays",
            "night",
            "nights",
            "overnight",
            "evening",
            "evenings",
            "morning",
            "mornings",
            "week",
            "weeks",
            "weekly",
            "month",
            "months",
            "monthly",
            "year",
            "years",
            "yearly",
            "annual",
            "hour",
            "hours",
            "minute",
            "minutes",
        ]
    ),
}
# Sentences about a feeling or an opinion are not checkable, whatever numbers they hold.
_OPINION: dict[str, re.Pattern[str]] = {
    "nl": re.compile(r"\b(voel(de|t)?|gevoel|vond ik|ik denk|het idee dat|volgens mij|leek)\b", re.IGNORECASE),
    "en": re.compile(r"\b(i (felt|feel|think|thought|guess)|feeling|seemed|it seems)\b", re.IGNORECASE),
}
_WORD = re.compile(r"[^\W_]+(?:[:.][0-9]+)?", re.UNICODE)


def _language(language: str) -> str:
    return language if language in _NUMBER_WORDS else "en"


def numbers(sentence: str, language: str) -> set[str]:
    """The quantities a sentence names, as digits ("tweeën" and "2" are both "2")."""
    words = _NUMBER_WORDS[_language(language)]
    out: set[str] = set()
    for token in _WORD.findall(sentence.lower()):
        if token[0].isdigit():
            out.add(re.split(r"[:.]", token)[0])
        elif words.get(token):
            out.add(words[token])
    return out


def anchors(sentence: str, language: str) -> set[str]:
    """What makes a sentence checkable: its quantities and its words of time or frequency."""
    times = _TIME_WORDS[_language(language)]
    found = numbers(sentence, language)
    found |= {t for t in _WORD.findall(sentence.lower()) if t in times}
    if _language(language) == "nl" and re.search(r"'s\s+(nachts|avonds|ochtends|morgens)", sentence, re.IGNORECASE):
        found.add("'s nachts")
    return found


def is_concrete(sentence: str, language: str) -> bool:
    """Whether one sentence is a checkable fact: long enough, with a quantity or a time, and no opinion."""
    if len(sentence.split()) < MIN_FACT_WORDS or _OPINION[_language(language)].search(sentence):
        return False
    return bool(anchors(sentence, language))


def fact_sentences(text: str, language: str) -> list[tuple[int, str]]:
    """The concrete sentences of a statement, with their index among its sentences."""
    out: list[tuple[int, str]] = []
    for index, (start, end) in enumerate(split_sentences(text)):
        sentence = text[start:end].strip()
        if is_concrete(sentence, language):
            out.append((index, sentence))
    return out


@lru_cache(maxsize=50_000)
def compound_parts(word: str, language: str) -> tuple[str, ...]:
    """A Dutch compound's two known parts ("avonddienst" → "avond", "dienst"; "planningssysteem" →
    "planning", "systeem"), else nothing; English words are left whole."""
    if language != "nl" or len(word) < 8:
        return ()
    for cut in range(len(word) - 4, 2, -1):  # the longest known tail first
        head, tail = word[:cut], word[cut:]
        if not is_known_word(tail, "nl"):
            continue
        for stem in (head, head[:-1] if head.endswith("s") else "", head[:-2] if head.endswith("en") else ""):
            if len(stem) >= 3 and is_known_word(stem, "nl"):
                return (lemma_lower(stem, "nl"), lemma_lower(tail, "nl"))
    return ()
