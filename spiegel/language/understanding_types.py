"""The understanding of one turn as values: its kind, themes, feelings, matter, safety (see
:mod:`spiegel.language.understanding`, which reads a turn into an :class:`Understanding`). Django-free."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

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
    # only who the leaver was there ("ik werkte vier jaar als planner bij ...", "I was a junior developer at a
    # fintech, two years"): no reason yet, so the question why they left comes next, never its "effect"
    background: bool = False
    # the place the leaver goes to ("een kleiner bedrijf waar ik meer vrijheid krijg"): what draws them there
    # says what was missing here
    new_place: bool = False
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
