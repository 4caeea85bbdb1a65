"""Reading the leaver's explicit requests about the conversation itself, in Dutch and English.

A request is not an answer to the question asked (docs/interviewing.md, "What kind of turn is this?"):

- *stop* — the leaver wants to end the interview at once ("ik wil niet meer", "I want to end it", ``/quit``);
- *wrap_up* — the leaver wants to come to the end, not to break off ("kunnen we afronden?", "I'm nearly
  done"): the closing summary comes next, then the close;
- *skip* — stop this topic, not the interview ("ik wil stoppen met dit onderwerp", "kunnen we verder?");
- *unsure* — a bare "stop" or "genoeg": the interviewer asks once which of the two is meant;
- *pause* — stop for now and continue later;
- *talk_about* — "ik wil het hebben over X", "what I really want to say is about X": the next question is
  about X (``about`` holds the leaver's words for it);
- *not_said* — "dat heb ik niet gezegd", "I never mentioned my manager": a correction of the interviewer,
  never a refusal.

And, at the closing summary, a remark on it (:func:`summary_remark`): something is *missing*, or a point
was *fine* after all. Rules over short patterns, one sentence at a time; talk about stopping something
else ("I wanted to stop working nights") is no request. Django-free; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .request_forms import short_request, to_the_end, unframed

RequestKind = Literal["stop", "wrap_up", "skip", "unsure", "pause", "talk_about", "not_said"]
RemarkKind = Literal["missing", "fine"]


@dataclass(frozen=True)
class Request:
    """An explicit request of the leaver; ``about`` is what they want to talk about, in their words (for
    *not_said*, the sentence that says what was not said)."""

    kind: RequestKind
    about: str | None = None


@dataclass(frozen=True)
class SummaryRemark:
    """A remark on the closing summary. For *missing*, ``sentence`` says so and ``rest`` is what the leaver
    said along with it (may be empty); for *fine*, ``sentence`` is what was fine ("de werkdruk")."""

    kind: RemarkKind
    sentence: str
    rest: str = ""
    # with *missing*: what the leaver called fine in the same turn ("de sfeer was prima, en je mist ...")
    fine: str = ""


_SENTENCE = re.compile(r"[^.!?;:]+")
_REQUEST_SENTENCE = re.compile(r"[^.!?;]+")  # a colon stays inside: "toen zei ik: ik wil stoppen" is told
_F = re.IGNORECASE

# The words of a stop request around its verb, by what they point at.
_TOPIC_REF = {
    "nl": re.compile(
        r"\b(?:dit|dat|het|deze)\s+(?:onderwerp|thema|stuk|deel|vraag)\b|\bdeze\s+vraag\b|\bhierover\b|\bdaarover\b"
        r"|\bover\s+(?:dit|dat|deze)\b|\bvolgende\s+(?:vraag|onderwerp)\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:this|that|the)\s+(?:topic|subject|question|part|bit|one)\b|\babout\s+(?:this|that|it)\b"
        r"|\bnext\s+(?:question|topic)\b",
        _F,
    ),
}
_UNSURE_REF = {
    "nl": re.compile(r"\b(?:hiermee|daarmee)\b", _F),
    "en": re.compile(r"\bwith\s+(?:this|that|it)\b", _F),
}
_PAUSE_REF = {
    "nl": re.compile(r"\b(?:even|efkes|effe|eventjes|pauze|later|straks|morgen|andere\s+keer)\b", _F),
    "en": re.compile(r"\b(?:a\s+(?:moment|minute|bit|break|second)|break|later|tomorrow|another\s+time)\b", _F),
}


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that may stand around the verb of a stop request without changing it (else it is about something else).
_ALLOWED = {
    "nl": _word_set(
        "graag nu liever eigenlijk echt gewoon hier het gesprek interview dit ermee maar alsjeblieft aub "
        "willen wel zo nou dan met sorry oké ok ook even pauze later straks morgen andere keer hiermee "
        "daarmee deze onderwerp vraag thema stuk deel hierover daarover over volgende alvast helemaal ik wil "
        "we dat exitgesprek vandaag voor mij meteen direct onmiddellijk stilaan stilletjesaan langzaamaan kort "
        "alstublieft hoor zeker ge u efkes effe eventjes gij "
    ),
    "en": _word_set(
        "now here please then thanks thank you for today it this the interview conversation chat session exit "
        "things right away altogether already really just actually if that's ok okay possible a moment minute "
        "bit break second later tomorrow another time with that topic subject question part one about next "
        "talking all of whole here i think at immediately once up "
    ),
}
_WORD = re.compile(r"[\w'’]+")

_WANT = {
    "nl": (
        r"(?:ik\s+wil|ik\s+zou|kunnen\s+we|zullen\s+we|kun\s+je|kan\s+ik|mogen\s+we|mag\s+ik|laten\s+we|ik\s+ga"
        r"|gaan\s+we|moogt\s+ge|ge\s+moogt|mag\s+je|je\s+mag|mag\s+u|kunt\s+ge|kunt\s+u)"
    ),
    "en": (
        r"(?:i\s+(?:really\s+|just\s+)?(?:want|wanna|need)\s+to|i(?:'d|’d|\s+would)\s+(?:really\s+|just\s+)?"
        r"(?:like|prefer|rather|love)(?:\s+to)?|(?:can|could|may|shall)\s+(?:we|i)|let'?s|let\s+us|i'?m\s+going\s+to)"
    ),
}
_STOP_VERB = {
    "nl": (
        r"(?:stoppen|ophouden|afronden|afsluiten|beëindigen|beeindigen|eindigen|(?:hier|daar)bij\s+laten"
        r"|(?:er\s+)?mee\s+stoppen)"
    ),
    "en": (
        r"(?:stop|end|finish|quit|wrap\s+(?:it\s+|this\s+|things\s+)?up|call\s+it\s+a\s+day"
        r"|leave\s+it\s+(?:here|there))"
    ),
}
_STOP_RX = {
    lang: re.compile(
        rf"\b{_WANT[lang]}\b(?P<mid>(?:\s+[\w'’-]+){{0,6}}?)\s+(?P<verb>{_STOP_VERB[lang]})\b(?P<tail>.*)$", _F
    )
    for lang in ("nl", "en")
}
# A whole sentence that is a stop request by itself.
_STOP_WHOLE = {
    "nl": re.compile(
        r"^(?:sorry,?\s+)?(?:maar\s+)?(?:ik\s+wil\s+niet\s+meer(?:\s+verder)?(?:\s+praten)?|ik\s+stop\s+ermee"
        r"|ik\s+heb\s+(?:wel\s+)?genoeg\s+(?:gezegd|verteld)|(?:dat\s+is|zo\s+is\s+het)\s+genoeg(?:\s+voor\s+(?:mij|vandaag))?"
        r"|genoeg\s+zo|voor\s+mij\s+hoeft\s+het\s+niet\s+meer|ik\s+wil\s+het\s+gesprek\s+\w+)$",
        _F,
    ),
    "en": re.compile(
        r"^(?:sorry,?\s+)?(?:honestly,?\s+)?(?:that'?s|that\s+is)\s+enough(?:\s+for\s+(?:me|today|now))?$"
        r"|^i(?:'ve|\s+have)\s+said\s+enough$|^i\s+don'?t\s+want\s+to\s+(?:go\s+on|continue|carry\s+on)"
        r"(?:\s+with\s+(?:this|the)\s+(?:interview|conversation))?(?:\s+any\s*more)?$|^no\s+more\s+questions(?:\s+please)?$",
        _F,
    ),
}
# Stop for now and continue later ("kunnen we even pauzeren?", "can we continue later?").
_PAUSE_VERB = {
    "nl": (
        r"(?:pauzeren|(?:een\s+)?pauze\s+(?:nemen|houden)|later\s+verder(?:gaan|praten)?"
        r"|(?:een\s+)?andere\s+keer\s+verder)"
    ),
    "en": (
        r"(?:pause|take\s+a\s+break|have\s+a\s+break|continue\s+(?:this\s+|it\s+)?later|carry\s+on\s+later"
        r"|finish\s+(?:this|it)\s+later|come\s+back\s+(?:to\s+(?:this|it)\s+)?later)"
    ),
}
_PAUSE_RX = {
    lang: re.compile(rf"\b{_WANT[lang]}\b(?:\s+[\w'’-]+){{0,6}}?\s+{_PAUSE_VERB[lang]}\b", _F) for lang in ("nl", "en")
}
_UNSURE_WHOLE = {
    "nl": re.compile(r"^(?:stop|stoppen|stop\s+maar|genoeg|ik\s+ben\s+klaar|klaar)$", _F),
    "en": re.compile(r"^(?:stop|enough|i'?m\s+done|done|stop\s+please|please\s+stop)$", _F),
}
_COMMANDS: dict[str, RequestKind] = {"/quit": "stop", "/stop": "stop", "/stoppen": "stop", "/skip": "skip"}
_PRECEDENCE: tuple[RequestKind, ...] = ("stop", "wrap_up", "pause", "skip", "unsure")
# Verbs of coming to an end rather than breaking off: "afronden" asks for the summary first.
_WRAP_VERB = re.compile(r"^(?:afronden|afsluiten|finish|wrap\b.*)$", _F)
# ... unless the leaver says it is to be at once ("nu meteen afronden", "finish right now").
_AT_ONCE = re.compile(r"\b(?:meteen|direct|onmiddellijk|right\s+(?:now|away)|immediately|at\s+once)\b", _F)
_WRAP_WHOLE = {
    "nl": re.compile(
        r"^(?:ik\s+ben\s+(?:zo\s+goed\s+als\s+|bijna\s+|wel\s+zo'?n\s+beetje\s+)klaar"
        r"|(?:we\s+zijn|ik\s+ben)\s+er\s+(?:wel\s+)?bijna)$"
        r"|\b(?:laten\s+we|kunnen\s+we|ik\s+wil)\s+(?:het\s+)?(?:graag\s+|wel\s+|maar\s+)*kort\s+houden\b",
        _F,
    ),
    "en": re.compile(
        r"^i'?m\s+(?:nearly|almost|just\s+about|about)\s+(?:done|finished|through)$"
        r"|\b(?:let'?s|can\s+we|could\s+we|i'?d\s+like\s+to)\s+(?:please\s+)?keep\s+(?:it|this)\s+short\b"
        r"|^(?:can|could|shall)\s+we\s+(?:start\s+to\s+|begin\s+to\s+)?(?:round|wind)\s+(?:it\s+|this\s+|things\s+)?"
        r"(?:off|up|down)(?:\s+now|\s+please)*$",
        _F,
    ),
}
# "Kunnen we verder?", "can we move on?": on to the next topic.
_SKIP_WHOLE = {
    "nl": re.compile(
        r"^(?:(?:kunnen|zullen|mogen)\s+we|laten\s+we)\s+(?:nu\s+|even\s+|maar\s+|alsjeblieft\s+|graag\s+)*"
        r"(?:verder(?:gaan|\s+gaan)?|door(?:gaan|\s+gaan)?)(?:\s+naar\s+(?:de\s+volgende|iets\s+anders)"
        r"(?:\s+vraag|\s+onderwerp)?)?(?:\s+alsjeblieft|\s+graag)?$"
        r"|^(?:door\s+naar\s+)?de\s+volgende\s+(?:vraag|graag)(?:\s+graag|\s+alsjeblieft)?$",
        _F,
    ),
    "en": re.compile(
        r"^(?:(?:can|could|shall)\s+we|let'?s)\s+(?:please\s+|just\s+)?(?:move\s+on|go\s+on|carry\s+on|skip\s+ahead)"
        r"(?:\s+to\s+(?:the\s+next\s+(?:one|question|topic)|something\s+else))?(?:\s+now|\s+please)*$"
        r"|^(?:next\s+question|next\s+one)(?:\s+please)?$",
        _F,
    ),
}

_TALK = {
    "nl": re.compile(
        r"\b(?:(?:ik\s+wil|ik\s+zou|kunnen\s+we|laten\s+we|mogen\s+we|kan\s+ik|mag\s+ik)"
        r"(?:\s+(?:het|ook|graag|eigenlijk|liever|nog|juist|vooral|echt|even|wel|nu|willen))*\s+"
        r"(?:(?:het\s+)?(?:hebben|praten|vertellen|iets\s+(?:kwijt|zeggen|vertellen))"
        r"\s+over|het\s+(?:graag\s+|eigenlijk\s+|even\s+|nog\s+|juist\s+|ook\s+)*over)"
        r"|wat\s+ik\s+(?:eigenlijk\s+|echt\s+|vooral\s+)*(?:kwijt\s+wil|wil\s+(?:zeggen|vertellen|kwijt))\s*,?\s+"
        r"(?:gaat\s+over|is|heeft\s+te\s+maken\s+met))\s+(?P<about>[^,.;!?]+)",
        _F,
    ),
    "en": re.compile(
        r"\b(?:(?:i\s+(?:really\s+|actually\s+|just\s+|do\s+)?(?:want|wanna|need)\s+to|i(?:'d|’d|\s+would)"
        r"(?:\s+(?:really|actually|rather))*(?:\s+like\s+to)?|(?:can|could|may)\s+(?:we|i)|let'?s)(?:\s+(?:please|"
        r"actually|just|also|now|rather))*\s+(?:talk|speak|say\s+something|tell\s+you\s+something)\s+about"
        r"|what\s+i\s+(?:really\s+|actually\s+)*want\s+to\s+(?:say|talk\s+about|tell\s+you)(?:\s+is)?(?:\s+about)?)"
        r"\s+(?P<about>[^,.;!?]+)",
        _F,
    ),
}
# More ways to ask for a matter: "mag ik nog iets over X zeggen?", "ik wil terug naar X", "can I go back to X".
_TALK_MORE = {
    "nl": re.compile(
        r"\b(?:mag|kan)\s+ik\s+(?:nog\s+|ook\s+|even\s+|graag\s+)*iets\s+over\s+(?P<about>[^,.;!?]+?)\s+"
        r"(?:zeggen|kwijt|vertellen)\b"
        # "terugkomen op X" is about the conversation; "terug naar X" only asked, or "even" ("ik wil terug naar
        # mijn oude afdeling" is told)
        r"|\b(?:ik\s+wil|ik\s+zou|kunnen\s+we|mogen\s+we|laten\s+we|zullen\s+we|kan\s+ik|mag\s+ik)"
        r"(?:\s+(?:graag|nog|even|eerst|nu|wel|willen))*\s+(?:terugkomen\s+op|het\s+nog\s+(?:even\s+)?over)"
        r"\s+(?P<back>[^,.;!?]+)"
        r"|(?:\b(?:kunnen\s+we|mogen\s+we|zullen\s+we|kan\s+ik|mag\s+ik)(?:\s+(?:nog|even|eerst|nu|wel))*"
        r"|\b(?:ik\s+wil|laten\s+we)(?:\s+nog)?\s+even)\s+terug(?:gaan)?\s+naar\s+(?P<to>[^,.;!?]+)"
        r"|\b(?:kunnen\s+we|mogen\s+we|zullen\s+we|kan\s+ik|mag\s+ik)(?:\s+(?:nog|ook|even|eerst|nu|wel))*\s+"
        r"(?P<topic>(?:de|het|mijn|onze|ons)\s+[^,.;!?]+?)\s+(?:bespreken|aankaarten|ter\s+sprake\s+brengen)\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:(?:can|could|may|shall)\s+(?:we|i)|let'?s)(?:\s+(?:please|just|also|now))*\s+(?:go|get|come)\s+back\s+to"
        r"\s+(?P<back>[^,.;!?]+)"
        r"|\b(?:i(?:'d|’d|\s+would)\s+(?:like|love)\s+to|i\s+(?:want|need)\s+to)(?:\s+(?:just|also))*\s+come\s+back"
        r"\s+to\s+(?P<to>[^,.;!?]+)"
        r"|\b(?:(?:can|could|may|shall)\s+(?:we|i)|let'?s)(?:\s+(?:please|just|also|now|quickly|briefly))*\s+"
        r"(?:discuss|bring\s+up|raise)\s+(?P<topic>(?:the|my|our|how|what)\b[^,.;!?]+)",
        _F,
    ),
}
# Words at the end of the matter that belong to the request, not to the matter ("the leave policy now").
_ABOUT_TAIL = {
    "nl": re.compile(r"(?:\s+(?:nu|even|eerst|ook|nog|graag|alsjeblieft|hebben|praten|zeggen))+$", _F),
    "en": re.compile(
        r"(?:\s+(?:now|first|again|too|as\s+well|for\s+a\s+(?:moment|bit|minute|second)|like\s+i\s+said))+$", _F
    ),
}
# The end of what the leaver wants to talk about: the next clause.
_ABOUT_END = {
    "nl": re.compile(r"\s+(?:hebben|praten|want|omdat|die|dat\s+is|en\s+(?:niet|hoe)|,)\b.*$", _F),
    "en": re.compile(
        r"\s+(?:because|since|who|which|he'?s|she'?s|they'?re|that'?s|instead|after\s+all|please)\b.*$", _F
    ),
}

_NOT_SAID = {
    "nl": re.compile(
        r"\b(?:dat|dit|het)\s+heb\s+ik\s+(?:helemaal\s+|toch\s+|echt\s+)*(?:niet|nooit)\s+(?:gezegd|genoemd|beweerd|verteld)\b"
        r"|\bheb\s+ik\s+(?:het\s+)?(?:helemaal\s+|toch\s+)*(?:niet|nooit)\s+(?:gezegd|genoemd|over\s+gehad|gehad|"
        r"over\s+gesproken)\b|\bik\s+heb\s+(?:het\s+)?(?:helemaal\s+|toch\s+)*(?:niet|nooit|niks|niets)\s+(?:over\s+"
        r"[\w\s'’-]{1,40}\s+)?(?:gezegd|genoemd|gehad)\b|\bwaar\s+heb\s+ik\s+dat\s+(?:gezegd|genoemd)\b"
        r"|^(?:nee,?\s+)?(?:dat|dit|zo)\s+(?:zei|bedoelde)\s+ik\s+(?:helemaal\s+|toch\s+|echt\s+)*niet\b"
        r"|\b(?:dat|dit)\s+is\s+(?:helemaal\s+|toch\s+)*niet\s+wat\s+ik\s+(?:zei|bedoelde|gezegd\s+heb|zeg)\b"
        r"|\bzo\s+heb\s+ik\s+(?:het|dat)\s+(?:helemaal\s+|toch\s+)*niet\s+gezegd\b",
        _F,
    ),
    "en": re.compile(
        r"\bi\s+(?:never|didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:even\s+|actually\s+)?(?:say|said|mention|mentioned|"
        r"talk\s+about|talked\s+about|bring\s+up|brought\s+up|raise|raised)\b(?P<tail>.*)$"
        r"|\bwhere\s+did\s+i\s+(?:say|mention)\s+that\b|\bi\s+said\s+no\s+such\s+thing\b"
        r"|\b(?:that'?s|that\s+is|this\s+is|that\s+was)\s+not\s+(?:what|quite\s+what|at\s+all\s+what)\s+i\s+"
        r"(?:said|meant|say|mean)\b|\bthat'?s\s+not\s+how\s+i\s+(?:said|put)\s+it\b",
        _F,
    ),
}
# A denial is about what the interviewer said, not a story of what the leaver never told someone.
_STORY_WORDS = re.compile(r"\b(?:to|with|because|when|tegen|aan|bij|omdat|toen|want)\b", _F)
# ... nor what they kept to themselves: "ik heb niet gezegd waarom", "I didn't say how tired I was" (but "what
# you wrote down" is about the interviewer's words again).
_UNSAID_CLAUSE = re.compile(
    r"^\s*(?:waarom|wat|hoe|hoeveel|wanneer|waar|wie|of|why|what|how|when|where|who|whether|if)\b"
    r"(?!\s+(?:je|jij|u|you)\b)",
    _F,
)

_MISSING = {
    "nl": re.compile(
        r"\b(?:vergeten|vergat|vergeet|gemist|mis\s+je|mist|ontbreekt|ontbreken|ontbrak|ontbraken|weggelaten|overgeslagen|niet\s+(?:genoemd|"
        r"meegenomen)|staat\s+er\s+niet\s+(?:bij|in))\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:left\s+out|leave\s+out|leaving\s+out|missed|missing|miss|forgot|forgotten|skipped|not\s+in\s+there|"
        r"didn'?t\s+(?:mention|include))\b",
        _F,
    ),
}
_FINE = {
    "nl": re.compile(
        r"\b(?:was|waren|is|zijn|ging|gingen|viel|vielen)\s+(?:eigenlijk\s+|trouwens\s+|juist\s+|gewoon\s+|wel\s+|"
        r"best\s+|echt\s+|helemaal\s+|prima\s+)*(?:prima|goed|in\s+orde|oké|ok|fijn|mee|geen\s+probleem)\b"
        r"|\bniet\s+(?:het\s+)?(?:probleem|de\s+reden)\b|\bhad\s+er\s+niets\s+mee\s+te\s+maken\b",
        _F,
    ),
    "en": re.compile(
        r"\b(?:was|were|is|are)\s+(?:actually\s+|really\s+|totally\s+|pretty\s+|quite\s+|honestly\s+|perfectly\s+)*"
        r"(?:fine|ok|okay|good|great|alright|all\s+right)\b|\b(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+(?:really\s+)?"
        r"(?:a|an|the|my)\s+(?:problem|issue|reason)\b|\bhad\s+nothing\s+to\s+do\s+with\s+it\b",
        _F,
    ),
}


def _sentences(text: str, splitter: re.Pattern[str] = _SENTENCE) -> list[str]:
    return [p.strip(" ,-–—'\"“”") for p in splitter.findall(text) if p.strip(" ,-–—'\"“”")]


def _clauses(sentence: str) -> list[str]:
    """The sentence and its comma parts ("Sorry, I want to stop" → also "I want to stop")."""
    parts = [p.strip() for p in sentence.split(",") if p.strip()]
    return [sentence, *parts] if len(parts) > 1 else [sentence]


def _words_ok(words: str, language: str) -> bool:
    """Only words that may stand around a stop request's verb ("nu", "the interview", "with this")."""
    return all(w.lower().strip("'’") in _ALLOWED[language] for w in _WORD.findall(words))


