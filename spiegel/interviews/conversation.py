"""Holding the conversation: the bridge between stored cases and the Django-free engine.

Every answer of the leaver is committed before the reply is computed, so a crash, a timeout or a closed
browser loses nothing; a leaver message without a reply is answered the next time anyone looks.

One turn is two steps, the same for the plain chat page, the API and the streamed page:

- :func:`store_answer` stores the answer, once per ``client_id`` (and, where a ``repeat_window`` is given,
  once for the same text sent twice at once without one);
- :func:`reply_pieces` works out the interviewer's reply to a stored answer and stores it, once: the
  language model (if configured) words it ahead of the lock, plainly or streamed (language_model.py), and
  :func:`compute_reply` then computes and stores it under the case's lock. It never fails for what the answer
  says or for an engine fault: the engine's safe next question, or else the guide's, is asked instead.

:func:`post_message` is both steps at once; the streamed page runs them one after the other.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from spiegel.interviews import language_model
from spiegel.interviews.bridge import PostResult, StreamPiece, case_context, engine_for, guide_for
from spiegel.interviews.engine import CLOSING_KEYS, ConversationState, EngineReply, Flag, Guide, Phraser
from spiegel.interviews.engine.interviewer import Understander
from spiegel.interviews.engine.state import CLOSING_PHASES
from spiegel.interviews.lifecycle import close_conversation, give_consent
from spiegel.interviews.models import (
    Conversation,
    Interview,
    Language,
    Message,
    MessageRole,
    Mode,
    Status,
)
from spiegel.language.text import strip_control
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_case_event
from spiegel.privacy.failures import log_failure

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
# Over the API, the same answer again within this time and without a client_id is a double send (a double tap,
# a retry by a client that sets no client_id), not a new turn: nobody reads a new question and answers it in less.
REPEAT_WINDOW = dt.timedelta(seconds=3)


class ConversationClosed(Exception):  # noqa: N818  (a state, not a fault)
    """The conversation has ended; no more messages are taken."""


class NotAChat(ConversationClosed):
    """The case is held by a person (mode ``interviewer``): it takes no chat messages."""


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
    opening = engine_for(guide, context=case_context(interview)).begin()
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


def choose_language(interview: Interview, language: str) -> Interview:
    """The leaver chose the conversation's language before starting it: while the case is only invited (nothing
    said yet), the case takes that language and the interviewer's opening is made again in it. Afterwards
    the language stays as it is: a conversation does not change language midway. Returns the case."""
    if language not in Language.values:
        raise ValidationError(_("Choose Nederlands or English."))
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        if locked.status != Status.INVITED or locked.language == language:
            return locked
        locked.language = language
        locked.save(update_fields=["language", "updated_at"])
        Message.objects.filter(interview=locked).delete()
        Conversation.objects.filter(interview=locked).delete()
        start_conversation(locked)
    return locked


def validate_message_text(text: str) -> str:
    """The answer as it is stored: control characters removed (tab and newline kept), trimmed, not empty and
    not too long. Raises ``ValidationError`` with a message for the leaver."""
    cleaned = strip_control(text).strip()
    if not cleaned:
        raise ValidationError(_("The message is empty."))
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise ValidationError(
            _("The message is too long (%(n)s characters; at most %(max)s).")
            % {"n": len(cleaned), "max": MAX_MESSAGE_CHARS}
        )
    return cleaned


def post_message(
    interview: Interview,
    text: str,
    *,
    client_id: str = "",
    skip_topic: bool = False,
    repeat_window: dt.timedelta | None = None,
) -> PostResult:
    """Take one answer of the leaver and return the interviewer's new messages.

    A repeated `client_id` returns the earlier reply instead of adding a turn; so does, without a `client_id`,
    the same text again within ``repeat_window`` (the API passes ``REPEAT_WINDOW``). Raises
    ``ValidationError`` for an empty or too long answer, ``NotAChat`` for a human-led case and
    ``ConversationClosed`` once it has ended.
    """
    leaver_message = store_answer(
        interview, text, client_id=client_id, skip_topic=skip_topic, repeat_window=repeat_window
    )
    return _reply_for(interview, leaver_message, skip_topic=skip_topic)


def stop_early(interview: Interview, text: str = "", *, client_id: str = "") -> PostResult:
    """The leaver chose "I want to stop here": the topics not talked about yet are left out and the reply is
    the next closing question (what would have made them stay, advice, the summary), so the mirror still
    follows. ``text`` is what the leaver had typed and not sent yet (kept as their answer); without it the
    transcript says that the leaver asked to stop. A retry with the same ``client_id`` returns the first
    reply. Raises ``ConversationClosed`` once the conversation has ended."""
    with transaction.atomic():
        locked = Interview.objects.select_for_update().get(pk=interview.pk)
        conversation = Conversation.objects.filter(interview=locked).first()
        if locked.status != Status.IN_PROGRESS or conversation is None or conversation.state is None:
            raise ConversationClosed()
        engine = engine_for(Guide.from_dict(conversation.guide), context=case_context(locked))
        conversation.state = engine.wrap_up(ConversationState.from_dict(conversation.state)).to_dict()
        conversation.save(update_fields=["state", "updated_at"])
    if not strip_control(text).strip():
        with translation.override(interview.language):
            text = _("I would like to stop here.")
    return post_message(interview, text, client_id=client_id, skip_topic=True)


def store_answer(
    interview: Interview,
    text: str,
    *,
    client_id: str = "",
    skip_topic: bool = False,
    repeat_window: dt.timedelta | None = None,
) -> Message:
    """Store the leaver's answer (committed before any reply is worked out, so nothing is lost) and return it.

    The one way an answer is stored, for the plain and the streaming page and the API: a repeated
    ``client_id`` returns the answer stored the first time, and so does the same text again within
    ``repeat_window`` without a ``client_id``. With ``skip_topic`` the answer may be empty: the transcript then
    says that the leaver asked for the next topic.
    """
    if skip_topic and not strip_control(text).strip():
        with translation.override(interview.language):
            text = _("Next topic, please.")
    cleaned = validate_message_text(text)
    client_id = strip_control(client_id).strip()[:80]
    if client_id:
        earlier = _by_client_id(interview, client_id)
        if earlier is not None:
            return earlier
    if interview.mode != Mode.SELF:
        raise NotAChat()
    if interview.status not in (Status.INVITED, Status.IN_PROGRESS):
        raise ConversationClosed()
    try:
        return _store_answer(interview, cleaned, client_id, repeat_window)
    except IntegrityError:
        # The same client_id raced in from a parallel retry: answer with what that one got.
        earlier = _by_client_id(interview, client_id) if client_id else None
        if earlier is None:
            raise
        return earlier


def _by_client_id(interview: Interview, client_id: str) -> Message | None:
    return Message.objects.filter(interview=interview, role=MessageRole.LEAVER, client_id=client_id).first()


@transaction.atomic
def _store_answer(
    interview: Interview, text: str, client_id: str, repeat_window: dt.timedelta | None = None
) -> Message:
    # Sending an answer is starting the conversation: clients show the terms before the first message.
    # give_consent locks the row for the rest of this transaction and changes nothing if already consented.
    locked = give_consent(interview)
    if locked.status != Status.IN_PROGRESS:
        raise ConversationClosed()
    if not client_id and repeat_window is not None:
        last = Message.objects.filter(interview=locked, role=MessageRole.LEAVER).order_by("-seq").first()
        if last is not None and last.text == text and last.created_at >= timezone.now() - repeat_window:
            return last  # the same answer sent twice at once: taken once
    message = Message.objects.create(
        interview=locked, seq=_next_seq(locked), role=MessageRole.LEAVER, text=text, client_id=client_id
    )
    interview.status = locked.status
    return message


def _stored_reply(interview: Interview, leaver_message: Message) -> PostResult | None:
    """The reply already stored for ``leaver_message`` (a retry, a double send, a second tab), or None."""
    existing = list(Message.objects.filter(reply_to=leaver_message).order_by("seq"))
    if not existing:
        return None
    interview.refresh_from_db(fields=["status"])
    return PostResult(status=interview.status, messages=existing)


def reply_pieces(
    interview: Interview, leaver_message: Message, *, skip_topic: bool = False, stream: bool = False
) -> Iterator[StreamPiece]:
    """The interviewer's reply to a stored answer: the one way it is worked out and stored, for every path.

    Yields, with ``stream``, the pieces of the model's question as it is written, and always ends with one
    piece holding the stored result. A reply already stored is returned as it is, nothing computed again. The
    model words the reply before the case's lock is taken, never under it; then :func:`compute_reply` computes
    and stores it under the lock. Raises ``ConversationClosed`` only when the case stopped taking answers
    meanwhile (withdrawn, expired).
    """
    existing = _stored_reply(interview, leaver_message)
    if existing is not None:
        yield StreamPiece(result=existing)
        return
    # the model (if configured) reads the answer while the move is planned, ahead of the lock, never under it
    understanding = language_model.understander()
    phraser: Phraser | None
    if stream:
        phraser = yield from language_model.stream_phrasing(
            interview, leaver_message, skip_topic=skip_topic, understanding=understanding
        )
    else:
        phraser = language_model.prephrase_reply(
            interview, leaver_message, skip_topic=skip_topic, understanding=understanding
        )
    if understanding is not None:
        understanding.seal()
    yield StreamPiece(
        result=compute_reply(
            interview, leaver_message, skip_topic=skip_topic, phraser=phraser, understander=understanding
        )
    )


def stream_reply(interview: Interview, leaver_message: Message, *, skip_topic: bool) -> Iterator[StreamPiece]:
    """The reply to a stored answer, streamed: pieces of the model's question as it is written, then the
    stored result. What is stored has passed the engine's checks; it may differ from what was streamed (the
    built-in wording replaces a streamed question that breaks a rule, fails or times out). The same reply, computed
    and stored the same way, as the plain page's (:func:`reply_pieces`)."""
    yield from reply_pieces(interview, leaver_message, skip_topic=skip_topic, stream=True)


