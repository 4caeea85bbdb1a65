"""The word lists of the understanding (``data/understanding/{nl,en}.json``) and a turn read into tokens: the
original spans, a normalised form with chat spelling and one-letter typos written out, and its clauses.
Django-free; used by :mod:`spiegel.language.understanding` and its reading and matter modules."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spiegel.language.lemmas import is_known_word
from spiegel.language.text import strip_control

LANGUAGES = ("nl", "en")
MAX_CHARS = 20_000  # longer turns are read up to here (a pasted document is no turn)
WINDOW = 3  # negation and hedges reach this many words ahead, within a clause
QUESTION_WORDS = 10  # a meta pattern without "?" counts in a turn this short, or at its start


@dataclass(frozen=True)
class Pattern:
    rx: re.Pattern[str]
    max_words: int | None
    question: bool


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + source + r")(?![\w-])")


def _patterns(items: list[Any]) -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    for item in items:
        if isinstance(item, str):
            out.append(Pattern(_compile(item), None, False))
        else:
            out.append(Pattern(_compile(item["re"]), item.get("max_words"), bool(item.get("question"))))
    return tuple(out)


def _one(items: list[str]) -> re.Pattern[str] | None:
    return _compile("|".join(f"(?:{i})" for i in items)) if items else None


@dataclass(frozen=True)
class Lexicon:
    spelling: dict[str, str]  # chat spelling and common typos -> the word the patterns expect
    vocabulary: frozenset[str]  # every word the lists use: a typo one letter off one of them is read as it
    deletions: dict[str, tuple[str, ...]]  # vocabulary words by themselves and by each one-letter deletion
    meta: tuple[tuple[str, tuple[Pattern, ...]], ...]
    kinds: tuple[tuple[str, tuple[Pattern, ...]], ...]
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
    # discourse particles that change nothing about what a question asks ("is this actually a bot",
    # "ben je eigenlijk wel een mens"): a meta question is also read with them left out
    particles: frozenset[str] = frozenset()
    # figures of speech that use a disclosure's words ("voelde als een klap in mijn gezicht", "a slap in the
    # face"): a disclosure match inside one of these is no disclosure
    disclosure_not: re.Pattern[str] | None = None
    background: re.Pattern[str] | None = None  # who the leaver was there: role, employer, tenure
    reason_markers: re.Pattern[str] | None = None  # words that give a reason or a judgement ("omdat", "te veel")
    new_place: re.Pattern[str] | None = None  # the place the leaver goes to


_KIND_ORDER = ("refusal", "skip", "correction", "complaint", "already_told", "confusion", "nothing_more")


@lru_cache(maxsize=2)
def lexicon(language: str) -> Lexicon:
    path = resources.files("spiegel.language") / "data" / "understanding" / f"{language}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    kinds = data["kinds"]
    matter = data["matter"]
    topics = [(norm_phrase(w), theme) for theme, words in data["refusal_topics"].items() for w in words]
    topics.sort(key=lambda pair: -len(pair[0]))
    vocabulary = _vocabulary(data)
    deletions: dict[str, list[str]] = {}
    for word in sorted(vocabulary):
        for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
            deletions.setdefault(variant, []).append(word)
    return Lexicon(
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
            (tuple(norm_phrase(w).split()), theme)
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
        particles=frozenset(data.get("particles", [])),
        disclosure_not=_one(data.get("disclosure_not", [])),
        background=_one(data.get("background", [])),
        reason_markers=_one(data.get("reason_markers", [])),
        new_place=_one(data.get("new_place", [])),
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
    lex = lexicon(language)
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

TOKEN = re.compile(r"[^\W_]+(?:[-'’‘`´][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_CLAUSE_MARK = re.compile(r"[.,;:!?()\n\u2014\u2013]|\s-\s")
SARCASM_EMOJI = ("🙄", "😒", "🙃")
QUANTIFIERS = frozenset({"none", "nobody", "noone", "niemand", "geen", "neither"})


def norm_token(token: str) -> str:
    return token.lower().translate(_APOSTROPHES)


def norm_phrase(text: str) -> str:
    return " ".join(norm_token(t) for t in TOKEN.findall(text))


@dataclass(frozen=True)
class Turn:
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


def without_particles(turn: Turn, lex: Lexicon) -> Turn | None:
    """The turn with its discourse particles left out ("is this actually a bot" -> "is this a bot"), or None
    when it has none. Spans and clauses stay those of the kept tokens."""
    keep = [i for i, t in enumerate(turn.tokens) if t not in lex.particles]
    if len(keep) == len(turn.tokens) or not keep:
        return None
    tokens = tuple(turn.tokens[i] for i in keep)
    starts: list[int] = []
    position = 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    return Turn(
        turn.raw,
        tokens,
        tuple(turn.spans[i] for i in keep),
        tuple(starts),
        " ".join(tokens),
        tuple(turn.clause[i] for i in keep),
        turn.question,
        turn.fixed,
    )


def read_turn(text: str, lex: Lexicon, language: str) -> Turn:
    raw = strip_control(text)[:MAX_CHARS]
    tokens: list[str] = []
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    clause: list[int] = []
    position = 0
    current = 0
    previous_end = 0
    fixes: list[tuple[int, int, str]] = []
    for m in TOKEN.finditer(raw):
        token = norm_token(m.group(0))
        if not token:
            continue
        token = lex.spelling.get(token, token)
        if not (m.group(0)[:1].isupper() and raw[: m.start()].rstrip()[-1:] not in ("", ".", "!", "?", "\n")):
            token = _corrected(token, language)  # a capital inside a sentence is a name: never "corrected"
        if token != norm_token(m.group(0)):
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
    return Turn(raw, tuple(tokens), tuple(spans), tuple(starts), " ".join(tokens), tuple(clause), "?" in raw, fixed)
