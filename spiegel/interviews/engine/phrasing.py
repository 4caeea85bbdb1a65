"""Putting a move into words: the Phraser protocol and the built-in, template-based phraser.

Templates come in several variants per move so the interviewer never repeats a sentence; the variant is
picked deterministically from the state (no randomness), skipping anything already said.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from typing import Protocol

from .checks import _said_sentences, normalise, sentences
from .fit import ASKS_FOR_AN_OCCURRENCE, agree, example_of_one
from .guide import Guide
from .reflection import absent, label_named, reflectable, whole_phrase
from .state import ACK_KINDS, ConversationState, Move
from .summary_words import point as summary_point
from .wording import is_clause, is_event, options, text, topic_label, word_list


class Phraser(Protocol):
    """Words a move. The engine checks the result and falls back to templates when a rule is broken.

    A phraser may also have ``describe() -> dict`` (what produced the wording: ``phraser``, ``model``,
    ``prompt``...), which the engine records in :attr:`EngineReply.produced_by` when its wording is used, and
    may raise :class:`PhraserDeclined` for moves it leaves to the templates.
    """

    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        """One interviewer message for ``move``."""
        ...


class PhraserDeclined(Exception):  # noqa: N818  (a choice, not a fault)
    """Raised by a phraser for a move it leaves to the built-in templates; the engine records no failure."""


# Templates live in data/wording/{nl,en}.json (see wording.py). Placeholders: {q} the leaver's words,
# {q2} earlier words, {label} topic label, {role} a person by role, {feeling} / {ref} the reflected feeling,
# {question} guide wording, {points} summary points.


# The frames that name the leaver's thing in a sentence of its own, before the question.
_OPENERS = {"nl": ("Je noemde {q}.", "Je vertelde over {q}."), "en": ("You mentioned {q}.",)}
# Moves that offer the leaver's words back in a frame ("Je vertelde over {q}.", "Earlier you mentioned {q}.").
REFLECTING_KINDS = frozenset({"follow_up", "reflect_and_ask", "return_thread"})


def _answers(state: ConversationState) -> list[str]:
    return [str(a.get("text") or "") for a in state.answers]


def grounded(move: Move, state: ConversationState) -> Move:
    """``move`` with its quote only when the leaver said it as a whole phrase (``reflection.reflectable``);
    otherwise without it, and the question is asked plainly, in the interviewer's own words."""
    kind = move.target if move.kind in ACK_KINDS and move.target else move.kind
    if kind not in REFLECTING_KINDS or not move.quote or move.probe == "event_told":
        return move  # (an event told in a few words is said back whole, "Je zei dat jullie team werd opgeheven")
    answers = _answers(state)
    if absent(move.quote, answers):
        # "geen vast contract" is never "Je vertelde over een vast contract": "het ontbreken van een vast contract"
        return replace(move, quote=text(move.language, "absence").format(q=move.quote))
    first = move.quote.split()[0].lower()
    if move.probe in ASKS_FOR_AN_OCCURRENCE and first in word_list("indefinite") and not is_event(move.quote):
        return replace(move, quote=None)  # "een vast contract" offered elsewhere has no moment or example of its own
    if reflectable(move.quote, answers, move.language, pull=move.probe == "push_pull"):
        return move
    return replace(move, quote=whole_phrase(move.quote, answers, move.language))


def _seed(move: Move, state: ConversationState) -> int:
    # crc32, not hash(): str hashes change per process and the engine must be deterministic.
    key = f"{move.kind}|{move.probe}|{move.topic}|{state.interviewer_turns}|{len(state.said)}"
    return zlib.crc32(key.encode("utf-8"))


def _rotate(options: tuple[str, ...], seed: int) -> list[str]:
    if not options:
        return []
    start = seed % len(options)
    return list(options[start:]) + list(options[:start])


