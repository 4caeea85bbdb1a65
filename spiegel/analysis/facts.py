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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from spiegel.language.lemmas import is_known_word, lemma_lower
from spiegel.language.statements import split_sentences

__all__ = [
    "MIN_FACT_WORDS",
    "Checkable",
    "anchors",
    "checkable",
    "compound_parts",
    "different_facts",
    "fact_sentences",
    "is_concrete",
    "moments",
    "numbers",
    "quantities",
    "relation",
    "same_anchor",
]

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
        "dertien": "13",
        "veertien": "14",
        "vijftien": "15",
        "zestien": "16",
        "zeventien": "17",
        "achttien": "18",
        "negentien": "19",
        "twintig": "20",
        "dertig": "30",
        "veertig": "40",
        "vijftig": "50",
        "zestig": "60",
        "zeventig": "70",
        "tachtig": "80",
        "negentig": "90",
        "honderd": "100",
        "half": "0.5",
        "halve": "0.5",
        "helft": "0.5",
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
        "thirteen": "13",
        "fourteen": "14",
        "fifteen": "15",
        "sixteen": "16",
        "seventeen": "17",
        "eighteen": "18",
        "nineteen": "19",
        "twenty": "20",
        "thirty": "30",
        "forty": "40",
        "fifty": "50",
        "sixty": "60",
        "seventy": "70",
        "eighty": "80",
        "ninety": "90",
        "hundred": "100",
        "half": "0.5",
        "quarter": "0.25",
        "dozen": "12",
    },
}
# The months and the days of the week, in order.
_MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),  # noqa: SIM905
    "en": "january february march april may june july august september october november december".split(),  # noqa: SIM905
}
_WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
# Words that put a statement at a checkable time or frequency (besides the months and days above; "may" is
# mostly the verb).
_TIME_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            *_MONTHS["nl"],
            *_WEEKDAYS["nl"],
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
            *(m for m in _MONTHS["en"] if m != "may"),
            *_WEEKDAYS["en"],
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
# Dutch numbers written as one word from 21 to 99: "achtentwintig", "tweeëntwintig".
_NL_UNITS = {"een": 1, "eén": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7}
_NL_UNITS |= {"acht": 8, "negen": 9}
_NL_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70}
_NL_TENS |= {"tachtig": 80, "negentig": 90}
_NL_COMPOUND = re.compile(rf"^({'|'.join(_NL_UNITS)})(?:ën|en)({'|'.join(_NL_TENS)})$")
_EN_TENS_UNITS = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)\b",
    re.IGNORECASE,
)

