"""Turns worded by the language model: configuration, phrasing ahead of the database lock, and streaming.

The reply to an answer is computed under a row lock (conversation.py). A model can take seconds, and on
SQLite a held lock blocks every other conversation's writes, so the model never runs under the lock: the
engine plans the move first (it is deterministic), the model words it, and only then does the locked
computation run, with a :class:`~spiegel.llm.phraser.PrephrasedPhraser` that offers the wording. The
engine uses it only for the same move on the same state, after ``check_question``; otherwise, and on any
model failure, its templates. So the leaver waits at most ``SPIEGEL_LLM_TIMEOUT`` for the model.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings

from spiegel.interviews.conversation import StreamPiece
from spiegel.interviews.models import Conversation, Interview, Message
from spiegel.privacy.failures import log_failure

if TYPE_CHECKING:
    from spiegel.interviews.engine import ConversationState, Guide, Move, Phraser
    from spiegel.llm import ChatClient, LLMConfig

__all__ = [
    "StreamPiece",
    "chat_client",
    "llm_config",
    "prephrase_reply",
    "stream_phrasing",
    "stream_reply",
    "streaming_enabled",
]

log = logging.getLogger(__name__)


def llm_config() -> LLMConfig | None:
    """The configured language model, or None when it is off (SPIEGEL_LLM_BASE_URL empty)."""
    from spiegel.llm import LLMConfig

    if not settings.SPIEGEL_LLM_BASE_URL:
        return None
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
    interview: Interview, leaver_message: Message, skip_topic: bool
) -> tuple[Guide, Move, ConversationState] | None:
    """The engine's plan for the reply (the guide, the move and the state it leaves), for the model to word;
    None when there is no conversation or planning fails (logged; the locked computation answers anyway)."""
    from spiegel.interviews.conversation import case_context, engine_for
    from spiegel.interviews.engine import ConversationState, Guide

    conversation = Conversation.objects.filter(interview=interview).first()
    if conversation is None or conversation.state is None:
        return None
    try:
        guide = Guide.from_dict(conversation.guide)
        state = ConversationState.from_dict(conversation.state)
        move, planned = engine_for(guide, context=case_context(interview)).plan(state, leaver_message.text, skip_topic)
    except Exception as exc:  # compute_reply below still answers (its own safe path)
        log_failure(log, "planning the model's wording", interview.id, exc)
        return None
    return guide, move, planned


def _model_broke(interview: Interview, exc: Exception) -> Phraser:
    """The built-in wording for this turn, recording that the model path broke (a bug, not the model).
    Logged with the case's public id and where it broke, never the exception's message (it may quote)."""
    from spiegel.llm.client import LLMError
    from spiegel.llm.phraser import FailedPhraser

    log_failure(log, "language-model phrasing (the built-in wording answers this turn)", interview.id, exc)
    return FailedPhraser(LLMError("error", type(exc).__name__))


def prephrase_reply(interview: Interview, leaver_message: Message, *, skip_topic: bool) -> Phraser | None:
    """The model's wording of the reply to ``leaver_message``, made before the reply is computed under the
    lock; None when the model is off or leaves this move to the templates. Never raises."""
    from spiegel.interviews.engine import PhraserDeclined
    from spiegel.llm.client import LLMError
    from spiegel.llm.phraser import FailedPhraser, LLMPhraser, PrephrasedPhraser

    client = chat_client()
    if client is None:
        return None
    plan = _planned(interview, leaver_message, skip_topic)
    if plan is None:
        return None
    guide, move, planned = plan
    phraser = LLMPhraser(client)
    try:
        phraser.phrase(move, planned, guide)
    except PhraserDeclined:
        return None
    except LLMError as exc:
        log.warning("language model failed (%s); the built-in wording answers this turn", exc)
        return FailedPhraser(exc)
    except Exception as exc:  # a bug in the model path must not cost the leaver their turn
        return _model_broke(interview, exc)
    assert phraser.last is not None
    return PrephrasedPhraser(move, planned, phraser.last)


def stream_phrasing(
    interview: Interview, leaver_message: Message, *, skip_topic: bool
) -> Generator[StreamPiece, None, Phraser | None]:
    """The model's wording of the reply, streamed: yields the question's pieces as they are written and
    returns what :func:`prephrase_reply` returns for the same turn (the wording, a failure to record, or None
    when the model is off or leaves this move to the templates). Never raises."""
    from spiegel.interviews.engine import PhraserDeclined
    from spiegel.llm.client import LLMError
    from spiegel.llm.phraser import FailedPhraser, LLMPhraser, PrephrasedPhraser

    client = chat_client()
    if client is None:
        return None
    plan = _planned(interview, leaver_message, skip_topic)
    if plan is None:
        return None
    guide, move, planned = plan
    try:
        streamed = LLMPhraser(client).stream(move, planned, guide)
        for piece in streamed.pieces():
            yield StreamPiece(text=piece)
    except PhraserDeclined:
        return None
    except Exception as exc:  # a bug in the model path must not cost the leaver their turn
        return _model_broke(interview, exc)
    if streamed.result is not None:
        return PrephrasedPhraser(move, planned, streamed.result)
    error = streamed.error or LLMError("error", "no result")
    log.warning("language model failed (%s); the built-in wording answers this turn", error)
    return FailedPhraser(error)


def stream_reply(interview: Interview, leaver_message: Message, *, skip_topic: bool) -> Iterator[StreamPiece]:
    """The reply to a stored answer, streamed: pieces of the model's question as it is written, then the
    stored result. What is stored has passed the engine's checks; it may differ from what was streamed (the
    built-in wording replaces a streamed question that breaks a rule, fails or times out). The same reply, computed
    and stored the same way, as the plain page's (:func:`~spiegel.interviews.conversation.reply_pieces`)."""
    from spiegel.interviews.conversation import reply_pieces

    yield from reply_pieces(interview, leaver_message, skip_topic=skip_topic, stream=True)
