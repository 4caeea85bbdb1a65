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

A request that names a person or matter ("kun je dat over Koen er weer uithalen?", "take out what I said about
my wife's illness") takes out every earlier answer about it, however long ago, and whatever still carries its
words (threads, notes, quotes, the main reason's words, summary points) is forgotten.
Django-free; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spiegel.language.cues import analyse_answer

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


# Taking out earlier words named by what they were about: "kun je dat over Koen er weer uithalen?", "schrap wat
# ik over mijn broer zei", "take out what I said about my wife's illness", "leave out the part about ...". The
# sentence must ask it (an imperative, "kun je", "mag weg", "please") and point at the leaver's words about it.
_ASK_OUT = {
    "nl": re.compile(
        r"^(?:nee,?\s+|sorry,?\s+|wacht,?\s+)*(?:haal|schrap|laat|verwijder|wis)\b"
        r"|\b(?:kun|kan|wil|mag|zou)\s+je\b.*\b(?:uithalen|uit\s+halen|eruit\s+halen|weghalen|weg\s+halen|schrappen"
        r"|weglaten|weg\s+laten|verwijderen|wissen|niet\s+(?:gebruiken|delen|opschrijven|noteren|meenemen))\b"
        r"|\bmag\s+(?:je\s+)?(?:[\w'’-]+\s+){0,5}?(?:weg|eruit|weglaten|schrappen|verwijderen)\b"
        r"|\bhoeft\s+er\s+(?:\w+\s+)?niet\s+(?:in|bij)\b|\bwil\s+ik\s+(?:\w+\s+)?niet\s+(?:erin|gedeeld|gebruikt)\b",
        _F,
    ),
    "en": re.compile(
        r"^(?:no,?\s+|sorry,?\s+|wait,?\s+|actually,?\s+)*(?:please\s+)?(?:just\s+)?(?:take|leave|cut|keep|remove"
        r"|delete|strike|scratch|drop|forget|erase|don'?t\s+(?:use|include|share|keep))\b"
        r"|\b(?:can|could|would|will)\s+you\b.*\b(?:take|leave|cut|keep)\b.*\bout\b"
        r"|\b(?:can|could|would|will)\s+you\b.*\b(?:remove|delete|strike|scratch|drop|erase|forget)\b"
        r"|\bi(?:'d|\s+would)\s+(?:like|rather)\s+(?:you\s+)?(?:to\s+)?(?:take|leave|remove|delete)\b",
        _F,
    ),
}
_ABOUT_WORDS = {
    "nl": re.compile(
        r"\b(?:dat|dit|het|alles|wat\s+ik|dat\s+stuk|het\s+stuk|het\s+deel|dat\s+deel|die\s+dingen|de\s+dingen)"
        r"(?:\s+(?:\w+)){0,2}?\s+over\s+(?P<about>[^,.;!?]+)",
        _F,
    ),
    "en": re.compile(
        r"\b(?:what\s+i|the\s+(?:part|bit|stuff|things?|story|bits)|everything|anything|that|it|all)"
        r"(?:\s+(?:[\w'’]+)){0,3}?\s+about\s+(?P<about>[^,.;!?]+)",
        _F,
    ),
}
# Where the matter ends: the rest of the request ("Koen er weer uithalen", "Sarah out of your notes").
_ABOUT_STOP = {
    "nl": re.compile(
        r"\s+(?:er|eruit|uit|weer|weg|maar|zei|zeg|vertelde|verteld|gezegd|noemde|genoemd|heb|had|mag|wil|kun|kan"
        r"|niet|hoeft|alsjeblieft|aub|even|graag|gewoon|toch|weghalen|uithalen|schrappen|weglaten|verwijderen)\b.*$",
        _F,
    ),
    "en": re.compile(
        r"\s+(?:out|from|off|please|again|said|told|earlier|before|that|which|because|i|is|was|will|would|too|as"
        r"|altogether|completely|entirely)\b.*$",
        _F,
    ),
}


@dataclass(frozen=True)
class Withdrawal:
    """A request to take out what was said: ``before`` and ``after`` are the turn's words around it; ``about``
    is the person or matter it names ("Koen", "my wife's illness"), when it names one."""

    before: str
    after: str
    about: str | None = None
    #: the thing was named directly ("haal dat bedrag eruit", "leave the pay out"), not as what was said about it
    thing: bool = False


# Taking out a thing named directly: "haal dat bedrag van 600 euro eruit", "salaris moet er dus uit", "laat het
# salaris er maar uit", "take that figure out", "leave the pay out", "remove the amount", "the pay needs to come out".
_NOT_A_THING = (
    r"(?!(?:ik|je|jij|we|wij|hij|zij|ze|i|you|he|she|they|it|that|this|dat|dit|het|er)\s+"
    r"(?:moet|mag|hoeft|needs|has|must|should)\b)"
)
_OUT_THING = {
    "nl": re.compile(
        r"^(?:nee,?\s+|sorry,?\s+|wacht,?\s+)*(?:haal|laat|schrap|verwijder)\s+(?P<about>(?:dat|dit|het|de|die|mijn|m'n)"
        r"\s+[^,.;!?]{1,40}?)\s+(?:er(?:\s+(?:maar|even|wel|toch|gewoon|nog))*\s+(?:uit|af)|eruit|weg|uit)\b"
        r"|^(?:nee,?\s+|sorry,?\s+)*(?:wil|kun|kan|mag|zou)\s+je\s+(?P<about2>(?:dat|dit|het|de|die|mijn|m'n)\s+[^,.;!?]{1,40}?)"
        r"\s+(?:er\s+)?(?:weer\s+)?(?:uithalen|uit\s+halen|eruit\s+halen|weghalen|weglaten|schrappen|verwijderen)\b"
        rf"|^(?:en\s+|dus\s+|nee,?\s+)?{_NOT_A_THING}(?P<about3>(?:(?:dat|dit|het|de|die|mijn|m'n)\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)"
        r"\s+(?:moet|mag|hoeft)\s+er\s+(?:(?:dus|echt|wel|maar|gewoon|toch|ook)\s+)*(?:uit|niet\s+in)\b",
        _F,
    ),
    "en": re.compile(
        r"^(?:no,?\s+|sorry,?\s+|wait,?\s+)*(?:please\s+)?(?:just\s+)?(?:take|leave|cut|keep)\s+(?P<about>(?:the|that|this"
        r"|those|these|my)\s+[^,.;!?]{1,40}?)\s+out\b(?!\s+of\b)"
        r"|\b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:take|leave|cut|keep)\s+(?P<about2>(?:the|that|this|my)"
        r"\s+[^,.;!?]{1,40}?)\s+out\b(?!\s+of\b)"
        r"|^(?:no,?\s+|please\s+|(?:can|could|would|will)\s+you\s+(?:please\s+)?)*(?:remove|delete|strike|drop)"
        r"\s+(?P<about4>(?:the|that|this|my)\s+[^,.;!?]{1,40}?)(?:\s+(?:please|again|from\s+[\w\s]+))?$"
        rf"|^(?:and\s+|so\s+|no,?\s+)?{_NOT_A_THING}(?P<about3>(?:(?:the|my)\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)\s+"
        r"(?:needs|has|must|should)\s+(?:to\s+)?(?:come|be\s+(?:taken|left|kept))\s+out\b",
        _F,
    ),
}


def _thing_named(clause: str, language: str) -> str | None:
    """ "haal dat bedrag van 600 euro eruit" -> "dat bedrag van 600 euro"; None when the clause asks nothing out."""
    m = _OUT_THING[language].search(clause)
    if m is None:
        return None
    thing = next((v.strip() for v in m.groupdict().values() if v), None)
    own = [w for w in _WORD.findall((thing or "").lower()) if w not in _POINTERS]
    return thing if own else None  # "haal dat er maar uit", "take that bit out": what was just said


# Words that point at what was just said rather than name a thing ("dat stuk", "that last bit").
_POINTERS = frozenset(
    {"dat", "dit", "het", "de", "die", "mijn", "m'n", "er", "maar", "even", "wel", "toch", "gewoon", "nog", "weer"}
    | {"stuk", "stukje", "deel", "laatste", "the", "that", "this", "those", "these", "my", "bit", "bits", "part"}
    | {"last", "stuff", "one"}
)


def _named(sentence: str, language: str) -> str | None:
    """The matter a request to take out earlier words names, or None (no such request, or none named)."""
    clause = sentence.strip(" .!?;")
    thing = _thing_named(clause, language)
    if thing is not None and not _ABOUT_WORDS[language].search(clause):
        return thing
    if not _ASK_OUT[language].search(clause):
        return None
    m = _ABOUT_WORDS[language].search(clause)
    if m is None:
        return None
    about = _ABOUT_STOP[language].sub("", " " + m.group("about").strip()).strip()
    return about if about and about.lower() not in ("it", "that", "this", "dat", "dit", "het") else None


def read_withdrawal(text: str, language: str) -> Withdrawal | None:
    """The leaver's request to take out what they said, or None."""
    language = "en" if language == "en" else "nl"
    rx = _WITHDRAW[language]
    sentences = [m.group(0) for m in _SENTENCE.finditer(text)]
    for index, sentence in enumerate(sentences):
        about = _named(sentence, language)
        if about is not None:
            after = [x for x in sentences[index + 1 :] if _named(x, language) is None and not _asks(rx, x)]
            direct = _thing_named(sentence.strip(" .!?;"), language) == about
            return Withdrawal(" ".join(sentences[:index]).strip(), " ".join(after).strip(), about, direct)
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


def word_count(text: str) -> int:
    """How many words ``text`` has."""
    return len(_WORD.findall(text))


def withdrawn_index(s: ConversationState, request: Withdrawal) -> int | None:
    """Which recorded answer the request takes out (the turn itself is the last one), or None."""
    if word_count(request.before) >= MIN_CONTENT_WORDS:
        return len(s.answers) - 1
    return len(s.answers) - 2 if len(s.answers) >= 2 else None


def take_out(s: ConversationState, index: int, request: Withdrawal, kept: set[str]) -> None:
    """Mark the answer private and forget what the conversation took from it: its notes, the threads only it
    opened, and a main reason that rested on it alone. The request's own turn is private too unless it says
    something of its own after the request; its notes on what was taken out go as well, unless the words after
    the request name that theme (``kept``)."""
    s.answers[index]["visibility"] = PRIVATE
    current = len(s.answers) - 1
    if index != current and word_count(request.after) < MIN_CONTENT_WORDS:
        s.answers[current]["visibility"] = PRIVATE
    turn = index + 1  # notes carry the number of the answer they came from
    taken = {str(n["theme"]) for n in s.notes if n["turn"] == turn}
    s.notes = [n for n in s.notes if n["turn"] != turn]
    s.notes = [n for n in s.notes if n["turn"] != current + 1 or n["theme"] not in taken - kept]
    left = {str(n["theme"]) for n in s.notes}
    gone = taken - left
    s.threads = [t for t in s.threads if t["topic"] not in gone]
    # a thing the answer taken out opened ("de planner") is not come back to either, whatever its theme
    taken_text = str(s.answers[index].get("text") or "")
    s.threads = [t for t in s.threads if not names(taken_text, str(t.get("phrase") or t.get("words") or ""))]
    if s.main_reason in gone:
        s.main_reason, s.main_reason_words, s.main_reason_pull = None, None, False
    for theme in gone:
        progress = s.topics.get(theme)
        if progress is not None:
            # nothing of it is left to summarise: what was known and told of it came from the answer taken out
            progress.quote, progress.known, progress.talked, progress.raised_by_leaver = None, [], False, False
            if progress.status in ("active", "open"):
                progress.status = "covered"


# Words that do not name the matter ("mijn broer": "broer"; "the part about my wife's illness": "wife", "illness").
_PLAIN = frozenset(
    re.findall(
        r"\S+",
        "mijn m'n mn je jouw zijn haar hun onze ons de het een die dat dit van met en of my your his her their our "
        "the a an of with and or this that me i ik",
    )
)


def stems(words: str) -> list[str]:
    """The matter's own words, shortened so that "drinking" finds "drinks" and "ziek" finds "ziekte"."""
    found = []
    for word in _WORD.findall(words.lower()):
        word = re.sub(r"['’]s$", "", word)
        if word in _PLAIN or len(word) < 3:
            continue
        found.append(word[:5] if len(word) > 5 else word)
    return found


def _has(text: str, stem: str) -> bool:
    return re.search(rf"\b{re.escape(stem)}", text.lower()) is not None


def named_indices(s: ConversationState, about: str) -> list[int]:
    """The earlier answers (not the request's own turn) that tell about ``about``: those that hold most of its
    words, at least one."""
    wanted = stems(about)
    scores = [sum(_has(str(a.get("text") or ""), w) for w in wanted) for a in s.answers[:-1]]
    best = max(scores, default=0)
    return [i for i, score in enumerate(scores) if best and score == best]


def names(text: str | None, about: str) -> bool:
    """``text`` names the withdrawn matter (all of its words, or its only word)."""
    wanted = stems(about)
    return bool(text) and bool(wanted) and all(_has(str(text), w) for w in wanted)


def forget_named(s: ConversationState, about: str) -> None:
    """Nothing that names the matter is asked about, quoted or summarised again: its threads, the notes and
    quotes that carry it, the main reason's words and the summary points that name it."""
    s.threads = [t for t in s.threads if not names(f"{t.get('phrase') or ''} {t.get('words') or ''}", about)]
    s.notes = [n for n in s.notes if not names(str(n.get("matter") or ""), about)]
    if names(s.main_reason_words, about):
        s.main_reason_words = None
    for progress in s.topics.values():
        if names(progress.quote, about):
            progress.quote = None
    s.summary_points = [p for p in s.summary_points if not names(p, about)]


_YOUR = {
    "nl": {"mijn": "je", "m'n": "je", "mn": "je", "mij": "jou", "mezelf": "jezelf", "onze": "jullie", "ons": "jullie"},
    "en": {"my": "your", "me": "you", "myself": "yourself", "mine": "yours", "our": "your", "us": "you"},
}
_CLAUSE_WORD = re.compile(r"\b(?:ik|i|we|wij|was|were|is|had|have|heb|zei|said|dat|that|die|who|which)\b", _F)


def in_your_words(about: str, language: str) -> str | None:
    """ "mijn broer" → "je broer", "my wife's illness" → "your wife's illness"; None for a clause or a long
    phrase (said back plainly instead)."""
    words = about.split()
    if not words or len(words) > 5 or _CLAUSE_WORD.search(about):
        return None
    table = _YOUR["en" if language == "en" else "nl"]
    return " ".join(table.get(w.lower(), w) for w in words)


_NUMBER = re.compile(r"\d[\d.,]*")
_MONEY = re.compile(r"\b(?:euro|eur|dollar|pond|pound|bedrag|amount|salar|loon|pay|wage|bonus|premie)|€|\$|£", _F)
_FIGURE_WORDS = re.compile(r"\b(?:bedrag|getal|cijfer|som|amount|figure|number|sum)\b", _F)


def figure_kind(about: str) -> str | None:
    """ "dat bedrag van 600 euro", "the amount": a figure the leaver wants out ("amount" for money, else
    "figure"); None when ``about`` names no figure."""
    if not (_NUMBER.search(about) or _FIGURE_WORDS.search(about)):
        return None
    return "amount" if _MONEY.search(about) or not _NUMBER.search(about) else "figure"


def figures_meant(s: ConversationState, about: str) -> list[str]:
    """The numbers a request to take out a figure means: those it says ("600 euro"), else those of the latest
    earlier answer that has any ("the amount")."""
    said = [n.rstrip(".,") for n in _NUMBER.findall(about)]
    if said:
        return said
    for answer in reversed(s.answers[:-1]):
        found = [n.rstrip(".,") for n in _NUMBER.findall(str(answer.get("text") or ""))]
        if found:
            return found
    return []


def _has_number(text: str | None, numbers: list[str]) -> bool:
    return bool(text) and any(re.search(rf"(?<![\d]){re.escape(n)}(?![\d])", str(text)) for n in numbers)


def take_out_figures(s: ConversationState, numbers: list[str]) -> bool:
    """Every earlier answer that has the figures is private; no thread, quote, note or summary point that
    carries them is used again. The themes of those answers stay (the figure is what goes). True when any
    answer had them."""
    found = False
    for answer in s.answers[:-1]:
        if _has_number(str(answer.get("text") or ""), numbers):
            answer["visibility"], found = PRIVATE, True
    s.answers[-1]["visibility"] = PRIVATE  # (the request repeats the figure)
    s.threads = [t for t in s.threads if not _has_number(f"{t.get('phrase') or ''} {t.get('words') or ''}", numbers)]
    for note in s.notes:
        if _has_number(str(note.get("matter") or ""), numbers):
            note["matter"] = None
    if _has_number(s.main_reason_words, numbers):
        s.main_reason_words = None
    for progress in s.topics.values():
        if _has_number(progress.quote, numbers):
            progress.quote = None
    s.summary_points = [p for p in s.summary_points if not _has_number(p, numbers)]
    return found


def take_out_themes(s: ConversationState, themes: set[str], language: str) -> bool:
    """ "Salaris moet er dus uit": the topic is out of the record. Every earlier answer that names it is private,
    it is never asked about or summarised again (refused), and its notes, threads and main reason go. True when
    any answer named it."""
    found = False
    for answer in s.answers:
        if {m.theme for m in analyse_answer(str(answer.get("text") or ""), language).mentions} & themes:
            answer["visibility"], found = PRIVATE, True
    for theme in themes:
        if theme not in s.refused:
            s.refused.append(theme)
        s.topic(theme).status = "refused"
    found = found or any(n["theme"] in themes for n in s.notes)
    s.notes = [n for n in s.notes if n["theme"] not in themes]
    s.threads = [t for t in s.threads if t["topic"] not in themes]
    if s.main_reason in themes:
        s.main_reason, s.main_reason_words, s.main_reason_pull = None, None, False
    return found
