"""Serious disclosures never leave the practice word for word (privacy.md: "a serious disclosure is for the
practice to handle with the leaver; it is never shown word for word to the organisation").

Whatever a leaver chose in the mirror, a statement that is a disclosure — made in the engine's disclosure step,
or whose words report harassment, discrimination, an integrity breach or a safety incident — is never quoted in
the organisation's view, its exports, its reports or the API. It still counts in aggregates.
"""

from __future__ import annotations

from spiegel.language.cues import analyse_answer
from spiegel.language.understanding import Context, understand

#: The engine's step in which the leaver says how a serious disclosure should be handled.
DISCLOSURE_PHASES = frozenset({"disclosure"})


def is_disclosure(text: str, phase: str, language: str) -> bool:
    """True when a statement is a serious disclosure: said in the disclosure step, or its words report one (both
    the cue lists and the turn reader are asked; either suffices)."""
    if phase in DISCLOSURE_PHASES:
        return True
    lang = language if language in ("nl", "en") else "nl"
    if analyse_answer(text, lang).disclosures:
        return True
    return understand(text, Context(language=lang)).disclosure is not None
