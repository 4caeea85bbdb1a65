"""What the leaver just did, and what it means: the understanding of one turn, before any follow-up.

See docs/interviewing.md, "What kind of turn is this?" and "Paraphrase, don't paste". One turn is read into an
:class:`Understanding`: the kind of turn (an answer, a question about the interview, a refusal with its target,
a skip, a correction, "I already told you", confusion, a complaint, "nothing more"), the themes and feelings it
names — with negation and hedges scoped over them ("niet boos", "nobody was worried", "not for the money") —
the concrete matter it is about as complete noun phrases ("het nieuwe rooster", "the reorganisation"), a
decisive cue, a serious disclosure, distress and sarcasm.

Everything here is rules over word lists in ``data/understanding/{nl,en}.json`` on purpose: it runs in well
under a millisecond, is explainable, and is the floor under any model-based understanding
(``spiegel.llm.understanding``). Django-free. :func:`understand` never raises on any text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast, get_args

from spiegel.language.cues import AnswerSignals, analyse_answer
from spiegel.language.incidents import incident_kind
from spiegel.language.lemmas import is_known_word
from spiegel.language.text import strip_control

__all__ = [
    "DISCLOSURE_KINDS",
    "META_TOPICS",
    "TURN_KINDS",
    "Context",
    "DisclosureKind",
    "Feeling",
    "MetaTopic",
    "ThemeMention",
    "TurnKind",
    "Understanding",
    "is_matter_phrase",
    "understand",
]

TurnKind = Literal[
    "answer",
    "meta_question",
    "refusal",
    "skip",
    "correction",
    "already_told",
    "confusion",
    "complaint",
    "nothing_more",
]
MetaTopic = Literal[
    "who_reads", "person_or_computer", "why_ask", "anonymous", "how_long", "what_next", "can_stop", "other"
]
DisclosureKind = Literal["harassment", "discrimination", "integrity", "safety", "violence"]

TURN_KINDS: tuple[str, ...] = get_args(TurnKind)
META_TOPICS: tuple[str, ...] = get_args(MetaTopic)
DISCLOSURE_KINDS: tuple[str, ...] = get_args(DisclosureKind)


@dataclass(frozen=True)
class Feeling:
    """A feeling the leaver named: canonical id, whether it was negated or hedged, and the leaver's words."""

    name: str
    negated: bool
    words: str
    hedged: bool = False


@dataclass(frozen=True)
class ThemeMention:
    """A taxonomy theme the turn names; negated in "not for the money", hedged in "een beetje de werkdruk"."""

    theme: str
    negated: bool
    words: str
    hedged: bool = False


@dataclass(frozen=True)
class Understanding:
    """What one turn of the leaver is and means. Safety fields are attributes, not kinds."""

    kind: TurnKind
    language: str
    meta_topic: MetaTopic | None = None
    refusal_target: str | None = None
    correction: str | None = None
    themes: tuple[ThemeMention, ...] = ()
    matter: tuple[str, ...] = ()
    feelings: tuple[Feeling, ...] = ()
    # matter the leaver named with a possessive, in the interviewer's voice: "mijn verlof" -> "je verlof",
    # "my approved leave" -> "your approved leave" (for "Je vertelde over {…}"; "matter" never holds these)
    matter_yours: tuple[str, ...] = ()
    decisive: bool = False
    disclosure: DisclosureKind | None = None
    distress: bool = False
    sarcasm: bool = False
    hedged: bool = False
    thin: bool = False
    source: str = "rules"

    @property
    def felt(self) -> tuple[Feeling, ...]:
        """The feelings the leaver expressed (not negated): the only ones a reflection may name."""
        return tuple(f for f in self.feelings if not f.negated)

    @property
    def raised(self) -> tuple[str, ...]:
        """Theme ids the leaver raised as something that mattered (not negated), in order."""
        return tuple(t.theme for t in self.themes if not t.negated)


@dataclass(frozen=True)
class Context:
    """What the interviewer knows when reading the turn."""

    language: str
    current_topic: str | None = None
    previous_topic: str | None = None
    last_question: str = ""


# --------------------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------------------

LANGUAGES = ("nl", "en")
_MAX_CHARS = 20_000  # longer turns are read up to here (a pasted document is no turn)
_WINDOW = 3  # negation and hedges reach this many words ahead, within a clause
_QUESTION_WORDS = 10  # a meta pattern without "?" counts in a turn this short, or at its start


@dataclass(frozen=True)
class _Pattern:
    rx: re.Pattern[str]
    max_words: int | None
    question: bool


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + source + r")(?![\w-])")


def _patterns(items: list[Any]) -> tuple[_Pattern, ...]:
    out: list[_Pattern] = []
    for item in items:
        if isinstance(item, str):
            out.append(_Pattern(_compile(item), None, False))
        else:
            out.append(_Pattern(_compile(item["re"]), item.get("max_words"), bool(item.get("question"))))
    return tuple(out)


