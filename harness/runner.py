"""Run one simulated leaver through one interviewer and keep everything the metrics need."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Persona
from .personas import PERSONAS
from .simulator import LeaverLog, SimulatedLeaver
from .transport import Interviewer

#: A runaway interviewer is stopped here; far above the 35-turn target so the overrun is visible.
MAX_TURNS = 80


@dataclass
class RunResult:
    """One conversation: transcript, the leaver's log, and the wall time of every interviewer turn."""

    persona: Persona
    interviewer: str
    transcript: list[tuple[str, str]] = field(default_factory=list)  # (role, text)
    turn_seconds: list[float] = field(default_factory=list)
    log: LeaverLog = field(default_factory=LeaverLog)
    closed: bool = False
    error: str | None = None


def run_conversation(persona: Persona, interviewer: Interviewer, max_turns: int = MAX_TURNS) -> RunResult:
    """Hold one conversation until the interviewer closes it, it errors, or ``max_turns`` is reached.

    A turn is one leaver message and the interviewer's reply; its time is the wall time of ``send``
    (``engine.respond`` in-process, the POST over HTTP).
    """
    leaver = SimulatedLeaver(persona)
    result = RunResult(persona=persona, interviewer=interviewer.name, log=leaver.log)
    try:
        session = interviewer.open(persona)
        messages = session.start()
    except Exception as exc:  # the benchmark reports a broken interviewer instead of crashing on it
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.transcript.extend(("interviewer", m) for m in messages)
    while len(result.turn_seconds) < max_turns:
        answer = leaver.answer("\n".join(messages))
        result.transcript.append(("leaver", answer))
        started = time.perf_counter()
        try:
            reply = session.send(answer)
        except Exception as exc:
            result.error = f"{type(exc).__name__}: {exc}"
            return result
        result.turn_seconds.append(time.perf_counter() - started)
        messages = reply.messages
        result.transcript.extend(("interviewer", m) for m in messages)
        if reply.closed:
            result.closed = True
            break
    return result


def run_all(interviewer: Interviewer, personas: Iterable[Persona] = PERSONAS) -> list[RunResult]:
    """Every persona through ``interviewer``, in order."""
    return [run_conversation(persona, interviewer) for persona in personas]
