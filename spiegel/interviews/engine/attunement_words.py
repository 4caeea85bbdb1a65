"""Reading a moment in the conversation itself, in Dutch and English (docs/interviewing.md, "Triggers and what
they call for").

A moment is no answer to the question asked; it says how the leaver is right now:

- *tears* — their own emotion, now ("ik word er emotioneel van", "sorry, I'm getting a bit teary");
- *pause* — a pause asked for in a few words ("ik wil even een pauze", "I need a break for a bit"), where no
  request verb stands (``requests.py`` reads "kunnen we even pauzeren?");
- *hesitation* — unsure whether to say something here ("ik weet niet of ik het hier moet zeggen");
- *lost_thread* — they lost the thread ("ik ben de draad kwijt", "where were we?");
- *said_enough* — they said what they wanted to say ("ik heb wel gezegd wat ik kwijt wilde");
- *ready* — they are ready to go on after a pause ("we kunnen verder", "ok, I'm ready").

Told of others or of then ("twee collega's zaten in tranen", "I wasn't sure I should report it at the time",
"I said what I wanted to say to my manager") is no moment. Django-free; never raises.
"""

from __future__ import annotations

import re
from typing import Literal

Moment = Literal["tears", "pause", "hesitation", "lost_thread", "said_enough", "ready"]

_F = re.IGNORECASE
# A moment other than tears is said in a few words; a longer turn is an answer.
SHORT = 14
READY_SHORT = 9