def _one(items: list[str]) -> re.Pattern[str] | None:
    return _compile("|".join(f"(?:{i})" for i in items)) if items else None


@dataclass(frozen=True)
class _Lexicon:
    spelling: dict[str, str]  # chat spelling and common typos -> the word the patterns expect
    vocabulary: frozenset[str]  # every word the lists use: a typo one letter off one of them is read as it
    deletions: dict[str, tuple[str, ...]]  # vocabulary words by themselves and by each one-letter deletion
    meta: tuple[tuple[str, tuple[_Pattern, ...]], ...]
    kinds: tuple[tuple[str, tuple[_Pattern, ...]], ...]
    correction_lead: re.Pattern[str] | None
    refusal_topics: tuple[tuple[str, str], ...]  # (normalised words, theme id), longest first
    negators: frozenset[str]
    negation_not: tuple[str, ...]
    post_stop: frozenset[str]
    not_the_point: re.Pattern[str] | None
    clause_breakers: frozenset[str]
    theme_negators: frozenset[str]
    theme_bridge: frozenset[str]
    theme_ruled_out: re.Pattern[str] | None
    yours: dict[str, str]
    contrast_starts: frozenset[str]
    themes_extra: tuple[tuple[tuple[str, ...], str], ...]
    hedges: re.Pattern[str] | None
    decisive: re.Pattern[str] | None
    distress: re.Pattern[str] | None
    disclosure: tuple[tuple[str, re.Pattern[str]], ...]
    sarcasm: re.Pattern[str] | None
    sarcasm_praise: re.Pattern[str] | None
    sarcasm_lead: frozenset[str]
    sarcasm_contrast: re.Pattern[str] | None
    thin: re.Pattern[str] | None
    feelings: tuple[tuple[str, re.Pattern[str]], ...]
    feeling_ignore: re.Pattern[str] | None
    determiners: frozenset[str]
    bad_determiners: frozenset[str]
    adjectives: frozenset[str]
    heads: frozenset[str]
    compound_heads: tuple[str, ...]
    bare_ok: frozenset[str]
    meta_heads: frozenset[str]
    time_tails: re.Pattern[str] | None
    continuations: frozenset[str]
    run_heads: frozenset[str]
    echo_denials: tuple[str, ...]
    reporting_verbs: frozenset[str]
    first_person: frozenset[str]
    function_words: frozenset[str]


_KIND_ORDER = ("refusal", "skip", "correction", "complaint", "already_told", "confusion", "nothing_more")


@lru_cache(maxsize=2)
def _lexicon(language: str) -> _Lexicon:
    path = resources.files("spiegel.language") / "data" / "understanding" / f"{language}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    kinds = data["kinds"]
    matter = data["matter"]
    topics = [(_norm_phrase(w), theme) for theme, words in data["refusal_topics"].items() for w in words]
    topics.sort(key=lambda pair: -len(pair[0]))
    vocabulary = _vocabulary(data)
    deletions: dict[str, list[str]] = {}
    for word in sorted(vocabulary):
        for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
            deletions.setdefault(variant, []).append(word)
    return _Lexicon(
        spelling=dict(data.get("spelling", {})),
        vocabulary=vocabulary,
        deletions={k: tuple(v) for k, v in deletions.items()},
        meta=tuple((topic, _patterns(items)) for topic, items in kinds["meta_question"].items()),
        kinds=tuple((kind, _patterns(kinds[kind])) for kind in _KIND_ORDER),
        correction_lead=_one(kinds["correction_lead"]),
        refusal_topics=tuple(topics),
        negators=frozenset(data["negators"]),
        negation_not=tuple(data["negation_not"]),
        post_stop=frozenset(data["negation_post_stop"]),
        not_the_point=_one(data["not_the_point"]),
        clause_breakers=frozenset(data["clause_breakers"]),
        theme_negators=frozenset(data.get("theme_negators", [])),
        theme_bridge=frozenset(data.get("theme_bridge", [])),
        theme_ruled_out=_one(data.get("theme_ruled_out", [])),
        yours=dict(matter.get("yours", {})),
        contrast_starts=frozenset(data.get("contrast_starts", [])),
        themes_extra=tuple(
            (tuple(_norm_phrase(w).split()), theme)
            for theme, words in data.get("themes_extra", {}).items()
            for w in words
        ),
        hedges=_one(data["hedges"]),
        decisive=_one(data["decisive"]),
        distress=_one(data["distress"]),
        disclosure=tuple((kind, _compile("|".join(items))) for kind, items in data["disclosure"].items()),
        sarcasm=_one(data["sarcasm"]),
        sarcasm_praise=_one(data["sarcasm_praise"]),
        sarcasm_lead=frozenset(data["sarcasm_lead"]),
        sarcasm_contrast=_one(data["sarcasm_contrast"]),
        thin=_one(data["thin"]),
        feelings=tuple((name, _compile("|".join(items))) for name, items in data["feelings"].items()),
        feeling_ignore=_one(data["feeling_ignore"]),
        determiners=frozenset(matter["determiners"]),
        bad_determiners=frozenset(matter["bad_determiners"]),
        adjectives=frozenset(matter["adjectives"]),
        heads=frozenset(matter["heads"]),
        compound_heads=tuple(matter["compound_heads"]),
        bare_ok=frozenset(matter["bare_ok"]),
        meta_heads=frozenset(matter["meta_heads"]),
        time_tails=_one(matter["time_tails"]),
        continuations=frozenset(matter.get("continuations", [])),
        run_heads=frozenset(matter.get("run_heads", [])),
        echo_denials=tuple(data.get("echo_denials", [])),
        reporting_verbs=frozenset(data.get("reporting_verbs", [])),
        first_person=frozenset(data.get("first_person", [])),
        function_words=frozenset(matter["function_words"]),
    )