def _reply_for(interview: Interview, leaver_message: Message, *, skip_topic: bool = False) -> PostResult:
    for piece in reply_pieces(interview, leaver_message, skip_topic=skip_topic):
        if piece.result is not None:
            return piece.result
    raise AssertionError("reply_pieces always ends with the result")  # pragma: no cover


def _engine_reply(
    interview: Interview,
    guide: Guide,
    state: ConversationState,
    text: str,
    *,
    skip_topic: bool,
    phraser: Phraser | None,
    understander: Understander | None = None,
) -> EngineReply:
    """The engine's reply to ``text``; when working it out raises, the engine's safe next question instead
    (the answer kept, the next guide topic or closing step, worded by the templates)."""
    context = case_context(interview)
    try:
        return engine_for(guide, phraser, context, understander).respond(state, text, skip_topic=skip_topic)
    except Exception as exc:  # whatever breaks, the leaver gets a next question and nothing is lost
        log_failure(log, "working out the reply", interview.id, exc)
    return engine_for(guide, context=context).recover(state, text)


@transaction.atomic
def compute_reply(
    interview: Interview,
    leaver_message: Message,
    *,
    skip_topic: bool = False,
    phraser: Phraser | None = None,
    understander: Understander | None = None,
) -> PostResult:
    """The interviewer's reply to a stored answer, computed once under the case's lock and stored.

    Never fails for what the answer says: if the engine raises, its safe next question is asked instead, and
    if even that fails, the guide's next question not yet asked (``_guide_fallback``). Raises
    ``ConversationClosed`` when the case stopped taking answers meanwhile (withdrawn, expired).
    """
    # The organisation comes along (the case's context needs it); only the case's row is locked.
    locked = Interview.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=interview.pk)
    existing = list(Message.objects.filter(reply_to=leaver_message).order_by("seq"))
    if existing:  # another request answered it while we waited for the lock
        return PostResult(status=locked.status, messages=existing)
    conversation = Conversation.objects.filter(interview=locked).first()
    if (
        locked.status != Status.IN_PROGRESS
        or conversation is None
        or conversation.state is None
        or not Message.objects.filter(pk=leaver_message.pk).exists()
    ):
        # withdrawn (the words erased) or closed while this answer was on its way
        interview.status = locked.status
        raise ConversationClosed()
    reply: EngineReply | None
    try:
        reply = _engine_reply(
            locked,
            Guide.from_dict(conversation.guide),
            ConversationState.from_dict(conversation.state),
            leaver_message.text,
            skip_topic=skip_topic,
            phraser=phraser,
            understander=understander,
        )
    except Exception as exc:  # the stored state or guide cannot be read: the guide's questions carry on
        log_failure(log, "the engine's safe next question", locked.id, exc)
        reply = None
    flags: list[Flag] = []
    if reply is None:
        texts, closed = _guide_fallback(locked, conversation)
        produced: list[dict[str, Any]] = [{"engine": "guide-fallback"} for _ in texts]
    else:
        conversation.state = reply.state.to_dict()
        conversation.progress = float(reply.progress)
        conversation.save(update_fields=["state", "progress", "updated_at"])
        texts, closed, flags = reply.messages, reply.closed, reply.flags
        produced = [_produced_by(reply, offset) for offset in range(len(texts))]
    seq = _next_seq(locked)
    new_messages = [
        Message.objects.create(
            interview=locked,
            seq=seq + offset,
            role=MessageRole.INTERVIEWER,
            text=text,
            reply_to=leaver_message,
            produced_by=produced[offset],
        )
        for offset, text in enumerate(texts)
    ]
    fields = ["updated_at"]
    if reply is not None and locked.flagged and _all_withdrawn(reply.state.flags):
        # "er is niemand geslagen, dat is een uitdrukking": the only flag was no disclosure after all
        locked.flagged = False
        fields.append("flagged")
        log_case_event(Actor.system("engine"), "disclosure.withdrawn", locked, {})
    if flags and not locked.flagged:
        locked.flagged = True
        fields.append("flagged")
        for flag in flags:
            log_case_event(
                Actor.system("engine"), "disclosure.flagged", locked, {"kind": flag.kind, "topic": flag.topic}
            )
    locked.save(update_fields=fields)
    if closed and locked.status == Status.IN_PROGRESS:
        # Once this commits, the mirror's preparation is queued for the task worker (events.py).
        close_conversation(locked)
    interview.status = locked.status
    return PostResult(status=locked.status, messages=new_messages)


