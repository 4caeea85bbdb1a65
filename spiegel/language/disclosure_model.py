"""A learned reader of serious disclosures, beside the rules of :mod:`.incidents` (issue 13).

Phrase rules recognise the wordings they were written from; on sentences nobody here wrote they found about
half of the disclosures (``docs/benchmarks.md``, "Serious disclosures told in ordinary words"). This reader
goes by meaning: an answer is read in windows (each sentence, and each pair of adjacent sentences); a window
is its multilingual sentence embedding (:mod:`.encoder`, 512 numbers, Dutch and English in one space) and
its words and word pairs (folded: lower case, no accents). Two linear models score it: whether it tells a
serious disclosure (a logistic regression over the embedding and the words), and which kind (harassment,
discrimination, integrity, safety, violence: a multinomial logistic regression over the embedding, trained
on the disclosures only). The answer's probability is that of its most telling window.

The weights were learned by ``bench/disclosure_model_train.py`` from the development sentences in
``data/disclosure/`` (never ``heldout4``) and ordinary leaver text as negatives, both languages together,
and ship as ``data/disclosure/model.tsv``: ``# threshold <language> <t>`` lines (chosen per language on
out-of-fold predictions), a ``# columns`` line, then one line per input (``b`` for the intercept, ``e0`` ...
``e511`` for the embedding's dimensions) with its weight per column, then one line per word (``w=``) or word
pair (``p=``) with its weight for the flag alone, scaled by 1/sqrt(how many the window has). Inference is a
dot product in numpy; no scikit-learn here.

Django-free; imports nothing from Spiegel outside this package.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from spiegel.language.encoder import EMBED_DIM, embed

__all__ = [
    "COLUMNS",
    "INPUTS",
    "KINDS",
    "MODEL_PATH",
    "DisclosureModel",
    "Reading",
    "dump",
    "fold",
    "load",
    "ngrams",
    "parse",
    "read",
    "reset",
    "use",
    "window_vectors",
    "windows",
]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "disclosure" / "model.tsv"
KINDS = ("harassment", "discrimination", "integrity", "safety", "violence")
COLUMNS = ("flag", *KINDS)
INPUTS = ("b", *(f"e{i}" for i in range(EMBED_DIM)))
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_WORD = re.compile(r"[^\W_]+")
# Only the first this many characters of an answer are read (a very long answer is rare).
_MAX_CHARS = 4000
_MAX_WINDOWS = 40


def windows(text: str) -> list[str]:
    """The parts of an answer that are scored: each sentence and each pair of adjacent sentences (an answer
    of one sentence is one window)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text[:_MAX_CHARS]) if s.strip()]
    if len(sentences) <= 1:
        return sentences
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(sentences)]
    return (sentences + pairs)[:_MAX_WINDOWS]


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes made plain: 'cliënt' and 'client' read alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def ngrams(text: str) -> list[str]:
    """The word features of a window, each once: its words (``w=``) and adjacent word pairs (``p=``)."""
    words = _WORD.findall(fold(text))
    seen = dict.fromkeys("w=" + word for word in words)
    seen.update(dict.fromkeys(f"p={a} {b}" for a, b in itertools.pairwise(words)))
    return list(seen)


@dataclass(frozen=True)
class Reading:
    """What the model makes of an answer: the probability that it tells a serious disclosure (its most
    telling window's), the likeliest kind in that window, and whether the probability reaches the
    language's threshold."""

    probability: float
    kind: str
    flagged: bool