_ESCAPE = re.compile(r"\\[a-zA-Z]")
_LITERAL = re.compile(r"[a-zà-ÿ]{2,}")


def _vocabulary(data: dict[str, Any]) -> frozenset[str]:
    """The words of every list and pattern (regex escapes such as \\w left out)."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            words.update(_LITERAL.findall(_ESCAPE.sub(" ", node.lower())))
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in ("_comment", "spelling"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    words.update(data.get("spelling", {}).values())
    return frozenset(words)


@lru_cache(maxsize=65536)
def _corrected(token: str, language: str) -> str:
    """``token``, or the one word of the lists it is a one-letter typo of ("volgnde" -> "volgende")."""
    lex = _lexicon(language)
    if len(token) < 3 or token in lex.vocabulary or not token.isalpha() or is_known_word(token, language):
        return token
    found = set(lex.deletions.get(token, ()))
    for i in range(len(token)):
        found.update(lex.deletions.get(token[:i] + token[i + 1 :], ()))
    # a dropped letter ("volgnde", "nxt") from any word of four letters or more; another slip only in a
    # longer word, where a one-letter change is unlikely to make another real word ("whos" is no "whom")
    found = {w for w in found if len(w) >= 4 and (len(w) == len(token) + 1 or (len(token) >= 5 and len(w) >= 5))}
    if len(found) > 1:
        found = {w for w in found if w[0] == token[0] and w[-1] == token[-1]}
    return found.pop() if len(found) == 1 else token


# --------------------------------------------------------------------------------------------------------
# The turn as tokens: original spans, a normalised form, clauses
# --------------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:[-'’‘`´][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_CLAUSE_MARK = re.compile(r"[.,;:!?()\n\u2014\u2013]|\s-\s")
_SARCASM_EMOJI = ("🙄", "😒", "🙃")
_QUANTIFIERS = frozenset({"none", "nobody", "noone", "niemand", "geen", "neither"})


def _norm_token(token: str) -> str:
    return token.lower().translate(_APOSTROPHES)


def _norm_phrase(text: str) -> str:
    return " ".join(_norm_token(t) for t in _TOKEN.findall(text))


@dataclass(frozen=True)
class _Turn:
    raw: str
    tokens: tuple[str, ...]  # normalised
    spans: tuple[tuple[int, int], ...]  # into raw
    starts: tuple[int, ...]  # token starts in norm
    norm: str
    clause: tuple[int, ...]
    question: bool
    fixed: str  # raw with typos and chat spelling written out, for the signal analysis

    def tokens_of(self, start: int, end: int) -> tuple[int, int]:
        """Token indices first..last covered by a match norm[start:end]."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_left(self.starts, end) - 1, first)
        return first, last

    def words(self, first: int, last: int) -> str:
        return self.raw[self.spans[first][0] : self.spans[last][1]]

    def question_after(self, token: int) -> bool:
        return "?" in self.raw[self.spans[token][0] :]


