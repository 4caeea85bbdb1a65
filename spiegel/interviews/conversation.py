"""Holding the conversation: the bridge between stored cases and the Django-free engine.

Every answer of the leaver is committed before the reply is computed, so a crash, a timeout or a closed
browser loses nothing; a leaver message without a reply is answered the next time anyone looks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from spiegel.interviews.actions import give_consent
from spiegel.interviews.models import (
    Conversation,
    GuideCustomisation,
    Interview,
    Message,
    MessageRole,
    Status,
)
from spiegel.privacy.actions import record_case_event
from spiegel.privacy.actors import Actor
from spiegel.tenancy.models import Organisation

if TYPE_CHECKING:
    from spiegel.interviews.engine import Engine, EngineReply, Guide, Phraser

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000


class ConversationClosed(Exception):  # noqa: N818  (a state, not a fault)
    """The conversation has ended; no more messages are taken."""


def guide_for_organisation(organisation: Organisation, language: str) -> Guide:
    """The default guide in this language with the organisation's customisation applied."""
    from spiegel.interviews.engine import load_default_guide

    guide = load_default_guide(language)
    custom = GuideCustomisation.objects.filter(organisation=organisation, language=language).first()
    return custom.apply(guide) if custom is not None else guide


def guide_for(interview: Interview) -> Guide:
    """The guide a new conversation of this case uses."""
    return guide_for_organisation(interview.organisation, interview.language)


def engine_for(guide: Guide, phraser: Phraser | None = None) -> Engine:
    """The built-in engine for ``guide``; ``phraser`` words its moves (a language model's wording made ahead
    of the lock, see model_turns.py), the templates when None."""
    from spiegel.interviews.engine import Engine

    return Engine(guide, phraser=phraser)


def _produced_by(reply: EngineReply | None = None, index: int = 0, engine_name: str = "builtin") -> dict[str, Any]:
    """Which engine, phraser, model and prompt version produced message ``index`` of ``reply``."""
    if reply is not None and index < len(reply.produced_by):
        return dict(reply.produced_by[index])
    return {"engine": engine_name}


def _next_seq(interview: Interview) -> int:
    current = Message.objects.filter(interview=interview).aggregate(m=Max("seq"))["m"]
    return int(current or 0) + 1


def start_conversation(interview: Interview) -> None:
    """Create the conversation and store the interviewer's opening, so it is there as soon as the case exists."""
    if interview.mode != "self" or Conversation.objects.filter(interview=interview).exists():
        return
    guide = guide_for(interview)
    opening = engine_for(guide).begin()
    state, messages = opening.state, opening.messages
    Conversation.objects.create(interview=interview, state=state.to_dict(), guide=guide.to_dict())  # type: ignore[misc]
    seq = _next_seq(interview)
    for offset, text in enumerate(messages):
        Message.objects.create(
            interview=interview,
            seq=seq + offset,
            role=MessageRole.INTERVIEWER,
            text=text,
            produced_by=_produced_by(opening, offset),
        )


@dataclass(frozen=True)
class PostResult:
    status: str
    messages: list[Message]


def validate_message_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(_("The message is empty."))
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise ValidationError(
            _("The message is too long (%(n)s characters; at most %(max)s).")
            % {"n": len(cleaned), "max": MAX_MESSAGE_CHARS}
        )
    return cleaned


def post_message(interview: Interview, text: str, *, client_id: str = "", skip_topic: bool = False) -> PostResult:
    """Take one answer of the leaver and return the interviewer's new messages.

    A repeated `client_id` returns the earlier reply instead of adding a turn.
    """
    cleaned = validate_message_text(text)
    client_id = client_id.strip()[:80]
    if client_id:
        earlier = Message.objects.filter(interview=interview, role=MessageRole.LEAVER, client_id=client_id).first()
        if earlier is not None:
            return _reply_for(interview, earlier)
    if interview.status not in (Status.INVITED, Status.IN_PROGRESS):
        raise ConversationClosed()
    try:
        leaver_message = _store_answer(interview, cleaned, client_id)
    except IntegrityError:
        # The same client_id raced in from a parallel retry: answer with what that one got.
        earlier = Message.objects.filter(interview=interview, role=MessageRole.LEAVER, client_id=client_id).first()
        if earlier is None:
            raise
        return _reply_for(interview, earlier)
    return _reply_for(interview, leaver_message, skip_topic=skip_topic)