class DisclosureModel:
    """Weights: a matrix of (1 + 512) inputs by the columns ``flag`` and one per kind; thresholds per language."""

    def __init__(
        self,
        weights: np.ndarray[Any, np.dtype[np.float64]],
        thresholds: Mapping[str, float],
        words: Mapping[str, float] | None = None,
    ) -> None:
        if weights.shape != (len(INPUTS), len(COLUMNS)):
            raise ValueError(
                f"disclosure model: weights of shape {weights.shape}, expected {(len(INPUTS), len(COLUMNS))}"
            )
        self.weights = weights
        self.thresholds = dict(thresholds)
        self.words = dict(words or {})

    def word_score(self, text: str) -> float:
        """What the words and word pairs of one window add to the flag's score."""
        names = ngrams(text)
        get = self.words.get
        return sum(get(name, 0.0) for name in names) / math.sqrt(max(len(names), 1))

    def scores(
        self, vectors: np.ndarray[Any, np.dtype[Any]], texts: list[str]
    ) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The linear score of each column for each window (its sentence embedding and its text)."""
        scores = np.asarray(self.weights[0] + vectors.astype(np.float64) @ self.weights[1:], dtype=np.float64)
        if self.words:
            scores[:, 0] += [self.word_score(text) for text in texts]
        return scores

    def reading(self, vectors: np.ndarray[Any, np.dtype[Any]], texts: list[str], language: str) -> Reading:
        """The reading of an answer from its windows' embeddings and texts."""
        if len(vectors) == 0:
            return Reading(0.0, KINDS[0], False)
        scores = self.scores(vectors, texts)
        best = int(np.argmax(scores[:, 0]))
        probability = float(1.0 / (1.0 + np.exp(-np.clip(scores[best, 0], -30.0, 30.0))))
        kind = KINDS[int(np.argmax(scores[best, 1:]))]
        threshold = self.thresholds.get(language, 1.0)
        return Reading(probability, kind, probability >= threshold)

    def read(self, text: str, language: str) -> Reading:
        return self.reading(window_vectors(text), windows(text), language)


@lru_cache(maxsize=1024)
def window_vectors(text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The sentence embeddings of an answer's windows (kept for the last answers read: a turn is read by
    the understanding and again by the checks)."""
    vectors = embed(windows(text))
    vectors.setflags(write=False)
    return vectors


def parse(text: str) -> DisclosureModel:
    """A model from its file contents (see the module's docstring)."""
    thresholds: dict[str, float] = {}
    rows: dict[str, list[float]] = {}
    words: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("# threshold "):
            _, _, language, value = line.split()
            thresholds[language] = float(value)
        elif line.startswith("# columns "):
            if tuple(line.split()[2:]) != COLUMNS:
                raise ValueError(f"disclosure model: columns {line.split()[2:]}, expected {list(COLUMNS)}")
        elif line and not line.startswith("#"):
            name, *values = line.split("\t")
            if name.startswith(("w=", "p=")):
                words[name] = float(values[0])
            else:
                rows[name] = [float(v) for v in values]
    missing = [name for name in INPUTS if name not in rows]
    if missing:
        raise ValueError(f"disclosure model: no weights for {missing[:3]} ...")
    return DisclosureModel(np.array([rows[name] for name in INPUTS], dtype=np.float64), thresholds, words)


def dump(model: DisclosureModel, header: Iterable[str]) -> str:
    """The file contents of a model: the ``header`` lines (comments), then what :func:`parse` reads."""
    lines = [f"# {line}" for line in header]
    lines += [f"# threshold {language} {value}" for language, value in sorted(model.thresholds.items())]
    lines.append("# columns " + " ".join(COLUMNS))
    lines += [name + "".join(f"\t{v:.5f}" for v in row) for name, row in zip(INPUTS, model.weights, strict=True)]
    lines += [f"{name}\t{value:.4f}" for name, value in sorted(model.words.items())]
    return "\n".join(lines) + "\n"


_override: list[DisclosureModel | None] = []


def use(model: DisclosureModel | None) -> None:
    """Use ``model`` (or no model: None) instead of the shipped one, for training and benchmarks."""
    _override[:] = [model]


def reset() -> None:
    """Back to the shipped model."""
    _override.clear()


def load() -> DisclosureModel | None:
    """The model: the shipped one, read once per process, unless :func:`use` set another."""
    if _override:
        return _override[0]
    return _shipped()


@lru_cache(maxsize=1)
def _shipped() -> DisclosureModel | None:
    if not MODEL_PATH.is_file():
        return None
    return parse(MODEL_PATH.read_text(encoding="utf-8"))


def read(text: str, language: str) -> Reading | None:
    """The model's reading of an answer, or None when no model is shipped (or :func:`use` set none)."""
    model = load()
    return model.read(text, language) if model is not None else None
