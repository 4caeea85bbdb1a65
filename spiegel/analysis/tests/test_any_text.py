"""The analysis's text functions take any shared text without raising (hypothesis over arbitrary Unicode)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiegel.analysis.case_analysis import SharedStatement, derive, summary_of
from spiegel.analysis.clustering import Item, cluster_items, content_lemmas
from spiegel.language.classify import classify_many
from spiegel.language.tests.strategies import any_text, languages

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(any_text, min_size=1, max_size=6), languages)
def test_reasons_and_a_summary_come_from_any_shared_statements(texts: list[str], language: str) -> None:
    statements = [
        SharedStatement(
            id=str(n),
            phase="story",
            themes=[{"id": t.id, "polarity": t.polarity, "confidence": t.confidence} for t in c.themes],
            kind=c.kind,
            text=text,
        )
        for n, (text, c) in enumerate(zip(texts, classify_many(texts, language), strict=True))
    ]
    derived = derive(statements)
    assert isinstance(summary_of(derived, language), str)


@SETTINGS
@given(st.lists(any_text, min_size=2, max_size=12), languages)
def test_clustering_any_statements_gives_members_within_the_list(texts: list[str], language: str) -> None:
    items = [Item(group=str(n % 3), text=t, language=language) for n, t in enumerate(texts)]
    for cluster in cluster_items(items):
        assert all(0 <= m < len(items) for m in cluster.members)
        assert cluster.groups >= 2
    for text in texts:
        assert all(lemma for lemma in content_lemmas(text, language))
