"""The leaver's pages at their private link: the landing page with consent, and the conversation.

The leaver has no account: the token in the link is the credential. Pages render in the case's language
unless the leaver switches it (`?lang=`), and work without JavaScript (HTMX only makes them smoother).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from spiegel.interviews.conversation import (
    ConversationClosed,
    answer_pending,
    choose_language,
    in_closing,
    post_message,
    progress_of,
    stop_early,
)
from spiegel.interviews.language_model import streaming_enabled
from spiegel.interviews.lifecycle import give_consent
from spiegel.interviews.models import Interview, MessageRole, Mode, Status
from spiegel.interviews.queries import messages_of
from spiegel.web.copilot_views import leaver_page
from spiegel.web.leaver_case import by_token, leaver_language


@never_cache
@require_http_methods(["GET", "POST"])
@by_token
def landing(request: HttpRequest, interview: Interview, token: str) -> HttpResponse:
    if interview.mode == Mode.INTERVIEWER:
        # Held by a person of the practice: who, the planned moment and consent (issue 14).
        return leaver_page(request, token, interview)
    lang = leaver_language(request, interview)
    if request.method == "POST":
        if request.POST.get("consent") != "yes":
            with translation.override(lang):
                return render(
                    request,
                    "spiegel/leaver/landing.html",
                    {"case": interview, "token": token, "lang": lang, "consent_missing": True},
                    status=422,
                )
        chosen = request.POST.get("language", lang)
        if chosen in ("nl", "en"):
            # The conversation's language is settled here, before it starts; the page follows it from now on.
            interview = choose_language(interview, chosen)
            request.session["leaver_lang"] = chosen
        give_consent(interview)
        return redirect("web:leaver_chat", token=token)
    if interview.status != Status.INVITED:
        return redirect("web:leaver_chat", token=token)
    with translation.override(lang):
        return render(request, "spiegel/leaver/landing.html", {"case": interview, "token": token, "lang": lang})


@never_cache
@require_http_methods(["GET", "POST"])
@by_token
def chat(request: HttpRequest, interview: Interview, token: str) -> HttpResponse:
    if interview.status == Status.INVITED or interview.mode == Mode.INTERVIEWER:
        return redirect("web:leaver_landing", token=token)
    # One language per page: the conversation's. A leaver who asks for the other one is told, in that
    # language, that the questions stay in the language the conversation started in.
    asked = leaver_language(request, interview)
    lang = interview.language
    error = ""
    draft = ""
    if request.method == "POST":
        draft = request.POST.get("text", "")
        skip = request.POST.get("skip") == "1"
        client_id = request.POST.get("client_id", "")
        try:
            if request.POST.get("stop") == "1":
                stop_early(interview, draft, client_id=client_id)
            else:
                post_message(interview, draft, client_id=client_id, skip_topic=skip)
        except ValidationError as exc:
            with translation.override(lang):
                error = " ".join(exc.messages)
        except ConversationClosed:
            pass
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect("web:leaver_chat", token=token)
            draft = ""
        interview.refresh_from_db()
    else:
        answer_pending(interview)
    all_messages = list(messages_of(interview))
    current: list[str] = []
    for message in reversed(all_messages):
        if message.role != MessageRole.INTERVIEWER:
            break
        current.insert(0, message.text)
    earlier = all_messages[: len(all_messages) - len(current)]
    # The leaver's own last answer stays in view above the reply to it.
    last_answer = earlier.pop() if earlier and earlier[-1].role == MessageRole.LEAVER else None
    context = {
        "case": interview,
        "token": token,
        "lang": lang,
        "earlier": earlier,
        "current": current,
        "last_answer": last_answer,
        "other_language": asked if asked != lang else "",
        "in_closing": in_closing(interview),
        "progress": round(progress_of(interview) * 100),
        "client_id": uuid.uuid4().hex,
        "error": error,
        "draft": draft,
        "closed": interview.status not in (Status.IN_PROGRESS,),
        "human_led": interview.mode == Mode.INTERVIEWER,
        "paused": request.GET.get("pause") == "1",
        "stream_url": reverse("web:leaver_stream", args=[token]) if streaming_enabled() else "",
    }
    template = "spiegel/leaver/_chat_body.html" if request.htmx else "spiegel/leaver/chat.html"  # type: ignore[attr-defined]
    with translation.override(lang):
        return render(request, template, context, status=422 if error else 200)
