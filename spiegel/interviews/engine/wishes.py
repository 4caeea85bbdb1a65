"""What the leaver wants done with a disclosure, read from their answer to "what would you like done with
it?" (data: ``data/wording/wishes.json``).

Four kinds: ``none`` (not reported anywhere), ``anonymous`` (reported, without their name), ``named``
(reported, with their name), ``report`` (reported, name not said); ``""`` when the answer says none of these.
A negation inside the wish ("niet met mijn naam", "keep my name out") asks for anonymity, not for silence;
"ook niet anoniem" / "not even anonymously" is a refusal. To whom ("HR", "de auditcommissie") is read where
the leaver names it. The kind and the recipient are stored with the answer so the practitioner sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .care_words import declines_follow_up
from .wording import LANGUAGES, any_of, data_file, plain

KINDS = ("none", "anonymous", "named", "report")
_NOT_VIA = re.compile(
    r"(?:(?<!\w)(?:niet|nooit|geen|not|never|no) (?:\w+ )?"
    r"(?:via|bij|naar|door|through|to|with|from) (?:de |het |the )?)$"
)


@dataclass(frozen=True)
class Wish:
    kind: str  # one of KINDS, or "" when the answer says none of them
    to: str  # the recipient in the leaver's language ("HR", "de auditcommissie"), or "" when none is named


def _data() -> dict[str, Any]:
    return data_file("wishes.json")


@lru_cache(maxsize=16)
def _pattern(language: str, key: str) -> re.Pattern[str]:
    return any_of(_data()[language][key])


def _says(folded: str, language: str, key: str) -> bool:
    return bool(_pattern(language, key).search(folded))


def _recipient(folded: str, language: str) -> str:
    recipients: dict[str, str] = _data()[language]["to"]
    found = [
        (m.start(), said)
        for word, said in recipients.items()
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded)
        if not _NOT_VIA.search(folded[: m.start()])  # "niet via HR", "not through HR": not the recipient
    ]
    return min(found)[1] if found else ""


def read_wish(text: str, language: str) -> Wish:
    """The kind of the leaver's wish about a disclosure, and to whom it should go."""
    if language not in LANGUAGES:
        return Wish("", "")
    folded = plain(text)
    to = _recipient(folded, language)
    if _says(folded, language, "refused"):
        return Wish("none", "")
    if _says(folded, language, "anonymous"):
        return Wish("anonymous", to)
    if _says(folded, language, "named"):
        return Wish("named", to)
    if declines_follow_up(text, language, wish=True):
        return Wish("none", "")
    if _says(folded, language, "report") or to:
        return Wish("report", to)
    return Wish("", "")


def said_back(wish: Wish, language: str, holder: str) -> str:
    """The wish in plain words: what will happen, and to whom (the organisation when nobody was named)."""
    words: dict[str, Any] = _data()[language]
    template = words["said_back"].get(wish.kind)
    if not template:
        return ""
    return str(template).format(to=wish.to or words["organisation"], holder=holder)