class TemplatePhraser:
    """The built-in phraser: varied templates per move kind and language, never repeating a sentence."""

    def phrase(self, move: Move, state: ConversationState, guide: Guide) -> str:
        """The first candidate wording that repeats nothing already said."""
        candidates = self.candidates(move, state, guide)
        return candidates[0] if candidates else ""

    def candidates(self, move: Move, state: ConversationState, guide: Guide) -> list[str]:
        """All wordings of ``move`` in preference order: fresh ones first, repeats last."""
        said = {s for message in state.said for s in _said_sentences(message)}
        seed = _seed(move, state)
        move = grounded(move, state)
        language = move.language
        preface = self._preface(move, said, seed, language)
        questions = self._questions(move, guide, seed, language, _answers(state))
        fresh: list[str] = []
        stale: list[str] = []
        for q in questions:
            worded = f"{preface} {q}".strip() if preface else q
            (stale if any(normalise(s) in said for s in sentences(worded)) else fresh).append(worded)
        return fresh + stale

    def fallbacks(self, move: Move, state: ConversationState, guide: Guide) -> list[str]:
        """Neutral wordings for when no template of ``move`` passes the checks (the preface kept if fresh)."""
        said = {s for message in state.said for s in _said_sentences(message)}
        kind = move.target if move.kind in ACK_KINDS and move.target else move.kind
        if kind == "close":
            return [guide.closing["thanks"]]
        preface = self._preface(move, said, _seed(move, state), move.language)
        out: list[str] = []
        for question in options(move.language, "fallbacks"):
            if preface:
                out.append(f"{preface} {question}")
            out.append(question)
        return out

    def _preface(self, move: Move, said: set[str], seed: int, language: str) -> str:
        parts: list[str] = [move.note] if move.note else []
        keys: list[str] = []
        if move.preface:
            keys.extend(p for p in move.preface.split("+") if p)
        if move.feeling and move.feeling.split()[0].lower() in ("dat", "that"):
            # a feeling worded as a clause ("dat het voor jou genoeg was") needs frames where a clause fits
            keys = [f"{k}_clause" if options(language, "prefaces", f"{k}_clause") else k for k in keys]
        for key in keys:
            for option in _rotate(options(language, "prefaces", key), seed):
                worded = option.format(feeling=move.feeling or "")
                if normalise(worded) not in said:
                    parts.append(worded)
                    break
        return " ".join(parts)

    @staticmethod
    def _simpler(move: Move, kind: str, language: str) -> tuple[str, ...]:
        """The same question in simpler words (data: ``simpler``), for a leaver who did not understand it."""
        if kind in ("follow_up", "reflect_and_ask", "contradiction"):
            found = options(language, "simpler", "probes", move.probe or "clarify")
            return found or options(language, "simpler", "probes", "clarify")
        return options(language, "simpler", kind) or options(language, "simpler", "topic_question")

    def _templates(self, move: Move, kind: str, language: str) -> tuple[tuple[str, ...], bool]:
        """The templates for ``move``, and whether they are fixed wordings (closing, simpler) kept in order."""
        simpler = self._simpler(move, kind, language) if move.simple else ()
        if simpler:
            return simpler, True  # in this order, the simplest first
        closing = options(language, "closing", kind)
        if kind == "correction_follow" and is_clause(move.quote):
            closing = options(language, "closing", "correction_follow_clause")  # "Het ging je er dus om dat ..."
        if kind == "open":
            return options(language, "opening"), bool(closing)
        if kind == "return_thread" and move.probe == "own_experience":
            return options(language, "return_hearsay"), bool(closing)
        if kind == "return_thread" and move.feeling and not move.quote:
            return options(language, "return_feeling"), bool(closing)
        if kind == "return_thread" and is_clause(move.quote):
            return options(language, "return_thread_clause"), bool(closing)  # "Je zei eerder dat ..."
        if kind == "return_thread":
            return options(language, "return_thread"), bool(closing)
        if kind == "summary" and not move.points:
            return options(language, "closing", "summary_empty"), bool(closing)
        if closing:
            return closing, True
        probe = move.probe or "clarify"
        return options(language, "probes", probe) or options(language, "probes", "clarify"), False

    @staticmethod
    def _unnamed_return(move: Move, kind: str, label: str, answers: list[str], language: str) -> bool:
        """Back to a thread by its topic name that the leaver never used ("management", not "my manager")."""
        if kind != "return_thread" or move.quote or move.feeling or move.probe == "own_experience":
            return False
        return not label_named(label, answers, language)

    @staticmethod
    def _topical(move: Move, kind: str, language: str) -> tuple[str, ...]:
        """Questions made for this topic, and for a matter that is an event ("Wat gebeurde er toen?")."""
        if kind not in ("follow_up", "reflect_and_ask") or not move.probe:
            return ()
        topical = options(language, "topic_probes", move.topic or "", move.probe)
        if move.quote and is_event(move.quote):
            topical = options(language, "event_probes", move.probe) + topical
        return topical

    @staticmethod
    def _ordered(
        move: Move, kind: str, found: tuple[str, ...], fixed: bool, topical: tuple[str, ...], seed: int
    ) -> list[str]:
        """The templates in the order to try them: the leaver's matter first where there is one."""
        quoting = tuple(o for o in found if "{q}" in o)
        rest = tuple(o for o in found if "{q}" not in o)
        if topical and not move.quote:
            return _rotate(topical, seed) + _rotate(rest, seed) + list(quoting)
        if topical:
            ordered = [o for o in topical if "{q}" in o] + _rotate(quoting, seed)
            return ordered + [o for o in topical if "{q}" not in o] + _rotate(rest, seed)
        if not move.quote:
            # without the leaver's words, prefer the wordings that use the topic label
            return list(rest + quoting)
        if kind == "open" or fixed:
            return list(found)  # the guide's own wording first
        # the leaver's matter comes first; rotate among those for variety
        return _rotate(quoting, seed) + _rotate(rest, seed)

    def _questions(
        self, move: Move, guide: Guide, seed: int, language: str, answers: list[str] | None = None
    ) -> list[str]:
        label = move.label or topic_label(move.topic, language, guide)
        fields = {
            "q": move.quote or label,
            "q2": move.quote2 or "",
            "label": label,
            "role": move.role or text(language, "default_role"),
            "feeling": move.feeling or "",
            "ref": move.feeling_ref or text(language, "default_feeling_ref"),
            "question": move.question or "",
            "points": _points(move.points, language),
        }
        kind = move.target if move.kind in ACK_KINDS and move.target else move.kind
        found, fixed = self._templates(move, kind, language)
        if found and self._unnamed_return(move, kind, label, answers or [], language):
            # "Earlier you mentioned your manager" only when they did: otherwise the topic is asked about plainly;
            # a matter whose words cannot be said back has no topic to ask about ("Ik wil je ook iets vragen over
            # je vertrek" mid-story says nothing): the neutral wordings take it
            found = () if label in word_list("heading_labels") else options(language, "return_topic")
        ordered = self._ordered(move, kind, found, fixed, self._topical(move, kind, language), seed)
        ordered = _without_unsaid(ordered, move, kind, label, answers or [])
        story = not move.topic and kind in ("follow_up", "reflect_and_ask")
        if not move.quote and not move.label and (story or (move.topic or "").startswith("_matter")):
            # a thread named only by its thing, or the leaver's story, has no label of its own ("je vertrek" would
            # be about nothing): without its name, the wordings that need neither come first ("Op welk moment
            # merkte je dat?")
            # ("Welk voorbeeld rond je vertrek", "hoe merkte je daar je vertrek?" say nothing)
            ordered = [o for o in ordered if "{q}" not in o and "{label}" not in o] or ordered
        if move.kind == "meta_answer" and kind in ("follow_up", "reflect_and_ask"):
            # after our answer to their question, "daar" would point at that answer: the question names its matter
            named = [o for o in ordered if "{q}" in o or "{label}" in o]
            ordered = named + [o for o in ordered if o not in named]
        words = (move.quote or "").lower().split()
        probing = kind in ("follow_up", "reflect_and_ask")
        if probing and words and (words[0] in word_list("indefinite") or words[-1] in word_list("person_heads")):
            # "a new manager" and "je teamleider" read well after "You mentioned", never inside a question
            # ("an example of a ...", "Welk voorbeeld van je teamleider")
            ordered = [o for o in ordered if "{q}" not in o or o.startswith(_OPENERS.get(language, ()))]
        if probing and words and concrete_object(words):
            # "Wat betekende de auto voor jou?": what something meant or did to them is asked of a matter or a
            # situation, never of a thing; the frame without it asks about what happened
            ordered = [o for o in ordered if "{q}" not in o or not _MEANING.search(o)]
        out: list[str] = []
        for option in ordered:
            if "{question}" in option and not move.question:
                continue
            if move.quote and example_of_one(option, move.quote, language):
                continue  # "een voorbeeld van je baanzekerheid": one matter has no examples
            if move.quote:
                option = agree(option, move.quote, language)  # "Wat betekenden de kinderen voor jou?"
            worded = option.format(**fields)
            if worded not in out:
                out.append(worded)
        return out


