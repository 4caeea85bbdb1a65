"""Readying a web process for its first leaver: what the interviewer loads once per process (the guides, the
word lists and their patterns, the spelling dictionaries) is loaded when the process starts, not in the first
turn a leaver waits for (seconds on a busy machine). Called from spiegel/wsgi.py; touches no database."""

from __future__ import annotations

import logging
import time

from spiegel.interviews.bridge import engine_for
from spiegel.interviews.engine import load_default_guide

log = logging.getLogger(__name__)

# One ordinary answer per language, with a misspelt word: the spelling dictionary is loaded too.
SAMPLE_ANSWERS = {
    "nl": "Ik ga weg omdat de werkdurk te hoog was en mijn leidinggevende niet luisterde.",
    "en": "I am leaving because the workload was too high and my manager did not listen.",
}


def warm_up() -> float:
    """Hold a throwaway turn of the built-in engine in each language. Returns the seconds it took; a failure
    is logged and changes nothing (the first real turn loads what is missing)."""
    started = time.perf_counter()
    try:
        for language, answer in SAMPLE_ANSWERS.items():
            engine = engine_for(load_default_guide(language))
            engine.respond(engine.begin().state, answer)
    except Exception as exc:  # readying is an optimisation; the process serves either way
        log.warning("warming up the interviewer failed (%s); the first turn loads what it needs", type(exc).__name__)
    return time.perf_counter() - started
