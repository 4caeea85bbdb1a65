"""The cue lists of both languages (data/cues/cues_{nl,en}.json) as spiegel.language.cue_words reads them."""

from __future__ import annotations

import dataclasses
import json
import re
from importlib import resources

import pytest

from spiegel.language.cue_words import CUE_WORDS, LANGUAGES, CueWords
from spiegel.language.taxonomy import THEMES

_PATTERN_LISTS = (
    "vague",
    "nothing_more",
    "dont_know",
    "specific",
    "hedges",
    "generalisations",
    "hearsay",
    "easy_reasons",
    "refusal",
    "distress",
    "skip",
    "cause",
    "effect",
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_theme_has_words_and_every_list_names_only_taxonomy_themes(language: str) -> None:
    words = CUE_WORDS[language]
    assert set(words.themes) == set(THEMES)
    assert all(words.themes[theme] for theme in THEMES)
    assert set(words.theme_phrases) <= set(THEMES)
    assert set(words.compound_heads.values()) <= set(THEMES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_file_holds_exactly_the_lists_of_the_loader(language: str) -> None:
    path = resources.files("spiegel.language") / "data" / "cues" / f"cues_{language}.json"
    keys = set(json.loads(path.read_text(encoding="utf-8"))) - {"_comment"}
    assert keys == {field.name for field in dataclasses.fields(CueWords)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pattern_compiles_on_its_own(language: str) -> None:
    """Each entry is one whole alternative: no group opened in one entry and closed in the next."""
    words = CUE_WORDS[language]
    patterns: list[str] = [p for name in _PATTERN_LISTS for p in getattr(words, name)]
    patterns += [p for phrases in words.theme_phrases.values() for p in phrases]
    patterns += [p for p, _group in (*words.emotions, *words.disclosures)]
    assert len(patterns) > 100
    for pattern in patterns:
        re.compile(pattern)


def test_only_dutch_has_compound_heads() -> None:
    assert CUE_WORDS["nl"].compound_heads["salaris"] == "pay"
    assert CUE_WORDS["en"].compound_heads == {}
    assert CUE_WORDS["en"].compound_exceptions == ()
