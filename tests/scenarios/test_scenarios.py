"""The interviewer's tuning scenarios (issue 11): no bad fragment in any reply, and a pass rate that cannot drop.

The floor is the measured pass rate rounded down; the lead raises it as the interviewer gets better. The
rates per kind and language are printed (``pytest -s`` or on failure); ``bench/scenarios.py`` lists failures.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from harness.scenarios import (
    ATTRIBUTE_KINDS,
    TURN_KINDS,
    Scenario,
    ScenarioResult,
    load_scenarios,
    pass_rates,
    run_scenarios,
)

TUNING = Path(__file__).resolve().parent / "interviewer" / "tuning"
# Measured pass rate, rounded down (bench/scenarios.py). Raise it; never lower it.
PASS_RATE_FLOOR = 1.0  # issue 11: every tuning scenario passes; a failing one is a regression
META_TOPICS = ("who_reads", "person_or_computer", "why_ask", "anonymous", "how_long", "what_next", "can_stop")
DISCLOSURE_KINDS = ("harassment", "discrimination", "integrity", "safety", "violence")


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios(TUNING)


@pytest.fixture(scope="module")
def results(scenarios: list[Scenario]) -> list[ScenarioResult]:
    return run_scenarios(scenarios)


def test_the_tuning_set_is_half_dutch_half_english_with_every_kind_at_least_twelve_times(
    scenarios: list[Scenario],
) -> None:
    assert len(scenarios) >= 220
    languages = Counter(s.language for s in scenarios)
    assert languages["nl"] == languages["en"]
    kinds = Counter(s.kind for s in scenarios)
    assert {k: kinds[k] for k in TURN_KINDS + ATTRIBUTE_KINDS if kinds[k] < 12} == {}


def test_the_tuning_set_covers_every_meta_topic_refusal_target_and_disclosure_kind(
    scenarios: list[Scenario],
) -> None:
    meta = Counter(s.expect.get("understood", {}).get("meta_topic") for s in scenarios if s.kind == "meta_question")
    assert {t: meta[t] for t in META_TOPICS if meta[t] < 4} == {}
    targets = Counter(
        "previous" if s.expect["understood"]["refusal_target"] == "previous" else "named"
        for s in scenarios
        if s.kind == "refusal"
    )
    assert targets["previous"] >= 12
    assert targets["named"] >= 12
    disclosures = Counter(s.expect["understood"]["disclosure"] for s in scenarios if s.kind == "disclosure")
    assert {k: disclosures[k] for k in DISCLOSURE_KINDS if disclosures[k] < 2} == {}


def test_no_interviewer_message_pastes_a_bad_fragment(results: list[ScenarioResult]) -> None:
    bad = {r.scenario.id: r.fragments for r in results if r.fragments}
    assert sum(len(v) for v in bad.values()) == 0, bad


def test_the_tuning_pass_rate_stays_at_or_above_its_floor(
    results: list[ScenarioResult], capsys: pytest.CaptureFixture[str]
) -> None:
    rates = pass_rates(results)
    with capsys.disabled():
        print(f"\ntuning scenarios: {rates['all']['all']}")
        for group in ("language", "kind"):
            print("  " + ", ".join(f"{k} {v}" for k, v in rates[group].items()))
    assert rates["all"]["all"].rate >= PASS_RATE_FLOOR, [r.scenario.id for r in results if not r.passed]


HELDOUT = Path(__file__).resolve().parent / "interviewer" / "heldout"


def test_the_held_out_set_loads_and_no_reply_to_it_pastes_a_bad_fragment() -> None:
    # Only what must hold in every conversation is asserted here; the held-out pass rate is reported
    # (bench/scenarios.py --dir tests/scenarios/interviewer/heldout), never tuned on and never a floor.
    heldout = load_scenarios(HELDOUT)
    assert len(heldout) >= 60
    assert Counter(s.language for s in heldout)["nl"] * 2 == len(heldout)
    bad = {r.scenario.id: r.fragments for r in run_scenarios(heldout) if r.fragments}
    assert bad == {}
