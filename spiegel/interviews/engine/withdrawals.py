"""Taking out what the leaver just said: "haal dat er maar uit", "please take that out".

The answer the request points at is marked ``"visibility": "private"`` in the engine's record of the answers;
the mirror makes its statements private (the leaver can still change that there), so nothing of it is shared
by default, and the mirror's completion masks it in the transcript as any private statement. In the
conversation it is never followed up, reflected or summarised again: its notes and the threads only it opened
are dropped, and the interviewer goes on with the next question.

Which answer: words before the request in the same turn ("Mijn teamleider dronk. Dat hoeft er niet in.") are
what it points at, so that turn is taken out; a request that comes first points back at the answer before,
and what the leaver says after it in the same turn is kept. Talk of leaving other things out ("laat mijn
leidinggevende erbuiten" is a refusal of a topic; "ze haalden de nachtdiensten eruit" is told) is no request.
Django-free; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .state import ConversationState

PRIVATE = "private"

_F = re.IGNORECASE
# What the leaver just said, as they point at it.
_THAT = {
    "nl": (
        r"(?:dat|dit|het|die|dat\s+laatste|dat\s+stuk|dat\s+van\s+[\w\s'’-]{1,40}?"
        r"|wat\s+ik\s+(?:net|zojuist|daarnet)\s+zei)"
    ),
    "en": r"(?:that|this|it|that\s+last\s+bit|that\s+bit|that\s+part|the\s+last\s+bit|what\s+i\s+just\s+said)",
}
_SOFT = {
    "nl": r"(?:\s+(?:maar|even|liever|alsjeblieft|aub|graag|toch|wel|gewoon))*",
    "en": r"(?:\s+(?:please|just|really|rather))*",
}
_WITHDRAW = {
    "nl": re.compile(
        rf"\bhaal\s+{_THAT['nl']}\s+(?:er{_SOFT['nl']}\s+(?:uit|af)|eruit|weg){_SOFT['nl']}\b"
        rf"|\bhaal\s+{_THAT['nl']}{_SOFT['nl']}\s+(?:eruit|weg)\b"
        rf"|\b(?:wil|kun|kan|mag)\s+je\s+{_THAT['nl']}{_SOFT['nl']}\s+(?:er{_SOFT['nl']}\s+uit\s+halen|eruit\s+halen"
        r"|uithalen|weglaten|schrappen|niet\s+(?:gebruiken|opschrijven|noteren|delen|meenemen))\b"
        rf"|\blaat\s+{_THAT['nl']}{_SOFT['nl']}\s+(?:weg|eruit)\b"
        rf"|^(?:nee\s+wacht,?\s+|wacht,?\s+|sorry,?\s+)?(?:gebruik|noteer|deel)\s+{_THAT['nl']}{_SOFT['nl']}\s+niet\b"
        rf"|\b{_THAT['nl']}\s+(?:hoeft|moet)\s+er{_SOFT['nl']}\s+niet\s+(?:in|bij)\b"
        rf"|\b{_THAT['nl']}\s+wil\s+ik{_SOFT['nl']}\s+niet\s+(?:gedeeld|genoteerd|opgeschreven|gebruikt)\s+(?:hebben|zien)\b"
        r"|\bvergeet\s+(?:maar\s+)?wat\s+ik\s+(?:net|zojuist|daarnet)\s+zei\b|\bschrap\s+(?:dat|dit)\b",
        _F,
    ),
    "en": re.compile(
        rf"\b(?:take|leave|keep|cut)\s+{_THAT['en']}\s+out\b"
        rf"|\b(?:can|could|would|will)\s+you{_SOFT['en']}\s+(?:take|leave|keep|cut)\s+{_THAT['en']}\s+out\b"
        rf"|\b(?:please\s+)?(?:don'?t|do\s+not)\s+(?:use|include|write\s+down|note\s+down|record|share|quote)\s+{_THAT['en']}"
        r"(?:\s+(?:please|down))?\s*$"
        r"|\bforget\s+(?:that\s+)?i\s+(?:just\s+)?said\s+(?:that|it|this)\b|\bforget\s+what\s+i\s+just\s+said\b"
        r"|\bi'?d\s+rather\s+(?:it|that|you)\s+(?:wasn'?t|weren'?t|was\s+not|didn'?t)\s+(?:used|included|shared|use\s+it|include\s+it)\b"
        rf"|\bi\s+don'?t\s+want\s+{_THAT['en']}\s+(?:to\s+be\s+)?(?:used|shared|included|written\s+down|in\s+there)\b"
        r"|\b(?:that'?s|that\s+was|this\s+is)\s+off\s+the\s+record\b|\bstrike\s+that\s+from\s+the\s+record\b",
        _F,
    ),
}
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]*")
_WORD = re.compile(r"[\w'’]+")
# What the rest of a turn must hold to be an answer of its own (else it only says more about the request).
MIN_CONTENT_WORDS = 5


@dataclass(frozen=True)
class Withdrawal:
    """A request to take out what was said: ``before`` and ``after`` are the turn's words around it."""

    before: str
    after: str


def read_withdrawal(text: str, language: str) -> Withdrawal | None:
    """The leaver's request to take out what they said, or None."""
    rx = _WITHDRAW["en" if language == "en" else "nl"]
    sentences = [m.group(0) for m in _SENTENCE.finditer(text)]
    for index, sentence in enumerate(sentences):
        for clause in [sentence, *sentence.split(",")]:
            if rx.search(clause.strip(" .!?;")):  # (the first clause that asks it)
                before = " ".join(sentences[:index]) + " " + sentence[: sentence.find(clause)]
                # what follows, without the sentences that only say the request again
                after = [x for x in sentences[index + 1 :] if not _asks(rx, x)]
                return Withdrawal(before.strip(), " ".join(after).strip())
    return None


def _asks(rx: re.Pattern[str], sentence: str) -> bool:
    return any(rx.search(clause.strip(" .!?;")) for clause in [sentence, *sentence.split(",")])


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def withdrawn_index(s: ConversationState, request: Withdrawal) -> int | None:
    """Which recorded answer the request takes out (the turn itself is the last one), or None."""
    if _words(request.before) >= MIN_CONTENT_WORDS:
        return len(s.answers) - 1
    return len(s.answers) - 2 if len(s.answers) >= 2 else None


def take_out(s: ConversationState, index: int, request: Withdrawal, kept: set[str]) -> None:
    """Mark the answer private and forget what the conversation took from it: its notes, the threads only it
    opened, and a main reason that rested on it alone. The request's own turn is private too unless it says
    something of its own after the request; its notes on what was taken out go as well, unless the words after
    the request name that theme (``kept``)."""
    s.answers[index]["visibility"] = PRIVATE
    current = len(s.answers) - 1
    if index != current and _words(request.after) < MIN_CONTENT_WORDS:
        s.answers[current]["visibility"] = PRIVATE
    turn = index + 1  # notes carry the number of the answer they came from
    taken = {str(n["theme"]) for n in s.notes if n["turn"] == turn}
    s.notes = [n for n in s.notes if n["turn"] != turn]
    s.notes = [n for n in s.notes if n["turn"] != current + 1 or n["theme"] not in taken - kept]
    left = {str(n["theme"]) for n in s.notes}
    gone = taken - left
    s.threads = [t for t in s.threads if t["topic"] not in gone]
    if s.main_reason in gone:
        s.main_reason, s.main_reason_words, s.main_reason_pull = None, None, False
    for theme in gone:
        progress = s.topics.get(theme)
        if progress is not None:
            progress.quote = None
            if progress.status == "active":
                progress.status = "covered"
