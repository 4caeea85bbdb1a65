"""Widening Dutch name spans over abbreviated and OCR-damaged surname particles.

The rules in ``redact.py`` find "Goot" in "de heeren Romein en v. d. Goot" and "T." and "VEN" in "T. van die
VEN", but leave the particles between them: abbreviated ones ("v. d.", "v.") and the OCR misreadings of
"van" in 19th-century print ("vau", "vas", "vak"). This module joins them: abbreviated particles before a
name belong to it, and initials followed by particles and a surname are one name. Tuned on the development
split of the Dutch newspaper corpus only (see docs/benchmarks.md).

Django-free; imports nothing from Spiegel. Works on the redactor's word tokens through the ``Word`` protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

__all__ = ["ABBREVIATED_PARTICLES", "widen"]

# "v. d. Goot", "v. Hemert", "v.d. Windt": particles written short, only directly before a name or each other.
ABBREVIATED_PARTICLES = frozenset({"v", "d", "vd"})
# Particles between initials and a surname, with their OCR misreadings ("vau Hemert", "VAK KUIJK", "dk CHARRO").
_PARTICLES_AFTER_INITIALS = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "vau", "vas", "vak", "vnn", "vant", "vam", "vax", "dk", "die"}
)
_MAX_PARTICLES = 3


class Word(Protocol):
    start: int
    end: int
    text: str
    low: str
    cap: bool
    initial: bool


W = TypeVar("W", bound=Word)


def _gap(text: str, left: Word, right: Word) -> str:
    return text[left.end : right.start]


def _short(text: str, tok: Word, nxt: Word) -> bool:
    """An abbreviated particle: 'v', 'd' or 'vd' in lower case with its dot, on the same line as what follows."""
    gap = _gap(text, tok, nxt)
    return tok.low in ABBREVIATED_PARTICLES and not tok.cap and "\n" not in gap and gap.strip(" ") == "."


def _after_initial(text: str, left: Word, right: Word) -> bool:
    gap = _gap(text, left, right)
    return "\n" not in gap and gap.strip(" ") in {"", "."}


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for first, after in sorted(ranges):
        if out and first < out[-1][1]:
            out[-1] = (out[-1][0], max(after, out[-1][1]))
        else:
            out.append((first, after))
    return out


def widen(
    text: str,
    tokens: Sequence[W],
    ranges: list[tuple[int, int]],
    nameish: Callable[[W], bool],
    rare: Callable[[W], bool],
) -> list[tuple[int, int]]:
    """The name ranges (first, after last token) widened over abbreviated particles before them ("v. d.
    Goot") and joined with the initials and particles before a surname ("T. van die VEN", "C. v. d. Wenden").
    A surname no rule took must be ``nameish`` (capitalised) or, in lower case, ``rare`` ("van lerland")."""
    out: list[tuple[int, int]] = []
    starts = {first for first, _after in ranges}
    for first, after in ranges:
        j = first
        while j > 0 and _short(text, tokens[j - 1], tokens[j]):
            j -= 1
        if j < first:
            while j > 0 and tokens[j - 1].initial and _after_initial(text, tokens[j - 1], tokens[j]):
                j -= 1
        out.append((j, after))
    for i, tok in enumerate(tokens):
        if not tok.initial or (i + 1 < len(tokens) and tokens[i + 1].initial):
            continue
        k = i + 1
        while (
            k < len(tokens)
            and k - i <= _MAX_PARTICLES
            and not tokens[k].cap
            and (tokens[k].low in _PARTICLES_AFTER_INITIALS or tokens[k].low in ABBREVIATED_PARTICLES)
            and _after_initial(text, tokens[k - 1], tokens[k])
        ):
            k += 1
        if k == i + 1 or k >= len(tokens) or not _after_initial(text, tokens[k - 1], tokens[k]):
            continue
        word = tokens[k]
        if k in starts or (nameish(word) if word.cap else len(word.low) >= 3 and rare(word)):
            first = i
            while first > 0 and tokens[first - 1].initial and _after_initial(text, tokens[first - 1], tokens[first]):
                first -= 1
            out.append((first, k + 1))
    return _merge(out)
