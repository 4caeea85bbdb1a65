"""Grouping statements of different leavers that say the same thing. Django-free and deterministic.

Used for two views: facts that several leavers report independently (corroboration), and emerging topics
(recurring statements that the taxonomy does not cover). Method: TF-IDF over lemmas (simplemma; function
words dropped; unigrams and bigrams), cosine similarity, and the connected components of the graph whose
edges are pairs at or above ``threshold``. A cluster counts the distinct *groups* (leavers) behind it; two
statements of one leaver never corroborate each other, so components need ``min_groups`` groups.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from spiegel.analysis.fact_graph import Sentences, components
from spiegel.language.lemmas import lemma_lower

__all__ = ["Cluster", "Item", "cluster_facts", "cluster_items", "content_lemmas", "fact_similarity"]

# Cosine similarity from which two statements say the same thing. Chosen on the persona and generated data:
# paraphrases with the same nouns and numbers meet it; statements that only share a theme do not.
THRESHOLD = 0.45
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_EXTRA_STOP = frozenset(
    [
        "ook",
        "wel",
        "heel",
        "erg",
        "veel",
        "meer",
        "echt",
        "gewoon",
        "altijd",
        "nooit",
        "vaak",
        "keer",
        "gaan",
        "gaat",
        "ging",
        "komen",
        "kwam",
        "zeggen",
        "zei",
        "very",
        "really",
        "just",
        "also",
        "always",
        "never",
        "often",
        "time",
        "times",
        "said",
        "say",
        "get",
        "got",
        "going",
        "went",
        "thing",
        "things",
        "lot",
        "would",
        "could",
        "should",
        "have",
        "has",
        "had",
        "been",
        "being",
        "were",
        "was",
        "are",
        "is",
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
    ]
)


@lru_cache(maxsize=2)
def _stopwords(language: str) -> frozenset[str]:
    name = f"data/names/stopwords_{language if language in ('nl', 'en') else 'en'}.txt"
    text = resources.files("spiegel.language").joinpath(name).read_text(encoding="utf-8")
    words = " ".join(line for line in text.splitlines() if not line.startswith("#")).split()
    return frozenset(words) | _EXTRA_STOP


def content_lemmas(text: str, language: str) -> list[str]:
    """The lemmas of a statement's content words (numbers kept: "28 patients" is what makes a fact)."""
    stop = _stopwords(language)
    out: list[str] = []
    for token in _WORD.findall(text.lower()):
        if token in stop or (len(token) < 3 and not token.isdigit()):
            continue
        lemma = token if token.isdigit() else lemma_lower(token, language)
        if lemma not in stop:
            out.append(lemma)
    return out


@dataclass(frozen=True)
class Item:
    """One statement to cluster: its position in the caller's list is its identity; `group` is the leaver."""

    group: str
    text: str
    language: str


@dataclass(frozen=True)
class Cluster:
    """Indices into the items, most central first; how many groups (leavers) it spans; its top terms."""

    members: tuple[int, ...]
    groups: int
    terms: tuple[str, ...]


