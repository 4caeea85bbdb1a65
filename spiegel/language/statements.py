"""Splitting a leaver's answers into statements for the mirror, pseudonymised, in the leaver's own words.

One answer often holds several points ("My manager never gave feedback. The pay was fine."); the mirror
shows them one by one so that the leaver can decide about each. Answers are split into sentences; very
short sentences ("Really.") stay with their neighbour; answers that say nothing ("No, nothing more.") are
left out. Names and identifiers are replaced before anything else sees the text, with one
:class:`~spiegel.language.redact.Pseudonymiser` per interview so that a person keeps the same placeholder
in every statement.

Django-free: the consent app stores what this module returns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spiegel.language.redact import Pseudonymiser, Redaction

__all__ = [
    "DraftStatement",
    "Replacement",
    "draft_statements",
    "is_substantive",
    "repseudonymise",
    "restore",
    "split_sentences",
]

# A sentence shorter than this (in words) joins its neighbour.
MIN_WORDS = 4


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
class DraftStatement:
    """A statement cut from answer number ``answer_index``: ``start``/``end`` are offsets into that answer."""

    answer_index: int
    start: int
    end: int
    text: str
    topic: str | None
    phase: str
    replacements: tuple[Replacement, ...]


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


def draft_statements(
    answers: Sequence[Mapping[str, str | None]], pseudonymiser: Pseudonymiser, *, keep: Iterable[str] = ()
) -> list[DraftStatement]:
    """The statements in ``answers`` (the engine's ``[{"topic", "phase", "text"}]``), pseudonymised.

    The pseudonymiser carries on from earlier texts of the same interview; its mapping grows as it goes.
    """
    kept = list(keep)
    drafts: list[DraftStatement] = []
    for index, answer in enumerate(answers):
        text = str(answer.get("text") or "")
        if not is_substantive(text):
            continue
        redaction = pseudonymiser.redact(text, keep=kept)
        spans = _join_short(_keep_spans_whole(split_sentences(text), redaction), text)
        for start, end in spans:
            if not is_substantive(text[start:end]):
                continue
            redacted, replaced = _redacted_piece(text, start, end, redaction)
            drafts.append(
                DraftStatement(
                    answer_index=index,
                    start=start,
                    end=end,
                    text=redacted,
                    topic=answer.get("topic"),
                    phase=str(answer.get("phase") or ""),
                    replacements=replaced,
                )
            )
    return drafts


def repseudonymise(
    text: str, pseudonymiser: Pseudonymiser, *, keep: Iterable[str] = ()
) -> tuple[str, tuple[Replacement, ...]]:
    """Pseudonymise a statement the leaver corrected: placeholders already there stay, new names are replaced."""
    redaction = pseudonymiser.redact(text, keep=list(keep))
    return redaction.text.strip(), tuple(Replacement(s.placeholder, s.original, s.kind) for s in redaction.spans)


def restore(text: str, replacement: Replacement) -> str:
    """Put the original words back in place of the first occurrence of a placeholder that was wrong."""
    return text.replace(replacement.placeholder, replacement.original, 1)
