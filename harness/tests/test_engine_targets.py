"""The engine against every simulated leaver must meet the targets of docs/interviewing.md.

This test is expected to fail until the engine is good enough; keep it, it is the acceptance criterion.
"""

from __future__ import annotations

from harness.metrics import TARGET_MAX_TURNS, aggregate
from harness.report import miss_report
from harness.runner import run_all
from harness.transport import EngineInterviewer


def test_engine_uncovers_90_percent_of_hidden_facts_plants_nothing_repeats_nothing_within_35_turns() -> None:
    results = run_all(EngineInterviewer())
    totals = aggregate(results)
    report = miss_report(results)  # shown on failure: which facts were missed and why
    assert totals.errors == 0, report
    assert totals.hidden_uncovered >= 0.9 * totals.hidden_total, report
    assert totals.planted == 0, report
    assert totals.repeats == 0, report
    assert totals.max_turns <= TARGET_MAX_TURNS, report
