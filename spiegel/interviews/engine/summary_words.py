"""The words of the closing summary: which of the leaver's phrases may stand for a point, and how a point reads.

A point is said in the interviewer's words (docs/interviewing.md, "Paraphrase, don't paste"): a theme's own
summary label ("de werkdruk", "your pay"), with the leaver's thing beside it only where that thing is a complete,
definite noun phrase that adds something ("je werktijden en diensten (de avonddiensten)"). A bare noun or an
indefinite one ("a case", "een collega") never stands for a reason, and a phrase is never said twice ("your pay
(the pay)"). The things the leaver came back to in several answers ("the pick-rate screen") are named as they
named them; topics the leaver ruled out ("X is not why I'm leaving", "niet vooral salaris") are never named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spiegel.language.cues import analyse_answer

from .care_words import all_summary_matters
from .quoting import meaningful
from .wording import negated, noun_phrases, word_list
from .wording import words as _words

#: Words that make a clause rule its theme out rather than complain about it ("not why", "niet de reden").
_RULED_OUT = {
    "nl": re.compile(
        r"\b(?:niet|geen)\s+(?:vooral\s+|echt\s+|de\s+|het\s+|mijn\s+|m'n\s+|om\s+)*(?:reden|waarom|probleem|"
        r"vooral|het\s+punt)\b|\bniet\s+(?:vooral|om)\b|\blag\s+het\s+niet\b|\bging\s+het\s+niet\b"
        r"|\bniet\s+waarom\b"
        r"|^\s*(?:nee,?\s+)?niet\s+(?:de|het|mijn|m'n|je)?\s*\w+\s*[,.]?\s*$",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\bnot\s+(?:really\s+|the\s+|my\s+)*(?:reason|why|problem|issue|mostly|about)\b"
        r"|\b(?:isn'?t|wasn'?t|is\s+not|was\s+not)\s+(?:really\s+)?(?:why|the\s+(?:reason|problem|issue))\b"
        r"|^\s*(?:no,?\s+)?not\s+(?:the|my|your)?\s*\w+\s*[,.]?\s*$",
        re.IGNORECASE,
    ),
}

#: "Mijn leidinggevende was prima", "the pay was fine": called fine, so no reason (said of the summary).
_CALLED_FINE = {
    "nl": re.compile(r"\b(?:was|waren|is|zijn)\s+(?:wel\s+|best\s+|gewoon\s+)?(?:prima|goed|in\s+orde)\b", re.I),
    "en": re.compile(
        r"\b(?:was|were|is|are)\s+(?:actually\s+|really\s+|perfectly\s+)?(?:fine|ok|okay|good|all\s+right)\b", re.I
    ),
}


def key(phrase: str) -> str:
    """A phrase without its determiner, lower case: "the pick-rate screen" -> "pick-rate screen"."""
    words = _words(phrase)
    while words and words[0] in word_list("determiners") | {"je", "your", "jullie"}:
        words = words[1:]
    return " ".join(words)


def good_thing(phrase: str | None) -> bool:
    """A phrase that can stand for a point on its own: a definite or possessive noun phrase of at most five
    words, with a head that names a thing ("de avonddiensten", "the forklift certificate"); not "a case",
    not "het ding", not a piece of a clause."""
    words = _words(phrase or "")
    if not 2 <= len(words) <= 5:
        return False
    determiners = word_list("determiners") | {"je", "your", "jullie"}
    if words[0] not in determiners or words[0] in word_list("indefinite"):
        return False
    rest = words[1:]
    stop = word_list("stop") | word_list("filler") | word_list("negators") | word_list("first_person")
    if any(w in stop or w in determiners or w in word_list("auxiliaries") for w in rest):
        return False
    head = rest[-1]
    if head in word_list("no_matter_heads") or head in word_list("person_heads") or len(head) < 3:
        return False
    return head not in word_list("verb_forms") | word_list("phrase_final_verbs")


def said_back_fits(phrase: str | None) -> bool:
    """A phrase the leaver gave when correcting the summary that may stand as a point: it starts with a definite
    or possessive determiner ("the way the reorganisation was handled", "mijn leidinggevende"), not with "a"
    or "een", and its last word names a thing ("a case", "het ding" do not)."""
    words = _words(phrase or "")
    if not words or words[0] in word_list("indefinite"):
        return False
    if words[0] not in word_list("determiners") | {"je", "your", "jullie"}:
        return False
    return len(words) > 1 and words[-1] not in word_list("no_matter_heads")


def names_again(label: str, thing: str) -> bool:
    """ "your pay" / "the pay", "je werktijden en diensten" / "de nachtdiensten": the thing's head word, or the
    head of its compound, is already in the label (said once is enough)."""
    words = _words(thing)
    if not words:
        return False
    head = words[-1]
    return any(head == w or (len(w) >= 5 and head.endswith(w)) for w in _words(label))


def point(label: str, matter: str | None) -> str:
    """How a point reads: the label, the leaver's thing beside it where that adds something, or the thing alone
    where it says the label's own word more precisely ("the night shifts", "de nachtdiensten" for "your hours
    and shifts"); the label alone where the thing only repeats its word ("your pay", not "your pay (the pay)")."""
    disclosed = bool(matter) and matter in all_summary_matters("nl") + all_summary_matters("en")
    if not label or label.startswith("_"):
        # a point named by its thing alone: a workplace matter, never a bare lifted noun ("above all a number")
        return matter if matter and (disclosed or meaningful(matter)) else ""
    if disclosed:
        return f"{label} ({matter})"  # a disclosure in the interviewer's neutral words stays beside its theme
    if not matter or not good_thing(matter) or not meaningful(matter) or key(matter) == key(label):
        return label
    if names_again(label, matter):
        return label if key(matter) in _words(label) else matter
    return f"{label} ({matter})"


