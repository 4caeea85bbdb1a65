"""Questions of the leaver about their own words: "staat dat over mijn leidinggevende nog in je aantekeningen?",
"wat gebeurt er nu met dat verhaal?", "is the part about my supervisor still in your notes?".

They get a true answer from what the product does with the answers (docs/privacy.md): every statement comes
back in the mirror, where the leaver chooses per statement whether it is shared; what they had taken out is
private and not shared; a serious disclosure is marked for a person to look at and is never shown word for word
to the organisation. Which words: those the question names ("over mijn leidinggevende"), else the answer
before it. Django-free; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .state import ConversationState
from .withdrawals import PRIVATE, named_indices

_F = re.IGNORECASE
OwnWordsKind = Literal["in_notes", "what_happens"]

_IN_NOTES = {
    "nl": re.compile(
        r"^(?:en\s+|maar\s+|trouwens,?\s+)?(?:staat|zit|komt|is)\s+(?P<what>.+?)\s+(?:(?:nog|nu|ook|wel|er|echt)\s+)*"
        r"(?:in\s+(?:je|jouw|de|het|die)\s+(?:aantekeningen|notities|verslag|samenvatting|overzicht|spiegel)|erin|"
        r"genoteerd|opgeschreven|bewaard|eruit|weg|verwijderd|geschrapt|in$)\b"
        r"|^(?:en\s+|maar\s+)?heb\s+je\s+(?P<what2>.+?)\s+(?:(?:nog|nu|ook|wel|echt)\s+)*"
        r"(?:genoteerd|opgeschreven|bewaard|eruit\s+gehaald|weggehaald|geschrapt)\b",
        _F,
    ),
    "en": re.compile(
        r"^(?:and\s+|but\s+|so\s+)?(?:is|are)\s+(?P<what>.+?)\s+(?:(?:still|now|really|actually)\s+)*"
        r"(?:in\s+(?:your|the)\s+(?:notes|record|summary|report|mirror)|written\s+down|noted(?:\s+down)?|recorded|"
        r"in\s+there|gone|removed|taken\s+out|out)\b"
        r"|^(?:and\s+|but\s+|so\s+)?(?:did|have)\s+you\s+(?:(?:still|really|actually)\s+)*(?:write|written|note|noted|"
        r"keep|kept|take|taken)\s+(?P<what2>.+?)\s+(?:down|out)\b"
        r"|^(?:and\s+|but\s+|so\s+)?(?:did|have)\s+you\s+(?:(?:still|really|actually)\s+)*(?:write|written|note|noted|"
        r"take|taken)\s+(?:down|out)\s+(?P<what3>.+)$"
        r"|^(?:and\s+|but\s+|so\s+)?(?:did|have)\s+you\s+(?:(?:still|really|actually)\s+)*(?:note|noted|record|"
        r"recorded|keep|kept)\s+(?P<what4>.+)$",
        _F,
    ),
}
_WHAT_HAPPENS = {
    "nl": re.compile(
        r"\bwat\s+(?:gebeurt|doe\s+je|doen\s+jullie|gaat\s+er|ga\s+je\s+doen)\s+(?:er\s+)?"
        r"(?:(?:nu|straks|dan|eigenlijk|precies)\s+)*(?:mee|met)\s+(?P<what>[^?.!]+)",
        _F,
    ),
    "en": re.compile(
        r"\bwhat\s+(?:happens|will\s+happen|is\s+going\s+to\s+happen|do\s+you\s+do|will\s+you\s+do|are\s+you\s+going"
        r"\s+to\s+do)\s+(?:now\s+)?(?:to|with)\s+(?P<what>[^?.!]+)",
        _F,
    ),
}
_ABOUT = {
    "nl": re.compile(r"\bover\s+(?P<about>.+)$", _F),
    "en": re.compile(r"\babout\s+(?P<about>.+)$", _F),
}
# Words at the end of "what" that belong to the question ("... now", "... nog").
_WHEN = re.compile(r"(?:\s+(?:now|then|nu|nog|dan|straks|eigenlijk))+$", _F)
_TAIL = re.compile(r"(?:\s+(?:now|then|nu|nog|dan|straks|eigenlijk|zei|vertelde|said|told\s+you))+$", _F)


@dataclass(frozen=True)
class OwnWordsQuestion:
    """A question about the leaver's own words; ``about`` is the person or matter it names, if any."""

    kind: OwnWordsKind
    about: str | None = None


