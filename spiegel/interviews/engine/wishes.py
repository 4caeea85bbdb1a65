"""What the leaver wants done with a disclosure, read from their answer to "what would you like done with
it?" (data: ``data/wording/wishes.json``).

Four kinds: ``none`` (not reported anywhere), ``anonymous`` (reported, without their name), ``named``
(reported, with their name), ``report`` (reported, name not said); ``""`` when the answer says none of these.
A negation inside the wish ("niet met mijn naam", "keep my name out") asks for anonymity, not for silence;
"ook niet anoniem" / "not even anonymously" is a refusal. To whom ("HR", "de auditcommissie") is read where
the leaver names it. The kind and the recipient are stored with the answer so the practitioner sees them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .care_words import declines_follow_up
from .wording import DATA_DIR, LANGUAGES

KINDS = ("none", "anonymous", "named", "report")
_NOT_VIA = re.compile(
    r"(?:(?<!\w)(?:niet|nooit|geen|not|never|no) (?:\w+ )?"
    r"(?:via|bij|naar|door|through|to|with|from) (?:de |het |the )?)$"
)


@dataclass(frozen=True)
class Wish:
    kind: str  # one of KINDS, or "" when the answer says none of them
    to: str  # the recipient in the leaver's language ("HR", "de auditcommissie"), or "" when none is named


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with (DATA_DIR / "wishes.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@lru_cache(maxsize=16)
def _pattern(language: str, key: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(_data()[language][key]) + r")(?!\w)")


def _plain(text: str) -> str:
    """Lower case, apostrophes out ("don't" -> "dont"), no punctuation but "&", single spaces."""
    return " ".join(re.sub(r"[^\w&\s-]", " ", re.sub(r"['’`]", "", text.lower())).split())


def _says(plain: str, language: str, key: str) -> bool:
    return bool(_pattern(language, key).search(plain))


def _recipient(plain: str, language: str) -> str:
    recipients: dict[str, str] = _data()[language]["to"]
    found = [
        (m.start(), said)
        for word, said in recipients.items()
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", plain)
        if not _NOT_VIA.search(plain[: m.start()])  # "niet via HR", "not through HR": not the recipient
    ]
    return min(found)[1] if found else ""


def read_wish(text: str, language: str) -> Wish:
    """The kind of the leaver's wish about a disclosure, and to whom it should go."""
    if language not in LANGUAGES:
        return Wish("", "")
    plain = _plain(text)
    to = _recipient(plain, language)
    if _says(plain, language, "refused"):
        return Wish("none", "")
    if _says(plain, language, "anonymous"):
        return Wish("anonymous", to)
    if _says(plain, language, "named"):
        return Wish("named", to)
    if declines_follow_up(text, language, wish=True):
        return Wish("none", "")
    if _says(plain, language, "report") or to:
        return Wish("report", to)
    return Wish("", "")


def said_back(wish: Wish, language: str, holder: str) -> str:
    """The wish in plain words: what will happen, and to whom (the organisation when nobody was named)."""
    words: dict[str, Any] = _data()[language]
    template = words["said_back"].get(wish.kind)
    if not template:
        return ""
    return str(template).format(to=wish.to or words["organisation"], holder=holder)