def _stop_kind(around: str, verb: str, language: str) -> RequestKind | None:
    """What a stop request points at, from the words around its verb; None when it is about something else."""
    if not _words_ok(around, language):
        return None  # "stoppen met de nachtdiensten", "finish my degree": another matter
    if _TOPIC_REF[language].search(around):
        return "skip"
    if _PAUSE_REF[language].search(around):
        return "pause"
    if _UNSURE_REF[language].search(around):
        return "unsure"
    if verb.lower() == "quit" and not re.search(r"interview|conversation|chat|session", around, _F):
        return None  # quitting, in an exit interview, is the job
    return "stop"


def _stop_in(clause: str, language: str) -> RequestKind | None:
    low = unframed(clause.lower().strip(), language)
    short = short_request(low, language)
    if short is not None:
        return short
    if _PAUSE_RX[language].search(low):
        return "pause"
    if _STOP_WHOLE[language].search(low):
        return "stop"
    if _WRAP_WHOLE[language].search(low) or to_the_end(low, language):
        return "wrap_up"
    if _SKIP_WHOLE[language].search(low):
        return "skip"
    if _UNSURE_WHOLE[language].search(low):
        return "unsure"
    m = _STOP_RX[language].search(low)
    if m is None:
        return None
    before = low[: m.start()]
    if before and not _words_ok(before, language):
        return None  # "toen ik zei dat ik wilde stoppen ...": told, not asked
    around = f"{m.group('mid')} {m.group('tail')}"
    kind = _stop_kind(around, m.group("verb"), language)
    if kind == "stop" and _WRAP_VERB.match(m.group("verb")) and not _AT_ONCE.search(around):
        return "wrap_up"  # "kunnen we afronden?": the summary first, then the close
    return kind


