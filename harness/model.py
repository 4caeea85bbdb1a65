"""The data a simulated leaver is made of.

A persona says its *stated reason* up front; its real reasons sit in *threads*. A thread belongs to one
taxonomy theme and has a vague surface answer and hidden facts that only come out, one at a time, when the
interviewer genuinely follows up on that theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spiegel.language.taxonomy import THEMES as TAXONOMY_THEMES

Language = Literal["nl", "en"]
Polarity = Literal["push", "pull"]

#: Theme ids of the Spiegel taxonomy (docs/taxonomy.md); stable, so the harness may list them itself.
THEMES: tuple[str, ...] = TAXONOMY_THEMES


@dataclass(frozen=True)
class HiddenFact:
    """Something the leaver only says when followed up.

    ``theme`` is what the fact is about when that differs from the thread it hangs on (a socially easy
    stated reason often hides a push from elsewhere). ``opens`` lists themes the fact mentions in passing,
    so an attentive interviewer can pick them up as new threads. ``serious`` marks a disclosure
    (harassment, discrimination, integrity, safety) after which the interviewer must stop probing.
    """

    id: str
    text: str
    theme: str | None = None
    opens: tuple[str, ...] = ()
    serious: bool = False
    #: The fact shows distress (crying, not sleeping, dreading the shift): the interviewer must check in
    #: ("hoe gaat het nu met je?") before anything else and not probe for detail.
    distress: bool = False


@dataclass(frozen=True)
class Thread:
    """One of the leaver's real reasons: a theme, a vague surface answer and its hidden facts.

    ``aliases`` are other themes whose questions the leaver answers with this thread (asked about the
    team leader, someone whose problem is the atmosphere talks about the atmosphere). ``opens`` lists
    themes that the surface answer mentions in passing.
    """

    topic: str
    surface: str
    hidden: tuple[HiddenFact, ...]
    aliases: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    #: The surface answer is sarcastic ("echt top geregeld"): replying "good to hear" misreads it.
    sarcastic: bool = False
    #: Terse leavers give one more thin answer before the first hidden fact; the probe after it must be a
    #: different kind of probe (an example, then a moment, ...) to get through.
    terse: bool = False
    #: Hearsay ("ik hoorde dat ..."): the leaver only tells what they saw themselves when asked for that,
    #: or for a concrete example or moment; "what do you mean?" gets more rumour.
    hearsay: bool = False


@dataclass(frozen=True)
class Correction:
    """The leaver corrects the interviewer: asked about ``wrong`` (what the interviewer made of an ambiguous
    answer), the leaver says ``text`` and the conversation should go on about ``right``."""

    wrong: str
    text: str
    right: str


@dataclass(frozen=True)
class TrueReason:
    """A real reason for leaving, as the taxonomy would tag it."""

    theme: str
    polarity: Polarity


@dataclass(frozen=True)
class Persona:
    """A simulated leaver. Everything the simulator says comes from here or from its generic phrases."""

    id: str
    language: Language
    name: str
    role: str
    department: str
    tenure_months: int
    stated_reason: str
    stated_topic: str
    true_reasons: tuple[TrueReason, ...]
    threads: tuple[Thread, ...]
    traits: tuple[str, ...] = ()
    #: Themes the stated reason mentions besides ``stated_topic``.
    stated_opens: tuple[str, ...] = ()
    #: A theme the leaver will not discuss, and the words used to refuse it.
    refuses: str | None = None
    refusal: str = ""
    #: A theme on which the leaver types "volgende onderwerp"/"skip", and the exact words typed.
    skips: str | None = None
    skip_text: str = ""
    #: Per-theme answers for themes without a thread (defaults come from the simulator's phrases).
    neutral: dict[str, str] = field(default_factory=dict)
    stay_answer: str = ""
    advice_answer: str = ""
    #: The theme of the main reason, which the closing summary must name (default: the first true reason).
    main_reason: str = ""
    #: The language the interview is held in when it differs from the leaver's (an English speaker in a
    #: Dutch organisation answers in English to a Dutch interviewer).
    interview_language: Language | None = None
    #: Questions about the interview the leaver asks back instead of answering: (when, question), where
    #: ``when`` is "opening" or the theme whose first question triggers it.
    asks_back: tuple[tuple[str, str], ...] = ()
    #: A correction of the interviewer, if this leaver makes one.
    correction: Correction | None = None

    @property
    def main_theme(self) -> str:
        """The theme the summary must name."""
        return self.main_reason or self.true_reasons[0].theme

    @property
    def language_of_interview(self) -> Language:
        """The language the interviewer speaks with this leaver."""
        return self.interview_language or self.language

    def thread(self, topic: str) -> Thread | None:
        """The thread for ``topic``, directly or through a thread's aliases."""
        for thread in self.threads:
            if thread.topic == topic:
                return thread
        for thread in self.threads:
            if topic in thread.aliases:
                return thread
        return None

    @property
    def hidden_facts(self) -> tuple[HiddenFact, ...]:
        """All hidden facts, in thread order."""
        return tuple(fact for thread in self.threads for fact in thread.hidden)
