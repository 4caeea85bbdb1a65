"""When two quotes are the same: an organisation's view never shows the same words twice. Django-free.

Two wordings count as the same quote when their words are equal (case, spacing and punctuation aside), when
they share a whole sentence of at least ``MIN_SHARED_WORDS`` words (one leaver's statement merged from two
answers repeats a sentence another quote already shows, or the same sentences come in another order), or when
their words overlap almost entirely (Jaccard ≥ ``NEAR``: a word or two changed).
"""

from __future__ import annotations

import re

from spiegel.language.statements import split_sentences

__all__ = ["NEAR", "Quoted", "same_words"]

MIN_SHARED_WORDS = 4
NEAR = 0.8


def same_words(text: str) -> str:
    """The words of a quote as compared for duplicates: case, spacing and punctuation do not count."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _sentences(text: str) -> set[str]:
    out = {same_words(text[a:b]) for a, b in split_sentences(text)}
    return {s for s in out if len(s.split()) >= MIN_SHARED_WORDS}


class Quoted:
    """The quotes already shown in one view; `take(text)` says whether `text` is new and, if so, remembers it.
    `statements` are ids of statements not to quote at all (see :attr:`statements`)."""

    def __init__(self, texts: list[str] | None = None, statements: frozenset[str] = frozenset()) -> None:
        # Statements already shown in other words: the wordings of a corroborated fact, shown as that fact.
        self.statements = statements
        self._words: set[str] = set()
        self._sentences: set[str] = set()
        self._bags: list[frozenset[str]] = []
        for text in texts or []:
            self.take(text)

    def seen(self, text: str) -> bool:
        words = same_words(text)
        if words in self._words or _sentences(text) & self._sentences:
            return True
        bag = frozenset(words.split())
        return any(bag and len(bag & other) / len(bag | other) >= NEAR for other in self._bags)

    def take(self, text: str) -> bool:
        if self.seen(text):
            return False
        self._words.add(same_words(text))
        self._sentences |= _sentences(text)
        self._bags.append(frozenset(same_words(text).split()))
        return True