def read_own_words_question(text: str, language: str) -> OwnWordsQuestion | None:
    """The leaver's question about what happens to (or was kept of) their words, or None."""
    language = "en" if language == "en" else "nl"
    for sentence in re.findall(r"[^.?!]+\??", text):
        clause = sentence.strip()
        m = _IN_NOTES[language].search(clause.rstrip("?"))
        kind: OwnWordsKind = "in_notes"
        if m is None or not clause.endswith("?"):
            m, kind = _WHAT_HAPPENS[language].search(clause), "what_happens"
        if m is None:
            continue
        found = m.groupdict()
        what = next((str(found[k]) for k in ("what", "what2", "what3", "what4") if found.get(k)), "").strip()
        if not _points_at_words(_WHEN.sub("", what), language):
            continue  # "is dat probleem weg?", "wat er gebeurt met de afdeling": not about the leaver's words
        named = _ABOUT[language].search(what)
        about = _TAIL.sub("", named.group("about").strip()) if named else None
        return OwnWordsQuestion(kind, about or None)
    return None


# What points at the leaver's own words: "dat", "dat verhaal", "wat ik zei", "dat over X", "the part about X".
_POINTERS = {
    "nl": re.compile(
        r"^(?:dat|dit|het|alles|(?:dat|dit|mijn)\s+verhaal|mijn\s+antwoorden|(?:dat|het)\s+(?:stuk|deel)"
        r"|wat\s+ik\s+(?:\w+\s+)?(?:zei|vertelde|gezegd\s+heb|verteld\s+heb|heb\s+gezegd|heb\s+verteld))"
        r"(?:\s+over\s+.+)?$"
        r"|^wat\s+ik\s+(?:je\s+)?over\s+.+\s+(?:zei|vertelde|gezegd\s+heb|verteld\s+heb|heb\s+gezegd|heb\s+verteld)$",
        _F,
    ),
    "en": re.compile(
        r"^(?:that|this|it|everything|all\s+of\s+(?:that|it)|(?:my|that|this)\s+story|my\s+answers"
        r"|(?:the|that|this)\s+(?:part|bit|story|stuff|thing)"
        r"|what\s+i\s+(?:\w+\s+)?(?:said|told\s+you|mentioned))(?:\s+(?:i\s+(?:said|told\s+you|mentioned)\s+)?"
        r"about\s+.+)?$",
        _F,
    ),
}


def _points_at_words(what: str, language: str) -> bool:
    return bool(_POINTERS[language].match(what))


def answer_key(s: ConversationState, question: OwnWordsQuestion) -> str:
    """Which true answer fits: the words were taken out, are marked as a serious matter, are kept, or were never
    told; for "what happens now", what happens to them."""
    told = s.answers[:-1]
    if question.about:
        indices = named_indices(s, question.about)
    else:
        # "dat verhaal": the last thing told, not a reply in the steps after a disclosure or a check-in
        indices = [i for i, a in enumerate(told) if a.get("phase") not in ("summary", "disclosure", "check_in")][-1:]
    if not indices:
        return "own_words_nothing" if question.kind == "in_notes" else "own_words_next"
    if all(told[i].get("visibility") == PRIVATE for i in indices):
        return "own_words_withdrawn"
    if any(i + 1 < len(s.answers) and s.answers[i + 1].get("phase") == "disclosure" for i in indices):
        return "own_words_flagged"
    return "own_words_kept" if question.kind == "in_notes" else "own_words_next"