def _talk_about(text: str, language: str) -> str | None:
    m = _TALK[language].search(text) or _TALK_MORE[language].search(text)
    if m is None:
        return None
    found = m.groupdict()
    words = found.get("about") or found.get("back") or found.get("to") or found.get("topic") or ""
    about = _ABOUT_END[language].sub("", words.strip()).strip()
    about = _ABOUT_TAIL[language].sub("", about).strip()
    words = about.split()
    if not words or (len(words) == 1 and words[0].lower() in ("it", "that", "this", "dit", "dat", "het")):
        return None  # "I want to talk about it": about what was just said, no new matter
    return about


def read_request(text: str, language: str) -> Request | None:
    """The leaver's explicit request in ``text``, or None when the turn is no request."""
    language = language if language in ("nl", "en") else "nl"
    command = text.strip().lower()
    if command in _COMMANDS:
        return Request(_COMMANDS[command])
    about = _talk_about(text, language)
    if about is not None:
        return Request("talk_about", about)
    sentences = _sentences(text, _REQUEST_SENTENCE)
    for sentence in sentences:
        m = _NOT_SAID[language].search(sentence)
        if m is None or len(sentence.split()) > 12 or _STORY_WORDS.search(sentence[m.start() :]):
            continue
        end = m.start("tail") if m.groupdict().get("tail") is not None else m.end()
        if not _UNSAID_CLAUSE.match(sentence[end:]):
            return Request("not_said", sentence)
    found: list[RequestKind] = []
    for sentence in sentences:
        for clause in _clauses(sentence):
            kind = _stop_in(clause, language)
            if kind is not None:
                found.append(kind)
                break
    for kind in _PRECEDENCE:
        if kind in found:
            return Request(kind)
    return None


