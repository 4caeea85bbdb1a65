"""The one gate for the leaver's words in a question or a summary point: is this phrase worth repeating?

docs/interviewing.md, "Paraphrase, don't paste": a skilled interviewer repeats "het nieuwe rooster", "your
manager" or "the takeover", never "de muur" the leaver stared at, "a number" they felt like, "the cracks"
they saw, "de concurent" as they typed it, "het nieuwe roostersysteem bijvoorbeeld" with its filler, nor "your
lads". So a phrase may be offered back only when every word of it is spelled as a word of the language and
its head names a workplace matter: a theme word of the leaver's answer analysis ("rooster", "reorganisatie",
"manager"), an event ("de fusie"), or a thing of work from the word list ``workplace_matters`` ("de kantine",
"the forklift certificate"). Anything else is asked about with "dat" / "that" or a question without a referent.
Whether the phrase is whole and said cleanly is judged in :mod:`.reflection`; this module judges what it names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spiegel.language.cue_words import CUE_WORDS
from spiegel.language.cues import find_themes
from spiegel.language.lemmas import is_known_word, lemma

from .wording import word_list
from .wording import words as _words

LANGUAGES = ("nl", "en")
# The shortest part of a compound that counts as a word of its own ("pick" + "scherm", "koffie" + "praat").
_PART = 4
# Dutch joins compounds with these ("planning-s-systeem", "klant-en-service").
_LINKS = ("s", "en", "e")
_TOKEN = re.compile(r"[\w'’-]+")
# Dutch adjective endings: "het tijdelijk" in "dat het tijdelijk was" is "it" and an adjective, no noun phrase.
_ADJECTIVE_ENDS = {"nl": ("lijk", "ig", "isch", "baar", "loos", "zaam")}


def _known(word: str, language: str) -> bool:
    """A word either lemma list knows: Dutch answers carry English words ("de deadline", "het pickscherm")."""
    return any(is_known_word(w, lang) for lang in (language, *LANGUAGES) for w in (word, lemma(word, lang)))


@lru_cache(maxsize=20_000)
def spelled(word: str, language: str) -> bool:
    """``word`` (lower case) is a word of ``language`` as the lemma lists know it, a theme or workplace word, or a
    compound of such words ("roostersysteem", "pickscherm", "pick-rate"); a typo ("concurent", "reorganisaite",
    "competiter") is none."""
    if "-" in word:
        return all(spelled(part, language) for part in word.split("-") if part)
    if _known(word, language) or word in _matters() or find_themes(word, language):
        return True
    for at in range(_PART, len(word) - _PART + 1):
        left, right = word[:at], word[at:]
        if not (_known(right, language) or right in _matters()):
            continue
        if any(left.endswith(link) and _known(left[: len(left) - len(link)], language) for link in _LINKS):
            return True
        if _known(left, language):
            return True
    return False


def _part(rest: str, language: str) -> bool:
    """What follows a matter in a compound is a word of its own ("wissels" in "ploegwissels")."""
    return len(rest) >= _PART and _known(rest, language)


@lru_cache(maxsize=1)
def _matters() -> frozenset[str]:
    return word_list("workplace_matters") | word_list("event_nouns")


@lru_cache(maxsize=2)
def _heads(language: str) -> frozenset[str]:
    """Words a compound naming a matter may end in: the workplace things, events and theme words."""
    themes = {w for words in CUE_WORDS[language].themes.values() for w in words}
    return frozenset(w for w in _matters() | themes if len(w) >= _PART and "'" not in w)


@lru_cache(maxsize=20_000)
def _matter_word(word: str, language: str) -> bool:
    """A word that names a matter of work: a theme word, an event, a workplace thing, or a compound ending in
    one ("de ploegendienst", "het pickscherm", "de thuiswerkregels"); "de cao-verhoging" by any of its parts,
    "de parkeerproblemen" by what the trouble was with."""
    if "-" in word:
        return any(_matter_word(part, language) for part in word.split("-") if part)
    for form in dict.fromkeys((word, lemma(word, language))):
        if find_themes(form, language) or form in _matters():
            return True
        if any(form.endswith(h) and len(form) >= len(h) + 3 for h in _heads(language)):
            return True
        if any(form.startswith(h) and _part(form[len(h) :], language) for h in _heads(language)):
            return True  # "de ploegwissels", "de roosterwijziging": a change or a part of a matter
        trouble = next((p for p in word_list("problem_words") if form.endswith(p) and len(form) > len(p) + 3), None)
        if trouble is not None:
            left = form[: -len(trouble)]
            return any(_matter_word(left + end, language) for end in ("", "en", "ing"))
    return False


def _core(body: list[str]) -> list[str]:
    """The thing itself, up to a preposition ("de fusie" in "de fusie met Zorggroep Zuid")."""
    cut = next((i for i, w in enumerate(body) if i > 0 and w in word_list("phrase_breakers")), len(body))
    return body[:cut]


def _names(tokens: list[str]) -> set[str]:
    """Capitalised words after the first: names ("Zorggroep Zuid"), which no word list needs to know."""
    return {t.lower() for t in tokens[1:] if t[:1].isupper()}


@lru_cache(maxsize=20_000)
def _meaningful_in(phrase: str, language: str, pull: bool) -> bool:
    tokens = _TOKEN.findall(phrase)
    low = _words(phrase)
    if not low:
        return False
    openers = word_list("determiners") | word_list("indefinite") | {"je", "your", "jullie", "mijn", "my"}
    body = low[1:] if low[0] in openers else low
    core = _core(body)
    if not core or core[-1] in word_list("filler") | word_list("followers") | word_list("stop"):
        return False  # "het nieuwe roostersysteem bijvoorbeeld", "the cracks everywhere", "het werk zelf"
    if len(body) == 1 and body[0].endswith(_ADJECTIVE_ENDS.get(language, ())):
        return False  # "het tijdelijk", "het moeilijk": an adjective has no article of its own
    names = _names(tokens)
    if not all(w in names or spelled(w, language) for w in body):
        return False
    if pull or _matter_word(core[-1], language):
        return True
    # "the parking problems", "the staffing issues": a word for trouble names the matter it is about
    return core[-1] in word_list("problem_words") and any(_matter_word(w, language) for w in core[:-1])


def meaningful(phrase: str | None, language: str | None = None, pull: bool = False) -> bool:
    """``phrase`` names a workplace matter a skilled interviewer would repeat, every word spelled right: "het
    nieuwe rooster", "your manager", "de fusie met Zorggroep Zuid"; never "de muur", "a number", "the place",
    "de concurent", "your lads". ``pull``: the phrase names what drew the leaver elsewhere ("een andere baan",
    "a better offer"), which needs no workplace word but must be spelled right. Without ``language``, either
    language will do (a summary point does not know it).
    """
    if not phrase:
        return False
    languages = (language,) if language in LANGUAGES else LANGUAGES
    return any(_meaningful_in(phrase, lang, pull) for lang in languages if lang is not None)