_TEARS = {
    "nl": re.compile(
        r"\bik\s+word\s+(?:er\s+)?(?:nu\s+|weer\s+|toch\s+|echt\s+|even\s+)*(?:een\s+beetje\s+|wat\s+|best\s+|nogal\s+"
        r"|heel\s+|zo\s+)?(?:emotioneel|verdrietig|week)\b"
        r"|\bik\s+(?:zit|sta|lig)\s+(?:hier\s+|nu\s+|even\s+|weer\s+|gewoon\s+)*te\s+(?:huilen|janken|snikken)\b"
        r"|\bik\s+moet\s+(?:er\s+)?(?:nu\s+|even\s+|weer\s+|toch\s+)*(?:van\s+)?(?:huilen|janken)\b"
        r"|\bik\s+krijg\s+het\s+(?:nu\s+|even\s+|weer\s+|toch\s+)*(?:te\s+kwaad|moeilijk|zwaar|benauwd)\b"
        r"|\b(?:de\s+)?tranen\s+(?:staan|springen|lopen|rollen|komen)\s+(?:me\s+|mij\s+)?(?:nu\s+|weer\s+)?"
        r"(?:in\s+m(?:ij)?n\s+ogen|over\s+m(?:ij)?n\s+wangen)?\b(?!.*\b(?:toen|destijds)\b)"
        r"|\bik\s+ben\s+(?:nu\s+|even\s+|weer\s+)*(?:emotioneel|in\s+tranen|aan\s+het\s+huilen)\b"
        r"|\bik\s+heb\s+het\s+(?:nu\s+|even\s+|hier\s+)+(?:moeilijk|zwaar)\b"
        r"|\b(?:dit|het)\s+raakt\s+me\s+(?:nu\s+|echt\s+|toch\s+|weer\s+)*(?:meer|erg|enorm|heel\s+erg)?\b"
        r"(?!.*\b(?:toen|destijds)\b)",
        _F,
    ),
    "en": re.compile(
        r"\bi(?:'|’)?m\s+(?:getting|going|feeling|becoming|a\s+bit|a\s+little|so|quite|very|really|all|now|just)?"
        r"(?:\s+(?:a\s+bit|a\s+little|so|quite|very|really|all|now|just))*\s*"
        r"(?:teary|tearful|emotional|choked\s+up|crying|in\s+tears|welling\s+up|tearing\s+up)\b"
        r"(?!\s+(?:every|each|at\s+night|all\s+the\s+time|on\s+the\s+way))"
        r"|\b(?:this|it|that|talking\s+about\s+(?:it|this))(?:'|’)?s?\s+(?:is\s+)?making\s+me\s+"
        r"(?:so\s+|a\s+bit\s+|really\s+)?(?:emotional|cry|teary|tearful)\b"
        r"|\bi\s+can(?:'|’)?t\s+stop\s+crying\b|\btears\s+(?:are\s+)?(?:running|rolling|welling)\b"
        r"|\bgive\s+me\s+a\s+(?:second|moment|minute|sec)\b.*\b(?:cry|crying|teary|emotional|tears)\b",
        _F,
    ),
}
_PAUSE = {
    "nl": re.compile(
        r"^(?:sorry\s*,?\s*)?(?:(?:ik\s+wil|ik\s+heb|mag\s+ik)\s+(?:graag\s+|nu\s+|echt\s+|wel\s+)*(?:even\s+)?"
        r"(?:een\s+)?(?:korte\s+)?(?:pauze|adempauze|momentje)(?:\s+nodig|\s+graag)?|(?:even\s+)?(?:een\s+)?"
        r"(?:korte\s+)?pauze(?:\s+graag|\s+alsjeblieft|\s+aub)?"
        r"|(?:mag|kan)\s+ik\s+(?:even\s+)?(?:een\s+)?(?:momentje|minuutje|pauze|adempauze)(?:\s+nemen|\s+hebben)?)$",
        _F,
    ),
    "en": re.compile(
        r"^(?:sorry\s*,?\s*)?(?:i\s+(?:need|want|could\s+use|would\s+like)\s+(?:a\s+)?(?:short\s+|quick\s+)?"
        r"(?:break|pause|breather|minute|moment)(?:\s+for\s+a\s+(?:bit|moment|minute|second|while))?(?:\s+please)?"
        r"|(?:a\s+)?(?:short\s+|quick\s+)?(?:break|pause),?\s+please"
        r"|(?:can|could|may)\s+(?:i|we)\s+(?:have|take|get)\s+(?:a\s+)?(?:short\s+|quick\s+)?"
        r"(?:minute|moment|second|break|breather|pause)(?:\s+please)?)$",
        _F,
    ),
}
_HESITATION = {
    "nl": re.compile(
        r"\bik\s+(?:weet\s+(?:eigenlijk\s+|echt\s+|nog\s+)?niet(?:\s+zo\s+goed)?|twijfel)\s+of\s+ik\s+(?:het|dit|dat)\s+"
        r"(?:hier\s+|wel\s+|nu\s+|eigenlijk\s+)*(?:moet|kan|mag|wil|durf)\s+(?:te\s+)?(?:zeggen|vertellen|delen|noemen)\b"
        r"|\bik\s+(?:weet\s+(?:eigenlijk\s+|echt\s+|nog\s+)?niet(?:\s+zo\s+goed)?|twijfel)\s+of\s+ik\s+(?:het|dit|dat)\s+"
        r"(?:hier\s+|wel\s+|nu\s+|eigenlijk\s+)*(?:kwijt\s+)?(?:wil|kan|mag|moet)\b"
        r"|\bik\s+durf\s+(?:het|dit|dat)\s+(?:eigenlijk\s+|hier\s+|bijna\s+)*niet\s+(?:goed\s+)?(?:te\s+)?"
        r"(?:zeggen|vertellen)\b"
        r"|\bik\s+vind\s+het\s+(?:best\s+|wel\s+|een\s+beetje\s+|heel\s+)?(?:lastig|moeilijk|spannend)\s+om\s+"
        r"(?:dit|dat|het)\s+(?:hier\s+)?te\s+(?:zeggen|vertellen|delen)\b"
        r"|^(?:mag|kan|moet)\s+ik\s+(?:dit|dat|het)\s+(?:hier\s+)?(?:wel\s+|eigenlijk\s+)*(?:zeggen|vertellen)\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:(?:i(?:'|’)?m\s+)?(?:not\s+(?:really\s+|quite\s+|entirely\s+|totally\s+)?sure|unsure)"
        r"|i\s+don(?:'|’)?t\s+(?:really\s+|quite\s+)?know)\s+(?:(?:if|whether)\s+)?i\s+"
        r"(?:should|can|could|may|ought\s+to|want\s+to)\s+(?:really\s+|even\s+)?"
        r"(?:say|tell\s+you|tell|share|mention|bring\s+up|talk\s+about)\s+(?:this|that|it)\b(?!\s+to\b)"
        r"|\bi(?:'|’)?m\s+(?:a\s+bit\s+)?(?:hesitant|reluctant|wary)\s+to\s+(?:say|tell|share|mention)\b"
        r"|\bi\s+find\s+it\s+(?:quite\s+|really\s+|a\s+bit\s+)?(?:hard|difficult)\s+to\s+(?:say|tell\s+you)\s+"
        r"(?:this|it)\s+here\b"
        r"|^(?:should|can|may)\s+i\s+(?:even\s+|really\s+)?(?:say|tell\s+you|share)\s+(?:this|that)\s+here\b",
        _F,
    ),
}
_LOST = {
    "nl": re.compile(
        r"\b(?:ik\s+ben|ben)\s+(?:de\s+draad|het\s+spoor)\s+(?:een\s+beetje\s+|even\s+|helemaal\s+|nu\s+)*kwijt\b"
        r"|\bik\s+ben\s+(?:het\s+)?(?:even\s+|een\s+beetje\s+|helemaal\s+)*kwijt\b"
        r"|\bwaar\s+(?:hadden|waren)\s+we\s+(?:het\s+)?(?:ook\s+)?(?:alweer\s+|nou\s+|nu\s+)*(?:over|gebleven)\b"
        r"|\bwat\s+was\s+de\s+vraag\s+(?:ook\s+)?alweer\b"
        r"|\bik\s+weet\s+niet\s+meer\s+waar\s+we\s+(?:het\s+over\s+hadden|waren|gebleven\s+waren)\b",
        _F,
    ),
    "en": re.compile(
        r"\bi(?:(?:'|’)?ve|\s+have)\s+lost\s+(?:the|my)\s+(?:thread|train\s+of\s+thought)\b"
        r"|\bi\s+lost\s+(?:the|my)\s+(?:thread|train\s+of\s+thought)\s*(?:a\s+bit|there|now)?\s*$"
        r"|\bwhere\s+were\s+we(?:\s+again)?\b|\bwhat\s+were\s+we\s+talking\s+about\b"
        r"|\bwhat\s+was\s+the\s+question\s+again\b"
        r"|\bi\s+forgot\s+what\s+(?:we\s+were\s+talking\s+about|i\s+was\s+saying|the\s+question\s+was)\b",
        _F,
    ),
}
_ENOUGH = {
    "nl": re.compile(
        r"\bik\s+heb\s+(?:wel\s+|eigenlijk\s+|nu\s+|zo(?:'|’)?n\s+beetje\s+)*(?:gezegd|verteld)\s+wat\s+ik\s+"
        r"(?:kwijt\s+wilde|wilde\s+zeggen|kwijt\s+wil|wil\s+zeggen|wilde\s+vertellen)\s*$"
        r"|\bik\s+(?:denk\s+dat\s+ik|heb)\s+(?:nu\s+)?alles\s+(?:wel\s+)?(?:gezegd|verteld)(?:\s+heb)?\s*$"
        r"|\bdat\s+was\s+(?:het\s+)?(?:wel\s+)?(?:zo(?:'|’)?n\s+beetje\s+)?(?:alles\s+)?wat\s+ik\s+"
        r"(?:kwijt\s+wilde|wilde\s+zeggen)\s*$"
        r"|\bmeer\s+heb\s+ik\s+(?:er\s+)?(?:eigenlijk\s+)?niet\s+(?:over\s+)?te\s+zeggen\b"
        r"|\bik\s+heb\s+(?:verder\s+)?(?:niets|niks)\s+(?:meer\s+)?toe\s+te\s+voegen\b",
        _F,
    ),
    "en": re.compile(
        r"\bi(?:(?:'|’)?ve|\s+have)?\s+said\s+(?:what|all|everything)\s+(?:that\s+)?i\s+(?:wanted|want|needed)\s+"
        r"to\s+say(?:\s+now)?\s*$"
        r"|\bthat(?:'|’)?s\s+(?:about\s+)?(?:everything|all)\s+(?:that\s+)?i\s+(?:wanted|want|had)\s+to\s+say\s*$"
        r"|\bi(?:(?:'|’)?ve|\s+have)\s+(?:said|told\s+you)\s+(?:it\s+all|everything)(?:\s+i\s+wanted\s+to)?\s*$"
        r"|\bi\s+have\s+nothing\s+(?:more|else)\s+to\s+add\b",
        _F,
    ),
}
_READY = {
    "nl": re.compile(
        r"^(?:(?:oké|oke|ok|goed|ja|prima|zo|nou)\s*,?\s*)*(?:ik\s+ben\s+er\s+(?:weer|klaar\s+voor)|ik\s+ben\s+"
        r"(?:weer\s+)?(?:klaar|terug)|we\s+kunnen\s+(?:weer\s+)?(?:verder|door)|ga\s+(?:maar\s+)?(?:door|verder)"
        r"|ik\s+kan\s+(?:weer\s+)?verder|het\s+gaat\s+(?:weer|wel)(?:\s+weer)?|laten\s+we\s+(?:maar\s+)?"
        r"(?:verder\s*gaan|doorgaan))\b",
        _F,
    ),
    "en": re.compile(
        r"^(?:(?:ok|okay|right|alright|all\s+right|fine|yes|yeah|so)\s*,?\s*)*(?:i(?:'|’)?m\s+(?:ready|back|ok|okay"
        r"|fine|good|alright)|let(?:'|’)?s\s+(?:go\s+on|continue|carry\s+on|keep\s+going)|we\s+can\s+(?:go\s+on"
        r"|continue|carry\s+on)|i\s+can\s+(?:go\s+on|continue)|(?:please\s+)?(?:go\s+on|continue|carry\s+on))\b",
        _F,
    ),
}
# An answer to "shall we round off, or is there something to add?" that rounds off.
_ROUND_OFF = {
    "nl": re.compile(
        r"^(?:ja|jawel|prima|goed|graag|oké|oke|ok|nee|neen|is\s+goed)\b"
        r"|\bafronden\b|\b(?:niets|niks)\s+(?:meer|verder)\b|\bverder\s+(?:niets|niks)\b",
        _F,
    ),
    "en": re.compile(
        r"^(?:yes|yeah|yep|sure|ok|okay|fine|please|no|nope|that(?:'|’)?s\s+(?:it|all|fine))\b"
        r"|\bround\s+(?:it\s+|things\s+)?off\b|\bwrap\s+(?:it\s+)?up\b|\bnothing\s+(?:else|more)\b",
        _F,
    ),
}

