"""What an exit-interview answer shows: rule-based signals for Dutch and English.

The interview engine decides its next move from these signals (see docs/interviewing.md, "Triggers").
Everything here is lists and simple rules on purpose: no Dutch NER or embedding model exists offline, it
must run in well under a millisecond per answer, and every decision must be explainable to a practitioner.
The lists are data, one file per language (``data/cues/cues_{nl,en}.json``, read by :mod:`.cue_words`); this
module holds the rules. Lemmas come from ``simplemma`` so that inflections ("collega's", "gepest",
"managers") still match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spiegel.language.cue_words import CUE_WORDS, LANGUAGES
from spiegel.language.incidents import defused, figures
from spiegel.language.lemmas import lemma
from spiegel.language.taxonomy import THEMES as TAXONOMY_THEMES

__all__ = [
    "THEME_IDS",
    "AnswerSignals",
    "Cue",
    "Mention",
    "analyse_answer",
    "detect_language",
    "find_themes",
]

# Taxonomy ids (docs/taxonomy.md). Kept here so language/ does not depend on the apps.
THEME_IDS: tuple[str, ...] = TAXONOMY_THEMES

SHORT_ANSWER_WORDS = 12
# An acknowledgement that opens an answer before its own full stop or comma ("ok.", "ja,", "yeah so").
_LEAD_ACK = re.compile(
    r"^\s*(?:(?:ok(?:ay|e|é)?|oké|ja|jawel|yeah|yes|yep|nou|well|right|sure|alright|prima|goed)[.,!]+\s*)+"
    r"(?:(?:yeah|so|ja|dus|nou|well)\s+)*"
)


@dataclass(frozen=True)
class Cue:
    """One thing found in an answer: what kind, the words that matched, and a quotable window around it."""

    kind: str
    phrase: str
    context: str


@dataclass(frozen=True)
class Mention:
    """A taxonomy theme named in the answer, with the leaver's words around it and their tone."""

    theme: str
    term: str
    phrase: str
    polarity: str | None  # "pos", "neg" or None when the clause carries no clear tone
    position: int


@dataclass(frozen=True)
class AnswerSignals:
    """Everything the engine needs to know about one answer. Tuples keep it hashable and immutable."""

    language: str
    word_count: int
    specificity: int
    specific_markers: tuple[str, ...]
    is_short: bool
    is_vague: bool
    vague_phrases: tuple[str, ...]
    dont_know: int
    hedges: tuple[Cue, ...]
    generalisations: tuple[Cue, ...]
    hearsay: tuple[Cue, ...]
    emotions: tuple[Cue, ...]
    mentions: tuple[Mention, ...]
    themes: tuple[str, ...]
    bare_themes: tuple[Mention, ...]
    easy_reasons: tuple[Cue, ...]
    named_people: tuple[Cue, ...]
    refusal: Cue | None
    distress: Cue | None
    skip_request: bool
    disclosures: tuple[Cue, ...]
    has_cause: bool
    has_effect: bool
    key_phrases: tuple[str, ...]
    #: The leaver says there is nothing more to it ("meer valt er niet over te zeggen", "not much behind that").
    nothing_more: bool = False

    @property
    def is_thin(self) -> bool:
        """Vague, or short with nothing to hook a follow-up on: it needs a probe or must be accepted."""
        if self.specificity:
            return False
        if self.is_vague:
            return True
        hooks = (
            self.mentions
            or self.emotions
            or self.generalisations
            or self.hearsay
            or self.hedges
            or self.named_people
            or self.easy_reasons
        )
        return self.is_short and not hooks

    @property
    def several_threads(self) -> bool:
        """More than one theme raised in one answer."""
        return len(self.themes) >= 2

    @property
    def negative(self) -> bool:
        """Any theme spoken of negatively."""
        return any(m.polarity == "neg" for m in self.mentions)


# --------------------------------------------------------------------------------------------------------
# The word lists (data/cues/cues_<language>.json, spiegel.language.cue_words), compiled once per language.
# Single words are matched against the token, its lemma and simple stems; phrases as regexes.
# --------------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[\w'’-]+", re.UNICODE)
_MAX_QUOTE_WORDS = 8


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])", re.IGNORECASE)


def _grouped(pairs: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern[str], str]]:
    return [(_alternation((p,)), group) for p, group in pairs]


