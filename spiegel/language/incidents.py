"""Serious disclosures told in ordinary words: incidents, safety events, fraud, discrimination, harassment.

A word list catches "fraude" or "racistisch"; a leaver more often says what happened: "een cliënt is
gevallen en de melding is nergens gebleven", "I was told to book revenue in the wrong quarter". Such a
sentence is recognised by the *frames* it combines — someone in the organisation's care, an event that
harmed them, a report that went nowhere; a bookkeeping object and a wrongness; a protected ground and an
adverse outcome — each frame a small set of ordinary phrasings (``data/disclosure/frames.json``). A rule
fires when all its frames occur in one sentence, so neither "de melding ging naar planning" nor "ik viel
bijna in slaap" is a disclosure.

The understanding of a turn (``understanding._disclosure``) asks :func:`incident_kind` when its word list
found nothing; the figures are in ``docs/benchmarks.md`` (``bench/disclosure.py``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["incident_kind"]

_DATA = Path(__file__).resolve().parent / "data" / "disclosure" / "frames.json"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_NEGATION = re.compile(r"\b(?:niet|nooit|geen|niemand|not|never|no|nobody|no one|n't)\b")
# How far before a one-frame match a negation still takes it back ("ik ben nooit geslagen").
_NEGATION_REACH = 30


@dataclass(frozen=True)
class _Rule:
    kind: str
    frames: tuple[str, ...]
    single: bool


@dataclass(frozen=True)
class _Frames:
    patterns: dict[str, re.Pattern[str]]
    rules: tuple[_Rule, ...]


def _fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes made plain: 'cliënt' and 'client' read alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _frames(language: str) -> _Frames | None:
    data = json.loads(_DATA.read_text(encoding="utf-8")).get(language)
    if data is None:
        return None
    patterns = {
        name: re.compile(r"(?<!\w)(?:" + "|".join(_fold(item) for item in items) + ")")
        for name, items in data["concepts"].items()
    }
    rules = tuple(
        _Rule(str(rule["kind"]), tuple(rule["all"]), bool(rule.get("single", False))) for rule in data["rules"]
    )
    return _Frames(patterns, rules)


def _fires(rule: _Rule, sentence: str, frames: _Frames) -> bool:
    if not rule.single:
        return all(frames.patterns[name].search(sentence) for name in rule.frames)
    for match in frames.patterns[rule.frames[0]].finditer(sentence):
        before = sentence[max(0, match.start() - _NEGATION_REACH) : match.start()]
        if not _NEGATION.search(before):
            return True
    return False


def incident_kind(text: str, language: str) -> str | None:
    """The kind of serious disclosure ``text`` tells in ordinary words (harassment, discrimination,
    integrity, safety, violence), or None. Reads sentence by sentence; the earliest sentence that fires a
    rule decides, and within it the first rule in the data's order."""
    frames = _frames(language)
    if frames is None:
        return None
    for sentence in _SENTENCE_END.split(_fold(text)):
        for rule in frames.rules:
            if _fires(rule, sentence, frames):
                return rule.kind
    return None