_CHOICE = {
    "nl": (
        re.compile(r"\b(?:onderwerp|overslaan|alleen|volgende|verder\s+gaan|doorgaan)\b", _F),
        re.compile(r"\b(?:afronden|stoppen|gesprek|interview|helemaal|alles|klaar|afsluiten|eindigen)\b", _F),
    ),
    "en": (
        re.compile(r"\b(?:topic|skip|only|just\s+this|next|carry\s+on|go\s+on|continue)\b", _F),
        re.compile(r"\b(?:end|finish|stop|conversation|interview|whole|everything|all\s+of\s+it|done|wrap)\b", _F),
    ),
}


def stop_choice(text: str, language: str) -> Literal["stop", "skip"] | None:
    """The answer to "end the conversation, or only skip this topic?": which of the two, or None."""
    language = language if language in ("nl", "en") else "nl"
    skip_rx, stop_rx = _CHOICE[language]
    skip, stop = skip_rx.search(text) is not None, stop_rx.search(text) is not None
    if skip and not (stop and re.search(r"\b(?:hele|whole|everything|alles)\b", text, _F)):
        return "skip"
    if stop:
        return "stop"
    return None


_NOT_MISSING = {
    "nl": re.compile(r"\b(?:niets|niks)\b|\bniet\s+(?:vergeten|gemist|weggelaten)\b", _F),
    "en": re.compile(
        r"\bnothing\b|\b(?:didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:miss|forget|leave\s+(?:anything\s+)?out)"
        r"|\bnot\s+missing\b|\b(?:miss(?:ed)?|forg[eo]t(?:ten)?|left\s+out)\s+anything\b",
        _F,
    ),
}
# What stands before "was fine" in its clause is what was fine ("ja, de werkdruk viel wel mee").
_CLAUSE_START = re.compile(r".*(?:,|\b(?:maar|en|want|but|and|though)\b)", _F)
# ... unless that is the summary itself or a pronoun ("dat is goed zo", "the summary is fine").
_NO_SUBJECT = re.compile(
    r"^(?:ja\s+|yes\s+)?(?:dat|dit|het|alles|de\s+samenvatting|die\s+samenvatting|that|this|it|everything|all\s+of\s+it"
    r"|the\s+summary|that\s+summary|your\s+summary)$",
    _F,
)


