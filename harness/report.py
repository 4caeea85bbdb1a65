"""Tables, the Markdown benchmark section, transcripts and the miss report for the engine's author."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .metrics import TARGET_HIDDEN_SHARE, TARGET_MAX_TURNS, RunMetrics, Totals, measure, target_failures
from .runner import RunResult
from .simulator import split_sentences

_COLUMNS = ("persona", "lang", "hidden", "facts", "planted", "repeats", "turns", "median ms", "p95 ms")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def _row(m: RunMetrics) -> list[str]:
    planted = f"{len(m.planted)}" + (f" ({', '.join(m.planted)})" if m.planted else "")
    turns = f"{m.turns}" + ("" if m.closed else " (not closed)") + (f" ERROR {m.error}" if m.error else "")
    return [
        m.persona_id,
        m.language,
        f"{m.hidden_uncovered}/{m.hidden_total}",
        f"{m.facts_uncovered}/{m.facts_total}",
        planted,
        str(m.repeats),
        turns,
        _ms(m.median_seconds),
        _ms(m.p95_seconds),
    ]


def _total_row(t: Totals) -> list[str]:
    return [
        f"TOTAL {t.interviewer}",
        "",
        f"{t.hidden_uncovered}/{t.hidden_total} ({t.hidden_share:.0%})",
        f"{t.facts_uncovered}/{t.facts_total}",
        str(t.planted),
        str(t.repeats),
        f"max {t.max_turns}, mean {t.mean_turns:.1f}",
        _ms(t.median_seconds),
        _ms(t.p95_seconds),
    ]


def text_table(results: Sequence[RunResult], totals: Totals) -> str:
    """A fixed-width table, one row per persona and a total row."""
    rows = [list(_COLUMNS), *(_row(measure(r)) for r in results), _total_row(totals)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, lines[1])
    return "\n".join(lines)


def markdown_table(results: Sequence[RunResult], totals: Totals) -> str:
    """The same table in Markdown."""
    rows = [list(_COLUMNS), ["---"] * len(_COLUMNS), *(_row(measure(r)) for r in results), _total_row(totals)]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)


_COMPARISON = (
    "interviewer",
    "hidden facts",
    "planted",
    "repeats",
    "pushes after a refusal",
    "disclosures handled",
    "distress handled",
    "turns (max / mean)",
    "bad fragments",
    "summary names the main reason",
)


def _comparison_row(t: Totals) -> list[str]:
    return [
        t.interviewer,
        f"{t.hidden_uncovered}/{t.hidden_total} ({t.hidden_share:.0%})",
        str(t.planted),
        str(t.repeats),
        str(t.refused_revisits),
        f"{t.disclosures_handled}/{t.disclosures}",
        f"{t.distress_handled}/{t.distress}",
        f"{t.max_turns} / {t.mean_turns:.1f}",
        str(t.bad_fragments),
        f"{t.summaries_with_main}/{t.runs}",
    ]


def comparison_markdown(totals: Sequence[Totals]) -> str:
    """One row per interviewer: the figures issue 11 asks for, side by side."""
    rows = [list(_COMPARISON), ["---"] * len(_COMPARISON), *(_comparison_row(t) for t in totals)]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def comparison_text(totals: Sequence[Totals]) -> str:
    """The same comparison as a fixed-width table."""
    rows = [list(_COMPARISON), *(_comparison_row(t) for t in totals)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COMPARISON))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_section(
    command: str,
    engine: tuple[Sequence[RunResult], Totals],
    baseline: tuple[Sequence[RunResult], Totals],
    misses: str,
    prober: tuple[Sequence[RunResult], Totals] | None = None,
) -> str:
    """The ``interviewer`` section of docs/benchmarks.md (without the markers)."""
    e_results, e_totals = engine
    b_results, b_totals = baseline
    failures = target_failures(e_totals)
    verdict = "**All targets met.**" if not failures else "**Targets missed:** " + "; ".join(failures) + "."
    lines = [
        "## Interviewer: simulated leavers versus a fixed questionnaire",
        "",
        "```",
        command,
        "```",
        "",
        f"{len(e_results)} simulated leavers (`harness/personas.py`), each with a stated "
        "reason and hidden facts that only come out when the interviewer follows up on that topic (asks for "
        "an example, a moment, what happened, what caused it, how often, what they saw themselves, or quotes "
        "the leaver's words back). The simulator uses its own lexicons, not the engine's. *hidden* = hidden "
        "facts uncovered; *facts* = surface plus hidden facts; *planted* = themes the interviewer suggested "
        "in a closed or leading question before the leaver mentioned them; *repeats* = questions equal or "
        "near-equal (token Jaccard ≥ 0.9) to an earlier one; time is the wall time of one interviewer turn.",
        "",
        f"Targets for the engine: ≥ {TARGET_HIDDEN_SHARE:.0%} of hidden facts, 0 planted, 0 repeats, "
        f"≤ {TARGET_MAX_TURNS} turns per conversation, 0 pushes after a refusal, every disclosure and every "
        f"distress handled, a summary that names the main reason in every conversation. {verdict}",
        "",
        "| interviewer | hidden facts | all facts | planted | repeats | turns (max / mean) "
        "| median ms/turn | p95 ms/turn |",
        "|---|---|---|---|---|---|---|---|",
    ]
    compared = (e_totals, b_totals) if prober is None else (e_totals, b_totals, prober[1])
    for t in compared:
        lines.append(
            f"| {t.interviewer} | {t.hidden_uncovered}/{t.hidden_total} ({t.hidden_share:.0%}) | "
            f"{t.facts_uncovered}/{t.facts_total} | {t.planted} | {t.repeats} | "
            f"{t.max_turns} / {t.mean_turns:.1f} | {_ms(t.median_seconds)} | {_ms(t.p95_seconds)} |"
        )
    lines += [
        "",
        "*pushes after a refusal* = questions on a topic after the leaver refused it; *disclosures handled* = "
        "serious disclosures after which the options were explained and nothing was probed; *distress "
        "handled* = distress met at once with a check-in and no probing; *bad fragments* = pieces of answers "
        "pasted badly into interviewer messages (`harness/fragments.py`); *summary names "
        "the main reason* = conversations whose closing summary names the theme of the leaver's main reason. "
        "The *prober* is the fixed questionnaire with “can you give an example?” after every question.",
        "",
        comparison_markdown(compared),
    ]
    lines += [
        "",
        "### Engine, per persona",
        "",
        markdown_table(e_results, e_totals),
        "",
        "### Fixed questionnaire, per persona",
        "",
        markdown_table(b_results, b_totals),
    ]
    if misses:
        lines += ["", "### What the engine missed, and why", "", misses]
    return "\n".join(lines) + "\n"


def transcript_markdown(result: RunResult) -> str:
    """The conversation as Markdown, each leaver answer annotated with how the simulator judged it."""
    persona = result.persona
    lines = [
        f"**Persona** `{persona.id}` — {persona.name}, {persona.role} ({persona.department}, "
        f"{persona.tenure_months} months); interviewer: {result.interviewer}.",
        "",
    ]
    records = iter(result.log.turns)
    for role, text in result.transcript:
        if role == "interviewer":
            lines.append(f"**Interviewer:** {text}")
            lines.append("")
            continue
        record = next(records, None)
        note = ""
        if record is not None:
            bits = [record.kind]
            if record.topic:
                bits.append(record.topic)
            if record.revealed:
                bits.append("reveals " + ", ".join(record.revealed))
            if record.planted:
                bits.append("PLANTED " + ", ".join(record.planted))
            if record.repeat_of:
                bits.append("REPEAT")
            note = f" _<sub>[{'; '.join(bits)}]</sub>_"
        lines.append(f"**Leaver:** {text}{note}")
        lines.append("")
    m = measure(result)
    lines.append(
        f"_Hidden facts uncovered {m.hidden_uncovered}/{m.hidden_total}, planted {len(m.planted)}, "
        f"repeats {m.repeats}, turns {m.turns}._"
    )
    return "\n".join(lines) + "\n"


def miss_report(results: Sequence[RunResult]) -> str:
    """For every missed hidden fact, planted reason and repeat: where it happened and what was judged.

    Written for the engine's author: which question was asked on the fact's topic and why the simulated
    leaver did not count it as a follow-up.
    """
    out: list[str] = []
    for result in results:
        m = measure(result)
        items = _missed_facts(result, m) + _conduct_misses(result) + _outcome_misses(result, m)
        if items:
            out.append(f"**{result.persona.id}**")
            out.extend(items)
            out.append("")
    return "\n".join(out).rstrip()


def _missed_facts(result: RunResult, m: RunMetrics) -> list[str]:
    """Each missed hidden fact: the questions asked on its topic and how the leaver took them, or why none was."""
    items: list[str] = []
    for fact_id in m.missed:
        thread = next(t for t in result.persona.threads if any(f.id == fact_id for f in t.hidden))
        on_topic = [r for r in result.log.turns if r.topic == thread.topic]
        if not on_topic:
            opened = thread.topic in result.log.surfaced
            why = (
                "the leaver mentioned it, but the interviewer never came back to it"
                if opened
                else "the topic was never raised"
            )
            items.append(f"- missed `{fact_id}` ({thread.topic}): {why}.")
            continue
        asked = "; ".join(
            f"turn {r.turn} “{_last_question(r.question)}” → {r.kind}"
            + (f" (probes: {', '.join(r.probes)})" if r.probes else " (no probe, no quote)")
            for r in on_topic
        )
        items.append(f"- missed `{fact_id}` ({thread.topic}): {asked}.")
    return items


def _conduct_misses(result: RunResult) -> list[str]:
    """What the interviewer did wrong along the way: planted reasons, repeats, revisits, disclosures, questions
    about the interview left unanswered."""
    log, persona = result.log, result.persona
    items = [f"- planted `{theme}` at turn {turn}: “{question}”." for turn, theme, question in log.planted]
    items += [
        f"- repeat at turn {turn}: “{question}” (earlier: “{earlier}”)." for turn, question, earlier in log.repeats
    ]
    if log.refused_revisits:
        items.append(f"- came back {log.refused_revisits}× to the refused topic `{persona.refuses}`.")
    if log.skipped_revisits:
        items.append(f"- came back {log.skipped_revisits}× to the skipped topic `{persona.skips}`.")
    if log.probes_after_disclosure:
        items.append(f"- probed {log.probes_after_disclosure}× for detail after a serious disclosure.")
    if log.disclosure_options_offered is False:
        items.append("- did not mention the options (confidential adviser, reporting) after the disclosure.")
    items += [
        f"- did not answer the question about the interview at turn {turn}."
        for turn, answered in log.questions_back
        if not answered
    ]
    return items


def _outcome_misses(result: RunResult, m: RunMetrics) -> list[str]:
    """The judged outcomes the interviewer missed: a correction, distress, sarcasm, fragments, the summary, the
    close and the number of turns."""
    items: list[str] = []
    if m.correction_followed is False:
        items.append(
            f"- did not go on about the corrected theme after the correction at turn {result.log.correction_turn}."
        )
    if m.distress_handled is False:
        what = "no check-in" if not result.log.distress_checked_in else "probed for detail"
        items.append(f"- distress at turn {result.log.distress_turn}: {what}.")
    if m.sarcasm_misread:
        items.append(f'- took sarcasm at face value {m.sarcasm_misread}× ("good to hear").')
    if m.bad_fragments:
        items.append(f"- pasted {m.bad_fragments} bad fragment(s) of the leaver's answers.")
    if not m.summary_names_main and result.closed:
        items.append(f"- the closing summary does not name the main reason (`{result.persona.main_theme}`).")
    if not result.closed:
        items.append(f"- conversation not closed after {m.turns} turns" + (f": {m.error}" if m.error else "."))
    if m.turns > TARGET_MAX_TURNS:
        items.append(f"- {m.turns} turns > {TARGET_MAX_TURNS}.")
    return items


def _last_question(text: str) -> str:
    parts = split_sentences(text)
    questions = [p for p in parts if p.endswith("?")]
    return (questions or parts or [text])[-1]


def write_doc_section(doc: Path, name: str, body: str, *, add_missing: bool = False) -> None:
    """Replace what stands between `<!-- section: NAME -->` and `<!-- end: NAME -->` in the document with `body`
    (the rest of the document belongs to others). Without the markers: add them at its end with `add_missing`,
    else stop with a message naming them."""
    begin, end = f"<!-- section: {name} -->\n", f"<!-- end: {name} -->"
    marked = re.compile(f"({re.escape(begin)})(.*?)({re.escape(end)})", re.DOTALL)
    text = doc.read_text(encoding="utf-8")
    if not marked.search(text):
        if not add_missing:
            raise SystemExit(f"{doc}: no {begin.strip()} … {end} markers")
        text = text.rstrip("\n") + f"\n\n{begin}{end}\n"
    doc.write_text(marked.sub(lambda m: m.group(1) + body + m.group(3), text, count=1), encoding="utf-8")
