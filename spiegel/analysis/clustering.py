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
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

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


def _fact_base(items: Sequence[Item]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Meaning (sentence embedding) and content words (TF over lemmas, compound parts and quantities) of each
    pair, weighted, before the rules. Each distinct wording is read and embedded once."""
    # deferred: the sentence encoder loads its weights on first use; only fact clustering needs it
    from spiegel.language.classify import embed

    keys = list(dict.fromkeys((item.text, item.language) for item in items))
    meaning = embed([text for text, _ in keys])
    score = FACT_MEANING_WEIGHT * np.clip(meaning @ meaning.T, 0, 1, dtype=np.float32)
    tokens = [_fact_lemmas(text, language) for text, language in keys]
    if any(tokens):
        words = TfidfVectorizer(analyzer=lambda t: t, use_idf=False, min_df=1, dtype=np.float32).fit_transform(tokens)
        score += (1 - FACT_MEANING_WEIGHT) * (words @ words.T).toarray()
    if len(keys) < len(items):
        row = {key: n for n, key in enumerate(keys)}
        index = np.array([row[(item.text, item.language)] for item in items])
        score = score[np.ix_(index, index)]
    return np.asarray(score, dtype=np.float32)


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


def _rule_all(score: np.ndarray[Any, Any], told: Sequence[Any], codes: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The rules applied to every pair of ``score`` (row i says told[codes[i]])."""
    n = len(codes)
    left, right = np.repeat(codes, n), np.tile(codes, n)
    how = _relations(told, left, right).reshape(n, n)
    np.fill_diagonal(how, 0)
    return np.asarray(_ruled(score, how), dtype=np.float32)


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
    if len(score) <= 2:
        return [list(range(len(score)))]
    distance = 1.0 - np.asarray(score, dtype=np.float64)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0, None), checks=False), method="average")
    parts = fcluster(tree, t=1.0 - threshold, criterion="distance")
    return [[int(i) for i in np.flatnonzero(parts == p)] for p in sorted(set(parts.tolist()))]


def cluster_facts(items: Sequence[Item], *, threshold: float = FACT_THRESHOLD, min_groups: int = 2) -> list[Cluster]:
    """Clusters of concrete sentences that report the same fact, each reported by at least `min_groups` groups
    (leavers) in at least two different wordings, largest first. Two sentences of one group are never joined
    directly (one leaver saying a thing twice corroborates nothing); the same words from several groups are one
    wording (a repeated template is not independent evidence).

    The scores are those of :func:`fact_similarity`; its rules are applied only where they can matter (pairs
    that could reach `threshold`, and every pair inside a connected group), which keeps a large organisation's
    run from checking every pair of sentences."""
    n = len(items)
    if n < 2:
        return []
    base = _fact_base(items)
    told, codes = _told(items)
    groups = [item.group for item in items]
    groups_of = np.unique(np.array(groups, dtype=object), return_inverse=True)[1].ravel()
    near = np.triu(base >= threshold - FACT_SAME_ANCHOR, k=1)
    near &= groups_of[:, None] != groups_of[None, :]
    left, right = np.nonzero(near)
    del near
    kept = _ruled(base[left, right], _relations(told, codes[left], codes[right])) >= threshold
    adjacency = sparse.coo_matrix((np.ones(int(kept.sum())), (left[kept], right[kept])), shape=(n, n)).tocsr()
    _, labels = connected_components(adjacency, directed=False)
    clusters: list[Cluster] = []
    by_label = np.argsort(labels, kind="stable")
    for rows in np.split(by_label, np.flatnonzero(np.diff(labels[by_label])) + 1):
        if len(rows) < 2:
            continue
        score = _rule_all(base[np.ix_(rows, rows)], told, codes[rows])
        for part in _average_linkage(score, threshold):
            members = [int(rows[k]) for k in part]
            wordings = {" ".join(_WORD.findall(items[r].text.casefold())) for r in members}
            leavers = {groups[r] for r in members}
            if len(members) < 2 or len(leavers) < min_groups or len(wordings) < 2:
                continue
            inside = score[np.ix_(part, part)]
            mean = (inside.sum(axis=1) - np.diag(inside)) / (len(part) - 1)
            centrality = {r: float(mean[k]) for k, r in enumerate(members)}
            order = sorted(members, key=lambda r: (-round(centrality[r], 9), r))
            head = items[order[0]]
            terms = tuple(t for t in _fact_lemmas(head.text, head.language) if " " not in t)[:3]
            clusters.append(Cluster(members=tuple(order), groups=len(leavers), terms=terms))
    clusters.sort(key=lambda c: (-c.groups, c.members[0]))
    return clusters
