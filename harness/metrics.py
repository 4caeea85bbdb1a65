"""What the yardstick reports: facts uncovered, planted reasons, repeats, turns, time per turn."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon
from .fragments import bad_fragments
from .runner import RunResult

#: The targets the engine must meet (docs/interviewing.md, "What is measured").
TARGET_HIDDEN_SHARE = 0.90
TARGET_MAX_TURNS = 35


def median(values: Sequence[float]) -> float:
    """The median, 0.0 for no values."""
    return float(statistics.median(values)) if values else 0.0


def p95(values: Sequence[float]) -> float:
    """The 95th percentile by nearest rank (an observed value, no interpolation); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = math.ceil(0.95 * len(ordered))
    return float(ordered[rank - 1])


def share(part: int, whole: int) -> float:
    """``part / whole``, 0.0 when there is nothing to divide."""
    return part / whole if whole else 0.0


class FactCounts:
    """What one run and a set of runs both say about facts: the counts are the dataclass fields below."""

    hidden_total: int
    hidden_uncovered: int
    surface_total: int
    surface_uncovered: int

    @property
    def hidden_share(self) -> float:
        """Share of hidden facts uncovered."""
        return share(self.hidden_uncovered, self.hidden_total)

    @property
    def facts_total(self) -> int:
        """Surface facts plus hidden facts the leaver (or leavers) carry."""
        return self.surface_total + self.hidden_total

    @property
    def facts_uncovered(self) -> int:
        """Surface facts plus hidden facts that came out."""
        return self.surface_uncovered + self.hidden_uncovered


@dataclass(frozen=True)
class RunMetrics(FactCounts):
    """The measurements of one conversation."""

    persona_id: str
    language: str
    interviewer: str
    hidden_total: int
    hidden_uncovered: int
    missed: tuple[str, ...]
    surface_total: int
    surface_uncovered: int
    planted: tuple[str, ...]
    repeats: int
    turns: int
    median_seconds: float
    p95_seconds: float
    closed: bool
    error: str | None
    refused_revisits: int
    skipped_revisits: int
    probes_after_disclosure: int
    disclosure_options_offered: bool | None
    #: None when the leaver made no serious disclosure; else options explained and no probing after it.
    disclosure_handled: bool | None = None
    #: None when the leaver showed no distress; else checked in at once and did not probe.
    distress_handled: bool | None = None
    #: Questions about the interview asked back, and how many the next turn answered.
    questions_back: int = 0
    questions_back_answered: int = 0
    #: None without a correction; else the next turn went on about the corrected theme.
    correction_followed: bool | None = None
    sarcasm_misread: int = 0
    #: Pieces of the leaver's answers pasted badly into interviewer messages (fragments.py).
    bad_fragments: int = 0
    #: The closing summary names the theme of the leaver's main reason.
    summary_names_main: bool = False


def count_bad_fragments(transcript: Sequence[tuple[str, str]]) -> int:
    """Bad fragments over every interviewer message, against the leaver's answers before it."""
    answers: list[str] = []
    count = 0
    for role, text in transcript:
        if role == "leaver":
            answers.append(text)
        else:
            count += len(bad_fragments(text, answers))
    return count


def summary_names(transcript: Sequence[tuple[str, str]], theme: str) -> bool:
    """The last interviewer message that sums up names ``theme`` (by the harness's own lexicon)."""
    summaries = [t for role, t in transcript if role == "interviewer" and lexicon.SUMMARY.search(lexicon.normalise(t))]
    return bool(summaries) and theme in lexicon.themes_in(summaries[-1])


def measure(result: RunResult) -> RunMetrics:
    """The metrics of one run."""
    persona = result.persona
    log = result.log
    disclosed = log.disclosure_turn is not None
    distressed = log.distress_turn is not None
    revealed = set(log.revealed)
    hidden_ids = [fact.id for fact in persona.hidden_facts]
    planted = tuple(dict.fromkeys(theme for _, theme, _ in log.planted))
    return RunMetrics(
        persona_id=persona.id,
        language=persona.language,
        interviewer=result.interviewer,
        hidden_total=len(hidden_ids),
        hidden_uncovered=sum(1 for fid in hidden_ids if fid in revealed),
        missed=tuple(fid for fid in hidden_ids if fid not in revealed),
        surface_total=len(persona.threads),
        surface_uncovered=len(set(log.surfaced)),
        planted=planted,
        repeats=len(log.repeats),
        turns=len(result.turn_seconds),
        median_seconds=median(result.turn_seconds),
        p95_seconds=p95(result.turn_seconds),
        closed=result.closed,
        error=result.error,
        refused_revisits=log.refused_revisits,
        skipped_revisits=log.skipped_revisits,
        probes_after_disclosure=log.probes_after_disclosure,
        disclosure_options_offered=log.disclosure_options_offered,
        disclosure_handled=(bool(log.disclosure_options_offered) and not log.probes_after_disclosure)
        if disclosed
        else None,
        distress_handled=(bool(log.distress_checked_in) and not log.probes_after_distress) if distressed else None,
        questions_back=len(log.questions_back),
        questions_back_answered=sum(1 for _, answered in log.questions_back if answered),
        correction_followed=log.correction_followed if log.correction_turn is not None else None,
        sarcasm_misread=log.sarcasm_misread,
        bad_fragments=count_bad_fragments(result.transcript),
        summary_names_main=summary_names(result.transcript, persona.main_theme),
    )


