"""The rules of question craft, as a checker every phrased message must pass (docs/interviewing.md).

The engine runs this on whatever a phraser produces, a language model included, and falls back to its own
templates when a rule is broken. Rules are deliberately conservative: a false alarm costs a template; a
missed leading question can plant a reason in a leaver's story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spiegel.language.cues import analyse_answer, detect_language

from .care_words import all_summary_matters
from .state import ACK_KINDS, ConversationState, Move

MAX_QUESTION_WORDS = 25
MAX_MESSAGE_WORDS = 35
# The opening, the summary and the close carry more than a question.
LONG_MESSAGE_KINDS = {"summary": 75, "summary_check": 75, "close": 50, "disclosure": 90, "check_in": 50, "hold": 60}
# The summary said back after the leaver corrected it: "is it right now?" is a check, closed on purpose; so is
# "shall we round off, or is there something to add?" after the leaver said what they wanted to say.
CHECK_KINDS = frozenset({"extra_question", "summary_check", "offer_wrap_up"})
# The close, and a message that waits for the leaver (tears, a pause, a hesitation), ask nothing.
NO_QUESTION_KINDS = frozenset({"close", "hold"})

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^”“]*[”“]|‘[^’]*’")
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_WORD = re.compile(r"[\w'’-]+")

_CLOSED_START = {
    "nl": frozenset(
        [
            "is",
            "was",
            "waren",
            "zijn",
            "ben",
            "heb",
            "had",
            "hadden",
            "heeft",
            "hebt",
            "kwam",
            "komt",
            "ligt",
            "lag",
            "vond",
            "vind",
            "vindt",
            "zou",
            "zouden",
            "kun",
            "kunt",
            "kan",
            "kon",
            "konden",
            "wil",
            "wilt",
            "wilde",
            "moest",
            "moet",
            "klopt",
            "speelde",
            "speelt",
            "voelde",
            "voel",
            "voelt",
            "ging",
            "gaat",
            "werd",
            "wordt",
            "mocht",
            "mag",
            "zat",
            "zit",
            "denk",
            "dacht",
            "weet",
            "wist",
            "herken",
            "herkende",
            "merkte",
            "merk",
            "hield",
            "houd",
            "zag",
            "zie",
            "kreeg",
            "krijg",
            "deed",
            "doe",
            "doet",
            "liep",
            "loopt",
            "gaf",
            "geeft",
            "spelen",
            "speelden",
        ]
    ),
    "en": frozenset(
        [
            "is",
            "was",
            "were",
            "are",
            "did",
            "do",
            "does",
            "have",
            "has",
            "had",
            "could",
            "would",
            "can",
            "will",
            "should",
            "might",
            "may",
            "shall",
            "didn't",
            "don't",
            "doesn't",
            "isn't",
            "wasn't",
            "weren't",
            "aren't",
            "haven't",
            "hasn't",
            "wouldn't",
            "couldn't",
        ]
    ),
}
# "Kun je vertellen ...", "Could you describe ..." are open requests in question form.
_OPEN_REQUEST = {
    "nl": (
        frozenset(["kun", "kunt", "kan", "wil", "wilt", "zou"]),
        re.compile(r"\b(vertellen|beschrijven|uitleggen|toelichten|schetsen)\b"),
    ),
    "en": (
        frozenset(["could", "can", "would", "will"]),
        re.compile(r"\b(tell|describe|explain|walk me through|say more)\b"),
    ),
}
_LEADING = {
    "nl": re.compile(
        r"\b(?:was|is|kwam|komt|lag|ligt) (?:het|dat) (?:door|aan|vanwege|omdat)\b"
        r"|\bof (?:was|is|kwam|lag|ligt) het\b"
        r"|\b(?:zoals|bijvoorbeeld) (?:de|het|je|een|door)\b"
        r"|\bkomt dat door\b|\bkwam dat door\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:is|was) (?:it|that) (?:because|due to|the|about)\b"
        r"|\bor was it\b|\bsuch as\b|\blike the\b|\bbecause of the\b|(?:^|[.!?:]\s*)was it\b",
        re.IGNORECASE,
    ),
}
_SECOND_QUESTION = {
    "nl": re.compile(r"\b(?:en|of)\s+(?:hoe|wat|wanneer|waarom|wie|waar|welke|hoeveel)\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:and|or)\s+(?:how|what|when|why|who|where|which)\b", re.IGNORECASE),
}
# Words that name no reason for leaving, even where the lexicon counts them (the organisation, the work).
_NEUTRAL_TERMS = frozenset(["organisatie", "organisation", "bedrijf", "company", "werk", "work", "baan", "job"])


def normalise(sentence: str) -> str:
    """Lower-case, no punctuation, single spaces: the form used to detect repeated sentences."""
    return " ".join(_WORD.findall(sentence.lower().replace("’", "'")))


def sentences(text: str) -> list[str]:
    """The sentences of a message (quoted material stays inside its sentence)."""
    masked = _QUOTED.sub(lambda m: "\x00" * len(m.group(0)), text)
    out: list[str] = []
    for m in _SENTENCE.finditer(masked):
        piece = text[m.start() : m.end()].strip()
        if piece:
            out.append(piece)
    return out


@lru_cache(maxsize=4096)
def _said_sentences(message: str) -> tuple[str, ...]:
    return tuple(normalise(s) for s in sentences(message))


def _leaver_themes(state: ConversationState) -> set[str]:
    themes: set[str] = set()
    for note in state.notes:
        themes.add(str(note["theme"]))
    for thread in state.threads:
        themes.add(thread["topic"])
    return themes


def _question_count_problems(kind: str, unquoted: str, question_unquoted: str, language: str) -> list[str]:
    """One question at most; a closing message asks none."""
    problems: list[str] = []
    question_marks = unquoted.count("?")
    if kind in NO_QUESTION_KINDS:
        if question_marks:
            problems.append("a closing message asks no question")
    elif question_marks > 1:
        problems.append("more than one question")
    if language in _SECOND_QUESTION and _SECOND_QUESTION[language].search(question_unquoted):
        problems.append("more than one question")
    return problems


def _length_problems(kind: str, move: Move, stripped: str, question: str) -> list[str]:
    """The question at most ~25 words, the message at most ~35 (plus the engine's own note)."""
    problems: list[str] = []
    limit = LONG_MESSAGE_KINDS.get(kind, MAX_MESSAGE_WORDS)
    if move.note:
        # the engine's own answer (to a question about the interview) or options (after a disclosure)
        limit += len(_WORD.findall(move.note))
    if len(_WORD.findall(question)) > MAX_QUESTION_WORDS and kind not in NO_QUESTION_KINDS:
        problems.append(f"question longer than {MAX_QUESTION_WORDS} words")
    if len(_WORD.findall(stripped)) > limit:
        problems.append(f"message longer than {limit} words")
    return problems


def _wording_problems(kind: str, language: str, asks: bool, unquoted: str, question_unquoted: str) -> list[str]:
    """Closed (yes/no) or leading wording."""
    problems: list[str] = []
    if language in _CLOSED_START and asks and kind not in CHECK_KINDS:
        words = _WORD.findall(question_unquoted.lower())
        first = words[0] if words else ""
        starters, open_verbs = _OPEN_REQUEST[language]
        if first in _CLOSED_START[language] and not (
            first in starters and open_verbs.search(question_unquoted.lower())
        ):
            problems.append("closed question (answerable with yes or no)")
    if language in _LEADING and _LEADING[language].search(unquoted):
        problems.append("leading question (suggests a reason)")
    return problems


def _theme_problems(kind: str, move: Move, state: ConversationState, unquoted: str, language: str) -> list[str]:
    """A theme the leaver never named, suggested by the interviewer."""
    if language not in ("nl", "en"):
        return []
    allowed = _leaver_themes(state)
    if move.topic:
        allowed.add(move.topic)
    if kind in ("summary", "summary_check"):
        # the summary names the topics the leaver talked about, whatever words they used for them
        allowed |= {t for t, tp in state.topics.items() if tp.talked or tp.known}
        # and the main reason as understood, also when it was a disclosed matter (never probed, never named)
        allowed |= {t for t in (state.main_reason, *state.sensitive_topics) if t}
    if kind == "summary_check":
        # and what the leaver put in it when correcting it
        told = " ".join(str(a["text"] or "") for a in state.answers if a["phase"] == "summary")
        allowed |= {m.theme for m in analyse_answer(told, language).mentions}
    # the engine's own note (facts about the interview, options after a disclosure) suggests no reason
    own = unquoted.replace(move.note, " ") if move.note else unquoted
    for matter in all_summary_matters(language) if kind == "summary" else ():
        own = own.replace(matter, " ")  # a disclosure named in neutral words ("the safety incident you told me about")
    signals = analyse_answer(own, language)
    suggested = [m.theme for m in signals.mentions if m.theme not in allowed and m.term.lower() not in _NEUTRAL_TERMS]
    if suggested:
        return ["suggests a theme the leaver did not name: " + ", ".join(sorted(set(suggested)))]
    return []


def _repeat_problems(parts: list[str], state: ConversationState) -> list[str]:
    earlier = {s for message in state.said for s in _said_sentences(message)}
    if any(normalise(s) in earlier for s in parts):
        return ["repeats an earlier sentence"]
    return []


def check_question(text: str, move: Move, state: ConversationState) -> list[str]:
    """Rule violations of one interviewer message; an empty list means it may be sent.

    Checks: at most one question, length (question ≤ ~25 words, message ≤ ~35), closed or leading
    wording, reasons or themes the leaver never named, repeats of an earlier sentence, wrong language.
    """
    language = move.language
    stripped = text.strip()
    if not stripped:
        return ["empty message"]
    unquoted = _QUOTED.sub(" ", stripped)
    # an acknowledgement or bridge is judged by the question it leads into
    kind = move.target if move.kind in ACK_KINDS and move.target else move.kind
    parts = sentences(stripped)
    questions = [s for s in parts if _QUOTED.sub(" ", s).rstrip().endswith("?")]
    question = questions[-1] if questions else (parts[-1] if parts else stripped)
    question_unquoted = _QUOTED.sub(" ", question)
    problems = [
        *_question_count_problems(kind, unquoted, question_unquoted, language),
        *_length_problems(kind, move, stripped, question),
        *_wording_problems(kind, language, bool(questions), unquoted, question_unquoted),
        *_theme_problems(kind, move, state, unquoted, language),
        *_repeat_problems(parts, state),
    ]
    detected = detect_language(unquoted)
    if detected is not None and detected != language:
        problems.append(f"wrong language (expected {language}, looks like {detected})")
    return problems
