"""The leaver's conversation over the API. The leaver's token is the credential; no API key."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from spiegel.api.schemas import TOKEN_ERRORS, ConversationOut, MessageIn, MessageOut, PostedOut, errors
from spiegel.interviews.conversation import (
    REPEAT_WINDOW,
    ConversationClosed,
    NotAChat,
    answer_pending,
    post_message,
    progress_of,
)
from spiegel.interviews.models import Interview, Message
from spiegel.interviews.queries import TokenError, case_by_token, messages_of

router = Router(tags=["conversations"])


def _case(token: str, *, allow_closed: bool = False) -> Interview:
    try:
        return case_by_token(token, allow_closed=allow_closed)
    except TokenError as exc:
        raise HttpError(404, TOKEN_ERRORS[exc.reason]) from exc


def _out(message: Message) -> MessageOut:
    return MessageOut(id=message.id, role=message.role, text=message.text, created_at=message.created_at)  # type: ignore[arg-type]


@router.get("/{token}", response={200: ConversationOut, **errors(404)}, auth=None, summary="The conversation so far")
def get_conversation(request: HttpRequest, token: str) -> ConversationOut:
    interview = _case(token, allow_closed=True)
    answer_pending(interview)
    return ConversationOut(
        status=interview.status,  # type: ignore[arg-type]
        language=interview.language,  # type: ignore[arg-type]
        progress=round(progress_of(interview), 3),
        messages=[_out(m) for m in messages_of(interview)],
    )


@router.post(
    "/{token}/messages",
    response={200: PostedOut, **errors(400, 404, 409, 422)},
    auth=None,
    summary="Send the leaver's answer; returns the interviewer's new messages",
    description="Sending the first answer starts the conversation (the client shows the terms first). "
    "A repeated client_id returns the earlier answer instead of adding a turn, and so does the same text again "
    "within a few seconds without a client_id. 409 when the conversation has closed or the case is held by a "
    "person (mode interviewer).",
)
def send_message(request: HttpRequest, token: str, payload: MessageIn) -> PostedOut:
    interview = _case(token, allow_closed=True)
    try:
        result = post_message(
            interview,
            payload.text,
            client_id=payload.client_id,
            skip_topic=payload.skip_topic,
            repeat_window=REPEAT_WINDOW,
        )
    except NotAChat as exc:
        raise HttpError(409, "This conversation is held by a person, not in the chat; it takes no messages.") from exc
    except ConversationClosed as exc:
        raise HttpError(409, "The conversation has closed; no more messages are taken.") from exc
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return PostedOut(status=result.status, messages=[_out(m) for m in result.messages])  # type: ignore[arg-type]
