"""Behaviour of per-interview reasons for leaving (spiegel.language.reasons)."""

from __future__ import annotations

import pytest

from spiegel.language.classify import Classification, ThemeScore, classify
from spiegel.language.reasons import (
    WEIGHT_DEFAULT,
    WEIGHT_WHY_LEFT,
    WEIGHT_WOULD_HAVE_STAYED,
    Reason,
    primary_reason,
    rank_reasons,
    weight_for,
)


def _c(kind: str, *themes: tuple[str, str, float]) -> Classification:
    return Classification(themes=[ThemeScore(id=i, polarity=p, confidence=c) for i, p, c in themes], kind=kind)


def test_why_left_answer_outweighs_a_remark_in_passing() -> None:
    items = [
        (_c("experience", ("pay", "push", 1.0)), WEIGHT_DEFAULT),
        (_c("experience", ("manager", "push", 1.0)), WEIGHT_WHY_LEFT),
    ]
    reasons = rank_reasons(items)
    assert reasons == [
        Reason(theme="manager", polarity="push", weight=0.75, controllable="yes", evidence=(1,)),
        Reason(theme="pay", polarity="push", weight=0.25, controllable="yes", evidence=(0,)),
    ]
    assert primary_reason(reasons) == reasons[0]


def test_keep_is_never_a_reason_and_push_and_pull_are_separate() -> None:
    items = [
        (_c("experience", ("collaboration", "keep", 0.9), ("pay", "push", 0.5)), 1.0),
        (_c("fact", ("pay", "pull", 0.5)), 1.0),
    ]
    reasons = rank_reasons(items)
    assert [(r.theme, r.polarity, r.weight) for r in reasons] == [("pay", "push", 0.5), ("pay", "pull", 0.5)]
    assert reasons[0].evidence == (0,)  # tie broken by earliest evidence


def test_evidence_lists_every_supporting_statement_in_order() -> None:
    items = [
        (_c("experience", ("workload", "push", 0.5)), 1.0),
        (_c("experience", ("personal", "pull", 0.5)), 1.0),
        (_c("fact", ("workload", "push", 0.5)), 2.0),
    ]
    reasons = rank_reasons(items)
    assert reasons[0].theme == "workload"
    assert reasons[0].evidence == (0, 2)
    assert reasons[1] == Reason(theme="personal", polarity="pull", weight=0.25, controllable="no", evidence=(1,))
    assert reasons[0].weight == 0.75


def test_hearsay_counts_for_less_than_what_the_leaver_saw() -> None:
    items = [
        (_c("hearsay", ("job_security", "push", 1.0)), 1.0),
        (_c("experience", ("processes", "push", 1.0)), 1.0),
    ]
    assert [r.theme for r in rank_reasons(items)] == ["processes", "job_security"]


def test_small_shares_are_dropped_and_the_rest_renormalised() -> None:
    items = [
        (_c("experience", ("pay", "push", 1.0)), 3.0),
        (_c("experience", ("conditions", "push", 0.1)), 1.0),
    ]
    reasons = rank_reasons(items, min_share=0.05)
    assert reasons == [Reason(theme="pay", polarity="push", weight=1.0, controllable="yes", evidence=(0,))]


def test_weights_sum_to_one() -> None:
    items = [
        (_c("experience", ("pay", "push", 0.7), ("career", "push", 0.6)), WEIGHT_WHY_LEFT),
        (_c("suggestion", ("manager", "push", 0.9)), WEIGHT_WOULD_HAVE_STAYED),
        (_c("fact", ("conditions", "pull", 0.8)), WEIGHT_DEFAULT),
    ]
    reasons = rank_reasons(items, min_share=0.0)
    assert abs(sum(r.weight for r in reasons) - 1.0) < 1e-3
    assert [r.weight for r in reasons] == sorted((r.weight for r in reasons), reverse=True)


def test_no_push_or_pull_means_no_reasons() -> None:
    assert rank_reasons([]) == []
    assert rank_reasons([(_c("experience", ("culture", "keep", 1.0)), 3.0)]) == []
    assert primary_reason([]) is None


def test_question_roles_map_to_weight_hints() -> None:
    assert weight_for("why_left") == WEIGHT_WHY_LEFT
    assert weight_for("would_have_stayed") == WEIGHT_WOULD_HAVE_STAYED
    assert weight_for("other") == WEIGHT_DEFAULT
    assert weight_for(None) == WEIGHT_DEFAULT
    with pytest.raises(ValueError, match="unknown question role 'why'"):
        weight_for("why")


def test_negative_hint_or_bad_min_share_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        rank_reasons([(_c("fact", ("pay", "push", 1.0)), -1.0)])
    with pytest.raises(ValueError, match="min_share"):
        rank_reasons([], min_share=1.0)


def test_reasons_from_a_classified_interview() -> None:
    answers = [
        ("Mijn nieuwe baan betaalt veel beter.", "why_left"),
        ("Ik ga mijn collega's missen.", None),
        ("De werkdruk was veel te hoog.", "would_have_stayed"),
    ]
    items = [(classify(text, "nl"), weight_for(role)) for text, role in answers]
    reasons = rank_reasons(items)
    assert [(r.theme, r.polarity) for r in reasons] == [("pay", "pull"), ("workload", "push")]
    assert reasons[0].evidence == (0,)
    assert reasons[1].evidence == (2,)
