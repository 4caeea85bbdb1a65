"""The fixed questionnaire finds no hidden facts; the metrics add up."""

from __future__ import annotations

from harness.metrics import aggregate, measure, median, p95, share, target_failures
from harness.personas import PERSONAS, persona_by_id
from harness.runner import RunResult, run_all, run_conversation
from harness.simulator import LeaverLog
from harness.transport import BaselineInterviewer, Reply, Session


def test_baseline_uncovers_no_hidden_fact_plants_nothing_and_repeats_nothing() -> None:
    totals = aggregate(run_all(BaselineInterviewer()))
    assert totals.runs == len(PERSONAS)
    assert totals.hidden_uncovered == 0
    assert totals.planted == 0
    assert totals.repeats == 0
    assert totals.max_turns == 13
    assert totals.unclosed == 0


def test_baseline_still_hears_most_surface_answers() -> None:
    results = run_all(BaselineInterviewer())
    # A leaver who asks a question back gets no answer from the sheet; the next question is then spent on
    # the answer still pending, so that leaver's first surface is lost. Everyone else's is heard.
    lost = {
        m.persona_id: m.surface_total - m.surface_uncovered
        for m in map(measure, results)
        if m.surface_uncovered < m.surface_total
    }
    assert lost == {"nl-assistente": 2}


def test_baseline_fails_the_engine_targets_on_hidden_facts_and_the_summary_only() -> None:
    totals = aggregate(run_all(BaselineInterviewer()))
    assert target_failures(totals) == [
        f"hidden facts uncovered 0/{totals.hidden_total} (0%) < 90%",
        f"summary names the main reason in 0/{totals.runs}",
    ]


def test_median_and_p95_use_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert median(values) == 10.5
    assert p95(values) == 19.0
    assert p95([3.0]) == 3.0
    assert median([]) == 0.0 and p95([]) == 0.0
    assert share(1, 4) == 0.25 and share(1, 0) == 0.0


def _result(persona_id: str, revealed: list[str], surfaced: list[str], seconds: list[float]) -> RunResult:
    persona = persona_by_id(persona_id)
    log = LeaverLog(revealed=revealed, surfaced=surfaced)
    return RunResult(persona=persona, interviewer="fake", turn_seconds=seconds, log=log, closed=True)


def test_run_metrics_count_hidden_and_surface_facts_and_name_the_missed_ones() -> None:
    result = _result(
        "nl-verpleegkundige",
        revealed=["nl-verpleegkundige/rooster"],
        surfaced=["conditions", "workload"],
        seconds=[0.1, 0.3, 0.2],
    )
    result.log.planted.append((2, "pay", "Was het het salaris?"))
    result.log.planted.append((5, "pay", "Was het ook het salaris?"))
    result.log.repeats.append((4, "Hoe vaak?", "Hoe vaak?"))
    m = measure(result)
    assert (m.hidden_uncovered, m.hidden_total) == (1, 3)
    assert m.missed == ("nl-verpleegkundige/invallen", "nl-verpleegkundige/bezetting")
    assert (m.surface_uncovered, m.surface_total) == (2, 2)
    assert (m.facts_uncovered, m.facts_total) == (3, 5)
    assert m.planted == ("pay",)
    assert m.repeats == 1
    assert m.turns == 3
    assert m.median_seconds == 0.2
    assert m.p95_seconds == 0.3


def test_totals_sum_runs_and_pool_turn_times() -> None:
    a = _result("nl-verpleegkundige", ["nl-verpleegkundige/rooster"], ["conditions"], [0.1, 0.2])
    b = _result("en-developer", ["en-developer/outage", "en-developer/legacy-billing"], [], [0.4])
    b.log.planted.append((3, "pay", "Was it the pay?"))
    totals = aggregate([a, b])
    assert (totals.hidden_uncovered, totals.hidden_total) == (3, 6)
    assert totals.hidden_share == 0.5
    assert (totals.surface_uncovered, totals.surface_total) == (1, 5)
    assert totals.planted == 1
    assert (totals.max_turns, totals.mean_turns) == (2, 1.5)
    assert totals.median_seconds == 0.2
    assert totals.p95_seconds == 0.4
    assert target_failures(totals) == [
        "hidden facts uncovered 3/6 (50%) < 90%",
        "1 planted reason(s), target 0",
        "summary names the main reason in 0/2",
    ]


class _Silent:
    """An interviewer that never closes: the runner must stop it."""

    name = "silent"

    def open(self, persona: object) -> Session:
        del persona
        return self

    def start(self) -> list[str]:
        return ["Wat bracht je tot het besluit om te vertrekken?"]

    def send(self, text: str) -> Reply:
        del text
        return Reply(["Hm."], False)


def test_runner_stops_an_interviewer_that_never_closes_at_the_turn_cap() -> None:
    result = run_conversation(persona_by_id("nl-leraar"), _Silent(), max_turns=7)
    assert len(result.turn_seconds) == 7
    assert result.closed is False
    assert aggregate([result]).unclosed == 1