def _analyser(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


def cluster_items(
    items: Sequence[Item], *, threshold: float = THRESHOLD, min_groups: int = 2, min_lemmas: int = 2
) -> list[Cluster]:
    """Clusters of items that say the same thing across at least `min_groups` groups, largest first.

    Items with fewer than `min_lemmas` content lemmas are left out (too short to say the same thing).
    """
    tokens = [content_lemmas(item.text, item.language) for item in items]
    usable = [i for i, t in enumerate(tokens) if len(t) >= min_lemmas]
    if len(usable) < 2:
        return []
    vectoriser = TfidfVectorizer(analyzer=_analyser, sublinear_tf=True, min_df=1)
    matrix = vectoriser.fit_transform([tokens[i] for i in usable])  # rows have unit L2 norm
    similarity = sparse.csr_matrix(matrix @ matrix.T)
    similarity.data[similarity.data < threshold] = 0
    similarity.eliminate_zeros()
    count, labels = connected_components(similarity, directed=False)
    vocabulary = np.array(vectoriser.get_feature_names_out())
    clusters: list[Cluster] = []
    for label in range(count):
        rows = np.flatnonzero(labels == label)
        groups = {items[usable[r]].group for r in rows}
        if len(rows) < 2 or len(groups) < min_groups:
            continue
        centroid = np.asarray(matrix[rows].mean(axis=0)).ravel()
        centrality = np.asarray(matrix[rows] @ centroid).ravel()
        order = sorted(range(len(rows)), key=lambda j: (-round(float(centrality[j]), 9), int(rows[j])))
        top = [int(t) for t in np.argsort(-centroid, kind="stable")[:6] if centroid[t] > 0]
        terms = tuple(str(vocabulary[t]) for t in top if " " not in str(vocabulary[t]))[:3]
        clusters.append(Cluster(members=tuple(usable[int(rows[j])] for j in order), groups=len(groups), terms=terms))
    clusters.sort(key=lambda c: (-c.groups, c.members[0]))
    return clusters


# Same-fact matching (spiegel.analysis.facts): the weight of the sentence embedding against the content words,
# and the similarity from which two concrete sentences of different leavers report the same fact.
FACT_MEANING_WEIGHT = 0.5
FACT_THRESHOLD = 0.47
# Added to the similarity of two sentences that name the same telling quantity or moment.
FACT_SAME_ANCHOR = 0.05


def _fact_lemmas(text: str, language: str) -> list[str]:
    """Content lemmas with Dutch compounds split into their parts as well and numbers written as digits."""
    # deferred: facts imports statements, which is heavier than this module's other callers need
    from spiegel.analysis.facts import compound_parts, quantities

    out: list[str] = []
    for lemma in content_lemmas(text, language):
        out.append(lemma)
        out.extend(compound_parts(lemma, language))
    return out + sorted(f"#{n}" for n in quantities(text, language))


@dataclass(frozen=True)
class _Wordings:
    """Each distinct wording (text and language) of the items once: its sentence embedding (`meaning`, unit
    rows), its content words (`words`, unit rows of term frequencies; None when no wording has any), and each
    item's wording (`of`)."""

    meaning: np.ndarray[Any, np.dtype[np.float32]]
    words: Any
    of: np.ndarray[Any, np.dtype[np.int64]]

    def scores(self, keys: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """Meaning and content words of each pair of these wordings, weighted, before the rules: bit for bit
        what the same pairs score among all wordings. The content-word products depend only on each row;
        the embedding products are taken as a matrix times its own transpose (BLAS syrk), which gives each
        pair the same bits on any two or more rows (a single row goes another way in BLAS, so it gets a
        companion)."""
        rows = np.asarray(keys, dtype=np.int64)
        if len(rows) == 1 and len(self.meaning) > 1:
            rows = np.append(rows, 1 if rows[0] == 0 else 0)
        part = self.meaning[rows]
        score = FACT_MEANING_WEIGHT * np.clip(part @ part.T, 0, 1, dtype=np.float32)
        score = score[: len(keys), : len(keys)]
        if self.words is not None:
            words = self.words[keys]
            score += (1 - FACT_MEANING_WEIGHT) * (words @ words.T).toarray()
        return np.asarray(score, dtype=np.float32)


def _wordings(items: Sequence[Item]) -> _Wordings:
    """Each distinct wording read and embedded once."""
    # deferred: the sentence encoder loads its weights on first use; only fact clustering needs it
    from spiegel.language.classify import embed

    keys = list(dict.fromkeys((item.text, item.language) for item in items))
    meaning = embed([text for text, _ in keys])
    tokens = [_fact_lemmas(text, language) for text, language in keys]
    words = None
    if any(tokens):
        words = TfidfVectorizer(analyzer=lambda t: t, use_idf=False, min_df=1, dtype=np.float32).fit_transform(tokens)
    row = {key: n for n, key in enumerate(keys)}
    of = np.array([row[(item.text, item.language)] for item in items], dtype=np.int64)
    return _Wordings(meaning=meaning, words=words, of=of)


def _fact_base(items: Sequence[Item]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Meaning (sentence embedding) and content words (TF over lemmas, compound parts and quantities) of each
    pair of items, weighted, before the rules (n × n: for :func:`fact_similarity`)."""
    wordings = _wordings(items)
    score = wordings.scores(np.arange(len(wordings.meaning)))
    return np.asarray(score[np.ix_(wordings.of, wordings.of)], dtype=np.float32)


def _relations(told: Sequence[Any], left: np.ndarray[Any, Any], right: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """:func:`spiegel.analysis.facts.relation` of told[left[k]] and told[right[k]] for every k (-1: cannot be
    one fact, 1: the same telling quantity or moment, 0: neither), each distinct pair checked once."""
    # deferred: facts imports statements, which is heavier than this module's other callers need
    from spiegel.analysis.facts import relation

    if len(left) == 0:
        return np.zeros(0, dtype=np.int8)
    width = len(told)
    if width * width <= len(left):  # few distinct sentences said many times: a table of all their pairs
        table = np.array([[relation(a, b) for b in told] for a in told], dtype=np.int8)
        return np.asarray(table[left, right], dtype=np.int8)
    pairs, back = np.unique(np.asarray(left, dtype=np.int64) * width + right, return_inverse=True)
    found = np.array([relation(told[int(p) // width], told[int(p) % width]) for p in pairs], dtype=np.int8)
    return found[np.asarray(back).ravel()]


def _ruled(score: np.ndarray[Any, Any], how: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Scores after the rules: a pair that cannot be one fact scores 0, a pair that names the same telling
    quantity or moment gains ``FACT_SAME_ANCHOR``."""
    return np.where(how < 0, 0.0, np.where(how > 0, np.minimum(1.0, score + FACT_SAME_ANCHOR), score))


def _told(items: Sequence[Item]) -> tuple[list[Any], np.ndarray[Any, Any]]:
    """What each item says that can be checked: the distinct ones, and each item's index among them."""
    from spiegel.analysis.facts import checkable  # deferred: see _relations

    said = {key: checkable(*key) for key in dict.fromkeys((item.text, item.language) for item in items)}
    told = [said[(item.text, item.language)] for item in items]
    distinct = list(dict.fromkeys(told))
    index = {t: k for k, t in enumerate(distinct)}
    return distinct, np.array([index[t] for t in told], dtype=np.int64)


def _how(told: Sequence[Any], codes: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.int8]]:
    """:func:`spiegel.analysis.facts.relation` of every pair of rows (row i says told[codes[i]]), 0 on the
    diagonal: a table of the distinct checkables, spread over the rows."""
    distinct, inverse = np.unique(codes, return_inverse=True)
    table = _relations(told, np.repeat(distinct, len(distinct)), np.tile(distinct, len(distinct)))
    inverse = np.asarray(inverse).ravel()
    how = np.asarray(table.reshape(len(distinct), len(distinct))[inverse[:, None], inverse[None, :]], dtype=np.int8)
    np.fill_diagonal(how, 0)
    return how


def _rule_all(score: np.ndarray[Any, Any], told: Sequence[Any], codes: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The rules applied to every pair of ``score`` (row i says told[codes[i]]), a band of rows at a time, in
    place when ``score`` is float32 (both callers pass a fresh matrix)."""
    how = _how(told, codes)
    out = np.asarray(score, dtype=np.float32)
    step = max(1, _BLOCK_CELLS // max(1, len(codes)))
    for start in range(0, len(codes), step):
        out[start : start + step] = _ruled(out[start : start + step], how[start : start + step])
    return out


def fact_similarity(items: Sequence[Item]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """How close each pair of sentences is as the same fact, 0..1: meaning (sentence embedding) and content
    words (lemmas, compound parts and quantities), weighted; a pair that cannot be one fact
    (:func:`spiegel.analysis.facts.different_facts`: other quantities, another month or season) scores 0, and
    a pair that names the same telling quantity or moment scores ``FACT_SAME_ANCHOR`` more."""
    if not items:
        return np.zeros((0, 0), dtype=np.float32)
    return _rule_all(_fact_base(items), *_told(items))


def _average_linkage(score: np.ndarray[Any, Any], threshold: float) -> list[list[int]]:
    """One component (its pairwise scores) cut where its members are, on average, less alike than
    `threshold`: one pair of close sentences must not chain two different facts into one."""
    n = len(score)
    if n <= 2:
        return [list(range(n))]
    distance = np.empty(n * (n - 1) // 2, dtype=np.float64)  # the upper triangle, row by row
    at = 0
    for i in range(n - 1):
        distance[at : at + n - 1 - i] = 1.0 - np.asarray(score[i, i + 1 :], dtype=np.float64)
        at += n - 1 - i
    tree = linkage(np.clip(distance, 0, None, out=distance), method="average")
    parts = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return [[int(i) for i in np.flatnonzero(parts == p)] for p in sorted(set(parts.tolist()))]


# Rows of pairs scored at once (about this many cells), so that memory grows with the sentences, not their pairs.
_BLOCK_CELLS = 1 << 21
# How far two float32 dot products of the same unit vectors, summed in another order, can lie apart (at most
# 512 × 2⁻²⁴ ≈ 3·10⁻⁵ each): a pair of wordings scored this close to a bound is scored again exactly.
_MARGIN = 1e-4


def _joined_band(
    wordings: _Wordings, codes: np.ndarray[Any, Any], told: Sequence[Any], band: tuple[int, int], threshold: float
) -> tuple[np.ndarray[Any, Any], ...]:
    """The pairs of wordings (k, l), k in `band` and l >= k, and whether each is joined forward (a sentence of
    k joins a later sentence of l) and backward (a sentence of l joins a later one of k): the score of a pair
    of sentences reaches the bound below which the rules cannot lift it, and the ruled score the threshold.
    The band's embedding products are one matrix product, whose last bits can differ from those of the whole
    matrix; pairs that close to a bound are scored again exactly (:meth:`_Wordings.scores`)."""
    a, b = band
    meaning = FACT_MEANING_WEIGHT * np.clip(wordings.meaning[a:b] @ wordings.meaning[a:].T, 0, 1, dtype=np.float32)
    ahead, behind = np.zeros_like(meaning), np.zeros_like(meaning)
    if wordings.words is not None:
        ahead += (1 - FACT_MEANING_WEIGHT) * (wordings.words[a:b] @ wordings.words[a:].T).toarray()
        behind += (1 - FACT_MEANING_WEIGHT) * (wordings.words[a:] @ wordings.words[a:b].T).toarray().T
    low = threshold - FACT_SAME_ANCHOR
    i, j = np.nonzero(np.triu(((meaning + ahead) >= low - _MARGIN) | ((meaning + behind) >= low - _MARGIN)))
    forward, backward = meaning[i, j] + ahead[i, j], meaning[i, j] + behind[i, j]
    del meaning, ahead, behind
    lo, hi = i + a, j + a
    close = np.zeros(len(lo), dtype=bool)
    for bound in (low, threshold):
        close |= (np.abs(forward - bound) < _MARGIN) | (np.abs(backward - bound) < _MARGIN)
    for p in np.flatnonzero(close):
        exact = wordings.scores(np.array([lo[p], hi[p]]) if lo[p] != hi[p] else np.array([lo[p]]))
        forward[p], backward[p] = exact[0, -1], exact[-1, 0]
    how = _relations(told, codes[lo], codes[hi])
    forward = (forward >= low) & (_ruled(forward, how) >= threshold)
    backward = (backward >= low) & (_ruled(backward, how) >= threshold)
    kept = forward | backward
    return np.stack([lo[kept], hi[kept]], axis=1), forward[kept], backward[kept]


def _joined_wordings(
    wordings: _Wordings, codes: np.ndarray[Any, Any], told: Sequence[Any], threshold: float
) -> tuple[np.ndarray[Any, Any], ...]:
    """:func:`_joined_band` over all wordings, a band of rows at a time."""
    count = len(wordings.meaning)
    step = max(1, _BLOCK_CELLS // max(1, count))
    bands = [_joined_band(wordings, codes, told, (a, min(count, a + step)), threshold) for a in range(0, count, step)]
    return tuple(np.concatenate([band[n] for band in bands]) for n in range(3))


def cluster_facts(items: Sequence[Item], *, threshold: float = FACT_THRESHOLD, min_groups: int = 2) -> list[Cluster]:
    """Clusters of concrete sentences that report the same fact, each reported by at least `min_groups` groups
    (leavers) in at least two different wordings, largest first. Two sentences of one group are never joined
    directly (one leaver saying a thing twice corroborates nothing); the same words from several groups are one
    wording (a repeated template is not independent evidence).

    The scores are those of :func:`fact_similarity`, computed for distinct wordings rather than sentences: the
    pairs that can be joined are found a band of rows at a time (:func:`_joined_band`), the sentences they
    connect by :func:`spiegel.analysis.fact_graph.components`, and all pairs are scored only inside a
    connected group. Memory grows with the sentences and the largest connected group, not with all pairs."""
    n = len(items)
    if n < 2:
        return []
    wordings = _wordings(items)
    told, codes = _told(items)
    key_codes = np.zeros(len(wordings.meaning), dtype=np.int64)
    key_codes[wordings.of] = codes
    groups = [item.group for item in items]
    groups_of = np.unique(np.array(groups, dtype=object), return_inverse=True)[1].ravel()
    pairs, forward, backward = _joined_wordings(wordings, key_codes, told, threshold)
    labels = components(
        Sentences(wording=wordings.of, group=np.asarray(groups_of, dtype=np.int64)), pairs, forward, backward
    )
    clusters: list[Cluster] = []
    by_label = np.argsort(labels, kind="stable")
    for rows in np.split(by_label, np.flatnonzero(np.diff(labels[by_label])) + 1):
        if len(rows) < 2:
            continue
        keys, at = np.unique(wordings.of[rows], return_inverse=True)
        at = np.asarray(at).ravel()
        score = _rule_all(wordings.scores(keys)[np.ix_(at, at)], told, codes[rows])
        for part in _average_linkage(score, threshold):
            members = [int(rows[k]) for k in part]
            wordings_said = {" ".join(_WORD.findall(items[r].text.casefold())) for r in members}
            leavers = {groups[r] for r in members}
            if len(members) < 2 or len(leavers) < min_groups or len(wordings_said) < 2:
                continue
            inside = score if len(part) == len(rows) else score[np.ix_(part, part)]
            mean = (inside.sum(axis=1) - np.diag(inside)) / (len(part) - 1)
            centrality = {r: float(mean[k]) for k, r in enumerate(members)}
            order = sorted(members, key=lambda r: (-round(centrality[r], 9), r))
            head = items[order[0]]
            terms = tuple(t for t in _fact_lemmas(head.text, head.language) if " " not in t)[:3]
            clusters.append(Cluster(members=tuple(order), groups=len(leavers), terms=terms))
    clusters.sort(key=lambda c: (-c.groups, c.members[0]))
    return clusters
