"""Fact clustering in bounded memory gives exactly the clusters of the every-pair version it replaced
(tests/support/facts_before.py), and its parts do exactly what they say."""

from __future__ import annotations

import itertools
import random
import tracemalloc

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from spiegel.analysis import clustering
from spiegel.analysis.clustering import Item, cluster_facts
from spiegel.analysis.fact_graph import Sentences, components
from tests.support.facts_before import cluster_facts_before


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == label).tolist()) for label in np.unique(labels)}


def _every_pair(wording: list[int], group: list[int], joined: dict[tuple[int, int], tuple[bool, bool]]) -> np.ndarray:
    """The components of the graph of every pair of sentences, built pair by pair."""
    n = len(wording)
    rows, cols = [], []
    for i, j in itertools.combinations(range(n), 2):
        if group[i] == group[j]:
            continue
        low, high = sorted((wording[i], wording[j]))
        forward, backward = joined.get((low, high), (False, False))
        if forward if wording[i] == low else backward:
            rows.append(i)
            cols.append(j)
    graph = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return np.asarray(connected_components(graph, directed=False)[1])


def _graph(wording: list[int], group: list[int], joined: dict[tuple[int, int], tuple[bool, bool]]) -> np.ndarray:
    pairs = np.array(sorted(joined), dtype=np.int64).reshape(-1, 2)
    forward = np.array([joined[p][0] for p in sorted(joined)], dtype=bool)
    backward = np.array([joined[p][1] for p in sorted(joined)], dtype=bool)
    sentences = Sentences(wording=np.array(wording, dtype=np.int64), group=np.array(group, dtype=np.int64))
    return components(sentences, pairs, forward, backward)


@pytest.mark.parametrize("seed", range(300))
def test_components_of_joined_wordings_are_those_of_every_pair_of_sentences(seed: int) -> None:
    rng = random.Random(seed)
    wordings, groups, n = rng.randint(1, 7), rng.randint(1, 5), rng.randint(2, 18)
    wording = [rng.randrange(wordings) for _ in range(n)]
    wording = [sorted(set(wording)).index(w) for w in wording]  # every wording said at least once
    group = [rng.randrange(groups) for _ in range(n)]
    joined: dict[tuple[int, int], tuple[bool, bool]] = {}
    for low, high in itertools.combinations_with_replacement(range(max(wording) + 1), 2):
        if rng.random() < 0.4:
            both = rng.random() < 0.8 or low == high
            forward = True if both else rng.random() < 0.5
            joined[(low, high)] = (forward, True if both else not forward)
    assert _partition(_graph(wording, group, joined)) == _partition(_every_pair(wording, group, joined))


def test_two_wordings_said_by_the_same_two_leavers_join_each_leaver_to_the_other() -> None:
    # wording 0 by leavers 0 and 1, wording 1 by leavers 1 and 0: 0/0 ~ 1/1 and 0/1 ~ 1/0, never across
    labels = _graph([0, 0, 1, 1], [0, 1, 1, 0], {(0, 1): (True, True)})
    assert _partition(labels) == {frozenset({0, 2}), frozenset({1, 3})}


def test_one_leaver_repeating_a_wording_joins_nothing() -> None:
    labels = _graph([0, 0, 0, 1], [5, 5, 5, 6], {(0, 0): (True, True)})
    assert _partition(labels) == {frozenset({0}), frozenset({1}), frozenset({2}), frozenset({3})}


def test_a_pair_joined_in_one_order_only_joins_sentences_in_that_order() -> None:
    # a sentence of wording 0 joins a later one of wording 1, not an earlier one
    labels = _graph([1, 0, 1], [0, 1, 2], {(0, 1): (True, False)})
    assert _partition(labels) == {frozenset({0}), frozenset({1, 2})}