_RX: dict[str, dict[str, re.Pattern[str]]] = {}
_RX_GROUPED: dict[str, dict[str, list[tuple[re.Pattern[str], str]]]] = {}
_THEME_WORD_INDEX: dict[str, dict[str, str]] = {}
_THEME_PHRASE_RX: dict[str, list[tuple[re.Pattern[str], str]]] = {}
_THEME_WORD_NOT_RX: dict[str, re.Pattern[str]] = {}
_PEOPLE_RX: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}

_CLAUSE_SPLIT: dict[str, re.Pattern[str]] = {}
# capitalised words that are never a name, in either language ("Ik", "HR", "The")
_NOT_NAMES = frozenset().union(*(words.not_names for words in CUE_WORDS.values()))

for _lang, _w in CUE_WORDS.items():
    _RX[_lang] = {
        "vague": _alternation(_w.vague),
        "dont_know": _alternation(_w.dont_know),
        "specific": _alternation(_w.specific),
        "hedge": _alternation(_w.hedges),
        "general": _alternation(_w.generalisations),
        "hearsay": _alternation(_w.hearsay),
        "easy": _alternation(_w.easy_reasons),
        "refusal": _alternation(_w.refusal),
        "distress": _alternation(_w.distress),
        "skip": _alternation(_w.skip),
        "nothing_more": _alternation(_w.nothing_more),
        "cause": _alternation(_w.cause),
        "effect": _alternation(_w.effect),
    }
    _RX_GROUPED[_lang] = {"emotion": _grouped(_w.emotions), "disclosure": _grouped(_w.disclosures)}
    _THEME_WORD_INDEX[_lang] = {w: theme for theme, words in _w.themes.items() for w in words}
    _THEME_PHRASE_RX[_lang] = [(_alternation((p,)), theme) for theme, ps in _w.theme_phrases.items() for p in ps]
    _THEME_WORD_NOT_RX[_lang] = _alternation(_w.theme_word_not)
    _PEOPLE_RX[_lang] = (
        # "mijn teamleider Jan", "meneer De Vries", "my manager Sarah"
        re.compile(
            r"\b(?P<role>(?i:" + "|".join(_w.role_words) + r"))\s+(?P<name>[A-Z][\w'-]+"
            r"(?:\s+(?:(?:van|de|der|den|ter|te)\s+)*[A-Z][\w'-]+)?)"
        ),
        # a capitalised word mid-sentence followed by a verb: "... en Pieter zei ..."
        re.compile(r"(?<=[a-z,] )(?P<name>[A-Z][a-z][\w'-]+)\s+(?:" + "|".join(_w.name_verbs) + r")\b"),
    )
    _CLAUSE_SPLIT[_lang] = re.compile(r"[.,;:!?()\n]+|\s(?:" + "|".join(_w.clause_conjunctions) + r")\s", re.I)


@lru_cache(maxsize=65536)
def _theme_of(token: str, language: str) -> str | None:
    """The theme a single token belongs to: via the token, its lemma, simple stems and (Dutch) compounds."""
    index = _THEME_WORD_INDEX[language]
    base = token.removesuffix("'s").removesuffix("’s")
    candidates = [token, base, lemma(base, language)]
    if language == "nl":
        for suffix in ("en", "s", "e"):
            if base.endswith(suffix) and len(base) > len(suffix) + 3:
                candidates.append(base[: -len(suffix)])
    elif base.endswith("s") and len(base) > 4:
        candidates.append(base[:-1])
    for candidate in candidates:
        theme = index.get(candidate)
        if theme:
            return theme
    words = CUE_WORDS[language]  # only Dutch lists compound heads ("startsalaris", "tijdsdruk")
    if base.endswith(words.compound_exceptions):
        return None
    for head, theme in words.compound_heads.items():
        if base.endswith(head) and len(base) >= len(head) + 3:
            return theme
    return None


@dataclass(frozen=True)
class _Text:
    """The answer split once into tokens with character spans and clause ids, shared by all detectors."""

    raw: str
    lower: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    clause_of: tuple[int, ...]


