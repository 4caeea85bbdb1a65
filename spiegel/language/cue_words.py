"""The word lists of :mod:`spiegel.language.cues`, one data file per language (``data/cues/cues_<language>.json``),
read once at import into typed, immutable values. The lists are described in ``data/cues/README.md``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["CUE_WORDS", "LANGUAGES", "CueWords"]

LANGUAGES: tuple[str, ...] = ("nl", "en")


@dataclass(frozen=True)
class CueWords:
    """One language's cues. Pattern lists hold alternatives of one regular expression, in the file's order."""

    themes: dict[str, tuple[str, ...]]  # theme id -> single words
    compound_heads: dict[str, str]  # a word ending in the head belongs to the theme ("startsalaris")
    compound_exceptions: tuple[str, ...]  # words that end in a head without belonging to it ("begeleider")
    theme_phrases: dict[str, tuple[str, ...]]  # theme id -> patterns
    theme_word_not: tuple[str, ...]  # a theme word starting one of these is not its theme ("geld voor extra mensen")
    vague: tuple[str, ...]
    nothing_more: tuple[str, ...]
    dont_know: tuple[str, ...]
    specific: tuple[str, ...]
    hedges: tuple[str, ...]
    generalisations: tuple[str, ...]
    hearsay: tuple[str, ...]
    emotions: tuple[tuple[str, str], ...]  # (pattern, group), groups in the file's order
    easy_reasons: tuple[str, ...]
    refusal: tuple[str, ...]
    distress: tuple[str, ...]
    skip: tuple[str, ...]
    disclosures: tuple[tuple[str, str], ...]  # (pattern, kind)
    cause: tuple[str, ...]
    effect: tuple[str, ...]
    negators: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    role_words: tuple[str, ...]  # after one of these, a capitalised word is a person's name
    name_verbs: tuple[str, ...]  # a capitalised word before one of these is a person's name
    not_names: frozenset[str]  # capitalised words that are never a name
    quote_fillers: frozenset[str]  # words a quote does not start with
    dangling: frozenset[str]  # words a quote does not end on
    clause_conjunctions: tuple[str, ...]  # words that start a new clause
    function_words: frozenset[str]  # tell the language of a text


def _pairs(groups: dict[str, list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((pattern, group) for group, patterns in groups.items() for pattern in patterns)


def _load(language: str) -> CueWords:
    path = resources.files("spiegel.language") / "data" / "cues" / f"cues_{language}.json"
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    raw.pop("_comment", None)
    pairs = {"emotions", "disclosures"}
    by_theme = {"themes", "theme_phrases"}
    sets = {"negators", "positive", "negative", "not_names", "quote_fillers", "dangling", "function_words"}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in pairs:
            values[key] = _pairs(value)
        elif key in by_theme:
            values[key] = {theme: tuple(entries) for theme, entries in value.items()}
        elif key in sets:
            values[key] = frozenset(value)
        elif key == "compound_heads":
            values[key] = dict(value)
        else:
            values[key] = tuple(value)
    return CueWords(**values)  # a missing or unknown list is a TypeError at import


CUE_WORDS: dict[str, CueWords] = {language: _load(language) for language in LANGUAGES}
