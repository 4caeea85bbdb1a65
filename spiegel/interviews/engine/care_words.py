"""The words behind the interviewer's care for serious disclosures (data: ``data/wording/care.json``).

Whether the organisation itself is implicated in what the leaver discloses (a cover-up, a statement they had
to sign, "management knew"), whether the leaver distrusts its own procedure, whether they call it the real
reason; the options outside the organisation; the neutral words that name a disclosure in the summary; and
the words of one incident, so that only that incident is closed to probing, never its theme.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .wording import LANGUAGES, any_of, content_words, data_file, plain

# A later answer returns to an incident when it shares this many of the incident's words (or most of its own).
RETURN_WORDS = 3


def _data() -> dict[str, Any]:
    return data_file("care.json")


def care(language: str) -> dict[str, Any]:
    """The care wording and word lists of ``language`` ("nl" or "en")."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    found: dict[str, Any] = _data()[language]
    return found


@lru_cache(maxsize=16)
def _pattern(language: str, key: str) -> re.Pattern[str]:
    return any_of(care(language)[key])


def _says(text: str, language: str, key: str) -> bool:
    return language in LANGUAGES and bool(_pattern(language, key).search(plain(text)))


def implicates_organisation(text: str, language: str) -> bool:
    """The organisation itself is part of what is disclosed: it covered it up, had people lie or sign."""
    return _says(text, language, "implicated")


def covers_up(text: str, language: str) -> bool:
    """The leaver tells that the organisation covered something up or had people sign or say what was untrue:
    serious in itself (integrity), whatever the rules for disclosures read in it."""
    return _says(text, language, "cover_up")


def distrusts_procedure(text: str, language: str) -> bool:
    """The leaver does not trust the organisation's own procedure or people to handle it."""
    return _says(text, language, "distrust")


def declines_follow_up(text: str, language: str, *, wish: bool = False) -> bool:
    """The leaver does not want a disclosure taken anywhere ("ik wil niet dat dit naar een vertrouwenspersoon
    gaat", "please don't report it"); ``wish``: in answer to what they would like done, where shorter words
    say it too ("laat maar rusten", "no adviser")."""
    return _says(text, language, "declines") or (wish and _says(text, language, "declines_wish"))


def names_real_reason(text: str, language: str) -> bool:
    """ "That is the real reason": what was just told is why the leaver goes."""
    return _says(text, language, "real_reason")


def sounds_pleasant(text: str, language: str) -> bool:
    """Words of a pleasant moment (a farewell, a card, "lovely"): nothing to ask the consequences of."""
    return _says(text, language, "pleasant")


def about_care(text: str, language: str) -> bool:
    """The matter concerns patients, clients or residents (their safety has its own inspectorate)."""
    return _says(text, language, "care_words")


def independent_option(kind: str, text: str, language: str) -> str:
    """The channel outside the organisation for a disclosure of ``kind``."""
    options: dict[str, str] = care(language)["independent"]
    if kind == "safety" and about_care(text, language):
        return options["safety_care"]
    return options.get(kind, options["harassment"])


def summary_matter(kind: str, language: str) -> str:
    """A disclosure of ``kind`` in neutral words for the closing summary ("the safety incident you told me
    about"): never the leaver's own words, which stay with the practice."""
    matters: dict[str, str] = care(language)["summary_matter"]
    return matters.get(kind, matters["harassment"])


def all_summary_matters(language: str) -> tuple[str, ...]:
    if language not in LANGUAGES:
        return ()
    return tuple(care(language)["summary_matter"].values())


def incident_words(text: str, before: str, names: list[str]) -> list[str]:
    """The words of one incident: the disclosing answer and the answer just before it, without the names
    of people in it (a colleague named there may be talked about again)."""
    named = {w.lower() for name in names for w in name.split()}
    out: list[str] = []
    for source in (text, before):
        for word in content_words(source):
            if word not in named and word not in out:
                out.append(word)
    return out


def returns_to(incident: list[str], text: str) -> bool:
    """The answer is about this incident again: it shares several of its words, or mostly consists of them."""
    words = content_words(text)
    shared = [w for w in words if w in incident]
    return len(shared) >= RETURN_WORDS or (len(shared) >= 2 and len(shared) * 2 >= len(words))
