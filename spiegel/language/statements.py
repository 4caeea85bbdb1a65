"""Drafting a leaver's answers into statements for the mirror: one per point, readable on its own, pseudonymised.

The mirror must be reviewable in two minutes, so:

* turns that are not content (meta-talk, refusals, "weet niet", skips, complaints about the interview,
  "dat heb ik al verteld", "daar zit niet veel achter") never become statements: the turn's kind comes from
  :func:`spiegel.language.understanding.understand`, and sentences are checked against the per-language
  patterns in ``data/statements/<lang>.json``;
* an answer is usually one point, so it becomes one statement; only a long answer is cut into several;
* a fragment is made understandable on its own with the question's context, in the leaver's voice
  ("Uiterlijk na de zomer." after "Wanneer had dat moeten gebeuren?" becomes "Het had uiterlijk na de zomer
  moeten veranderen."); a short follow-up answer about the same matter joins the statement it follows up;
  the same point made twice is one statement;
* every statement keeps its sources (which answers, which words) so the mirror can show "your words" beside
  "how we wrote it down", and private words can be taken out of the transcript.

Names and identifiers are replaced before anything else sees the text, with one
:class:`~spiegel.language.redact.Pseudonymiser` per interview so that a person keeps the same placeholder
in every statement.

Django-free: the mirror app stores what this module returns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from spiegel.language.redact import Pseudonymiser, Redaction
from spiegel.language.understanding import Context, understand

__all__ = [
    "MIN_STATEMENT_WORDS",
    "DraftStatement",
    "Replacement",
    "Source",
    "draft_statements",
    "generalise",
    "is_content_sentence",
    "is_substantive",
    "recognisable",
    "repseudonymise",
    "restore",
    "split_sentences",
    "word_count",
]

# A sentence shorter than this (in words) joins its neighbour.
MIN_WORDS = 4
# No statement in the mirror is shorter than this (in words): shorter ones get their context.
MIN_STATEMENT_WORDS = 5


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that on their own say nothing: an answer made only of these is not a statement.
_FILLER = _set(
    "nee neen no nope niets niks nothing meer more verder else further geen none idee weet ik niet i dont "
    "don't know ok oke oké okay prima goed ja yes klopt dat is het alles that's thats all volgende "
    "onderwerp graag next topic please dank je jij u wel thanks thank you sorry eigenlijk really not nvt "
    "hoor that it mwah tja nou well hmm uh eh er nog even echt zo so fine good sure right correct niet "
    "echt rest "
)

# Abbreviations after which a full stop does not end a sentence (lower case, without the final dot).
_ABBREVIATIONS = _set(
    "bijv bv bijvoorbeeld o.a m.n d.w.z enz etc e.g i.e vs ca incl excl dhr mevr mw mr mrs ms dr drs ir "
    "ing prof st jan feb mrt apr jun jul aug sep sept okt oct nov dec nr no tel afd resp evt ong min max "
)

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A candidate boundary: end punctuation (and closing quotes or brackets), then white space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n+")
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


@dataclass(frozen=True)
class Replacement:
    """One piece of the leaver's words that was replaced: the placeholder shown and the original behind it."""

    placeholder: str
    original: str
    kind: str

    def to_dict(self) -> dict[str, str]:
        return {"placeholder": self.placeholder, "original": self.original, "kind": self.kind}


@dataclass(frozen=True)
class Source:
    """Where a statement's words came from: offsets into answer number ``answer_index``, and those words
    (pseudonymised) so the leaver can compare them with how the statement was written down."""

    answer_index: int
    start: int
    end: int
    words: str


@dataclass(frozen=True)
class DraftStatement:
    """A statement; ``answer_index``/``start``/``end`` are its first source, ``sources`` all of them."""

    answer_index: int
    start: int
    end: int
    text: str
    topic: str | None
    phase: str
    replacements: tuple[Replacement, ...]
    sources: tuple[Source, ...] = field(default_factory=tuple)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" x ", text))]


