"""A learned second opinion on person names: logistic regression over word features, pure-Python at run time.

The rules in ``redact.py`` miss names that have no cue around them; this model scores every word of a text
with the probability that it is (part of) a person's name, from features of the word and its neighbours:
shape (capitals, length, sentence start), affixes, the word itself and the words around it, whether it is on
the name lists, how frequent it is as an ordinary word, and whether the rules already took it. The weights
were learned from the development splits of two NER corpora (see ``data/names/NOTICE.md``: Europeana/KB Dutch
newspapers, CC0; WNUT-17 English social media, CC BY 4.0) by ``bench/name_model_train.py`` and are shipped as
``data/names/model_{nl,en}.tsv``: one ``feature<TAB>weight`` per line. No corpus text is shipped.

Django-free; imports nothing from Spiegel.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["MODEL_DIR", "NameModel", "Word", "features", "load", "parse", "reset", "use"]

MODEL_DIR = Path(__file__).resolve().parent / "data" / "names"
_VOWELS = frozenset("aeiouyáéíóúàèëïöüâêîôû")


@dataclass(frozen=True)
class Word:
    """What the model needs to know about one word of a text (filled in by the redactor's tokeniser)."""

    text: str
    low: str  # folded: lower case without diacritics
    sentence_start: bool
    kind: str  # "first", "last" or "" by the name lists
    frequency: int  # Zipf frequency x10 as an ordinary word, 0 when not in the list
    # "title", "particle", "initial", "acronym", "gazetteer", "stop", "role", "ambiguous", "proper", and "lower": a
    # capitalised word the same text also writes in lower case
    flags: frozenset[str]
    rule: bool  # the rules already took this word as (part of) a name
    gap: str  # what stands between the previous word and this one, shortened ("", " ", ",", ".", "\n", ...)


def _shape(text: str) -> str:
    out: list[str] = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.islower() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:5]


def _gap(gap: str) -> str:
    stripped = gap.strip(" \t")
    if not stripped:
        return "_" if gap else "0"
    if "\n" in stripped:
        return "nl"
    return stripped[:2]


