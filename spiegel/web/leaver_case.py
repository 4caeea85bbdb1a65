"""How every leaver page opens its case: by the invitation token (``/i/<token>/…``) or the receipt
(``/r/<receipt>/…``), with the page for a link that opens nothing, and the language the leaver reads in.

The leaver has no account: the token in the link is the credential.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import translation

from spiegel.interviews.models import Interview
from spiegel.interviews.queries import TokenError, case_by_token
from spiegel.mirror.queries import case_by_receipt

Response = TypeVar("Response", bound=HttpResponseBase)


def leaver_language(request: HttpRequest, interview: Interview | None) -> str:
    """The case's language unless the leaver switched it (``?lang=``, remembered briefly in the session)."""
    fallback = interview.language if interview else translation.get_language_from_request(request)
    lang = request.GET.get("lang") or request.session.get("leaver_lang") or fallback
    if lang not in ("nl", "en"):
        lang = "nl"
    if request.GET.get("lang") in ("nl", "en"):
        request.session["leaver_lang"] = lang
        # A leaver's session only remembers the language, and briefly (issue 16).
        request.session.set_expiry(settings.SPIEGEL_LEAVER_SESSION_MINUTES * 60)
    return str(lang)


def link_problem(request: HttpRequest, reason: str, language: str = "") -> HttpResponse:
    """The page for a link that opens nothing (404). For a completed case it says where the record is now:
    behind the receipt link, never the invitation link."""
    lang = request.GET.get("lang") or request.session.get("leaver_lang") or language
    lang = lang if lang in ("nl", "en") else leaver_language(request, None)
    with translation.override(lang):
        return render(request, "spiegel/leaver/link_problem.html", {"reason": reason}, status=404)


def by_token(
    view: Callable[[HttpRequest, Interview, str], Response],
) -> Callable[[HttpRequest, str], Response | HttpResponse]:
    """A leaver page at ``/i/<token>/…``: the view gets the case (closed ones included) and the token; a
    token that opens nothing gets :func:`link_problem`."""

    @functools.wraps(view)
    def opened(request: HttpRequest, token: str) -> Response | HttpResponse:
        try:
            interview = case_by_token(token, allow_closed=True)
        except TokenError as exc:
            return link_problem(request, exc.reason, exc.language)
        return view(request, interview, token)

    return opened


def by_receipt(
    view: Callable[[HttpRequest, Interview, str], Response],
) -> Callable[[HttpRequest, str], Response | HttpResponse]:
    """A leaver page at ``/r/<receipt>/…``: the view gets the case and the receipt; a receipt that opens
    nothing gets :func:`link_problem`."""

    @functools.wraps(view)
    def opened(request: HttpRequest, receipt: str) -> Response | HttpResponse:
        try:
            interview = case_by_receipt(receipt)
        except TokenError as exc:
            return link_problem(request, exc.reason, exc.language)
        return view(request, interview, receipt)

    return opened