@transaction.atomic
def _store_answer(interview: Interview, text: str, client_id: str) -> Message:
    # Sending an answer is starting the conversation: clients show the terms before the first message.
    # give_consent locks the row for the rest of this transaction and changes nothing if already consented.
    locked = give_consent(interview)
    if locked.status != Status.IN_PROGRESS:
        raise ConversationClosed()
    message = Message.objects.create(
        interview=locked, seq=_next_seq(locked), role=MessageRole.LEAVER, text=text, client_id=client_id
    )
    interview.status = locked.status
    return message


def _reply_for(interview: Interview, leaver_message: Message, *, skip_topic: bool = False) -> PostResult:
    existing = list(Message.objects.filter(reply_to=leaver_message).order_by("seq"))
    if existing:
        interview.refresh_from_db(fields=["status"])
        return PostResult(status=interview.status, messages=existing)
    from spiegel.interviews.model_turns import prephrase_reply

    # the language model (if configured) words the reply before the lock is taken, never under it
    phraser = prephrase_reply(interview, leaver_message, skip_topic=skip_topic)
    return _compute_reply(interview, leaver_message, skip_topic=skip_topic, phraser=phraser)


@transaction.atomic
def _compute_reply(
    interview: Interview, leaver_message: Message, *, skip_topic: bool, phraser: Phraser | None = None
) -> PostResult:
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    existing = list(Message.objects.filter(reply_to=leaver_message).order_by("seq"))
    if existing:  # another request answered it while we waited for the lock
        return PostResult(status=locked.status, messages=existing)
    from spiegel.interviews.engine import ConversationState, Guide

    conversation = Conversation.objects.get(interview=locked)
    guide = Guide.from_dict(conversation.guide)
    state = ConversationState.from_dict(conversation.state)
    reply: EngineReply = engine_for(guide, phraser).respond(state, leaver_message.text, skip_topic=skip_topic)
    conversation.state = reply.state.to_dict()
    conversation.progress = float(reply.progress)
    conversation.save(update_fields=["state", "progress", "updated_at"])
    seq = _next_seq(locked)
    new_messages = [
        Message.objects.create(
            interview=locked,
            seq=seq + offset,
            role=MessageRole.INTERVIEWER,
            text=text,
            reply_to=leaver_message,
            produced_by=_produced_by(reply, offset),
        )
        for offset, text in enumerate(reply.messages)
    ]
    fields = ["updated_at"]
    if reply.flags and not locked.flagged:
        locked.flagged = True
        fields.append("flagged")
        for flag in reply.flags:
            record_case_event(
                Actor.system("engine"), "disclosure.flagged", locked, {"kind": flag.kind, "topic": flag.topic}
            )
    if reply.closed and locked.status == Status.IN_PROGRESS:
        locked.status = Status.REVIEW
        locked.closed_at = timezone.now()
        fields += ["status", "closed_at"]
    locked.save(update_fields=fields)
    if "status" in fields and locked.status == Status.REVIEW:
        # The mirror: the answers become pseudonymised statements (never blocks the reply on failure).
        from spiegel.consent.actions import prepare_mirror_safely

        prepare_mirror_safely(locked)
    interview.status = locked.status
    return PostResult(status=locked.status, messages=new_messages)


def answer_pending(interview: Interview) -> None:
    """If the last message is an unanswered answer (a crash between storing and replying), answer it now."""
    last = Message.objects.filter(interview=interview).order_by("-seq").first()
    if last is not None and last.role == MessageRole.LEAVER and interview.status == Status.IN_PROGRESS:
        _reply_for(interview, last)


def progress_of(interview: Interview) -> float:
    """How far the conversation is, 0..1, as the engine last reported it."""
    if interview.status not in (Status.INVITED, Status.IN_PROGRESS):
        return 1.0
    conversation = Conversation.objects.filter(interview=interview).only("progress").first()
    return 0.0 if conversation is None else conversation.progress
