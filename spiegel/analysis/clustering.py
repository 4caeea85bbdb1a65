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


def _fact_lemmas(text: str, language: str) -> list[str]:
    """Content lemmas with Dutch compounds split into their parts as well and numbers written as digits."""
    # deferred: facts imports statements, which is heavier than this module's other callers need
    from spiegel.analysis.facts import compound_parts, numbers

    out: list[str] = []
    for lemma in content_lemmas(text, language):
        out.append(lemma)
        out.extend(compound_parts(lemma, language))
    return out + sorted(f"#{n}" for n in numbers(text, language))


def fact_similarity(items: Sequence[Item]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """How close each pair of sentences is as the same fact, 0..1: meaning (sentence embedding) and content
    words (TF-IDF over lemmas, compound parts and numbers), averaged; a pair that names numbers on both
    sides but none in common scores 0."""
    # deferred: the sentence encoder loads its weights on first use; only fact clustering needs it
    from spiegel.analysis.facts import numbers
    from spiegel.language.classify import embed

    n = len(items)
    if n == 0:
        return np.zeros((0, 0))
    meaning = embed([item.text for item in items]).astype(np.float64)
    tokens = [_fact_lemmas(item.text, item.language) for item in items]
    if any(tokens):
        vectoriser = TfidfVectorizer(analyzer=lambda t: t, use_idf=False, min_df=1)
        words = vectoriser.fit_transform(tokens)
        lexical = np.asarray((words @ words.T).todense(), dtype=np.float64)
    else:
        lexical = np.zeros((n, n))
    score = FACT_MEANING_WEIGHT * np.clip(meaning @ meaning.T, 0, 1) + (1 - FACT_MEANING_WEIGHT) * lexical
    quantities = [numbers(item.text, item.language) for item in items]
    for i, j in itertools.combinations(range(n), 2):
        if quantities[i] and quantities[j] and not quantities[i] & quantities[j]:
            score[i, j] = score[j, i] = 0.0
    return score


def _average_linkage(
    score: np.ndarray[Any, np.dtype[np.float64]], components: list[list[int]], threshold: float
) -> list[list[int]]:
    """Each component cut where its members are, on average, less alike than `threshold`: one pair of close
    sentences must not chain two different facts into one."""
    out: list[list[int]] = []
    for rows in components:
        if len(rows) <= 2:
            out.append(rows)
            continue
        distance = 1.0 - score[np.ix_(rows, rows)]
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(np.clip(distance, 0, None), checks=False), method="average")
        parts = fcluster(tree, t=1.0 - threshold, criterion="distance")
        out += [[rows[i] for i in np.flatnonzero(parts == p)] for p in sorted(set(parts.tolist()))]
    return out


def cluster_facts(items: Sequence[Item], *, threshold: float = FACT_THRESHOLD, min_groups: int = 2) -> list[Cluster]:
    """Clusters of concrete sentences that report the same fact, each reported by at least `min_groups` groups
    (leavers) in at least two different wordings, largest first. Two sentences of one group are never joined
    directly (one leaver saying a thing twice corroborates nothing); the same words from several groups are one
    wording (a repeated template is not independent evidence)."""
    n = len(items)
    if n < 2:
        return []
    score = fact_similarity(items)
    groups = [item.group for item in items]
    adjacency = sparse.lil_matrix((n, n))
    for i, j in itertools.combinations(range(n), 2):
        if groups[i] != groups[j] and score[i, j] >= threshold:
            adjacency[i, j] = adjacency[j, i] = 1
    count, labels = connected_components(adjacency.tocsr(), directed=False)
    clusters: list[Cluster] = []
    for rows in _average_linkage(
        score, [[int(r) for r in np.flatnonzero(labels == c)] for c in range(count)], threshold
    ):
        wordings = {" ".join(_WORD.findall(items[r].text.casefold())) for r in rows}
        members = {groups[r] for r in rows}
        if len(rows) < 2 or len(members) < min_groups or len(wordings) < 2:
            continue
        centrality = {r: float(np.mean([score[r, o] for o in rows if o != r])) for r in rows}
        order = sorted(rows, key=lambda r: (-round(centrality[r], 9), r))
        terms = tuple(t for t in _fact_lemmas(items[order[0]].text, items[order[0]].language) if " " not in t)[:3]
        clusters.append(Cluster(members=tuple(order), groups=len(members), terms=terms))
    clusters.sort(key=lambda c: (-c.groups, c.members[0]))
    return clusters
