"""The built-in interviewer's façade: one small class over the parts that understand, decide and say.

The parts: the turn policy (``policy.py``) decides what kind of turn an answer is and handles it before any
follow-up; follow-up choice (``followup.py``); topic navigation and budgets (``navigation.py``); the closing
sequence and summary (``closing.py``); wording as data (``wording.py`` and ``phrasing.py``). The engine is
deterministic and stateless itself: all conversation data is in the state.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any, Protocol

from spiegel.language.cues import analyse_answer
from spiegel.language.understanding import Context, Understanding

from .attunement import Attunement
from .checks import check_question
from .context import CaseContext
from .guide import Guide
from .navigation import HARD_TURN_CAP, STORY
from .phrasing import Phraser, PhraserDeclined, TemplatePhraser
from .state import CLOSING_PHASES, ConversationState, Flag, Move
from .wording import quotable as _quotable
from .wording import topic_label

logger = logging.getLogger(__name__)

__all__ = ["ENGINE_NAME", "HARD_TURN_CAP", "STORY", "Engine", "EngineReply", "Understander", "_quotable"]


class Understander(Protocol):
    """Understands a turn better than the rules alone (``spiegel.llm.understanding.ModelUnderstander``).

    Its result is used with the rules as the floor and safety as the union; on any failure the rules decide.
    """

    def understand(self, text: str, context: Context) -> Understanding: ...


ENGINE_NAME = "builtin"  # the state machine that decides every move, whoever words it


@dataclass(frozen=True)
class EngineReply:
    """What the engine says next and the state to store. ``flags`` holds flags raised on this turn.

    ``produced_by`` has one entry per message: which engine decided it and which phraser worded it
    (``{"engine": "builtin", "phraser": "templates"}``, or the model and prompt version a language-model
    phraser reports, plus ``"fallback"`` with the reason when the phraser was tried and not used).
    """

    state: ConversationState
    messages: list[str]
    closed: bool
    flags: list[Flag]
    progress: float
    move: Move
    produced_by: tuple[dict[str, Any], ...] = ()
    # what the engine understood of the answer (None for begin and recover)
    understood: Understanding | None = None


class Engine(Attunement):
    """The built-in interviewer for one guide. Stateless itself: all conversation data is in the state."""

    def __init__(
        self,
        guide: Guide,
        phraser: Phraser | None = None,
        context: CaseContext | None = None,
        understander: Understander | None = None,
    ) -> None:
        self._setup(guide, context)
        self.templates = TemplatePhraser()
        self.phraser: Phraser = phraser if phraser is not None else self.templates
        self.understander = understander

    def start(self) -> tuple[ConversationState, list[str]]:
        """A fresh conversation: the introduction, then one broad open question."""
        reply = self.begin()
        return reply.state, reply.messages

    def begin(self) -> EngineReply:
        """Like :meth:`start`, as an :class:`EngineReply` that also says who produced each message."""
        state = ConversationState(language=self.language)
        move = Move("open", language=self.language, question=self.guide.opening_question)
        state.said.append(self.guide.intro)
        question, produced_by = self._phrase_traced(move, state)
        state.said.append(question)
        state.interviewer_turns = 1
        state.last_move = move
        intro_by = {"engine": ENGINE_NAME, "phraser": "guide"}
        return EngineReply(state, [self.guide.intro, question], False, [], 0.0, move, (intro_by, produced_by))

    def respond(self, state: ConversationState, text: str, skip_topic: bool = False) -> EngineReply:
        """The next interviewer message for the leaver's answer ``text``. ``state`` is not changed."""
        s = state.copy()
        if s.closed:
            last = s.last_move or Move("close", language=self.language)
            return EngineReply(s, [], True, [], 1.0, last)
        move, new_flags, understood = self._advance(s, text, skip_topic)
        message, produced_by = self._phrase_traced(move, s)
        return replace(self._reply(s, move, message, produced_by, new_flags), understood=understood)

    def wrap_up(self, state: ConversationState) -> ConversationState:
        """The leaver wants to stop: every topic not talked about yet is left out (skipped) and no thread is
        followed any more, so the next skip goes to the closing questions. ``state`` is not changed; a
        conversation already in its closing, or closed, is returned as it is."""
        s = state.copy()
        if s.closed or s.phase in CLOSING_PHASES:
            return s
        for topic in self.guide.topics:
            s.topic(topic.id)
        for progress in s.topics.values():
            if progress.status == "open":
                progress.status = "skipped"
        s.threads = []
        return s

    def stop(self, state: ConversationState) -> EngineReply:
        """The leaver stops from outside the conversation (``/quit`` in the terminal): the closing line for a
        leaver who asked to stop, and the close, as for a typed request to stop. ``state`` is not changed; on a
        closed conversation nothing more is said."""
        s = state.copy()
        if s.closed:
            return EngineReply(s, [], True, [], 1.0, s.last_move or Move("close", language=self.language))
        move = self._stop_move(s)
        message = self._template_wording(move, s)
        return self._reply(s, move, message, {"engine": ENGINE_NAME, "phraser": "templates"}, [])

    def recover(self, state: ConversationState, text: str) -> EngineReply:
        """A safe next move for when working out the reply to ``text`` failed (``respond`` raised).

        The answer is kept in the state without being analysed, so the mirror still gets it; the conversation
        moves on to the next guide topic or the next step of the closing, worded by the templates (never by a
        language model). ``state`` is not changed.
        """
        s = state.copy()
        if s.closed:
            return EngineReply(s, [], True, [], 1.0, s.last_move or Move("close", language=self.language))
        answer = text.strip()
        s.answers.append({"topic": s.current_topic, "phase": s.phase, "text": answer})
        s.turns += 1
        s.answer_words.append(len(answer.split()))
        s.dont_knows.append(0)
        if s.phase in CLOSING_PHASES:
            move = self._closing_next(s, analyse_answer("", self.language), allow_follow_up=False)
        elif s.interviewer_turns >= HARD_TURN_CAP - 1:
            move = self._close_move()
        else:
            if s.current_topic is not None:
                s.topic(s.current_topic).talked = True  # answered; not asked again
            if s.phase == "disclosure":
                s.phase = s.resume_phase or "guide"
                s.resume_phase = None
            move = self._next(s)
        message = self._template_wording(move, s)
        return self._reply(s, move, message, {"engine": ENGINE_NAME, "phraser": "templates", "recovered": True}, [])

    def _reply(
        self, s: ConversationState, move: Move, message: str, produced_by: dict[str, Any], new_flags: list[Flag]
    ) -> EngineReply:
        """Record the worded move in ``s`` (in place) and package the reply."""
        s.said.append(message)
        s.interviewer_turns += 1
        s.last_move = move
        s.flags.extend(new_flags)
        if move.kind == "close":
            s.closed = True
            s.phase = "closed"
            s.current_topic = None
            s.progress = 1.0
        else:
            s.progress = max(s.progress, self._estimate_progress(s))
        return EngineReply(s, [message], s.closed, new_flags, s.progress, move, (produced_by,))

    def plan(self, state: ConversationState, text: str, skip_topic: bool = False) -> tuple[Move, ConversationState]:
        """The move :meth:`respond` will make for ``text`` and the state it is worded in, without wording it.

        For phrasing ahead (a language model outside a database lock, or streamed to the page): the engine is
        deterministic, so ``respond`` on the same state and answer makes the same move. ``state`` is not
        changed. On a closed conversation the move is the last one.
        """
        s = state.copy()
        if s.closed:
            return (s.last_move or Move("close", language=self.language)), s
        move, _flags, _understood = self._advance(s, text, skip_topic)
        return move, s

    def _phrase_traced(self, move: Move, s: ConversationState) -> tuple[str, dict[str, Any]]:
        """The wording of ``move`` and who produced it (see :attr:`EngineReply.produced_by`)."""
        produced_by: dict[str, Any] = {"engine": ENGINE_NAME, "phraser": "templates"}
        if self.phraser is not self.templates:
            try:
                text = self.phraser.phrase(move, s, self.guide)
                if isinstance(text, str):
                    problems = check_question(text, move, s)
                    if not problems:
                        describe = getattr(self.phraser, "describe", None)
                        own = describe() if callable(describe) else {"phraser": type(self.phraser).__name__}
                        return text.strip(), {"engine": ENGINE_NAME, **own}
                    logger.info("phraser output rejected (%s): %s", move.kind, "; ".join(problems))
                    produced_by["fallback"] = "rejected: " + "; ".join(problems)
                else:
                    produced_by["fallback"] = "not text"
            except PhraserDeclined:
                pass  # the phraser leaves this kind of move to the templates: not a failure
            except Exception as exc:  # a phraser (language model) failing must never break the interview
                logger.warning("phraser failed (%s); falling back to templates", exc)
                produced_by["fallback"] = str(getattr(exc, "kind", "")) or type(exc).__name__
        return self._template_wording(move, s), produced_by

    def _template_wording(self, move: Move, s: ConversationState) -> str:
        candidates = self.templates.candidates(move, s, self.guide)
        for text in candidates:
            if not check_question(text, move, s):
                return text
        # Every wording broke a rule (a repeat, a theme in a preface): the same move without its preface,
        # then without the quote, then the neutral fallbacks. Never send a message that breaks a rule.
        variants = []
        if move.preface and move.feeling:
            # without the reflection "dat gevoel" would point at nothing: what caused it, in plain words
            plain = replace(move, kind="follow_up", probe="cause", preface=None, feeling=None, feeling_ref=None)
            variants.append(plain)
        elif move.preface:
            variants.append(replace(move, preface=None))
        if move.quote:
            variants.append(replace(move, quote=None, preface=None))
        for variant in variants:
            for text in self.templates.candidates(variant, s, self.guide):
                if not check_question(text, variant, s):
                    return text
        for text in self.templates.fallbacks(move, s, self.guide):
            if not check_question(text, move, s):
                return text
        if candidates:
            logger.warning(
                "no template passed all checks for %s: %s", move.kind, check_question(candidates[0], move, s)
            )
            return candidates[0]
        return topic_label(move.topic, self.language, self.guide)