def _all_withdrawn(flags: list[Flag]) -> bool:
    """The conversation raised flags, and the leaver withdrew every one of them."""
    return bool(flags) and all(flag.withdrawn for flag in flags)


def _guide_fallback(interview: Interview, conversation: Conversation) -> tuple[list[str], bool]:
    """The last resort when the engine cannot even be loaded: the first question of the guide that this
    conversation has not asked yet, and the closing thanks once all are asked. Returns the messages and
    whether the conversation closes."""
    try:
        guide = Guide.from_dict(conversation.guide)
    except Exception:  # the stored guide itself is unreadable: the organisation's current one
        guide = guide_for(interview)
    asked = set(
        Message.objects.filter(interview=interview, role=MessageRole.INTERVIEWER).values_list("text", flat=True)
    )
    questions = [guide.opening_question, *(t.question for t in guide.ordered_topics())]
    questions += [guide.closing[k] for k in CLOSING_KEYS if k not in ("summary", "thanks")]
    for question in questions:
        if question not in asked:
            return [question], False
    return [guide.closing["thanks"]], True


def answer_pending(interview: Interview) -> None:
    """If the last message is an unanswered answer (a crash between storing and replying), answer it now."""
    if interview.mode != Mode.SELF or interview.status != Status.IN_PROGRESS:
        return
    last = Message.objects.filter(interview=interview).order_by("-seq").first()
    if last is not None and last.role == MessageRole.LEAVER:
        try:
            _reply_for(interview, last)
        except ConversationClosed:
            interview.refresh_from_db(fields=["status"])


def in_closing(interview: Interview) -> bool:
    """Whether the conversation has reached its closing questions (stopping early then has nothing to skip)."""
    conversation = Conversation.objects.filter(interview=interview).only("state").first()
    if conversation is None or not isinstance(conversation.state, dict):
        return False
    return conversation.state.get("phase") in CLOSING_PHASES


def progress_of(interview: Interview) -> float:
    """How far the conversation is, 0..1, as the engine last reported it."""
    if interview.status not in (Status.INVITED, Status.IN_PROGRESS):
        return 1.0
    conversation = Conversation.objects.filter(interview=interview).only("progress").first()
    return 0.0 if conversation is None else conversation.progress
