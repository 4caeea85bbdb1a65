"""How the leaver's answer to the closing summary is read: a confirmation, a bare "no", what they reject, what
they say was left out.

The product promises the leaver control over the record (docs/interviewing.md, "The summary"): a correction
changes the summary and the changed summary is read back and asked about again; the interview closes after a
yes, or after a second correction has been applied and read back ("Ik noteer het zo: ..."). This module only
reads; ``request_moves.py`` acts on it. Django-free; never raises.
"""

from __future__ import annotations

import re

from spiegel.language.cues import analyse_answer

from .summary_words import key
from .withdrawals import in_your_words
from .wording import words

_F = re.IGNORECASE

#: The words a confirmation is made of ("ja, zo klopt het", "no, that's fine", "nothing to add, thanks").
_CONFIRM_WORDS = {
    "nl": frozenset(
        re.findall(
            r"\S+",
            "ja jazeker jawel jep klopt klopte dat het zo is helemaal prima goed oké oke ok okay precies correct juist "
            "inderdaad zeker perfect nee neen nope niets niks dank je wel bedankt hoor verder geen aanvulling "
            "aanvullingen toe te voegen op zich mooi akkoord goedgekeurd dan mag blijven staan",
        )
    ),
    "en": frozenset(
        re.findall(
            r"\S+",
            "yes yeah yep yup right correct exactly that's that is it sounds looks good fine ok okay perfect no nope "
            "nothing else thanks thank you all changes to add spot on sure about much pretty well absolutely "
            "indeed i think so",
        )
    ),
}
#: A plain "no" to "is that right?": the leaver says it is not.
_BARE_NO = re.compile(r"^\s*(?:nee|neen|nope|no|not\s+really|niet\s+echt|niet\s+helemaal|not\s+quite)\s*[.!]*\s*$", _F)
#: Words that say the summary is right, so that "nee" beside them is "nothing to change" ("nee, het klopt").
_RIGHT = re.compile(r"\b(?:klopt|goed|prima|fine|right|correct|good|ok|okay|niets|niks|nothing)\b", _F)
_NOT_RIGHT = re.compile(r"\b(?:niet|not|n't)\b", _F)


def confirms(text: str, language: str) -> bool:
    """The leaver agrees with the summary: a short answer of confirming words only, without "niet"/"not"."""
    found = words(text)
    allowed = _CONFIRM_WORDS["en" if language == "en" else "nl"]
    return 0 < len(found) <= 8 and all(w in allowed for w in found) and not _NOT_RIGHT.search(text)


#: A "yes" that goes on to say the summary back ("Yes, that summary is good, the workload was the main thing").
_YES_FIRST = re.compile(
    r"^\s*(?:ja|jazeker|jawel|klopt|dat\s+klopt|het\s+klopt|precies|helemaal|yes|yeah|yep|correct|exactly"
    r"|that'?s\s+(?:right|correct)|spot\s+on)\b",
    _F,
)
_BUT = re.compile(r"\b(?:maar|alleen|behalve|wel\s+nog|but|though|except|only|although)\b", _F)


def agrees(text: str) -> bool:
    """ "Ja, dat klopt, de werkdruk was het belangrijkste": a yes, with nothing after a "maar"/"but"."""
    return bool(_YES_FIRST.search(text)) and not _BUT.search(text) and not _NOT_RIGHT.search(text)


def bare_no(text: str) -> bool:
    """ "Nee.", "Not quite." without anything that says what: the summary is not right."""
    return bool(_BARE_NO.match(text)) and not _RIGHT.search(text)