# How long a unit of time lasts, in days: "drie maanden" and "a quarter of a year" are both 90 days.
_DAYS: dict[str, dict[str, float]] = {
    "nl": {"minuut": 1 / 1440, "kwartier": 1 / 96, "uur": 1 / 24, "dag": 1, "week": 7, "maand": 30}
    | {"kwartaal": 91, "jaar": 365, "halfjaar": 182.5},
    "en": {"minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14}
    | {"month": 30, "year": 365},
}
# A single unit of time without a number: "een jaar", "a month", "mijn eerste jaar", "the first year".
_ONE: dict[str, frozenset[str]] = {
    "nl": frozenset(["een", "één", "eén", "eerste", "hele"]),
    "en": frozenset(["a", "an", "one", "first", "whole", "full"]),
}
# "every month" is how often, not how long.
_EVERY: dict[str, frozenset[str]] = {
    "nl": frozenset(["elke", "iedere", "per", "om"]),
    "en": frozenset(["every", "each", "per", "a"]),
}
# Words that may stand between a number and its unit of time: "twee hele maanden", "three long years".
_BETWEEN = frozenset(["hele", "volle", "lange", "extra", "ruim", "whole", "full", "long", "extra", "more"])
# Units of time that stand alone: "een kwartaal", "a fortnight".
_ALONE: dict[str, dict[str, float]] = {
    "nl": {"kwartaal": 91, "kwartier": 1 / 96, "halfjaar": 182.5},
    "en": {"fortnight": 14},
}
# When: a month, a season, a day of the week, a part of the day. Two sentences that both name one of these and
# no one in common are about different moments.
_WHEN: dict[str, dict[str, str]] = {
    language: {m: f"month:{n}" for n, m in enumerate(_MONTHS[language], 1)}
    | {d: f"day:{n}" for n, d in enumerate(_WEEKDAYS[language], 1)}
    for language in ("nl", "en")
}
_WHEN["nl"] |= {"zomer": "season:summer", "winter": "season:winter", "voorjaar": "season:spring"}
_WHEN["nl"] |= {"lente": "season:spring", "najaar": "season:autumn", "herfst": "season:autumn"}
_WHEN["nl"] |= {"nacht": "part:night", "avond": "part:evening", "ochtend": "part:morning"}
_WHEN["en"] |= {"summer": "season:summer", "winter": "season:winter", "spring": "season:spring"}
_WHEN["en"] |= {"autumn": "season:autumn", "night": "part:night", "overnight": "part:night"}
_WHEN["en"] |= {"evening": "part:evening", "morning": "part:morning"}
_NL_WHEN_ADVERB = re.compile(r"'s\s+(nachts|avonds|ochtends|morgens)\b", re.IGNORECASE)
_NL_PARTS = {"nachts": "part:night", "avonds": "part:evening", "ochtends": "part:morning", "morgens": "part:morning"}


def _language(language: str) -> str:
    return language if language in _NUMBER_WORDS else "en"


def _tokens(sentence: str, language: str) -> list[str]:
    text = sentence.lower()
    if language == "en":
        text = _EN_TENS_UNITS.sub(lambda m: str(int(_NUMBER_WORDS["en"][m[1]]) + int(_NUMBER_WORDS["en"][m[2]])), text)
    return _WORD.findall(text)


def _number(token: str, language: str) -> str:
    """A token's quantity as digits ("tweeën" → "2", "achtentwintig" → "28", "5:20" → "5"), else ""."""
    if token[0].isdigit():
        return re.split(r"[:.]", token)[0]
    if language == "nl" and (compound := _NL_COMPOUND.match(token)):
        return str(_NL_UNITS[compound[1]] + _NL_TENS[compound[2]])
    return _NUMBER_WORDS[language].get(token, "")


def numbers(sentence: str, language: str) -> set[str]:
    """The quantities a sentence names, as digits ("tweeën" and "2" are both "2")."""
    language = _language(language)
    return {n for n in (_number(t, language) for t in _tokens(sentence, language)) if n}


def _unit_days(token: str, language: str) -> float | None:
    if token in _DAYS[language]:
        return _DAYS[language][token]
    lemma = lemma_lower(token, language)
    return _DAYS[language].get(lemma)


def quantities(sentence: str, language: str) -> set[str]:
    """The quantities a sentence names, each either a number of something ("3": three managers, three times)
    or a length of time in days ("90d": "drie maanden", "een kwartaal", "three months"; "365d": "een jaar",
    "twaalf maanden", "my first year"). A count and a length of time are never the same quantity: "four times"
    is not "four months". "7 uur" is both a clock time and seven hours."""
    language = _language(language)
    tokens = _tokens(sentence, language)
    out: set[str] = set()
    used: set[int] = set()
    for i, token in enumerate(tokens):
        if i in used:
            continue
        value = _number(token, language)
        every = i > 0 and tokens[i - 1] in _EVERY[language]  # "elke", "per": how often, not how long
        alone = _ALONE[language].get(token)
        if alone is not None:
            if not every or tokens[i - 1] in _ONE[language]:
                out.add(_days(alone))
            continue
        half = token in ("half", "halve") or (language == "nl" and token in ("anderhalf", "anderhalve"))
        one = token in _ONE[language] and not every
        if not value and not half and not one:
            continue
        # The unit of time right after the number, or after one word like "hele", "long", "a".
        unit, at = None, i
        for j in (i + 1, i + 2):
            if j >= len(tokens):
                break
            unit = _unit_days(tokens[j], language)
            if unit is not None:
                at = j
                break
            if tokens[j] not in _BETWEEN and not (half and tokens[j] in _ONE[language]):
                break
        if unit is None:
            if value:
                out.add(value)
            continue
        used.update(range(i, at + 1))
        if half:
            amount = 1.5 if token.startswith("anderhal") else 0.5
        elif one and not value:
            amount = 1.0
        else:
            amount = float(value) if value.replace(".", "", 1).isdigit() else 1.0
        out.add(_days(amount * unit))
        if value and tokens[at] in ("uur", "hour"):
            out.add(value)  # "om 7 uur": also a clock time
    return out


# Lengths of time this close are the same: "twaalf maanden" and "een jaar" (360 and 365 days), "vier weken" and
# "een maand" (28 and 30); "vijf maanden" and "zes maanden" are not.
_SAME_LENGTH = 1.08
_MONTH_DAYS = 365 / 12


def _days(days: float) -> str:
    """A length of time as a key: in months when it is about a whole or half number of them ("12mo" for
    "twaalf maanden" and for "een jaar", "3mo" for "een kwartaal", "1mo" for "vier weken"), else in days
    ("10d"), under a day in minutes ("15m")."""
    if days < 1:
        return f"{round(days * 1440)}m"
    months = days / _MONTH_DAYS
    whole = round(months * 2) / 2
    if whole and abs(months - whole) / whole <= _SAME_LENGTH - 1:
        return f"{whole:g}mo"
    return f"{round(days, 1):g}d"


def moments(sentence: str, language: str) -> set[str]:
    """When a sentence says something happened: months, seasons, days of the week, parts of the day
    ("maart" and "March" are both "month:3"; "'s nachts", "nachtdienst" and "night shift" are "part:night")."""
    language = _language(language)
    words = _WHEN[language]
    out: set[str] = set()
    for token in _tokens(sentence, language):
        if token in words:
            out.add(words[token])
            continue
        for part in compound_parts(token, language):
            if part in words:
                out.add(words[part])
        lemma = lemma_lower(token, language)
        if lemma in words:
            out.add(words[lemma])
    if language == "en" and not re.search(r"\bMay\b", sentence):
        out.discard("month:5")  # "may" the verb
    if language == "nl":
        out |= {_NL_PARTS[m.lower()] for m in _NL_WHEN_ADVERB.findall(sentence)}
    return out


@dataclass(frozen=True)
class Checkable:
    """What one sentence says that can be checked: how many or how long (:func:`quantities`) and when
    (:func:`moments`)."""

    quantities: frozenset[str]
    moments: frozenset[str]


def checkable(sentence: str, language: str) -> Checkable:
    return Checkable(frozenset(quantities(sentence, language)), frozenset(moments(sentence, language)))


def different_facts(a: Checkable, b: Checkable) -> bool:
    """Whether two concrete sentences cannot report the same fact: both name quantities but none in common, or
    both name a moment of one kind (a month, a season, a day, a part of the day) but none in common ("in maart"
    and "in September"; "all summer" and "all winter")."""
    if a.quantities and b.quantities and not _shared(a.quantities, b.quantities):
        return True
    for kind in ("month:", "season:", "day:", "part:"):
        ka = {m for m in a.moments if m.startswith(kind)}
        kb = {m for m in b.moments if m.startswith(kind)}
        if ka and kb and not ka & kb:
            return True
    return False


def same_anchor(a: Checkable, b: Checkable) -> bool:
    """Whether two sentences name the same telling quantity or moment ("40 cliënten" and "veertig bewoners",
    "in maart" and "March"); "one" alone tells nothing ("één collega", "a single scanner")."""
    return bool(a.moments & b.moments) or _shared(a.quantities - {"1"}, b.quantities - {"1"})


@lru_cache(maxsize=200_000)
def relation(a: Checkable, b: Checkable) -> int:
    """-1 when two sentences cannot report the same fact (:func:`different_facts`), 1 when they name the same
    telling quantity or moment (:func:`same_anchor`), else 0."""
    if different_facts(a, b):
        return -1
    return 1 if same_anchor(a, b) else 0


def _shared(qa: AbstractSet[str], qb: AbstractSet[str]) -> bool:
    """Whether two sets of quantities have one in common."""
    if qa & qb:
        return True
    la, lb = _lengths(qa), _lengths(qb)
    return any(max(x, y) / min(x, y) <= _SAME_LENGTH for x in la for y in lb)


def _lengths(keys: AbstractSet[str]) -> list[float]:
    """The lengths of time among quantity keys, in days."""
    out = [float(k[:-2]) * _MONTH_DAYS for k in keys if k.endswith("mo")]
    return out + [float(k[:-1]) for k in keys if k.endswith("d")]


def anchors(sentence: str, language: str) -> set[str]:
    """What makes a sentence checkable: its quantities and its words of time or frequency."""
    times = _TIME_WORDS[_language(language)]
    found = numbers(sentence, language) | quantities(sentence, language)
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