def _without_unsaid(ordered: list[str], move: Move, kind: str, label: str, answers: list[str]) -> list[str]:
    """Without the leaver's words, no frame made for them: "{q}" would offer the topic's own name back as if the
    leaver had said it ("You mentioned the work itself.", "Welk voorbeeld van het werk zelf ..."), unless they
    did use its words. A topic's heading that names no matter ("het werk zelf", "your leaving") is never put in
    a question's frame either ("Welk moment rond het werk zelf staat je nog goed bij?")."""
    if kind in REFLECTING_KINDS and label in word_list("heading_labels"):
        ordered = [o for o in ordered if "{label}" not in o] or ordered
    if move.quote or kind not in REFLECTING_KINDS or label_named(label, answers, move.language):
        return ordered
    return [o for o in ordered if "{q}" not in o]


# Frames that ask what something meant to the leaver or what effect it had.
_MEANING = re.compile(
    r"\b(?:betekende|betekent|effect|gevolgen|impact|deed\s+dat\s+met|mean|meant|affect(?:ed)?)\b", re.IGNORECASE
)


def concrete_object(words: list[str]) -> bool:
    """The phrase (its words, lower case) names a concrete thing ("de auto", "de leaseauto", "the company
    phone"): its head is an object word, or a Dutch compound ending in one of four letters or more."""
    head = words[-1].strip(".,;:!?'\"")
    objects = word_list("object_heads")
    return head in objects or any(len(o) >= 4 and head.endswith(o) for o in objects)


def _points(points: tuple[tuple[str, str], ...], language: str) -> str:
    rendered: list[str] = []
    for index, (label, matter) in enumerate(points):
        # in the interviewer's words: the topic, and for the main reason also the thing the leaver named where it
        # adds something; a thread without a topic is named by its thing; never the same phrase twice
        said = summary_point(label, matter if index == 0 or not label or label.startswith("_") else "")
        if said and said not in rendered:
            rendered.append(said)
    if not rendered:
        return ""
    if len(rendered) == 1:
        return rendered[0]
    # the main reason first and marked as such, then the other points
    first, rest = rendered[0], rendered[1:]
    joiner = text(language, "list_and")
    others = rest[0] if len(rest) == 1 else ", ".join(rest[:-1]) + joiner + rest[-1]
    return f"{text(language, 'summary_main')} {first}; {text(language, 'summary_besides')} {others}"
