"""A disclosure that was none: the leaver says the interviewer misread them.

"Met de collega's was het goed, we sloegen ons er samen doorheen" read as violence, the protocol said, and the
leaver answers "Er is niemand geslagen, dat is een uitdrukking" (``spiegel.language.incidents.misread``).
Then the flag raised on that answer is withdrawn (kept in the state, marked ``withdrawn``, so that the
practice never gets a disclosure record of it and one already made is taken back), the incident is
forgotten as a disclosed matter, the conversation goes back to where it was, and the interviewer says so
plainly: "Dan heb ik je verkeerd begrepen; ik haal dat weg."

Only on the answer right after the disclosure protocol (the engine's ``disclosure`` phase); a later "it was
a misunderstanding between us" is about what happened, not about the interviewer's reading.
Django-free; never raises.
"""

from __future__ import annotations

from dataclasses import replace

from .care_words import summary_matter
from .state import ConversationState, Flag
from .wording import data_file

__all__ = ["withdraw_disclosure", "withdrawn_note"]


def _wording() -> dict[str, dict[str, str]]:
    return data_file("misread.json")


def withdrawn_note(language: str) -> str:
    """What the interviewer says when it takes a misread disclosure back."""
    return _wording().get(language, _wording()["en"])["withdrawn"]


def _raised_on(flag: Flag, answer: str) -> bool:
    excerpt = flag.excerpt.strip()[:60]
    return flag.kind == "disclosure" and not flag.withdrawn and bool(excerpt) and excerpt in answer


def withdraw_disclosure(s: ConversationState, language: str) -> None:
    """Undo, in ``s`` (in place), the disclosure raised on the answer before the current one: its flag is
    marked withdrawn, its kind and its words are no longer a disclosed matter, a main reason that was only
    this disclosure is forgotten, and the conversation is back in the phase it was in."""
    told = str(s.answers[-2]["text"] or "") if len(s.answers) >= 2 else ""
    withdrawn = [f for f in s.flags if _raised_on(f, told)]
    s.flags = [replace(f, withdrawn=True) if f in withdrawn else f for f in s.flags]
    live = {str(f.topic) for f in s.flags if f.kind == "disclosure" and not f.withdrawn}
    for kind in {str(f.topic) for f in withdrawn} - live:
        if kind in s.disclosed_kinds:
            s.disclosed_kinds.remove(kind)
        if s.main_reason_words == summary_matter(kind, language):
            s.main_reason, s.main_reason_words = None, None
    if withdrawn and s.incidents:
        forgotten = s.incidents.pop()
        kept = {word for incident in s.incidents for word in incident}
        s.sensitive_words = [w for w in s.sensitive_words if w not in forgotten or w in kept]
    s.phase = s.resume_phase or "guide"
    s.resume_phase = None
    if s.answers:
        s.answers[-1]["phase"] = s.phase  # a correction, not the leaver's wish about a disclosure