def _turn(text: str, lex: _Lexicon, language: str) -> _Turn:
    raw = strip_control(text)[:_MAX_CHARS]
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    clause: list[int] = []
    position = 0
    current = 0
    previous_end = 0
    fixes: list[tuple[int, int, str]] = []
    for m in _TOKEN.finditer(raw):
        token = _norm_token(m.group(0))
        if not token:
            continue
        token = lex.spelling.get(token, token)
        if not (m.group(0)[:1].isupper() and raw[: m.start()].rstrip()[-1:] not in ("", ".", "!", "?", "\n")):
            token = _corrected(token, language)  # a capital inside a sentence is a name: never "corrected"
        if token != _norm_token(m.group(0)):
            fixes.append((m.start(), m.end(), token))
        if tokens and (_CLAUSE_MARK.search(raw, previous_end, m.start()) or token in lex.clause_breakers):
            current += 1
        tokens.append(token)
        spans.append((m.start(), m.end()))
        starts.append(position)
        clause.append(current)
        position += len(token) + 1
        previous_end = m.end()
    fixed = raw
    for start, end, token in reversed(fixes):
        fixed = fixed[:start] + token + fixed[end:]
    return _Turn(raw, tuple(tokens), tuple(spans), tuple(starts), " ".join(tokens), tuple(clause), "?" in raw, fixed)


# --------------------------------------------------------------------------------------------------------
# Scope: negation and hedges
# --------------------------------------------------------------------------------------------------------


def _is_negator(turn: _Turn, i: int, lex: _Lexicon) -> bool:
    if turn.tokens[i] not in lex.negators:
        return False
    following = " ".join(turn.tokens[i : i + 4])
    return not any(following == phrase or following.startswith(phrase + " ") for phrase in lex.negation_not)


def _negated(turn: _Turn, first: int, last: int, lex: _Lexicon, language: str, after: bool = True) -> bool:
    """Whether a negator governs tokens first..last: shortly before, or (Dutch, ``after``) right after in the
    clause ("boos was ik niet"). Nouns take no negation after them ("diensten werden niet ingevuld")."""
    clause = turn.clause[first]
    for i in range(max(0, first - _WINDOW - 1), first):
        # "none of us were scared": a negating quantifier reaches one word further
        reach = _WINDOW + 1 if turn.tokens[i] in _QUANTIFIERS else _WINDOW
        if first - i <= reach and turn.clause[i] == clause and _is_negator(turn, i, lex):
            return True
    if language == "nl" and after:
        for i in range(last + 1, min(len(turn.tokens), last + 1 + _WINDOW)):
            if turn.clause[i] != clause or turn.tokens[i] in lex.post_stop:
                break
            if turn.tokens[i] in ("niet", "nooit"):
                return True
    return False


def _theme_negated(turn: _Turn, first: int, last: int, lex: _Lexicon) -> bool:
    """Whether a theme is named to be ruled out: "niet om het geld", "not for the money", "wasn't the
    workload", "niet X maar Y", "het salaris was niet het probleem". An absence is no ruling out: "geen
    feedback", "never got a raise" and "kon niet doorgroeien" name the theme as a problem."""
    clause = turn.clause[first]
    if lex.theme_ruled_out is not None:
        words = " ".join(t for t, c in zip(turn.tokens, turn.clause, strict=True) if c == clause)
        if lex.theme_ruled_out.search(words):
            return True
    i = first - 1
    while i >= 0 and first - i <= 5 and turn.clause[i] == clause:
        token = turn.tokens[i]
        if token in lex.theme_negators:
            return True
        if token not in lex.theme_bridge:
            break
        i -= 1
    # "ik ben niet weggegaan om het salaris, maar ...": the whole clause before the contrast is denied
    end = last
    while end + 1 < len(turn.tokens) and turn.clause[end + 1] == clause:
        end += 1
    if end + 1 < len(turn.tokens) and turn.tokens[end + 1] in lex.contrast_starts:
        start = first
        while start > 0 and turn.clause[start - 1] == clause:
            start -= 1
        if any(turn.tokens[k] in lex.theme_negators for k in range(start, first)):
            return True
    return _not_the_point(turn, last, lex) or _ruled_out_after(turn, end, lex)


_POINTERS = frozenset({"daar", "dat", "dit", "that", "this", "it", "which", "maar", "but"})


def _ruled_out_after(turn: _Turn, end: int, lex: _Lexicon) -> bool:
    """ "Mijn salaris was prima, daar lag het niet aan", "the pay was fine, that wasn't the issue": the next
    clause points back and rules the theme out."""
    if lex.theme_ruled_out is None or end + 1 >= len(turn.tokens):
        return False
    nxt = turn.clause[end + 1]
    words = [t for t, c in zip(turn.tokens, turn.clause, strict=True) if c == nxt]
    if not words or not _POINTERS & set(words[:2]):
        return False
    joined = " ".join(words)
    return bool(lex.theme_ruled_out.search(joined) or (lex.not_the_point and lex.not_the_point.search(joined)))


def _not_the_point(turn: _Turn, first: int, lex: _Lexicon) -> bool:
    """ "het salaris was niet het probleem", "money wasn't the issue": the theme is named to be ruled out."""
    if lex.not_the_point is None:
        return False
    clause = turn.clause[first]
    end = first
    while end + 1 < len(turn.tokens) and turn.clause[end + 1] == clause and end - first < 8:
        end += 1
    rest = " ".join(turn.tokens[first + 1 : end + 1])
    return bool(lex.not_the_point.search(rest))