def summary_remark(text: str, language: str) -> SummaryRemark | None:
    """A remark on the closing summary: something is missing, or a point was fine after all; else None."""
    language = language if language in ("nl", "en") else "nl"
    sentences = _sentences(text)
    fine = _fine_subject(sentences, language)
    for index, sentence in enumerate(sentences):
        for clause in _clauses_of(sentence):
            if _MISSING[language].search(clause) and not _NOT_MISSING[language].search(clause):
                rest = " ".join(sentences[index + 1 :])
                return SummaryRemark("missing", clause, rest, fine or "")
    return SummaryRemark("fine", fine) if fine else None


def _clauses_of(sentence: str) -> list[str]:
    """The clauses of a sentence, split at commas and "en"/"maar"/"and"/"but"."""
    parts = re.split(r",|\s(?:en|maar|and|but)\s", sentence, flags=_F)
    return [p.strip() for p in parts if p.strip()]


def _fine_subject(sentences: list[str], language: str) -> str | None:
    """What the leaver calls fine after all: what stands before "was fine" in its clause."""
    for sentence in sentences:
        for m in _FINE[language].finditer(sentence):
            subject = _CLAUSE_START.sub("", sentence[: m.start()]).strip()
            if subject and not _NO_SUBJECT.match(subject):
                return subject
    return None


_GENERIC = frozenset(
    [
        "het",
        "de",
        "the",
        "a",
        "an",
        "belangrijkste",
        "grootste",
        "echte",
        "main",
        "biggest",
        "most",
        "important",
        "real",
        "thing",
        "ding",
        "punt",
        "point",
        "part",
        "deel",
        "stuk",
        "iets",
        "something",
        "wat",
        "what",
        "one",
    ]
)


def names_nothing(phrase: str) -> bool:
    """ "het belangrijkste", "the main thing": a phrase that names no matter of its own."""
    return all(w.lower() in _GENERIC for w in _WORD.findall(phrase))
