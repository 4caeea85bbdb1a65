"""The conversation page's streamed turn: the model's question appears as it is written (server-sent events).

``POST /i/<token>/chat/stream/`` takes the same form as the chat page. The answer is stored first (as on
the ordinary page); then the response is ``text/event-stream``:

    event: piece   data: {"text": "..."}      a piece of the question, provisional
    event: done    data: {"status": ..., "messages": [...], "replaced": bool}

Only ``done`` carries what was stored: it passed the engine's checks, and ``replaced`` is true when it is
not what was streamed (the built-in wording replaced a question that broke a rule, failed or timed out;
docs/adr/0002-language-model.md). Anything that is not a streamable turn (an empty or too long answer, a
closed or human-led conversation) is answered exactly as the ordinary chat page answers it, so the page's
script can always show the response. Without JavaScript the page never calls this.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from spiegel.interviews.conversation import ConversationClosed, store_answer, stream_reply
from spiegel.interviews.models import Interview, Message, MessageRole, Mode, Status
from spiegel.privacy.failures import log_failure
from spiegel.web import leaver_views
from spiegel.web.leaver_case import by_token

log = logging.getLogger(__name__)


def _event(name: str, data: dict[str, object]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _events(interview: Interview, answer: Message, skip: bool) -> Iterator[bytes]:
    streamed = ""
    try:
        for piece in stream_reply(interview, answer, skip_topic=skip):
            if piece.result is None:
                streamed += piece.text
                yield _event("piece", {"text": piece.text})
                continue
            texts = [m.text for m in piece.result.messages if m.role == MessageRole.INTERVIEWER]
            replaced = bool(streamed) and " ".join(texts).strip() != streamed.strip()
            yield _event("done", {"status": piece.result.status, "messages": texts, "replaced": replaced})
    except Exception as exc:
        # The answer is stored; the page reloads the conversation, which answers a pending answer. Logged with
        # the case's public id and where it broke, never the exception's message (it may quote the answer).
        log_failure(log, "the streamed turn", interview.id, exc)
        yield _event("failed", {})


@never_cache
@require_POST
@by_token
def stream(request: HttpRequest, interview: Interview, token: str) -> HttpResponseBase:
    if interview.status != Status.IN_PROGRESS or interview.mode != Mode.SELF:
        return leaver_views.chat(request, token)
    text = request.POST.get("text", "")
    skip = request.POST.get("skip") == "1"
    try:
        answer = store_answer(interview, text, client_id=request.POST.get("client_id", ""), skip_topic=skip)
    except (ValidationError, ConversationClosed):
        return leaver_views.chat(request, token)
    response = StreamingHttpResponse(_events(interview, answer, skip), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass events on as they come
    return response
