"""The scenario runner: strict loading, black-box checks over the real engine, failures reported not raised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.scenarios import (
    Scenario,
    ScenarioError,
    load_scenarios,
    pass_rates,
    run_scenario,
)

TUNING = Path(__file__).resolve().parents[2] / "tests" / "scenarios" / "interviewer" / "tuning"


def _scenario(**expect: object) -> Scenario:
    return Scenario.from_dict(
        {
            "id": "nl-answer-900",
            "language": "nl",
            "kind": "answer",
            "context": {"organisation": "Zorggroep Noord", "min_group_size": 5},
            "say": "Het nieuwe rooster was echt een ramp, ik moest ineens elk weekend werken.",
            "expect": dict(expect),
        }
    )


def test_a_reply_without_a_required_pattern_fails_with_the_pattern_named() -> None:
    result = run_scenario(_scenario(must_match=[r"xyzzy-never-said"]))
    assert not result.passed
    assert "reply does not match /xyzzy-never-said/" in result.failures


def test_a_forbidden_pattern_in_the_reply_fails_with_what_matched() -> None:
    result = run_scenario(_scenario(must_not_match=[r"\?"]))
    assert any(f.startswith("reply matches /\\?/ ('?')") for f in result.failures)


def test_a_required_pattern_that_is_there_adds_no_failure() -> None:
    result = run_scenario(_scenario(must_match=[r"\?"]))
    assert not any("does not match" in f for f in result.failures)
    assert result.reply.endswith("?")
    assert [who for who, _ in result.transcript].count("leaver") == 1


def test_later_checks_run_the_conversation_to_its_end() -> None:
    result = run_scenario(_scenario(later_never_mentions=[r"xyzzy-never-said"]))
    assert not any("did not close" in f for f in result.failures)
    assert len(result.transcript) > 10
    assert not any(f.startswith("later message") for f in result.failures)


def test_unknown_keys_in_a_scenario_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps([{"id": "x", "language": "nl", "kind": "answer", "say": "hoi", "expect": {"must_macth": []}}])
    )
    with pytest.raises(ScenarioError, match="unknown expect keys"):
        load_scenarios(tmp_path)


def test_a_bad_regex_and_a_duplicate_id_are_errors(tmp_path: Path) -> None:
    base = {"id": "x", "language": "en", "kind": "skip", "say": "next"}
    (tmp_path / "a.json").write_text(json.dumps([{**base, "expect": {"must_match": ["("]}}]))
    with pytest.raises(ScenarioError, match="bad regex"):
        load_scenarios(tmp_path)
    (tmp_path / "a.json").write_text(json.dumps([base, base]))
    with pytest.raises(ScenarioError, match="duplicate id x"):
        load_scenarios(tmp_path)


def test_pass_rates_count_per_kind_and_language() -> None:
    passing = run_scenario(_scenario(must_match=[r"\?"]))
    failing = run_scenario(_scenario(must_match=[r"xyzzy"]))
    rates = pass_rates([passing, failing])
    assert rates["all"]["all"].total == 2
    assert rates["kind"]["answer"].total == 2
    assert rates["language"]["nl"].passed == int(passing.passed)


def test_the_tuning_set_loads_and_is_half_dutch_half_english() -> None:
    scenarios = load_scenarios(TUNING)
    nl = sum(s.language == "nl" for s in scenarios)
    assert len(scenarios) >= 100
    assert nl * 2 == len(scenarios)


def test_a_summary_scenario_is_said_at_the_closing_summary_and_checks_its_wording() -> None:
    scenario = Scenario.from_dict(
        {
            "id": "en-summary-900",
            "language": "en",
            "kind": "summary",
            "at": "summary",
            "before": ["The new rota. Suddenly I had to work three weekends a month."],
            "say": "Yes, that's right.",
            "expect": {"summary_must_match": [r"xyzzy-never-said"], "summary_must_not_match": [r"\?"]},
        }
    )
    result = run_scenario(scenario)
    assert result.summary.endswith("?")
    assert any(f.startswith("summary does not match /xyzzy-never-said/") for f in result.failures)
    assert any(f.startswith("summary matches /\\?/") for f in result.failures)
    said = [text for who, text in result.transcript if who == "leaver"]
    assert said[0] == "The new rota. Suddenly I had to work three weekends a month."
    assert said[-1] == "Yes, that's right."


def test_at_must_be_a_known_place(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps([{"id": "x", "language": "nl", "kind": "summary", "say": "ja", "at": "end"}])
    )
    with pytest.raises(ScenarioError, match="'at' must be one of"):
        load_scenarios(tmp_path)


def _after(before: list[str], disclosed: list[int]) -> Scenario:
    return Scenario.from_dict(
        {
            "id": "en-answer-901",
            "language": "en",
            "kind": "answer",
            "before": before,
            "disclosed_before": disclosed,
            "say": "Besides that my manager never gave me any feedback on my work.",
        }
    )


def test_an_earlier_turn_marked_as_a_disclosure_must_raise_the_disclosure_flag() -> None:
    told = "He once hit a colleague in the stockroom, I saw it myself."
    ordinary = "Mostly the long drives, two hours in traffic every day."
    assert not any("before turn" in f for f in run_scenario(_after([ordinary, told], [1])).failures)
    failed = run_scenario(_after([ordinary, told], [0])).failures
    assert "before turn 0 tells a disclosure but raised no disclosure flag" in failed


def test_disclosed_before_must_name_turns_of_before() -> None:
    with pytest.raises(ScenarioError, match="disclosed_before"):
        _after(["Mostly the long drives."], [1])
