"""Which sentences of an organisation end up connected as one possible fact, computed from their distinct
wordings rather than from every pair of sentences. Django-free.

Fact clustering (:func:`spiegel.analysis.clustering.cluster_facts`) joins two sentences when their wordings are
close enough and they come from different leavers (groups). Many sentences share a wording (a template, a
sentence several leavers wrote the same way), so the pairs of sentences can be far more than the pairs of
wordings. This module turns the joined pairs of *wordings* into the connected groups of *sentences* those
joins make, with a number of edges that grows with the sentences and the joined wordings, not with their
pairs: the same components as the graph of every pair of sentences whose wordings are joined and whose groups
differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

__all__ = ["Sentences", "components"]


@dataclass(frozen=True)
class Sentences:
    """Each sentence's wording (`wording[i]`, 0..k-1) and group (`group[i]`, the leaver, 0..g-1)."""

    wording: np.ndarray[Any, np.dtype[np.int64]]
    group: np.ndarray[Any, np.dtype[np.int64]]

    def by_wording(self) -> list[np.ndarray[Any, np.dtype[np.int64]]]:
        """The sentences of each wording, in order."""
        order = np.argsort(self.wording, kind="stable")
        count = int(self.wording.max()) + 1 if len(self.wording) else 0
        cuts = np.searchsorted(self.wording[order], np.arange(1, count))
        return [np.asarray(part, dtype=np.int64) for part in np.split(order, cuts)]


class _Edges:
    """Edges between sentences, each wording's sentences chained together at most once."""

    def __init__(self, members: list[np.ndarray[Any, np.dtype[np.int64]]]) -> None:
        self.members = members
        self.pairs: list[tuple[int, int]] = []
        self.chained: set[int] = set()

    def chain(self, sentences: np.ndarray[Any, Any]) -> None:
        """Connect all of `sentences` (each to the first)."""
        first = int(sentences[0])
        self.pairs.extend((first, int(other)) for other in sentences[1:])

    def whole(self, wording: int) -> int:
        """Connect all sentences of one wording; one of them."""
        if wording not in self.chained:
            self.chained.add(wording)
            self.chain(self.members[wording])
        return int(self.members[wording][0])

    def between(self, u: int, v: int, group: np.ndarray[Any, Any]) -> None:
        """The components of: every sentence of wording u joined to every sentence of wording v of another group.

        With at least two groups on each side and three in all, every sentence has a neighbour and all are
        connected (two sentences on one side share a neighbour of a third group, or are linked through one).
        With one group on a side, that side's sentences all have the same neighbours: the other side's
        sentences of another group. With the same two groups on both sides, each group of one side is joined to
        the other group of the other side: two components."""
        a, b = self.members[u], self.members[v]
        ga, gb = np.unique(group[a]), np.unique(group[b])
        if len(ga) >= 2 and len(gb) >= 2 and len(np.union1d(ga, gb)) >= 3:
            self.pairs.append((self.whole(u), self.whole(v)))
        elif len(ga) == 1 or len(gb) == 1:
            one, other, g = (u, b, ga[0]) if len(ga) == 1 else (v, a, gb[0])
            reached = other[group[other] != g]
            if len(reached):
                self.chain(np.concatenate([[self.whole(one)], reached]))
        else:
            g, h = ga
            self.chain(np.concatenate([a[group[a] == g], b[group[b] == h]]))
            self.chain(np.concatenate([a[group[a] == h], b[group[b] == g]]))


def _ordered(
    a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], group: np.ndarray[Any, Any], forward: bool, backward: bool
) -> list[tuple[int, int]]:
    """Every pair of a sentence of `a` and one of `b` of another group, joined when the earlier of the two is
    of `a` and `forward`, or of `b` and `backward` (the rare pair of wordings whose score in one order is just
    on the other side of a bound than in the other)."""
    return [(int(x), int(y)) for x in a for y in b if group[x] != group[y] and (forward if x < y else backward)]


def components(
    sentences: Sentences,
    pairs: np.ndarray[Any, np.dtype[np.int64]],
    forward: np.ndarray[Any, np.dtype[np.bool_]],
    backward: np.ndarray[Any, np.dtype[np.bool_]],
) -> np.ndarray[Any, np.dtype[np.int32]]:
    """The connected component of each sentence (labels as scipy's `connected_components` gives them) in the
    graph that joins sentences i < j of different groups when the wordings (wording[i], wording[j]) are joined.

    `pairs` holds wordings (k, l) with k <= l, each at most once; `forward[p]` says that a sentence of k joins a
    later sentence of l, `backward[p]` that a sentence of l joins a later sentence of k (for k == l only
    `forward` counts). Pairs of wordings joined in neither order need not be listed."""
    n = len(sentences.wording)
    members = sentences.by_wording()
    group = sentences.group
    edges = _Edges(members)
    single = np.array([len(m) == 1 for m in members], dtype=bool)
    first = np.array([int(m[0]) for m in members], dtype=np.int64)
    lo, hi = pairs[:, 0], pairs[:, 1]
    # The usual case, two wordings of one sentence each joined in both orders: one edge when the groups differ.
    simple = (lo != hi) & forward & backward & single[lo] & single[hi]
    left, right = first[lo[simple]], first[hi[simple]]
    keep = group[left] != group[right]
    rows, cols = [left[keep]], [right[keep]]
    for p in np.flatnonzero(~simple & (forward | backward)):
        a, b = int(lo[p]), int(hi[p])
        if a == b:
            if forward[p] and len(np.unique(group[members[a]])) >= 2:
                edges.whole(a)
        elif forward[p] and backward[p]:
            edges.between(a, b, group)
        else:
            edges.pairs.extend(_ordered(members[a], members[b], group, bool(forward[p]), bool(backward[p])))
    if edges.pairs:
        more = np.array(edges.pairs, dtype=np.int64)
        rows.append(more[:, 0])
        cols.append(more[:, 1])
    row, col = np.concatenate(rows), np.concatenate(cols)
    graph = sparse.coo_matrix((np.ones(len(row), dtype=np.float32), (row, col)), shape=(n, n)).tocsr()
    return np.asarray(connected_components(graph, directed=False)[1], dtype=np.int32)