def _hedge_ends(turn: _Turn, lex: _Lexicon) -> list[int]:
    if lex.hedges is None:
        return []
    return [turn.tokens_of(m.start(), m.end())[1] for m in lex.hedges.finditer(turn.norm)]


def _hedged(turn: _Turn, first: int, hedge_ends: list[int]) -> bool:
    return any(first - _WINDOW <= end < first and turn.clause[end] == turn.clause[first] for end in hedge_ends)


# --------------------------------------------------------------------------------------------------------
# Kind of turn
# --------------------------------------------------------------------------------------------------------


def _matches(p: _Pattern, turn: _Turn) -> re.Match[str] | None:
    if p.max_words is not None and len(turn.tokens) > p.max_words:
        return None
    m = p.rx.search(turn.norm)
    if m is None:
        return None
    if p.question and not turn.question and len(turn.tokens) > 6:
        return None
    return m


def _meta_topic(turn: _Turn, lex: _Lexicon) -> str | None:
    for topic, patterns in lex.meta:
        for p in patterns:
            m = _matches(p, turn)
            if m is None:
                continue
            first, _ = turn.tokens_of(m.start(), m.end())
            # a question about the interview is asked, not told: "?" after it, at the start, or a short turn
            if turn.question_after(first) or first <= 2 or len(turn.tokens) <= _QUESTION_WORDS:
                return topic
    return None


def _kind(turn: _Turn, lex: _Lexicon) -> tuple[str, str | None, re.Match[str] | None]:
    topic = _meta_topic(turn, lex)
    if topic is not None:
        return "meta_question", topic, None
    for kind, patterns in lex.kinds:
        for p in patterns:
            m = _matches(p, turn)
            if m is not None and not _reported(turn, m, lex):
                return kind, None, m
    return "answer", None, None


def _reported(turn: _Turn, m: re.Match[str], lex: _Lexicon) -> bool:
    """Someone else's words in the story: "mijn collega zei: daar wil ik het niet over hebben"."""
    first, _ = turn.tokens_of(m.start(), m.end())
    for i in range(max(0, first - 3), first):
        if turn.tokens[i] in lex.reporting_verbs:
            # the leaver's own earlier words ("zoals ik al zei", "like I said") are no one else's
            return not any(turn.tokens[j] in lex.first_person for j in range(max(0, i - 3), i))
    return False


def _refusal_target(turn: _Turn, lex: _Lexicon, signals: AnswerSignals) -> str:
    padded = f" {turn.norm} "
    best: tuple[int, str] | None = None
    for words, theme in lex.refusal_topics:
        at = padded.find(f" {words} ")
        if at >= 0 and (best is None or at < best[0]):
            best = (at, theme)
    if best is not None:
        return best[1]
    return signals.themes[0] if signals.themes else "previous"


def _correction(turn: _Turn, m: re.Match[str] | None, lex: _Lexicon) -> str | None:
    """The corrected content after the correction cue ("..., ik bedoelde de planning"), if any."""
    if m is None or not turn.tokens:
        return None
    _, last = turn.tokens_of(m.start(), m.end())
    start = last + 1
    if lex.correction_lead is not None:
        lead = lex.correction_lead.search(turn.norm, m.start())
        if lead is not None:
            start = max(start, turn.tokens_of(lead.start(), lead.end())[1] + 1)
    while start < len(turn.tokens) and turn.tokens[start] in ("nee", "no", "maar", "but", "dat", "that", "dus", "so"):
        start += 1
    if len(turn.tokens) - start < 2:
        return None
    return turn.words(start, len(turn.tokens) - 1).strip(" .!?;:,")


# --------------------------------------------------------------------------------------------------------
# Feelings, themes, safety
# --------------------------------------------------------------------------------------------------------


def _echo_denied(turn: _Turn, last: int, lex: _Lexicon) -> bool:
    """A feeling asked back and denied: "Gefrustreerd? Nee, dat niet.", "Angry? No, not really."."""
    after = turn.raw[turn.spans[last][1] :].lstrip()
    if not after.startswith("?") or last + 1 >= len(turn.tokens):
        return False
    following = " ".join(turn.tokens[last + 1 : last + 4])
    return any(following == d or following.startswith(d + " ") for d in lex.echo_denials)


