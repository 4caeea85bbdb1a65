"""The indirect forms of a request about the conversation (``requests.py`` reads what they ask):

- coming to the end said indirectly: "kunnen we naar het eind?", "zullen we er een punt achter zetten?",
  "could we jump to the end?", "let's bring this to a close" — the summary, then the close (never "skip this
  topic");
- the leaver's own earlier request said again: "ik zei net al: laten we afronden", "ik vroeg toch of we konden
  afronden", "I asked whether we could wrap up", "is het goed als we nu afronden?" — read as the request itself,
  so it is honoured at once; "toen zei ik tegen mijn baas: ik wil stoppen" stays told.

Django-free; never raises.
"""

from __future__ import annotations

import re
from typing import Literal

_F = re.IGNORECASE

# Coming to the end said indirectly: "kunnen we naar het eind?", "zullen we er een punt achter zetten?",
# "could we jump to the end?" — the summary, then the close (never "skip this topic").
_TO_THE_END = {
    "nl": re.compile(
        r"^(?:(?:kunnen|zullen|mogen|gaan)\s+we\s+|laten\s+we\s+|ga\s+|spring\s+|ik\s+wil(?:\s+graag)?\s+|ik\s+zou\s+graag\s+)?"
        r"(?:(?:nu|maar|dan|alvast|stilaan|even|gewoon|meteen|direct|snel|alsjeblieft)\s+)*"
        r"(?:door\s+)?naar\s+(?:het\s+(?:eind|einde|slot)|de\s+(?:afsluiting|samenvatting|afronding|laatste\s+vraag))"
        r"(?:\s+(?:gaan|springen|toe|nu|maar|alsjeblieft|alstublieft|aub|dan|graag|hoor|willen|gaan))*$"
        r"|^(?:(?:kunnen|zullen|mogen|gaan)\s+we|laten\s+we)\s+(?:er\s+|het\s+)?(?:(?:nu|maar|dan|stilaan|even|gewoon)\s+)*"
        r"(?:een\s+punt\s+achter\s+zetten|een\s+einde?\s+aan\s+(?:maken|breien))$",
        _F,
    ),
    "en": re.compile(
        r"^(?:(?:can|could|shall|may)\s+(?:we|i|you)\s+|let'?s\s+|please\s+|i(?:'d|\s+would)\s+like\s+to\s+"
        r"|i\s+(?:want|need)\s+to\s+)?(?:(?:just|please|now|maybe|quickly)\s+)*"
        r"(?:get|go|jump|skip|move|head|fast[- ]forward|cut|come)\s+(?:straight\s+|right\s+|ahead\s+)?(?:on\s+)?to\s+"
        r"the\s+(?:end|summary|last\s+question|final\s+question|closing|wrap[- ]up)(?:\s+(?:now|please|then))*$"
        r"|^(?:(?:can|could|shall)\s+we\s+|let'?s\s+)(?:(?:just|please|now)\s+)*(?:bring|draw)\s+(?:this|it|things"
        r"|the\s+(?:interview|conversation))\s+to\s+(?:a\s+close|an\s+end)(?:\s+(?:now|please))*$",
        _F,
    ),
}
# The leaver's own earlier request said again ("ik zei net al: laten we afronden", "I asked whether we could
# wrap up"): the request itself, honoured at once. A marker ("net", "al", "already", "like I said") or an
# asked question ("of we ...", "whether we ...") makes it the leaver's own; "toen zei ik: ..." stays told.
_OWN_REQUEST = {
    "nl": re.compile(
        r"^(?:zoals\s+ik\s+(?:al\s+|net\s+)*(?:zei|vroeg)\s*[:,]?\s*"
        r"|ik\s+(?:zei|vroeg|zeg|vraag|had|heb)(?:\s+(?:je|het))?(?:\s+(?:net|al|toch|daarnet|zojuist|eerder|nog))+"
        r"(?:\s+(?:gevraagd|gezegd))?\s*[:,]?\s*(?:of\s+|dat\s+)?"
        r"|ik\s+(?:vroeg|vraag|had\s+gevraagd|heb\s+gevraagd)(?:\s+je)?\s+of\s+"
        r"|is\s+het\s+(?:goed|oké|oke|ok|prima|erg|een\s+probleem|mogelijk)\s+(?:als|dat)\s+)(?P<rest>.+)$",
        _F,
    ),
    "en": re.compile(
        r"^(?:(?:like|as)\s+i\s+(?:said|asked)\s*[:,]?\s*"
        r"|i\s+(?:already\s+|just\s+)*(?:said|asked(?:\s+you)?|told\s+you)(?:\s+(?:already|before|earlier))?\s*[:,]\s*"
        r"|i\s+(?:already\s+|just\s+)*(?:asked|was\s+asking)(?:\s+you)?(?:\s+(?:already|before|earlier))?\s+"
        r"(?:whether|if)\s+"
        r"|(?:is\s+it|would\s+it\s+be)\s+(?:ok|okay|alright|all\s+right|fine|possible)\s+if\s+"
        r"|do\s+you\s+mind\s+if\s+)(?P<rest>.+)$",
        _F,
    ),
}
_ASKED_AS_TOLD = {
    "nl": re.compile(r"^we\s+(?:konden|kunnen|mochten|zouden|gingen|nu\s+)?", _F),
    "en": re.compile(r"^we\s+(?:could|can|might|should|would)?\s*", _F),
}
# "ik had al gevraagd om af te ronden", "I already asked to wrap up", "I said I wanted to wrap up".
_ASKED_TO = {
    "nl": re.compile(
        r"^ik\s+(?:had|heb)\s+(?:je\s+)?(?:al|net|toch|daarnet|zojuist|eerder)(?:\s+(?:al|net|toch))*\s+gevraagd\s+om\s+"
        r"(?:het\s+(?:gesprek\s+)?)?(?:af\s+te\s+(?:ronden|sluiten)|te\s+stoppen)$",
        _F,
    ),
    "en": re.compile(
        r"^i\s+(?:already\s+|just\s+)*(?:asked(?:\s+you)?|said)\s+(?:(?:that\s+)?i\s+want(?:ed)?\s+)?to\s+(?P<rest>.+)$",
        _F,
    ),
}
_ASKED = {"nl": "kunnen we ", "en": "can we "}


