"""Turns understood and worded by the language model: configuration, the model's work ahead of the database
lock, and streaming.

The reply to an answer is computed under a row lock (conversation.py). A model can take seconds, and on
SQLite a held lock blocks every other conversation's writes, so the model never runs under the lock: the
engine plans the move first (it is deterministic), the model words it, and only then does the locked
computation run, with a :class:`~spiegel.llm.phraser.PrephrasedPhraser` that offers the wording. The
engine uses it only for the same move on the same state, after ``check_question``; otherwise, and on any
model failure, its templates. So the leaver waits at most ``SPIEGEL_LLM_TIMEOUT`` for the model.

Where a model is configured it also reads each answer next to the rules (``SPIEGEL_LLM_UNDERSTANDING``, on by
default): a :class:`PreparedUnderstander` asks it while the move is planned, ahead of the lock, and hands the
same reading to the locked computation; under the lock it never asks the model, and on any failure the rules
decide (``spiegel.llm.understanding.combine``).
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings

from spiegel.interviews.bridge import StreamPiece, case_context, engine_for
from spiegel.interviews.engine import ConversationState, Guide, PhraserDeclined
from spiegel.interviews.models import Conversation, Interview, Message
from spiegel.language.understanding import understand as understand_by_rules
from spiegel.privacy.failures import log_failure

if TYPE_CHECKING:
    from spiegel.interviews.engine import Move, Phraser
    from spiegel.language.understanding import Understanding

    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm import ChatClient, LLMConfig
    from spiegel.llm.guard import GuardedUnderstander
    from spiegel.llm.phraser import LLMPhraser
    from spiegel.llm.understanding import ModelUnderstander

__all__ = [
    "PreparedUnderstander",
    "StreamPiece",
    "chat_client",
    "llm_config",
    "prephrase_reply",
    "stream_phrasing",
    "streaming_enabled",
    "understander",
]

log = logging.getLogger(__name__)


def llm_config() -> LLMConfig | None:
    """The configured language model, or None when it is off (SPIEGEL_LLM_BASE_URL empty)."""
    if not settings.SPIEGEL_LLM_BASE_URL:
        return None
    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm import LLMConfig

    return LLMConfig(
        base_url=settings.SPIEGEL_LLM_BASE_URL,
        model=settings.SPIEGEL_LLM_MODEL,
        api_key=settings.SPIEGEL_LLM_API_KEY,
        timeout=float(settings.SPIEGEL_LLM_TIMEOUT),
        connect_timeout=float(settings.SPIEGEL_LLM_CONNECT_TIMEOUT),
        analyser_timeout=float(settings.SPIEGEL_LLM_ANALYSER_TIMEOUT),
    )


@lru_cache(maxsize=4)
def _client_for(config: LLMConfig) -> ChatClient:
    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm import ChatClient

    return ChatClient(config)


def chat_client() -> ChatClient | None:
    """A client for the configured model (one per configuration, reused), or None when the model is off."""
    config = llm_config()
    return _client_for(config) if config is not None else None


def streaming_enabled() -> bool:
    """Whether the chat page streams questions (a model is configured and streaming is on)."""
    return bool(settings.SPIEGEL_LLM_BASE_URL and settings.SPIEGEL_LLM_STREAM)


def _planned(
    interview: Interview, leaver_message: Message, skip_topic: bool, understanding: PreparedUnderstander | None
) -> tuple[Guide, Move, ConversationState] | None:
    """The engine's plan for the reply (the guide, the move and the state it leaves), for the model to word;
    None when there is no conversation or planning fails (logged; the locked computation answers anyway)."""
    conversation = Conversation.objects.filter(interview=interview).first()
    if conversation is None or conversation.state is None:
        return None
    try:
        guide = Guide.from_dict(conversation.guide)
        state = ConversationState.from_dict(conversation.state)
        engine = engine_for(guide, context=case_context(interview), understander=understanding)
        move, planned = engine.plan(state, leaver_message.text, skip_topic)
    except Exception as exc:  # compute_reply below still answers (its own safe path)
        log_failure(log, "planning the model's wording", interview.id, exc)
        return None
    return guide, move, planned


def _model_broke(interview: Interview, exc: Exception) -> Phraser:
    """The built-in wording for this turn, recording that the model path broke (a bug, not the model).
    Logged with the case's public id and where it broke, never the exception's message (it may quote)."""
    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm.client import LLMError
    from spiegel.llm.phraser import FailedPhraser

    log_failure(log, "language-model phrasing (the built-in wording answers this turn)", interview.id, exc)
    return FailedPhraser(LLMError("error", type(exc).__name__))


class PreparedUnderstander:
    """The model's understanding of a turn, asked once ahead of the case's lock and reused under it.

    The engine calls :meth:`understand` while it plans the move (before the lock: the model may be asked) and
    again while it computes the reply under the lock, after :meth:`seal`: then the reading made before is
    returned, and a turn not read before is read by the rules alone — the model is never waited for under the
    lock. A model failure of any kind leaves the rules to decide (``ModelUnderstander`` never raises for it).
    """

    def __init__(self, model: ModelUnderstander | GuardedUnderstander) -> None:
        self.model = model
        self.sealed = False
        self._readings: dict[tuple[str, str], Understanding] = {}

    def seal(self) -> PreparedUnderstander:
        """From now on only the readings made so far, else the rules alone (the lock is about to be taken)."""
        self.sealed = True
        return self

    def understand(self, text: str, context: Any) -> Understanding:
        # deferred: the openai SDK takes about a second to load; only a configured model pays for it
        from spiegel.llm.understanding import combine

        key = (text, repr(context))
        if key in self._readings:
            return self._readings[key]
        if self.sealed:
            return combine(understand_by_rules(text, context), None)
        try:
            reading = self.model.understand(text, context)
        except Exception as exc:  # a bug in the model path: the rules decide
            log.error("language-model understanding broke (%s); the rules decide", type(exc).__name__)
            reading = combine(understand_by_rules(text, context), None)
        self._readings[key] = reading
        return reading


def understander() -> PreparedUnderstander | None:
    """A fresh understander for one turn when a model is configured and ``SPIEGEL_LLM_UNDERSTANDING`` is on;
    None otherwise (the rules alone)."""
    client = chat_client()
    if client is None or not settings.SPIEGEL_LLM_UNDERSTANDING:
        return None
    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm.guard import GuardedUnderstander
    from spiegel.llm.understanding import ModelUnderstander

    model = ModelUnderstander(client)
    return PreparedUnderstander(GuardedUnderstander(model) if settings.SPIEGEL_LLM_WITHHOLD_SENSITIVE else model)


def _phraser(client: ChatClient) -> LLMPhraser:
    """The model's phraser; unless SPIEGEL_LLM_WITHHOLD_SENSITIVE is off, one that keeps health details and
    disclosures from the model (``spiegel.llm.guard``)."""
    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm.guard import GuardedPhraser
    from spiegel.llm.phraser import LLMPhraser

    return GuardedPhraser(client) if settings.SPIEGEL_LLM_WITHHOLD_SENSITIVE else LLMPhraser(client)


def prephrase_reply(
    interview: Interview,
    leaver_message: Message,
    *,
    skip_topic: bool,
    understanding: PreparedUnderstander | None = None,
) -> Phraser | None:
    """The model's wording of the reply to ``leaver_message``, made before the reply is computed under the
    lock; None when the model is off or leaves this move to the templates. Never raises. The move is planned
    with ``understanding`` (the model reads the answer here, if it is to)."""
    wording = _phrase_ahead(interview, leaver_message, skip_topic=skip_topic, understanding=understanding, stream=False)
    while True:
        try:
            next(wording)
        except StopIteration as done:
            phraser: Phraser | None = done.value
            return phraser


def stream_phrasing(
    interview: Interview,
    leaver_message: Message,
    *,
    skip_topic: bool,
    understanding: PreparedUnderstander | None = None,
) -> Generator[StreamPiece, None, Phraser | None]:
    """The model's wording of the reply, streamed: yields the question's pieces as they are written and
    returns what :func:`prephrase_reply` returns for the same turn (the wording, a failure to record, or None
    when the model is off or leaves this move to the templates). Never raises."""
    return _phrase_ahead(interview, leaver_message, skip_topic=skip_topic, understanding=understanding, stream=True)


def _phrase_ahead(
    interview: Interview,
    leaver_message: Message,
    *,
    skip_topic: bool,
    understanding: PreparedUnderstander | None,
    stream: bool,
) -> Generator[StreamPiece, None, Phraser | None]:
    """The one way the model words a reply ahead of the lock: the engine plans the move, the model words it
    (with ``stream``, yielding the pieces as they are written). Returns the wording to use under the lock, a
    failure to record (the templates word the turn), or None when the model is off or declines the move."""
    client = chat_client()
    if client is None:
        return None
    # deferred: the openai SDK takes about a second to load; only a configured model pays for it
    from spiegel.llm.client import LLMError
    from spiegel.llm.phraser import FailedPhraser, PrephrasedPhraser

    plan = _planned(interview, leaver_message, skip_topic, understanding)
    if plan is None:
        return None
    guide, move, planned = plan
    phraser = _phraser(client)
    error: LLMError | None = None
    try:
        if stream:
            streamed = phraser.stream(move, planned, guide)
            for piece in streamed.pieces():
                yield StreamPiece(text=piece)
            wording, error = streamed.result, streamed.error
        else:
            phraser.phrase(move, planned, guide)
            wording = phraser.last
    except PhraserDeclined:
        return None
    except LLMError as exc:
        wording, error = None, exc
    except Exception as exc:  # a bug in the model path must not cost the leaver their turn
        return _model_broke(interview, exc)
    if wording is not None:
        return PrephrasedPhraser(move, planned, wording)
    error = error or LLMError("error", "no result")
    log.warning("language model failed (%s); the built-in wording answers this turn", error)
    return FailedPhraser(error)