def _prepare(text: str, language: str) -> _Text:
    raw = text.replace("’", "'").strip()
    lower = raw.lower()
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(lower):
        token = m.group(0).strip("-'")
        if not token:  # a spaced hyphen, an emoticon's nose, a lone apostrophe: no word
            continue
        tokens.append(token)
        spans.append((m.start(), m.end()))
    boundaries = [m.start() for m in _CLAUSE_SPLIT[language].finditer(lower)]
    clause_of: list[int] = []
    b = 0
    for start, _end in spans:
        while b < len(boundaries) and boundaries[b] < start:
            b += 1
        clause_of.append(b)
    return _Text(raw, lower, tuple(tokens), tuple(spans), tuple(clause_of))


def _token_at(t: _Text, char_pos: int) -> int:
    for i, (start, end) in enumerate(t.spans):
        if start <= char_pos < end or start > char_pos:
            return i
    return max(len(t.spans) - 1, 0)


def _window(t: _Text, first: int, last: int, language: str) -> str:
    """A quotable piece of the leaver's own words around tokens first..last, within one clause."""
    if not t.tokens:
        return ""
    clause = t.clause_of[first]
    start = first
    # one word of context before the trigger ("de communicatie", "my manager"), never across a clause
    if start > 0 and t.clause_of[start - 1] == clause and t.tokens[start - 1] not in CUE_WORDS[language].quote_fillers:
        start -= 1
    end = last
    while end + 1 < len(t.tokens) and end - start + 1 < _MAX_QUOTE_WORDS and t.clause_of[end + 1] == clause:
        end += 1
    # a quote that ends on "bij" or "the" reads as cut off
    while end > last and t.tokens[end] in CUE_WORDS[language].dangling:
        end -= 1
    phrase = t.raw[t.spans[start][0] : t.spans[end][1]].strip(" -'\"")
    if phrase and phrase[0].isupper() and not phrase.startswith(("I ", "I'")) and t.spans[start][0] == 0:
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


def _cues(t: _Text, rx: re.Pattern[str], kind: str, language: str, names: list[str] | None = None) -> tuple[Cue, ...]:
    found: list[Cue] = []
    for m in rx.finditer(t.lower):
        first = _token_at(t, m.start())
        last = _token_at(t, max(m.end() - 1, m.start()))
        context = _window(t, first, last, language)
        found.append(Cue(kind, t.raw[m.start() : m.end()], _without_names(context, names or [])))
    return tuple(found)


def _negated(t: _Text, index: int, language: str) -> bool:
    lo = max(0, index - 3)
    window = t.tokens[lo:index]
    return any(w in CUE_WORDS[language].negators or w.endswith("n't") for w in window)


def _polarity(t: _Text, index: int, language: str) -> str | None:
    words = CUE_WORDS[language]
    clause = t.clause_of[index]
    pos = neg = 0
    for i, tok in enumerate(t.tokens):
        if t.clause_of[i] != clause:
            continue
        if tok in words.positive:
            if _negated(t, i, language):
                neg += 1
            else:
                pos += 1
        elif tok in words.negative:
            neg += 1
    # "geen feedback", "nooit gezien": a negator without any positive word reads as a complaint
    if pos == 0 and any(tok in words.negators for i, tok in enumerate(t.tokens) if t.clause_of[i] == clause):
        neg += 1
    if neg > pos:
        return "neg"
    if pos > neg:
        return "pos"
    return None


def find_themes(text: str, language: str) -> tuple[str, ...]:
    """Theme ids named in ``text``, in order of first mention (used to check questions for suggestions)."""
    return analyse_answer(text, language).themes


def _mentions(t: _Text, language: str) -> list[Mention]:
    mentions: list[Mention] = []
    seen: set[str] = set()
    for m_rx, theme in _THEME_PHRASE_RX[language]:
        for m in m_rx.finditer(t.lower):
            i = _token_at(t, m.start())
            j = _token_at(t, m.end() - 1)
            mentions.append(Mention(theme, m.group(0), _window(t, i, j, language), _polarity(t, i, language), i))
    not_here = {_token_at(t, m.start()) for m in _THEME_WORD_NOT_RX[language].finditer(t.lower)}
    for i, tok in enumerate(t.tokens):
        token_theme = _theme_of(tok, language)
        if token_theme is None or i in not_here:
            continue
        mentions.append(Mention(token_theme, tok, _window(t, i, i, language), _polarity(t, i, language), i))
    mentions.sort(key=lambda m: m.position)
    unique: list[Mention] = []
    for mention in mentions:
        if mention.theme not in seen:
            seen.add(mention.theme)
            unique.append(mention)
    return unique