_NL = (
    "Op de {ward} werkten we in de {part} met {n} collega's voor {m} {who}.",
    "In de {part} stonden we met z'n {nw} voor {m} {who} op de {ward}.",
    "Het nieuwe rooster hing er elke keer pas {d} dagen van tevoren, ook in {month}.",
    "Mijn beoordelingsgesprek is {t} keer uitgesteld sinds {month}.",
    "In {y} jaar tijd hadden we {t} verschillende teamleiders op de {ward}.",
    "De overuren van {month} werden pas na {y} maanden uitbetaald.",
)
_EN = (
    "On the {part_en} shift there were {n} of us for {m} residents on {ward}.",
    "The schedule was posted only {d} days ahead, even in {month_en}.",
    "My appraisal was pushed back {t} times after {month_en}.",
    "We had {t} different team leads in {y} years on {ward}.",
)


def _generated(seed: int, count: int) -> list[Item]:
    """Sentences from a small pool of wordings: paraphrases with the same or other numbers, months and parts of
    the day, some said by several leavers, some twice by one."""
    rng = random.Random(seed)
    pool: list[tuple[str, str]] = []
    for _ in range(max(6, count // 3)):
        language = rng.choice(("nl", "nl", "en"))
        n = rng.choice((2, 3, 4))
        text = rng.choice(_NL if language == "nl" else _EN).format(
            ward=rng.choice(("afdeling Zuid", "de Linde", "ward 4")),
            part=rng.choice(("avonddienst", "nachtdienst", "ochtenddienst")),
            part_en=rng.choice(("evening", "night", "early")),
            n=rng.choice((str(n), {2: "twee", 3: "drie", 4: "vier"}[n])),
            nw={2: "tweeën", 3: "drieën", 4: "vieren"}[n],
            m=rng.choice((24, 30, 36)),
            who=rng.choice(("bewoners", "cliënten", "patiënten")),
            d=rng.choice(("vier", "4", "tien")),
            month=rng.choice(("februari", "juni", "oktober")),
            month_en=rng.choice(("February", "June", "October")),
            t=rng.choice(("twee", "2", "vijf")),
            y=rng.choice(("drie", "3", "anderhalf")),
        )
        pool.append((text, language))
    groups = max(2, count // rng.choice((1, 2, 4)))
    return [Item(group=f"g{rng.randrange(groups)}", text=t, language=lang) for t, lang in rng.choices(pool, k=count)]


@pytest.mark.parametrize("seed", range(6))
def test_cluster_facts_gives_exactly_the_clusters_of_the_every_pair_version(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = _generated(seed, 60 + 40 * seed)
    before = cluster_facts_before(items)
    assert len(before) >= 2  # the generated sentences do form facts
    assert cluster_facts(items) == before
    # bands of a few rows, and many pairs scored again exactly as near a bound: still the same clusters
    monkeypatch.setattr(clustering, "_BLOCK_CELLS", 40)
    monkeypatch.setattr(clustering, "_MARGIN", 0.05)
    assert cluster_facts(items) == before


def test_scores_of_some_wordings_are_bit_for_bit_those_among_all_wordings() -> None:
    items = _generated(11, 120)
    wordings = clustering._wordings(items)
    count = len(wordings.meaning)
    everything = wordings.scores(np.arange(count))
    rng = np.random.default_rng(3)
    for size in (1, 2, 3, 17, count - 1):
        keys = np.sort(rng.choice(count, size=size, replace=False))
        assert np.array_equal(wordings.scores(keys), everything[np.ix_(keys, keys)])


def test_memory_grows_with_the_largest_group_of_sentences_not_with_all_pairs() -> None:
    said = list(dict.fromkeys((item.text, item.language) for item in _generated(5, 60)))[:6]
    assert len(said) == 6
    many = [Item(group=str(n), text=said[n % 6][0], language=said[n % 6][1]) for n in range(6000)]
    cluster_facts(many[:10])  # the encoder's start-up is not the clustering's cost
    tracemalloc.start()
    cluster_facts(many)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # the every-pair version held several 6,000 × 6,000 matrices (over 10 bytes per pair of sentences: 366 MiB
    # on this set); here a connected group is two wordings of 1,000 sentences each
    assert peak < 2 * 6000 * 6000