def _feelings(turn: _Turn, lex: _Lexicon, language: str, hedge_ends: list[int]) -> tuple[Feeling, ...]:
    ignored: list[tuple[int, int]] = []
    if lex.feeling_ignore is not None:
        ignored = [(m.start(), m.end()) for m in lex.feeling_ignore.finditer(turn.norm)]
    found: list[tuple[int, int, str]] = []
    for name, rx in lex.feelings:
        for m in rx.finditer(turn.norm):
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in ignored):
                continue
            found.append((m.start(), m.end(), name))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    feelings: list[Feeling] = []
    seen: set[tuple[str, bool]] = set()
    taken_until = -1
    for start, end, name in found:
        if start < taken_until:
            continue
        taken_until = end
        first, last = turn.tokens_of(start, end)
        negated = _negated(turn, first, last, lex, language) or _echo_denied(turn, last, lex)
        if (name, negated) in seen:
            continue
        seen.add((name, negated))
        feelings.append(Feeling(name, negated, turn.words(first, last), _hedged(turn, first, hedge_ends)))
    return tuple(feelings)


def _themes(
    turn: _Turn, lex: _Lexicon, language: str, hedge_ends: list[int], signals: AnswerSignals
) -> tuple[ThemeMention, ...]:
    found: list[tuple[int, ThemeMention]] = []
    for mention in signals.mentions:
        wanted = _norm_phrase(mention.term).split()
        if not wanted:
            continue
        at = next(
            (i for i in range(len(turn.tokens)) if turn.tokens[i : i + len(wanted)] == tuple(wanted)),
            None,
        )
        if at is None:
            found.append((len(turn.tokens), ThemeMention(mention.theme, False, mention.term)))
            continue
        last = at + len(wanted) - 1
        negated = _theme_negated(turn, at, last, lex)
        found.append((at, ThemeMention(mention.theme, negated, turn.words(at, last), _hedged(turn, at, hedge_ends))))
    known = {m.theme: at for at, m in found}
    for words, theme in lex.themes_extra:
        n = len(words)
        at = next((i for i in range(len(turn.tokens) - n + 1) if turn.tokens[i : i + n] == words), None)
        if at is not None and n > 1:
            # a phrase covers a word of another theme inside it: "head of department" is no "department"
            found = [(i, m) for i, m in found if not (at <= i < at + n and m.theme != theme)]
            known = {m.theme: min(i for i, x in found if x.theme == m.theme) for _, m in found}
        if at is not None and (theme not in known or at < known[theme]):
            # the theme where the leaver first named it ("de fusie, toen het nieuwe dossiersysteem")
            found = [(i, m) for i, m in found if m.theme != theme]
            known[theme] = at
            last = at + n - 1
            negated = _theme_negated(turn, at, last, lex)
            found.append((at, ThemeMention(theme, negated, turn.words(at, last), _hedged(turn, at, hedge_ends))))
    # in the order the leaver named them
    return tuple(m for _, m in sorted(found, key=lambda pair: pair[0]))


def _distress(turn: _Turn, lex: _Lexicon, language: str) -> bool:
    if lex.distress is None:
        return False
    for m in lex.distress.finditer(turn.norm):
        first, last = turn.tokens_of(m.start(), m.end())
        if not _negated(turn, first, last, lex, language):
            return True
    return False


def _disclosure(turn: _Turn, lex: _Lexicon, language: str) -> str | None:
    found: list[tuple[int, str]] = []
    for kind, rx in lex.disclosure:
        for m in rx.finditer(turn.norm):
            first, last = turn.tokens_of(m.start(), m.end())
            if not _negated(turn, first, last, lex, language):
                found.append((m.start(), kind))
                break
    if not found:
        # no word for it, but told in ordinary words: a fall nobody reported, revenue in the wrong quarter
        return incident_kind(turn.fixed, language)
    kinds = [kind for _, kind in sorted(found)]
    return "violence" if "violence" in kinds else kinds[0]


def _sarcasm(turn: _Turn, lex: _Lexicon) -> bool:
    if any(e in turn.raw for e in _SARCASM_EMOJI):
        return True
    if lex.sarcasm is not None and lex.sarcasm.search(turn.norm) is not None:
        return True
    # praise up front, then a later clause that says the opposite: "Fantastische leiding, die zag je nooit."
    if lex.sarcasm_praise is None or lex.sarcasm_contrast is None or not turn.tokens:
        return False
    reach = 5 if turn.tokens[0] in lex.sarcasm_lead else 3
    praise = [
        turn.tokens_of(m.start(), m.end())[0]
        for m in lex.sarcasm_praise.finditer(turn.norm)
        if turn.tokens_of(m.start(), m.end())[0] <= reach
    ]
    if not praise:
        return False
    first = praise[0]
    for m in lex.sarcasm_contrast.finditer(turn.norm):
        at = turn.tokens_of(m.start(), m.end())[0]
        if at > first and turn.clause[at] != turn.clause[first]:
            return True
    return False


# --------------------------------------------------------------------------------------------------------
# Matter: complete noun phrases naming a thing or event
# --------------------------------------------------------------------------------------------------------