def _band(frequency: int) -> str:
    return "0" if frequency == 0 else str(min(frequency // 5, 9))


def _own(word: Word) -> list[str]:
    shape = _shape(word.text)
    cap = "C" if word.text[:1].isupper() else "l"
    band = _band(word.frequency)
    low = word.low
    out = [
        "b",
        f"sh={shape}",
        f"w={low}",
        f"fq={band}{cap}",
        f"k={word.kind}{cap}",
        f"ss={int(word.sentence_start)}{cap}",
        f"ssk={int(word.sentence_start)}{word.kind}{cap}",
        f"len={min(len(low), 12)}{cap}",
        f"s3={low[-3:]}",
        f"s2={low[-2:]}",
        f"p3={low[:3]}",
        f"r={int(word.rule)}",
        f"rfq={int(word.rule)}{band}{cap}",
        f"v={int(any(ch in _VOWELS for ch in low))}",
    ]
    out += [f"f={flag}" for flag in sorted(word.flags)]
    out += [f"fc={flag}{cap}" for flag in sorted(word.flags)]
    return out


def _context(word: Word | None, offset: str) -> list[str]:
    if word is None:
        return [f"{offset}w=<none>"]
    cap = "C" if word.text[:1].isupper() else "l"
    out = [
        f"{offset}w={word.low}",
        f"{offset}sh={_shape(word.text)}",
        f"{offset}k={word.kind}{cap}",
        f"{offset}r={int(word.rule)}",
        f"{offset}fq={_band(word.frequency)}{cap}",
    ]
    out += [f"{offset}f={flag}" for flag in sorted(word.flags)]
    return out


def _row(words: Sequence[Word], i: int) -> list[str]:
    word = words[i]
    n = len(words)
    row = _own(word)
    prev = words[i - 1] if i > 0 else None
    nxt = words[i + 1] if i + 1 < n else None
    row += _context(prev, "-1")
    row += _context(nxt, "+1")
    row += _context(words[i - 2] if i > 1 else None, "-2")[:1]
    row += _context(words[i + 2] if i + 2 < n else None, "+2")[:1]
    gap_before = _gap(word.gap)
    gap_after = _gap(nxt.gap) if nxt else "end"
    cap = "C" if word.text[:1].isupper() else "l"
    row += [f"g-={gap_before}", f"g+={gap_after}", f"g={gap_before}|{gap_after}{cap}"]
    if prev is not None:
        prev_cap = "C" if prev.text[:1].isupper() else "l"
        row.append(f"pc={prev_cap}{cap}{int(prev.rule)}")
        row.append(f"-1wc={prev.low}{cap}")
    if nxt is not None:
        next_cap = "C" if nxt.text[:1].isupper() else "l"
        row.append(f"nc={cap}{next_cap}{int(nxt.rule)}")
        row.append(f"+1wc={nxt.low}{cap}")
    return row


def features(words: Sequence[Word]) -> list[list[str]]:
    """The feature names of every word of a text."""
    return [_row(words, i) for i in range(len(words))]


class NameModel:
    """Feature weights of a logistic regression; ``probabilities`` scores the words of a text."""

    def __init__(
        self,
        weights: dict[str, float],
        threshold: float,
        veto: float = 0.0,
        strong: float = 1.0,
        first: float | None = None,
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        self.veto = veto
        self.strong = strong
        self.first = strong if first is None else first

    def probability(self, words: Sequence[Word], i: int) -> float:
        get = self.weights.get
        z = sum(get(name, 0.0) for name in _row(words, i))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, words: Sequence[Word]) -> list[float]:
        return [self.probability(words, i) for i in range(len(words))]

    def names(
        self,
        words: Sequence[Word],
        candidates: Sequence[bool] | None = None,
        strict: Sequence[int] | None = None,
    ) -> list[bool]:
        """For every word: is it (part of) a person's name? A word the rules took stays one unless the model
        is surer than ``veto`` that it is not; any other word needs ``threshold``, or ``strong`` where
        ``strict`` says 1 (a word with no capital to go by: lower case, all capitals, a common word at a
        sentence start), or ``first`` where it says 2 (a listed first name in lower case, "john"). Words that
        are not ``candidates`` keep the rules' decision without being scored (a speed-up)."""
        out: list[bool] = []
        bars = (self.threshold, self.strong, self.first)
        for i, word in enumerate(words):
            if candidates is not None and not candidates[i]:
                out.append(word.rule)
                continue
            bar = self.veto if word.rule else bars[int(strict[i]) if strict is not None else 0]
            out.append(self.probability(words, i) >= bar)
        return out


def parse(text: str) -> NameModel:
    """A model from its file contents: ``# threshold <t>``, ``# veto <v>``, ``# strong <s>`` and ``# first <f>``
    lines (``first`` defaults to ``strong``), then ``feature<TAB>weight`` lines."""
    weights: dict[str, float] = {}
    threshold = 0.5
    veto = 0.0
    strong = 1.0
    first: float | None = None
    for line in text.splitlines():
        if line.startswith("# threshold "):
            threshold = float(line.split()[2])
        elif line.startswith("# veto "):
            veto = float(line.split()[2])
        elif line.startswith("# strong "):
            strong = float(line.split()[2])
        elif line.startswith("# first "):
            first = float(line.split()[2])
        elif line and not line.startswith("#"):
            name, _, value = line.rpartition("\t")
            weights[name] = float(value)
    return NameModel(weights, threshold, veto, strong, first)


_overrides: dict[str, NameModel | None] = {}


def use(language: str, model: NameModel | None) -> None:
    """Use ``model`` (or no model: None) instead of the shipped one, for training and benchmarks."""
    _overrides[language] = model


def reset() -> None:
    """Back to the shipped models."""
    _overrides.clear()


def load(language: str) -> NameModel | None:
    """The model of a language: the shipped one, read once per process, unless ``use`` set another."""
    if language in _overrides:
        return _overrides[language]
    return _shipped(language)


@lru_cache(maxsize=4)
def _shipped(language: str) -> NameModel | None:
    path = MODEL_DIR / f"model_{language}.tsv"
    if not path.is_file():
        return None
    return parse(path.read_text(encoding="utf-8"))