def _grouped_matches(t: _Text, name: str, language: str) -> Iterator[tuple[re.Match[str], int, str]]:
    """Each match of the grouped patterns ``name`` (in the lists' order), its first token, and its group."""
    for rx, group in _RX_GROUPED[language][name]:
        for m in rx.finditer(t.lower):
            yield m, _token_at(t, m.start()), group


def _emotions(t: _Text, language: str) -> list[Cue]:
    emotions = [
        Cue(group, t.raw[m.start() : m.end()], _window(t, i, i, language))
        for m, i, group in _grouped_matches(t, "emotion", language)
    ]
    emotions.sort(key=lambda c: t.lower.find(c.phrase.lower()))
    return emotions


def _disclosures(t: _Text, language: str) -> list[Cue]:
    idioms = figures(t.lower, language)  # "we hebben ons er samen doorheen geslagen": nobody was hit
    return [
        Cue(kind, t.raw[m.start() : m.end()], _sentence_around(t.raw, m.start()))
        for m, i, kind in _grouped_matches(t, "disclosure", language)
        if not _negated(t, i, language)
        and not defused(kind, t.raw, m.start(), language)
        and not any(start <= m.start() < end for start, end in idioms)
    ]


def _people(t: _Text, language: str) -> list[Cue]:
    """People named with their role ("mijn manager Sandra") or as the subject of a verb ("Sandra zei")."""
    people: list[Cue] = []
    role_rx, verb_rx = _PEOPLE_RX[language]
    for m in role_rx.finditer(t.raw.replace("’", "'")):
        name = m.group("name")
        if name.lower() in _NOT_NAMES or not name[0].isupper():
            continue
        people.append(Cue(m.group("role").lower(), name, _role_phrase(m.group("role"), language)))
    for m in verb_rx.finditer(t.raw):
        name = m.group("name")
        if name.lower() in _NOT_NAMES or any(p.phrase == name for p in people):
            continue
        if _theme_of(name.lower(), language) is not None:
            continue
        people.append(Cue("person", name, _role_phrase("", language)))
    return people