@dataclass(frozen=True)
class Totals(FactCounts):
    """The measurements over a set of runs with one interviewer."""

    interviewer: str
    runs: int
    hidden_total: int
    hidden_uncovered: int
    surface_total: int
    surface_uncovered: int
    planted: int
    repeats: int
    max_turns: int
    mean_turns: float
    median_seconds: float
    p95_seconds: float
    errors: int
    unclosed: int
    refused_revisits: int = 0
    disclosures: int = 0
    disclosures_handled: int = 0
    distress: int = 0
    distress_handled: int = 0
    bad_fragments: int = 0
    summaries_with_main: int = 0


def aggregate(results: Sequence[RunResult]) -> Totals:
    """Totals over ``results``; times are pooled over every turn of every run."""
    runs = [measure(r) for r in results]
    seconds = [s for r in results for s in r.turn_seconds]
    return Totals(
        interviewer=results[0].interviewer if results else "",
        runs=len(runs),
        hidden_total=sum(m.hidden_total for m in runs),
        hidden_uncovered=sum(m.hidden_uncovered for m in runs),
        surface_total=sum(m.surface_total for m in runs),
        surface_uncovered=sum(m.surface_uncovered for m in runs),
        planted=sum(len(m.planted) for m in runs),
        repeats=sum(m.repeats for m in runs),
        max_turns=max((m.turns for m in runs), default=0),
        mean_turns=share(sum(m.turns for m in runs), len(runs)),
        median_seconds=median(seconds),
        p95_seconds=p95(seconds),
        errors=sum(1 for m in runs if m.error),
        unclosed=sum(1 for m in runs if not m.closed),
        refused_revisits=sum(m.refused_revisits for m in runs),
        disclosures=sum(1 for m in runs if m.disclosure_handled is not None),
        disclosures_handled=sum(1 for m in runs if m.disclosure_handled),
        distress=sum(1 for m in runs if m.distress_handled is not None),
        distress_handled=sum(1 for m in runs if m.distress_handled),
        bad_fragments=sum(m.bad_fragments for m in runs),
        summaries_with_main=sum(1 for m in runs if m.summary_names_main),
    )


def target_failures(totals: Totals) -> list[str]:
    """Which of the engine's targets ``totals`` misses, in words; empty when all are met."""
    failures: list[str] = []
    if totals.hidden_share < TARGET_HIDDEN_SHARE:
        failures.append(
            f"hidden facts uncovered {totals.hidden_uncovered}/{totals.hidden_total} "
            f"({totals.hidden_share:.0%}) < {TARGET_HIDDEN_SHARE:.0%}"
        )
    if totals.planted:
        failures.append(f"{totals.planted} planted reason(s), target 0")
    if totals.repeats:
        failures.append(f"{totals.repeats} repeated question(s), target 0")
    if totals.max_turns > TARGET_MAX_TURNS:
        failures.append(f"a conversation took {totals.max_turns} turns > {TARGET_MAX_TURNS}")
    if totals.errors:
        failures.append(f"{totals.errors} conversation(s) ended in an error")
    # issue 11: a refusal is final, every disclosure and distress is handled, the summary names the main reason
    if totals.refused_revisits:
        failures.append(f"{totals.refused_revisits} push(es) after a refusal, target 0")
    if totals.disclosures_handled < totals.disclosures:
        failures.append(f"disclosures handled {totals.disclosures_handled}/{totals.disclosures}")
    if totals.distress_handled < totals.distress:
        failures.append(f"distress handled {totals.distress_handled}/{totals.distress}")
    if totals.summaries_with_main < totals.runs:
        failures.append(f"summary names the main reason in {totals.summaries_with_main}/{totals.runs}")
    return failures