# A heavy feeling of the leaver's own, told plainly ("I felt very alone", "dat heeft me echt opgebroken"): an
# acknowledgement that is warm, never "I have noted that".
_HEAVY = {
    "nl": re.compile(
        r"\b(?:eenzaam|(?:me|mij)\s+(?:er\s+)?(?:heel\s+|erg\s+|zo\s+|zó\s+|best\s+|nogal\s+|vaak\s+)?alleen"
        r"|er\s+alleen\s+voor|waardeloos|nutteloos|pijn|verdriet|verdrietig|kapot\s+van|(?:ben|was|voelde\s+me)\s+"
        r"(?:er\s+)?(?:helemaal\s+)?kapot|opgebroken|ellendig"
        r"|vernederd|gekwetst|gekrenkt|wanhopig|onzichtbaar|in\s+de\s+steek\s+gelaten|uitgeput|op\s+geraakt)\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:alone|lonely|worthless|useless|hurt|hurts|painful|heartbroken|broke\s+me|devastated|sad"
        r"|miserable|crushed|humiliated|wore\s+me\s+(?:down|out)|worn\s+(?:down|out)|ashamed|hopeless|invisible"
        r"|abandoned|let\s+down|exhausted|drained)\b",
        _F,
    ),
}
# ... and the lack of support, said with a "not" ("ik voelde me niet gesteund", "I didn't feel supported").
_UNSUPPORTED = {
    "nl": re.compile(
        r"\b(?:niet|nooit|totaal\s+niet|helemaal\s+niet)\s+(?:echt\s+)?(?:gesteund|serieus\s+genomen|gewaardeerd)\b"
        r"|\bvoel(?:de)?\s+(?:me|mij)\b.{0,30}\bniet\s+(?:echt\s+)?(?:gezien|gehoord)\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:(?:did\s*n(?:o|'|’)?t|never|not)\s+(?:really\s+|even\s+)?(?:feel\s+)?(?:supported|valued"
        r"|taken\s+seriously)|unsupported|unvalued)\b"
        r"|\b(?:feel|felt)\b.{0,20}\b(?:not\s+seen|not\s+heard|unseen|unheard)\b",
        _F,
    ),
}
_NEGATED = re.compile(r"\b(?:niet|nooit|geen|never|not|no)\b|n(?:'|’)t\b", _F)


