"""The mirror on simulated leavers: does a whole conversation give a mirror a person can review in two minutes?

For every simulated leaver, Spiegel's engine holds the conversation, and the leaver's answers (with the
engine's topic and phase per answer) are drafted into statements exactly as the mirror drafts them
(:func:`spiegel.language.statements.draft_statements`). Measured (issue 13, "Done when"):

* statements per conversation — the median must lie in 8–20;
* non-content statements — statements made from a turn that is meta-talk, a refusal, "weet niet", a skip, a
  complaint about the interview or "dat heb ik al verteld": must be 0. A statement counts as non-content when
  none of its source sentences is content by :func:`spiegel.language.statements.is_content_sentence`, or when
  one of its sources is a whole turn the leaver log marks as such (the simulator knows what it meant);
* statements shorter than five words — must be 0.

Run: ``.venv/bin/python -m harness.mirror_check`` (prints the figures; exit 1 when a target
is missed).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from spiegel.language.redact import Pseudonymiser
from spiegel.language.statements import (
    MIN_STATEMENT_WORDS,
    DraftStatement,
    draft_statements,
    is_content_sentence,
    word_count,
)

from .model import Persona
from .personas import PERSONAS
from .runner import MAX_TURNS
from .simulator import SimulatedLeaver

__all__ = ["MirrorFigures", "MirrorRun", "check_mirrors", "main", "mirror_of"]

#: Target range for the median number of statements per conversation.
TARGET = (8, 20)
#: What the simulated leaver meant by a turn (TurnRecord.kind) when it said nothing about work: "nothing more
#: on this", a refusal, a skip, "nothing else", confirming the summary.
NON_CONTENT_KINDS = frozenset(
    {"saturated", "refused", "refused_again", "skipped", "skipped_again", "nothing_else", "confirm"}
)


@dataclass
class MirrorRun:
    """One simulated leaver's conversation and the statements its mirror would show."""

    persona: str
    language: str
    answers: list[dict[str, str | None]]
    statements: list[DraftStatement]
    turn_kinds: list[str] = field(default_factory=list)
    non_content: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MirrorFigures:
    conversations: int
    median: float
    low: int
    high: int
    non_content: int
    short: int

    @property
    def met(self) -> bool:
        return TARGET[0] <= self.median <= TARGET[1] and self.non_content == 0 and self.short == 0


def _conversation(persona: Persona) -> tuple[list[dict[str, str | None]], list[str]]:
    """Hold the conversation with Spiegel's engine; the engine's answers, each with the question it answered,
    and per answer what the simulated leaver meant by it."""
    engine_module = importlib.import_module("spiegel.interviews.engine")
    engine = engine_module.Engine(engine_module.load_default_guide(persona.language_of_interview))
    leaver = SimulatedLeaver(persona)
    state, messages = engine.start()
    asked: list[str] = []
    for _ in range(MAX_TURNS):
        question = "\n".join(str(m) for m in messages)
        asked.append(question)
        reply = engine.respond(state, leaver.answer(question))
        state, messages = reply.state, reply.messages
        if reply.closed:
            break
    answers = [dict(a) for a in state.answers]
    kinds = [t.kind for t in leaver.log.turns]
    return [{**a, "question": q} for a, q in zip(answers, asked, strict=False)], kinds


def _non_content(statement: DraftStatement, language: str, kinds: list[str]) -> bool:
    """Non-content by the leaver's own intent (every source turn meant nothing about work), or by reading
    (no source sentence is content)."""

    meant = [kinds[s.answer_index] if s.answer_index < len(kinds) else "" for s in statement.sources]
    if meant and all(k in NON_CONTENT_KINDS for k in meant):
        return True
    return not any(is_content_sentence(source.words, language) for source in statement.sources)


def mirror_of(persona: Persona) -> MirrorRun:
    language = persona.language_of_interview
    answers, kinds = _conversation(persona)
    statements = draft_statements(answers, Pseudonymiser(language), language=language)
    run = MirrorRun(persona=persona.name, language=language, answers=answers, statements=statements, turn_kinds=kinds)
    run.non_content = [s.text for s in statements if _non_content(s, language, kinds)]
    run.short = [s.text for s in statements if word_count(s.text) < MIN_STATEMENT_WORDS]
    return run


def check_mirrors(personas: Iterable[Persona] = PERSONAS) -> tuple[MirrorFigures, list[MirrorRun]]:
    runs = [mirror_of(p) for p in personas]
    counts = [len(r.statements) for r in runs]
    figures = MirrorFigures(
        conversations=len(runs),
        median=statistics.median(counts) if counts else 0.0,
        low=min(counts, default=0),
        high=max(counts, default=0),
        non_content=sum(len(r.non_content) for r in runs),
        short=sum(len(r.short) for r in runs),
    )
    return figures, runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--show", action="store_true", help="print every mirror's statements")
    args = parser.parse_args(argv)
    figures, runs = check_mirrors()
    for run in runs:
        answered = len(run.answers)
        print(f"{run.persona:<12} {run.language}  {answered:>2} answers -> {len(run.statements):>2} statements")
        for text in run.non_content:
            print(f"    NON-CONTENT: {text}")
        for text in run.short:
            print(f"    SHORT: {text}")
        if args.show:
            for s in run.statements:
                print(f"    - [{s.topic or s.phase}] {s.text}")
    print(
        f"conversations {figures.conversations}: statements per conversation median {figures.median:g} "
        f"(range {figures.low}-{figures.high}, target {TARGET[0]}-{TARGET[1]}), non-content statements "
        f"{figures.non_content} (target 0), statements under {MIN_STATEMENT_WORDS} words {figures.short} (target 0)"
    )
    return 0 if figures.met else 1


if __name__ == "__main__":
    sys.exit(main())