def unframed(low: str, language: str) -> str:
    """ "ik vroeg toch of we konden afronden" → "kunnen we afronden": the leaver's own request, asked again."""
    asked = _ASKED_TO[language].match(low)
    if asked is not None:
        return "kunnen we afronden" if language == "nl" else f"let's {asked.group('rest')}"
    m = _OWN_REQUEST[language].match(low)
    if m is None:
        return low
    return _ASKED_AS_TOLD[language].sub(_ASKED[language], m.group("rest").strip())


def to_the_end(low: str, language: str) -> bool:
    """ "Kunnen we naar het eind?", "skip to the end": the leaver wants to come to the end (one clause)."""
    return bool(_TO_THE_END[language].search(low))


# Requests in few words ("efkes pauze alstublieft", "ik zei pauze", "wrap it up", "mag het stoppen"): the whole
# clause is the request, with only politeness, Flemish or an irritated "ik zei" / "I said" around it; talk about
# a pause ("ik had geen pauze", "we never got a break") never matches a whole clause.
_NL_SOFT = (
    r"(?:nu|even|efkes|effe|eventjes|ff|graag|alstublieft|alsjeblieft|asjeblieft|aub|dan|maar|hoor|toch|zeg|nog"
    r"|eerst|kort|korte|wel|nu\s+echt|echt|gewoon|meteen|ge|gij|u)"
)
_EN_SOFT = (
    r"(?:please|now|just|first|quickly|already|then|again|ok|okay|right\s+now|for\s+a\s+(?:bit|moment|minute|sec|second)"
    r"|here)"
)
_NL_LEAD = r"^(?:(?:ja|nee|oké|oke|ok|sorry|nou|zeg|hé|he|allez|alee|kijk)\s+)*"
_EN_LEAD = r"^(?:(?:yes|yeah|ok|okay|sorry|look|listen|please|well|hey|no)\s+)*"
ShortKind = Literal["pause", "stop", "wrap_up"]
_SHORT: dict[str, tuple[tuple[ShortKind, re.Pattern[str]], ...]] = {
    "nl": (
        (
            "pause",
            re.compile(
                rf"{_NL_LEAD}(?:ik\s+(?:zei|zeg|vroeg|vraag)(?:\s+(?:toch|al|net|het|je|daarnet|nu))*\s+)?"
                rf"(?:(?:ik\s+wil|mag\s+ik|kan\s+ik|kunnen\s+we|mogen\s+we|ik\s+zou\s+graag|ik\s+heb)\s+)?"
                rf"(?:{_NL_SOFT}\s+)*(?:een\s+)?(?:korte\s+)?pauze(?:\s+(?:{_NL_SOFT}|pauze|nodig|a\.u\.b\.?))*$"
                rf"|{_NL_LEAD}(?:kunt\s+ge|kunt\s+u|kun\s+je|kan\s+je|wilt\s+ge|wilt\s+u|wil\s+je)\s+(?:{_NL_SOFT}\s+)*"
                rf"(?:even|efkes|effe|eventjes)\s+wachten(?:\s+{_NL_SOFT})*$",
                _F,
            ),
        ),
        (
            "stop",
            re.compile(
                rf"{_NL_LEAD}(?:mag\s+(?:het|dit|'t)|(?:het|dit|'t)\s+mag)\s+(?:{_NL_SOFT}\s+)*(?:stoppen|gedaan\s+zijn)"
                rf"(?:\s+{_NL_SOFT})*$|{_NL_LEAD}(?:we\s+stoppen|stop)\s+(?:er\s+)?(?:{_NL_SOFT}\s+)*(?:mee|ermee|hier)"
                rf"(?:\s+{_NL_SOFT})*$",
                _F,
            ),
        ),
        (
            "wrap_up",
            re.compile(
                rf"{_NL_LEAD}(?:(?:ik\s+ben\s+)?klaar(?:\s+{_NL_SOFT})*\s+nu|(?:ik\s+ben\s+)?nu\s+klaar)(?:\s+{_NL_SOFT})*$"
                rf"|{_NL_LEAD}(?:rond|sluit)\s+(?:het\s+(?:gesprek\s+)?|dit\s+|'t\s+)?(?:{_NL_SOFT}\s+)*af(?:\s+{_NL_SOFT})*$"
                rf"|{_NL_LEAD}(?:{_NL_SOFT}\s+)*(?:afronden|afsluiten)(?:\s+{_NL_SOFT})*$"
                rf"|{_NL_LEAD}(?:ik\s+ben|ik\s+stop)\s+(?:{_NL_SOFT}\s+)*klaar\s+na\s+(?:deze|dit|die)(?:\s+vraag)?$"
                rf"|{_NL_LEAD}(?:dit|dat)\s+(?:is|was)\s+(?:mijn|het)\s+laatste\s+antwoord(?:\s+{_NL_SOFT})*$",
                _F,
            ),
        ),
    ),
    "en": (
        (
            "pause",
            re.compile(
                rf"{_EN_LEAD}(?:i\s+(?:already\s+|just\s+)?(?:said|asked\s+for)\s+)?(?:(?:i\s+need|i'?d\s+like|i\s+want"
                rf"|(?:can|could|may)\s+(?:i|we)\s+(?:have|get|take))\s+)?(?:{_EN_SOFT}\s+)*(?:a\s+)?(?:short\s+|quick\s+)?"
                rf"(?:break|pause)(?:\s+(?:{_EN_SOFT}|break|pause))*$"
                rf"|{_EN_LEAD}give\s+me\s+a\s+(?:minute|moment|sec|second|break)(?:\s+{_EN_SOFT})*$",
                _F,
            ),
        ),
        (
            "stop",
            re.compile(
                rf"{_EN_LEAD}we'?re\s+done\s+(?:here|now)(?:\s+{_EN_SOFT})*$"
                rf"|{_EN_LEAD}(?:end|stop)\s+(?:it|this|the\s+interview|the\s+conversation)(?:\s+{_EN_SOFT})*$",
                _F,
            ),
        ),
        (
            "wrap_up",
            re.compile(
                rf"{_EN_LEAD}(?:(?:it'?s\s+)?time\s+to\s+|(?:can|could)\s+you\s+|just\s+)?wrap\s+(?:it\s+|this\s+|things\s+)?up"
                rf"(?:\s+{_EN_SOFT})*$|{_EN_LEAD}i'?m\s+(?:done|finished)\s+after\s+(?:this|that)(?:\s+(?:one|question))?$"
                rf"|{_EN_LEAD}(?:this|that)(?:\s+is|'s)\s+my\s+(?:last|final)\s+answer(?:\s+{_EN_SOFT})*$"
                rf"|{_EN_LEAD}finish\s+(?:it\s+|this\s+)?up(?:\s+{_EN_SOFT})*$",
                _F,
            ),
        ),
    ),
}


def short_request(low: str, language: str) -> ShortKind | None:
    """ "efkes pauze alstublieft" → "pause", "wrap it up" → "wrap_up", "mag het stoppen" → "stop"; else None."""
    for kind, rx in _SHORT[language]:
        if rx.search(low.strip()):
            return kind
    return None