_SHORT_MOMENTS: tuple[tuple[Moment, dict[str, re.Pattern[str]]], ...] = (
    ("pause", _PAUSE),
    ("hesitation", _HESITATION),
    ("lost_thread", _LOST),
    ("said_enough", _ENOUGH),
)

# ... unless it goes on to add something ("ja, maar nog één ding", "no, actually, one more thing").
_ADDS = re.compile(
    r"\b(?:but|actually|one\s+more|something|another|except|maar|eigenlijk|nog\s+(?:één|een|iets)|toch\s+nog"
    r"|behalve)\b",
    _F,
)


def _sentences(text: str) -> list[str]:
    return [p.strip(" ,-–—'\"“”") for p in re.split(r"[.!?;]+", text) if p.strip(" ,-–—'\"“”")]


def read_moment(text: str, language: str) -> Moment | None:
    """The moment ``text`` is, or None when it is an answer (or a request)."""
    if language not in _TEARS:
        return None
    parts = _sentences(text)
    if any(_TEARS[language].search(p) for p in parts):
        return "tears"
    if len(text.split()) > SHORT:
        return None
    for kind, patterns in _SHORT_MOMENTS:
        if any(patterns[language].search(p) for p in parts):
            return kind
    if len(text.split()) <= READY_SHORT and parts and _READY[language].search(parts[0]):
        return "ready"
    return None


def feels_heavy(text: str, language: str) -> bool:
    """The leaver tells a heavy feeling of their own ("I felt very alone"), not denied ("I never felt alone")."""
    if language not in _HEAVY:
        return False
    for part in _sentences(text):
        if _UNSUPPORTED[language].search(part):
            return True
        m = _HEAVY[language].search(part)
        if m is not None and not _NEGATED.search(" ".join(part[: m.start()].split()[-3:])):
            return True
    return False


def rounds_off(text: str, language: str) -> bool:
    """The answer to the offer to round off says to round off ("ja", "no, nothing else"), and adds nothing."""
    if language not in _ROUND_OFF or len(text.split()) > SHORT or _ADDS.search(text):
        return False
    return bool(_ROUND_OFF[language].search(text.strip()))