def ruled_out(text: str, language: str, fine: bool = True) -> set[str]:
    """The themes a leaver rules out in ``text``: "the pay is not why I'm leaving", "niet vooral salaris", and
    with ``fine`` (a remark on the summary) "mijn leidinggevende was prima". A clause that complains ("never
    listened", "niet genoeg") rules out nothing."""
    lang = language if language in _RULED_OUT else "nl"
    rules = (_RULED_OUT[lang], _CALLED_FINE[lang]) if fine else (_RULED_OUT[lang],)
    out: set[str] = set()
    for sentence in re.split(r"[.!?;]+", text):
        for clause in re.split(r",|\s(?:maar|but|het\s+ging\s+om|it\s+was)\s", sentence, flags=re.IGNORECASE):
            if not any(rule.search(clause) for rule in rules):
                continue
            out |= {m.theme for m in analyse_answer(clause, language).mentions}
    return out


#: The determiners of each language: a thing named in the other language is not offered back.
_OWN_DETERMINERS = {
    "nl": frozenset({"de", "het", "je", "jullie", "ons", "onze", "die", "deze", "dit", "dat"}),
    "en": frozenset({"the", "your", "our", "this", "that", "these", "those"}),
}
#: Words that end a phrase without naming a thing ("het rooster eerder", "the shifts again").
_ADVERBS = frozenset(
    {"eerder", "later", "ook", "nog", "al", "weer", "altijd", "nooit", "vaak", "meer", "minder", "steeds", "toen"}
    | {"nu", "zo", "echt", "gewoon", "earlier", "again", "also", "too", "more", "less", "always", "never", "often"}
    | {"then", "now", "so", "really", "just"}
)
#: A single word this long is a compound that names a particular thing ("pickscherm", "storingsdiensten"); a
#: shorter one alone is too general to stand for a point ("the people", "de vloer", "the store").
_COMPOUND_LENGTH = 10


def specific(phrase: str, language: str) -> bool:
    """A thing particular enough to be named in the summary: two words or a long compound, in the
    conversation's language, not ending on an adverb, not a person ("de regiomanager", "the team leader")."""
    words = _words(phrase)
    if len(words) < 2 or words[0] not in _OWN_DETERMINERS.get(language, frozenset()):
        return False
    rest = words[1:]
    if rest[-1] in _ADVERBS or any(rest[-1].endswith(p) for p in word_list("person_heads") if len(p) > 3):
        return False
    return len(rest) >= 2 or len(rest[0]) >= _COMPOUND_LENGTH


def repeated_things(answers: Iterable[str], language: str, skip: set[str]) -> list[tuple[str, int]]:
    """The things the leaver named in two or more answers, as they named them, in the interviewer's voice
    ("het pickscherm", "the forklift certificate"), with how many answers named them, most often first (then
    in the order they came up). Nothing negated, nothing on a theme in ``skip``; a shorter thing inside a
    longer one that came back ("the screen" in "the pick-rate screen") is the longer one."""
    texts = [a for a in answers if a and a.strip()]
    lows = [" ".join(_words(a)) for a in texts]
    found: dict[str, tuple[str, int, int]] = {}
    for order, answer in enumerate(texts):
        for phrase in noun_phrases(answer, language):
            thing_key = key(phrase)
            if thing_key in found or not good_thing(phrase) or not specific(phrase, language):
                continue
            if not meaningful(phrase, language):  # "the whole place", said twice, is no point of the summary
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(thing_key)}(?![\w-])")
            where = [t for t, low in zip(texts, lows, strict=True) if pattern.search(low)]
            if len(where) < 2 or any(negated(t, thing_key) for t in where):
                continue
            if {m.theme for m in analyse_answer(phrase, language).mentions} & skip:
                continue
            found[thing_key] = (phrase, len(where), order)
    kept = [
        (phrase, count, order)
        for k, (phrase, count, order) in found.items()
        if not any(other != k and other.endswith(k) for other in found)
    ]
    kept.sort(key=lambda item: (-item[1], item[2]))
    return [(phrase, count) for phrase, count, _ in kept]