def is_substantive(text: str) -> bool:
    """Whether a piece of an answer says something: not empty, and not only 'no, nothing more'."""
    words = _words(text)
    return bool(words) and any(w not in _FILLER for w in words)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, trimmed of surrounding white space, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group().startswith("."):
            before = text[start : m.start()].split()
            last = before[-1].lower().lstrip("(\"'“‘") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue  # "bijv. de roosters", "J. de Vries"
        following = text[end:].lstrip()
        if m.group().strip() and following and following[0].islower():
            continue  # "... 3.5 uur" or an ellipsis inside a sentence
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece.rstrip())
        if tail > lead:
            trimmed.append((s + lead, s + tail))
    return trimmed


def _join_short(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Let sentences of fewer than MIN_WORDS words join the one before (or, at the start, the one after)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and (len(_words(text[s:e])) < MIN_WORDS or len(_words(text[out[-1][0] : out[-1][1]])) < MIN_WORDS):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _keep_spans_whole(spans: list[tuple[int, int]], redaction: Redaction) -> list[tuple[int, int]]:
    """Merge sentences that a replaced name crosses ('J. de Vries' split at the initial's dot)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and any(r.start < out[-1][1] < r.end or r.start < s < r.end for r in redaction.spans):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _redacted_piece(text: str, start: int, end: int, redaction: Redaction) -> tuple[str, tuple[Replacement, ...]]:
    pieces: list[str] = []
    replaced: list[Replacement] = []
    position = start
    for span in redaction.spans:
        if span.start < start or span.end > end:
            continue
        pieces.append(text[position : span.start])
        pieces.append(span.placeholder)
        replaced.append(Replacement(span.placeholder, span.original, span.kind))
        position = span.end
    pieces.append(text[position:end])
    return "".join(pieces).strip(), tuple(replaced)


# ------------------------------------------------------------------------------------------ language data


@dataclass(frozen=True)
class _Lang:
    non_content: tuple[re.Pattern[str], ...]
    verbs: frozenset[str]
    verb_suffixes: tuple[str, ...]
    not_verbs: frozenset[str]
    topics: dict[str, tuple[str, str]]
    phases: dict[str, str]
    copula: str
    about: str
    tag: str
    fallback: str
    connectives: frozenset[str]
    predicate_verbs: frozenset[str]
    anaphora: frozenset[str]
    recognisable: tuple[tuple[str, re.Pattern[str], str], ...]
    when_question: re.Pattern[str]
    subjects: dict[str, str]
    pronouns: dict[str, str]


@cache
def _lang(language: str) -> _Lang:
    code = "en" if language.lower().startswith("en") else "nl"
    raw: dict[str, Any] = json.loads(
        resources.files("spiegel.language").joinpath(f"data/statements/{code}.json").read_text(encoding="utf-8")
    )
    return _Lang(
        non_content=tuple(re.compile(p) for p in raw["non_content"]),
        verbs=_set(raw["verbs"]),
        verb_suffixes=tuple(raw["verb_suffixes"]),
        not_verbs=_set(raw["not_verbs"]),
        topics={k: (v[0], v[1]) for k, v in raw["topics"].items()},
        phases=dict(raw["phases"]),
        copula=raw["copula"],
        about=raw["about"],
        tag=raw["tag"],
        fallback=raw["fallback"],
        connectives=_set(raw["connectives"]),
        predicate_verbs=_set(raw["predicate_verbs"]),
        anaphora=_set(raw["anaphora"]),
        recognisable=tuple(
            (r["kind"], re.compile(r["pattern"], re.IGNORECASE), r["general"]) for r in raw.get("recognisable", [])
        ),
        when_question=re.compile(raw["when_question"], re.IGNORECASE),
        subjects=dict(raw["subjects"]),
        pronouns=dict(raw["pronouns"]),
    )


def word_count(text: str) -> int:
    """Words in a statement (a placeholder such as ``[collega A]`` counts as one)."""
    return len(_words(text))


def _normal(text: str) -> str:
    return " ".join(_words(text.replace("’", "'"))).replace(" ' ", "'")


def is_content_sentence(text: str, language: str) -> bool:
    """Whether a sentence says something about the leaver's work, rather than being meta-talk, a refusal,
    "weet niet", a skip, a complaint about the interview or "dat heb ik al verteld"."""
    if not is_substantive(text):
        return False
    lowered = re.sub(r"[^\w\s',-]", " ", text.lower().replace("’", "'"))
    lowered = re.sub(r"\s+", " ", lowered).strip(" ,")
    # Both languages' patterns: a leaver may answer in the other language ("yes, that's about right").
    if any(p.search(lowered) for code in ("nl", "en") for p in _lang(code).non_content):
        return False
    return understand(text, Context(language=language)).kind in ("answer", "correction")


def _is_verb(word: str, lang: _Lang, *, listed_only: bool = False) -> bool:
    """A finite verb: one of the language's common ones, or (unless ``listed_only``) a past-tense form."""
    w = word.lower()
    if w in lang.verbs:
        return True
    if listed_only or w in lang.not_verbs or len(w) < 5:
        return False
    return w.endswith(lang.verb_suffixes)


def _has_verb(text: str, lang: _Lang) -> bool:
    return any(_is_verb(w, lang) for w in _words(text))


def _first_lower(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and not text.startswith("I "):
        return text[0].lower() + text[1:]
    return text


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _bare(text: str) -> str:
    """A fragment without its final punctuation, its inner full stops turned into commas."""
    text = text.strip().rstrip(".!?… ")
    return re.sub(r"[.!?…]\s+(\S+)", lambda m: ", " + _first_lower(m.group(1) + " ").rstrip(), text)


def _with_tag(text: str, lang: _Lang) -> str:
    body = text.rstrip()
    end = body[-1] if body and body[-1] in ".!?…" else "."
    return body.rstrip(".!?… ") + lang.tag + end


def _from_when_question(text: str, question: str, lang: _Lang) -> str | None:
    """A time fragment answering a "when" question, turned into the leaver's sentence: "Wanneer gebeurde dat
    voor het laatst?" + "Vorige week nog." → "Dat gebeurde vorige week nog voor het laatst." """
    lines = [line.strip() for line in question.splitlines() if line.strip().endswith("?")]
    last = re.split(r"(?<=[.!])\s+", lines[-1])[-1] if lines else ""
    m = lang.when_question.match(last)
    if m is None or _has_verb(text, lang):
        return None
    verb, subject, rest = m.group(1).lower(), m.group(2).lower(), m.group(3) or ""
    rest = " ".join(lang.pronouns.get(w.lower(), w) for w in rest.split())
    return f"{lang.subjects[subject]} {verb} {_first_lower(_bare(text))} {rest}".strip() + "."


def _in_context(text: str, topic: str | None, phase: str, lang: _Lang, question: str = "") -> str:
    """The statement made understandable on its own, in the leaver's voice, with the question's context."""
    first, _, rest = text.partition(",")
    frame = lang.phases.get(phase)
    if frame and not _has_verb(first, lang):
        if "{rest}" in frame:
            tail = ("," + rest.rstrip(".!?… ")) if rest.strip() else ""
            return frame.format(x=_first_lower(_bare(first)), rest=tail)
        return frame.format(x=_first_lower(_bare(text)))
    when = _from_when_question(text, question, lang) if question and not frame else None
    if when is not None:
        return when
    subject_about = lang.topics.get(topic or "")
    words = _words(text)
    if subject_about is not None:
        subject, about = subject_about
        if words and words[0] in lang.predicate_verbs and word_count(text) < MIN_STATEMENT_WORDS + 2:
            return f"{subject} {_first_lower(text.strip())}"  # "Ging wel." → "Het contact met … ging wel."
        if not _has_verb(text, lang):
            if len(words) == 1:
                return lang.copula.format(
                    subject=subject, x=_first_lower(_bare(text))
                )  # "Druk." → "Het werk was druk."
            if len(words) < MIN_STATEMENT_WORDS + 3:
                return lang.about.format(about=about, x=_first_lower(text.strip()))
    return text


def _long_enough(text: str, topic: str | None, lang: _Lang) -> str:
    """Every statement has at least MIN_STATEMENT_WORDS words: a short one gets "voor mij" ("for me"), or its topic."""
    if word_count(text) >= MIN_STATEMENT_WORDS:
        return text
    if _has_verb(text, lang):
        tagged = _with_tag(text, lang)
        if word_count(tagged) >= MIN_STATEMENT_WORDS:
            return tagged
    subject_about = lang.topics.get(topic or "")
    if subject_about is not None:
        about = lang.about.format(about=subject_about[1], x=_first_lower(text.strip()))
        if word_count(about) >= MIN_STATEMENT_WORDS:
            return _first_upper(about)
    return _first_upper(lang.fallback.format(x=_first_lower(text.strip())))


def _leans(sentence: str, lang: _Lang) -> bool:
    """Whether a sentence leans on the one before: it starts with a connective ("Daardoor …", "So …") or
    refers back early on ("Pauze schoot er dan bij in.", "It was parked twice.")."""
    words = _words(sentence)
    return bool(words) and (words[0] in lang.connectives or any(w in lang.anaphora for w in words[1:4]))


def _units(
    spans: list[tuple[int, int]], text: str, lang: _Lang, themes: Mapping[tuple[int, int], frozenset[str]]
) -> list[list[tuple[int, int]]]:
    """The answer's content sentences grouped into points: a sentence stays with the one before when it leans
    on it, when both are about the same theme (health always apart: it must not lock other words out of
    being shared), or when the point so far is too short to stand alone."""
    units: list[list[tuple[int, int]]] = []
    for s, e in spans:
        if not units:
            units.append([(s, e)])
            continue
        size = sum(word_count(text[a:b]) for a, b in units[-1])
        mine = themes.get((s, e), frozenset())
        before = themes.get(units[-1][-1], frozenset())
        health = "wellbeing" in mine or "wellbeing" in before
        same = bool(mine & before) and not health
        if _leans(text[s:e], lang) or same or size < MIN_STATEMENT_WORDS:
            units[-1].append((s, e))
        else:
            units.append([(s, e)])
    return units


def _sentence_themes(texts: list[str], language: str) -> list[frozenset[str]]:
    """Themes per sentence, to tell points apart; without the classifier every sentence is its own theme."""
    # deferred: scikit-learn takes seconds to load; drafting without themes does not need it
    from spiegel.language.classify import classify_many

    try:
        return [frozenset(t.id for t in c.themes) for c in classify_many(texts, language)]
    except Exception:  # drafting never fails for want of themes: sentences then join only when they lean
        return [frozenset() for _ in texts]


@dataclass
class _Draft:
    answer_index: int
    topic: str | None
    phase: str
    text: str
    raw: str
    replacements: list[Replacement]
    sources: list[Source]
    health: bool = False
    themes: frozenset[str] = frozenset()

    def frozen(self) -> DraftStatement:
        first = self.sources[0]
        return DraftStatement(
            answer_index=first.answer_index,
            start=first.start,
            end=first.end,
            text=self.text,
            topic=self.topic,
            phase=self.phase,
            replacements=tuple(self.replacements),
            sources=tuple(self.sources),
        )


def _same_point(a: str, b: str) -> bool:
    x, y = set(_words(a)), set(_words(b))
    return bool(x and y) and len(x & y) / len(x | y) >= 0.8


def _is_fragment(text: str, lang: _Lang) -> bool:
    return word_count(text) < MIN_STATEMENT_WORDS or not _has_verb(text.partition(",")[0], lang)


def draft_statements(
    answers: Sequence[Mapping[str, str | None]],
    pseudonymiser: Pseudonymiser,
    *,
    keep: Iterable[str] = (),
    language: str | None = None,
) -> list[DraftStatement]:
    """The statements in ``answers`` (the engine's ``[{"topic", "phase", "text"}]``, optionally with the
    ``"question"`` that was answered), pseudonymised, in conversation order.

    The pseudonymiser carries on from earlier texts of the same interview; its mapping grows as it goes.
    """
    language = str(language or getattr(pseudonymiser, "language", "nl"))
    lang = _lang(language)
    kept = list(keep)
    prepared: list[tuple[int, str, Redaction, list[tuple[int, int]]]] = []
    for index, answer in enumerate(answers):
        text = str(answer.get("text") or "")
        if not is_substantive(text):
            continue
        redaction = pseudonymiser.redact(text, keep=kept)
        sentences = _keep_spans_whole(split_sentences(text), redaction)
        content = _join_short([(s, e) for s, e in sentences if is_content_sentence(text[s:e], language)], text)
        prepared.append((index, text, redaction, content))
    flat = [(index, span) for index, _, _, content in prepared for span in content]
    texts = {index: text for index, text, _, _ in prepared}
    found = _sentence_themes([texts[i][s:e] for i, (s, e) in flat], language)
    themes_of = dict(zip(flat, found, strict=True))
    drafts: list[_Draft] = []
    for index, text, redaction, content in prepared:
        answer = answers[index]
        topic = answer.get("topic")
        phase = str(answer.get("phase") or "")
        mine = {span: themes_of[(index, span)] for span in content}
        units = _units(content, text, lang, mine)
        for unit in units:
            pieces = [_redacted_piece(text, s, e, redaction) for s, e in unit]
            raw = " ".join(p for p, _ in pieces)
            replaced = [r for _, rs in pieces for r in rs]
            sources = [Source(index, s, e, p) for (s, e), (p, _) in zip(unit, pieces, strict=True)]
            previous = drafts[-1] if drafts else None
            duplicate = next((d for d in drafts if _same_point(d.raw, raw)), None)
            if duplicate is not None:  # the same point made twice ("what to keep" and "what to change")
                duplicate.sources += sources
                continue
            follows_up = (
                previous is not None
                and topic is not None
                and previous.topic == topic
                and previous.answer_index < index
                and phase not in lang.phases
            )
            health = any("wellbeing" in mine[span] for span in unit) or (previous is not None and previous.health)
            unit_themes = frozenset().union(*(mine[span] for span in unit))
            joins = _is_fragment(raw, lang) or (
                unit is units[0]
                and not health
                and previous is not None
                and bool(previous.themes & unit_themes)
                and word_count(previous.raw) + word_count(raw) <= 60
            )
            if follows_up and previous is not None and joins:
                # A short answer to a follow-up question about the same matter joins the point it follows up.
                previous.text = f"{previous.text.rstrip()} {_first_upper(raw.strip())}"
                previous.raw = f"{previous.raw} {raw}"
                previous.replacements += replaced
                previous.sources += sources
                previous.health = previous.health or health
                previous.themes |= unit_themes
                continue
            question = str(answer.get("question") or "")
            written = _first_upper(_long_enough(_in_context(raw, topic, phase, lang, question), topic, lang))
            is_health = any("wellbeing" in mine[span] for span in unit)
            drafts.append(_Draft(index, topic, phase, written, raw, replaced, sources, is_health, unit_themes))
    return [d.frozen() for d in drafts]


# ------------------------------------------------------------------------------------------ recognisable


def recognisable(text: str, language: str) -> list[str]:
    """What in a statement a colleague could recognise the leaver by: ``date`` (a date, a month, a year, a
    time of day), ``incident`` (a named event), ``role`` (a unique role) or ``small_group`` (a team of two or
    three). In order, each kind once; empty when nothing stands out."""
    kinds: list[str] = []
    for kind, pattern, _general in _lang(language).recognisable:
        if kind not in kinds and pattern.search(text):
            kinds.append(kind)
    return kinds


def generalise(text: str, language: str) -> str:
    """The statement with what makes it recognisable put in general words ("in maart" → "op een gegeven
    moment", "two of us" → "a small team"), for the mirror's one-click "make it more general"."""
    out = text
    for _kind, pattern, general in _lang(language).recognisable:
        out = pattern.sub(general, out)
    out = re.sub(r"\s{2,}", " ", out).strip()
    return _first_upper(out)


def repseudonymise(
    text: str, pseudonymiser: Pseudonymiser, *, keep: Iterable[str] = ()
) -> tuple[str, tuple[Replacement, ...]]:
    """Pseudonymise a statement the leaver corrected: placeholders already there stay, new names are replaced."""
    redaction = pseudonymiser.redact(text, keep=list(keep))
    return redaction.text.strip(), tuple(Replacement(s.placeholder, s.original, s.kind) for s in redaction.spans)


def restore(text: str, replacement: Replacement) -> str:
    """Put the original words back in place of the first occurrence of a placeholder that was wrong."""
    return text.replace(replacement.placeholder, replacement.original, 1)
