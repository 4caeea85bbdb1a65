"""Fact clustering as it was before it worked on distinct wordings a band at a time (commit 3d68ee6): every pair
of sentences scored in one n × n matrix. Kept only to prove that :func:`spiegel.analysis.clustering.cluster_facts`
gives exactly the same clusters (spiegel/analysis/tests/test_fact_clustering_memory.py); not a second path
in the product."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from spiegel.analysis.clustering import (
    _WORD,
    FACT_MEANING_WEIGHT,
    FACT_SAME_ANCHOR,
    FACT_THRESHOLD,
    Cluster,
    Item,
    _fact_lemmas,
    _relations,
    _ruled,
    _told,
)
from spiegel.language.classify import embed

__all__ = ["cluster_facts_before"]


def _fact_base(items: Sequence[Item]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Meaning (sentence embedding) and content words (TF over lemmas, compound parts and quantities) of each
    pair, weighted, before the rules. Each distinct wording is read and embedded once."""

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


def _rule_all(score: np.ndarray[Any, Any], told: Sequence[Any], codes: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The rules applied to every pair of ``score`` (row i says told[codes[i]])."""
    n = len(codes)
    left, right = np.repeat(codes, n), np.tile(codes, n)
    how = _relations(told, left, right).reshape(n, n)
    np.fill_diagonal(how, 0)
    return np.asarray(_ruled(score, how), dtype=np.float32)


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


def cluster_facts_before(
    items: Sequence[Item], *, threshold: float = FACT_THRESHOLD, min_groups: int = 2
) -> list[Cluster]:
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