#: "niet het belangrijkste", "not the main thing": a point put lower, not taken out.
_NOT_MAIN = (
    r"(?!\s*(?:main|real|biggest|most|first|only|primary|key|belangrijkste|grootste|echte|voornaamste|enige|eerste"
    r"|hoofd\w*)\b)"
)
# A clause that says a point was not it ("het ging niet om mijn persoonlijke situatie", "it was not my personal
# situation", "my personal situation had nothing to do with it"): said of the summary, so read more widely than
# ``summary_words.ruled_out`` reads the story.
_REJECT = {
    "nl": re.compile(
        r"\b(?:het|dat)\s+(?:ging|was|lag|speelde)\s+niet\b(?!\s+(?:vooral|het\s+belangrijkste|de\s+hoofdreden))"
        rf"|\bniet\s+(?:om\s+|vanwege\s+|door\s+)?(?:mijn|m'n|de|het|je)\b{_NOT_MAIN}"
        r"|\bniets\s+mee\s+te\s+maken\b|\bspeelde\s+(?:geen\s+rol|niet\s+mee)\b|\bgeen\s+(?:reden|rol|probleem)\b"
        r"|\bmag\s+(?:er\s*)?(?:uit|weg)\b|\bhoort\s+er\s+niet\s+(?:in|bij)\b|\bklopt\s+niet\b|\bniet\s+waar\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:it|that)\s*(?:'s|\s+is|\s+was)\s+not\b|\b(?:it|that)\s+(?:wasn'?t|isn'?t)\b"
        rf"|\bnot\s+(?:about\s+|because\s+of\s+)?(?:my|the|your)\b{_NOT_MAIN}|\bnothing\s+to\s+do\s+with\b"
        r"|\b(?:had|has|played)\s+no\s+(?:part|role)\b|\bdidn'?t\s+(?:matter|play\s+a\s+(?:part|role))\b"
        r"|\b(?:wasn'?t|isn'?t|was\s+not|is\s+not)\s+(?:a|the|my)\s+(?:reason|problem|issue|factor)\b"
        r"|\bdoesn'?t\s+belong\b|\bisn'?t\s+(?:true|right)\b",
        _F,
    ),
}
# Where a clause that rejects ends: "..., maar de teamleider", "..., it was the team leader".
_CLAUSE_BREAK = re.compile(
    r"[.!?;,]|\s(?:maar|but|het\s+ging\s+(?!niet)|it\s+was\s+(?!not)|it'?s\s+(?!not)|eerder|rather|instead)\s", _F
)


def rejecting_clauses(text: str, language: str) -> list[str]:
    """The clauses of ``text`` that say something was not it."""
    rule = _REJECT["en" if language == "en" else "nl"]
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c and c.strip() and rule.search(c)]


def point_named(point: str, clause: str) -> bool:
    """ "je persoonlijke situatie" in "mijn thuissituatie had er niets mee te maken": the point's head word, or a
    compound that ends on it, is in the clause."""
    bare = re.sub(r" \([^)]*\)$", "", point)
    head = key(bare).split()[-1:] if key(bare) else []
    if not head:
        return False
    said = words(clause)
    return any(w == head[0] or (len(head[0]) >= 5 and w.endswith(head[0])) for w in said)


# What the leaver says was left out: the object of "je bent ... vergeten", "you left out ...".
_LEFT_OUT = {
    "nl": re.compile(
        r"^(?:(?:maar|en|nee),?\s+)?(?:je\s+(?:bent|hebt)|u\s+(?:bent|heeft))\s+(?P<what>.+?)\s+"
        r"(?:vergeten|weggelaten|overgeslagen|niet\s+genoemd)\b"
        r"|^(?:(?:maar|en|nee),?\s+)?je\s+(?:vergeet|mist)\s+(?P<what2>.+)$",
        _F,
    ),
    "en": re.compile(
        r"^(?:(?:but|and|no),?\s+)?you\s+(?:have\s+|'ve\s+)?(?:left\s+out|forgot(?:ten)?(?:\s+about)?|missed|skipped"
        r"|didn'?t\s+(?:mention|include))\s+(?P<what>.+)$",
        _F,
    ),
}
_LEFT_OUT_HOW = {
    "nl": "wat je zei over {about}",
    "en": "what you said about {about}",
}
_LEFT_OUT_PLAIN = {"nl": "wat je net toevoegde", "en": "what you just added"}


def left_out(sentence: str, language: str) -> str | None:
    """ "Je bent de dood van mijn moeder vergeten" -> "de dood van mijn moeder"; None when none is named."""
    m = _LEFT_OUT["en" if language == "en" else "nl"].search(sentence.strip(" .!?"))
    if m is None:
        return None
    what = next((v for v in m.groupdict().values() if v), "")
    what = re.split(r"[,;:]|\s(?:en|maar|and|but|want|because|die|that|which)\s", what, maxsplit=1, flags=_F)[0]
    return what.strip(" .,!?") or None


