"""What the disclosure tests share: the kind of disclosure the engine flags for one answer."""

from __future__ import annotations

from spiegel.language.cues import analyse_answer
from spiegel.language.understanding import Context, understand


def flagged(text: str, language: str) -> str | None:
    """The disclosure kind the engine would flag for this answer (as ``policy`` reads it), or None."""
    found = understand(text, Context(language=language)).disclosure
    if found:
        return found
    cues = analyse_answer(text, language).disclosures
    return cues[0].kind if cues else None