def _is_head(token: str, lex: _Lexicon, language: str) -> bool:
    if "-" in token:  # "cao-verhoging", "on-site childcare": the last part decides
        token = token.rsplit("-", 1)[-1]
    if token in lex.meta_heads:
        return False
    if token in lex.heads:
        return True
    if language == "nl" and token.endswith(lex.compound_heads) and token.isalpha():
        return any(token.endswith(h) and len(token) >= len(h) + 3 for h in lex.compound_heads)
    return False


def _is_modifier(token: str, lex: _Lexicon, language: str) -> bool:
    if token in lex.adjectives:
        return True
    if token in lex.function_words or token in lex.determiners or token in lex.bad_determiners:
        return False
    if language == "nl":
        return token.isalpha() and len(token) > 4 and token.endswith(("ige", "lijke", "ische", "ste", "nde"))
    return False


def _matter(turn: _Turn, lex: _Lexicon, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The matter phrases, and those named with a possessive in the interviewer's voice."""
    phrases: list[tuple[int, int]] = []
    owned: list[tuple[int, int, str]] = []
    n = len(turn.tokens)
    i = 0
    while i < n:
        if not _is_head(turn.tokens[i], lex, language):
            i += 1
            continue
        head_end = i
        # a noun-noun head ("night shift", "team meeting"): take the last noun of the run
        while (
            language == "en"
            and head_end + 1 < n
            and turn.clause[head_end + 1] == turn.clause[i]
            and (_is_head(turn.tokens[head_end + 1], lex, language) or turn.tokens[head_end + 1] in lex.run_heads)
        ):
            head_end += 1
        start = i
        while (
            start > 0
            and i - start < 2
            and turn.clause[start - 1] == turn.clause[i]
            and _is_modifier(turn.tokens[start - 1], lex, language)
        ):
            start -= 1
        det = start - 1
        ok = False
        if det >= 0 and turn.clause[det] == turn.clause[i]:
            two = f"{turn.tokens[det - 1]} {turn.tokens[det]}" if det > 0 else ""
            if two in lex.determiners:
                start, ok = det - 1, True
            elif turn.tokens[det] in lex.determiners and not (
                turn.tokens[det] in ("that", "this", "dat")
                and (turn.tokens[head_end] in lex.bare_ok or turn.tokens[head_end].endswith("s"))
            ):
                start, ok = det, True
            elif turn.tokens[det] in lex.bad_determiners:
                next_token = turn.tokens[head_end + 1] if head_end + 1 < n else ""
                if turn.tokens[det] in lex.yours and next_token not in lex.continuations:
                    owned.append((start, head_end, lex.yours[turn.tokens[det]]))
                i = head_end + 1
                continue
        if not ok and turn.tokens[head_end] in lex.bare_ok:
            ok = True
        after = head_end + 1
        if ok and after < n and turn.clause[after] == turn.clause[i] and turn.tokens[after] in lex.continuations:
            ok = False  # "the new shift pattern": the phrase would stop inside a compound
        if not ok:
            i = head_end + 1
            continue
        end = head_end
        if lex.time_tails is not None and head_end + 1 < n:
            tail = lex.time_tails.match(turn.norm, turn.starts[head_end + 1])
            if tail is not None:
                _, tail_last = turn.tokens_of(tail.start(), tail.end())
                if all(turn.clause[k] == turn.clause[i] for k in range(head_end, tail_last + 1)):
                    end = tail_last
        phrases.append((start, end))
        i = end + 1
    out: list[str] = []
    for start, end in phrases:
        phrase = turn.words(start, end).strip()
        first = turn.tokens[start]
        sentence_case = phrase[:1].isupper() and not phrase[1:2].isupper()
        if sentence_case and (first in lex.determiners or first in lex.adjectives or start == 0):
            phrase = phrase[0].lower() + phrase[1:]
        if phrase and phrase not in out:
            out.append(phrase)
    yours: list[str] = []
    for start, end, pronoun in owned:
        phrase = f"{pronoun} {turn.words(start, end).strip()}"
        if phrase not in yours:
            yours.append(phrase)
    return tuple(out[:3]), tuple(yours[:3])


def is_matter_phrase(phrase: str, text: str, language: str) -> bool:
    """Whether ``phrase`` may stand as matter of ``text``: the leaver's own words (a run of whole words of the
    turn), at most eight words, no meta-talk ("de vraag", "this interview"), no name placeholder, and not
    starting with a possessive ("mijn", "my") that would read wrong after "Je vertelde over"."""
    lex = _lexicon(language if language in LANGUAGES else "nl")
    words = [_norm_token(t) for t in _TOKEN.findall(phrase)]
    if not words or len(words) > 8 or "[" in phrase or phrase != phrase.strip():
        return False
    if words[0] in lex.bad_determiners or any(w in lex.meta_heads for w in words):
        return False
    if all(w in lex.function_words or w in lex.determiners for w in words):
        return False
    turn = [_norm_token(t) for t in _TOKEN.findall(strip_control(text)[:_MAX_CHARS])]
    n = len(words)
    return any(turn[i : i + n] == words for i in range(len(turn) - n + 1))


# --------------------------------------------------------------------------------------------------------
# The whole turn
# --------------------------------------------------------------------------------------------------------


def _marker_counts(text: str) -> dict[str, int]:
    """How many words of the turn belong only to Dutch, and only to English (function words of the lists)."""
    nl, en = _lexicon("nl").function_words, _lexicon("en").function_words
    counts = {"nl": 0, "en": 0}
    for token in _TOKEN.findall(text.lower()[:_MAX_CHARS]):
        token = _norm_token(token)
        in_nl, in_en = token in nl, token in en
        if in_nl and not in_en:
            counts["nl"] += 1
        elif in_en and not in_nl:
            counts["en"] += 1
    return counts


def _languages(text: str, base: str) -> tuple[str, bool]:
    """The language to read the turn in, and whether the other language may be tried for its kind.

    The conversation's language holds unless the turn is clearly in the other one (at least two of its own
    function words, and more than twice as many as of the conversation's language): "We gave insulin ..."
    in an English conversation stays English although "we" and "was" are Dutch words too."""
    other = "en" if base == "nl" else "nl"
    counts = _marker_counts(text)
    if counts[other] >= 2 and counts[other] > 2 * counts[base]:
        return other, True
    return base, counts[other] >= counts[base]


def understand(text: str, context: Context) -> Understanding:
    """Read one turn of the leaver. Any text gives a valid :class:`Understanding` (property-tested)."""
    base = context.language if context.language in LANGUAGES else "nl"
    language, try_other = _languages(text, base)
    lex = _lexicon(language)
    turn = _turn(text, lex, language)
    if not turn.tokens:
        return Understanding(kind="answer", language=base, thin=True)
    kind, topic, match = _kind(turn, lex)
    if kind == "answer" and try_other:
        # a turn that is no answer in the other language ("can we skip this one" in a Dutch conversation)
        alternative = "en" if language == "nl" else "nl"
        other = _lexicon(alternative)
        other_turn = _turn(text, other, alternative)
        other_kind, other_topic, other_match = _kind(other_turn, other)
        if other_kind != "answer":
            language, lex, turn = alternative, other, other_turn
            kind, topic, match = other_kind, other_topic, other_match

    signals = analyse_answer(turn.fixed, language)
    hedge_ends = _hedge_ends(turn, lex)
    feelings = _feelings(turn, lex, language, hedge_ends)
    sarcasm = _sarcasm(turn, lex)
    if sarcasm:
        feelings = tuple(f for f in feelings if f.name not in ("joy", "pride", "relief", "appreciated"))
    content = kind in ("answer", "correction", "refusal", "already_told", "nothing_more")
    themes = _themes(turn, lex, language, hedge_ends, signals) if content else ()
    matter: tuple[str, ...] = ()
    matter_yours: tuple[str, ...] = ()
    if kind in ("answer", "correction"):
        matter, matter_yours = _matter(turn, lex, language)
    ruled_out = {_norm_token(t.words.split()[-1]) for t in themes if t.negated and t.words.split()}
    matter = tuple(m for m in matter if not ruled_out & {_norm_token(w) for w in m.split()})
    matter_yours = tuple(m for m in matter_yours if not ruled_out & {_norm_token(w) for w in m.split()})
    correction = _correction(turn, match, lex) if kind == "correction" else None
    refusal_target = _refusal_target(turn, lex, signals) if kind == "refusal" else None
    disclosure = _disclosure(turn, lex, language)
    distress = _distress(turn, lex, language)
    thin = (
        kind == "answer"
        and not matter
        and not feelings
        and not disclosure
        and not distress
        and (
            signals.is_thin
            or len(turn.tokens) <= 2
            or (
                len(turn.tokens) <= 6 and lex.thin is not None and lex.thin.search(turn.norm) is not None and not themes
            )
        )
    )
    return Understanding(
        kind=cast(TurnKind, kind),
        language=language,
        meta_topic=cast(MetaTopic | None, topic),
        refusal_target=refusal_target,
        correction=correction,
        themes=themes,
        matter=matter,
        matter_yours=matter_yours,
        feelings=feelings,
        decisive=lex.decisive is not None and lex.decisive.search(turn.norm) is not None,
        disclosure=cast(DisclosureKind | None, disclosure),
        distress=distress,
        sarcasm=sarcasm,
        hedged=bool(hedge_ends) or bool(signals.hedges),
        thin=thin,
    )