def analyse_answer(text: str, language: str) -> AnswerSignals:
    """Analyse one answer of a leaver in ``language`` ("nl" or "en") for the engine's triggers."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    t = _prepare(text, language)
    rx = _RX[language]
    words = len(t.tokens)

    specific = tuple(m.group(0) for m in rx["specific"].finditer(t.lower))
    # "ok. yeah so I asked ...": an acknowledgement in front of a told answer does not make it vague
    lead = _LEAD_ACK.match(t.lower)
    body = t.lower[lead.end() :] if lead and len(t.lower[lead.end() :].split()) >= 8 else t.lower
    vague = tuple(m.group(0) for m in rx["vague"].finditer(body))
    dont_know = len(rx["dont_know"].findall(t.lower))
    is_short = words < SHORT_ANSWER_WORDS
    # Vague = the vague words carry the answer: short, or mostly filler.
    told = body is not t.lower  # past an opening acknowledgement, only filler throughout is vague
    # (a 14-word answer with one "just" in it is told, not vague)
    is_vague = bool(vague) and ((words < 12 and not told) or len(vague) * 6 >= words) and not specific

    emotions = _emotions(t, language)
    disclosures = _disclosures(t, language)
    mentions = _mentions(t, language)
    people = _people(t, language)

    if people:
        # quotes go back to the leaver; names stay out of them (they are pseudonymised later anyway)
        mentions = [
            Mention(m.theme, m.term, _without_names(m.phrase, [p.phrase for p in people]), m.polarity, m.position)
            for m in mentions
        ]

    # A theme named without detail: the answer is little more than the theme word(s).
    bare = tuple(m for m in mentions if not specific and words <= 8 and not emotions)

    refusal = next(iter(_cues(t, rx["refusal"], "refusal", language)), None)
    distress = next(iter(_cues(t, rx["distress"], "distress", language)), None)
    skip = bool(rx["skip"].search(t.lower)) and words <= 8

    names = [p.phrase for p in people]
    hedges = _cues(t, rx["hedge"], "hedge", language, names)
    generalisations = tuple(
        c for c in _cues(t, rx["general"], "generalisation", language, names) if not _only_negation_use(c, language)
    )
    hearsay = tuple(
        Cue(c.kind, c.phrase, _after(t, c.phrase, language) or c.context)
        for c in _cues(t, rx["hearsay"], "hearsay", language, names)
    )
    easy = _cues(t, rx["easy"], "easy_reason", language, names)

    key: list[str] = []
    for source in (
        [c.context for c in emotions],
        [m.phrase for m in mentions],
        [c.context for c in easy],
        [c.context for c in generalisations],
    ):
        for phrase in source:
            if phrase and phrase not in key:
                key.append(phrase)
    if not key and t.tokens:
        key.append(_window(t, 0, 0, language))
    key = [_without_names(k, names) for k in key]

    return AnswerSignals(
        language=language,
        word_count=words,
        specificity=len(specific),
        specific_markers=specific,
        is_short=is_short,
        is_vague=is_vague,
        vague_phrases=vague,
        dont_know=dont_know,
        hedges=hedges,
        generalisations=generalisations,
        hearsay=hearsay,
        emotions=tuple(emotions),
        mentions=tuple(mentions),
        themes=tuple(m.theme for m in mentions),
        bare_themes=bare,
        easy_reasons=easy,
        named_people=tuple(people),
        refusal=refusal,
        distress=distress,
        skip_request=skip,
        disclosures=tuple(disclosures),
        has_cause=bool(rx["cause"].search(t.lower)),
        has_effect=bool(rx["effect"].search(t.lower)),
        key_phrases=tuple(key[:3]),
        nothing_more=bool(rx["nothing_more"].search(t.lower)) and words <= 16 and not specific,
    )


def _after(t: _Text, marker: str, language: str) -> str:
    """The words after a marker ("ik hoorde dat ..."): what was heard, quotable without the marker."""
    pos = t.lower.find(marker.lower())
    if pos < 0:
        return ""
    i = _token_at(t, pos + len(marker))
    while i < len(t.tokens) and t.tokens[i] in ("dat", "that", "er", "there"):
        i += 1
    if i >= len(t.tokens) or t.spans[i][0] < pos + len(marker):
        return ""
    end = min(len(t.tokens) - 1, i + _MAX_QUOTE_WORDS - 1)
    return t.raw[t.spans[i][0] : t.spans[end][1]]


def _without_names(phrase: str, names: list[str]) -> str:
    for name in names:
        phrase = re.sub(r"\s*\b" + re.escape(name) + r"\b", "", phrase)
    return phrase.strip()


def _only_negation_use(cue: Cue, language: str) -> bool:
    """'nooit' in 'ik heb nooit feedback gehad' is a generalisation; 'niet nooit' is not worth probing."""
    return cue.phrase.lower() in ("nooit", "never") and cue.context.lower().startswith(("bijna", "almost"))


def _sentence_around(raw: str, pos: int) -> str:
    start = max(raw.rfind(".", 0, pos), raw.rfind("!", 0, pos), raw.rfind("?", 0, pos)) + 1
    ends = [i for i in (raw.find(".", pos), raw.find("!", pos), raw.find("?", pos)) if i != -1]
    end = min(ends) + 1 if ends else len(raw)
    return raw[start:end].strip()[:200]


def _role_phrase(role: str, language: str) -> str:
    """How to refer back to a named person without repeating the name: by role, in second person."""
    role = role.lower().rstrip(".")
    if language == "nl":
        if role in ("", "meneer", "mevrouw", "dhr", "mw"):
            return "die persoon"
        return f"je {role}" if role != "collega" else "die collega"
    if role in ("", "mr", "mrs", "ms", "dr"):
        return "that person"
    return f"your {role}" if role != "colleague" else "that colleague"


def detect_language(text: str) -> str | None:
    """'nl' or 'en' from function words; None when there is too little to tell."""
    nl = en = 0
    for tok in _TOKEN.findall(text.lower()):
        if tok in CUE_WORDS["nl"].function_words:
            nl += 1
        if tok in CUE_WORDS["en"].function_words:
            en += 1
    if nl + en < 2 or nl == en:
        return None
    return "nl" if nl > en else "en"
