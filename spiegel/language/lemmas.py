"""Lemmas for Dutch and English words: the one place that calls ``simplemma``.

``simplemma.lemmatize`` raises on an empty string, and the tokenisers here produce tokens such as "-" or "'"
(a spaced hyphen, an emoticon, a lone apostrophe) that become empty once their punctuation is stripped. Every
caller goes through :func:`lemma`, which hands simplemma only tokens that contain a letter or a digit.
"""

from __future__ import annotations

from functools import lru_cache

import simplemma

__all__ = ["is_known_word", "lemma", "lemma_lower"]

_MAX_TOKEN = 100  # a "word" longer than this is noise (a pasted hash, a run of letters); it is its own lemma


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    """The lemma of ``token`` in ``language`` ("nl" or "en"); the token itself when it is not a word."""
    if not _is_word(token) or len(token) > _MAX_TOKEN:
        return token
    return str(simplemma.lemmatize(token, lang=language))


def lemma_lower(token: str, language: str) -> str:
    """:func:`lemma`, lower-cased: what the classifiers and the clustering compare."""
    return lemma(token, language).lower()


@lru_cache(maxsize=200_000)
def is_known_word(token: str, language: str) -> bool:
    """Whether simplemma's dictionary for ``language`` knows ``token`` (a real word, not a typo)."""
    if not _is_word(token) or len(token) > _MAX_TOKEN:
        return False
    return bool(simplemma.is_known(token, lang=language))