def added_point(what: str | None, language: str) -> str:
    """How an addition the interviewer cannot label reads in the summary: "what you said about your mother's
    death", or modestly "what you just added"."""
    lang = "en" if language == "en" else "nl"
    spoken = in_your_words(what, lang) if what else None
    return _LEFT_OUT_HOW[lang].format(about=spoken) if spoken else _LEFT_OUT_PLAIN[lang]


def left_out_said_plainly(text: str, language: str) -> str | None:
    """The remark with the "you left out" words taken away ("my mother's death, that was the main thing"): what
    the leaver tells, read on its own (a "left out" said to the interviewer is no exclusion at work)."""
    lang = "en" if language == "en" else "nl"
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        what = left_out(sentence, lang)
        if what is not None:
            return text.replace(sentence.strip(" .!?"), what, 1)
    return None


#: Words that only stress what the leaver names ("op de eerste plaats", "first and foremost", "vooral").
_EMPHASIS = re.compile(
    r",?\s*\b(?:(?:op|in)\s+de\s+eerste\s+plaats|eerst\s+en\s+vooral|bovenal|boven\s+alles|voor\s+alles"
    r"|first\s+and\s+foremost|first\s+of\s+all|above\s+all(?:\s+else)?|more\s+than\s+anything(?:\s+else)?"
    r"|most\s+of\s+all|in\s+the\s+first\s+place)\b",
    _F,
)


def without_emphasis(text: str) -> str:
    """ "Nee, het is de nieuwe manager, op de eerste plaats." -> "Nee, het is de nieuwe manager." (what is stressed
    is the thing named, never "de eerste plaats")."""
    return _EMPHASIS.sub("", text)


def calm(phrase: str) -> str:
    """ "the MANAGER" -> "the manager": the leaver's stress is not shouted back (an abbreviation, "HR", stays)."""
    return re.sub(r"\b[A-Z][A-Z'’-]{3,}\b", lambda m: m.group(0).lower(), phrase)


#: "de werkdruk was niet het belangrijkste", "the workload was not the main thing": put lower, not taken out.
_DEMOTED = re.compile(
    r"\bnot\s+(?:really\s+)?(?:the\s+|my\s+)?(?:main|biggest|most\s+important|real|first)\b"
    r"|\bniet\s+(?:echt\s+)?(?:het\s+|de\s+)?(?:belangrijkste|grootste|voornaamste|hoofdreden|eerste)\b",
    _F,
)


def demoted(text: str, language: str) -> set[str]:
    """The themes the leaver says were not the main thing (and so stay in the summary, lower down)."""
    found: set[str] = set()
    for clause in re.split(r"[.!?;,]|\s(?:maar|but)\s", text, flags=_F):
        if _DEMOTED.search(clause):
            found |= {m.theme for m in analyse_answer(clause, language).mentions}
    return found


#: A request to take something out of the summary ("het slapen moet eruit", "take the stomach aches out"); never
#: a complaint that something was left out ("je hebt ... weggelaten", "you left out ...").
_REMOVE = {
    "nl": re.compile(
        r"\b(?:(?:moet|moeten|mag|mogen|kan|kunnen)\s+(?:\w+\s+){0,3}(?:eruit|weg|eraf|ertussenuit)"
        r"|haal\s+(?:\w+\s+){0,5}(?:eruit|weg|eraf)|laat\s+(?:\w+\s+){0,5}weg\b(?!ge)"
        r"|wil\s+ik\s+(?:er\s+)?niet\s+in|niet\s+in\s+de\s+samenvatting|schrap)",
        _F,
    ),
    "en": re.compile(
        r"\b(?:take\s+(?:\w+\s+){0,5}out|leave\s+(?:\w+\s+){0,5}out|remove|delete|strike"
        r"|(?:has|have|needs?|must|should)\s+(?:to\s+)?(?:go|come\s+out|be\s+removed|be\s+taken\s+out)"
        r"|(?:don'?t|do\s+not)\s+want\s+(?:\w+\s+){0,5}in\s+(?:it|there|the\s+summary)"
        r"|not\s+in\s+the\s+summary)",
        _F,
    ),
}


def asks_removal(text: str, language: str) -> bool:
    """The leaver asks to take something out of the summary."""
    return bool(_REMOVE["en" if language == "en" else "nl"].search(text))
