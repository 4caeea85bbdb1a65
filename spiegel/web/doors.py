"""The doors a stranger can knock on without an account: leavers' links and receipts, and the API.

`DoorThrottleMiddleware` answers 429 with Retry-After to an address that failed too often (see
`spiegel.privacy.throttle`) before any token lookup, and counts the failures: a 404 on a leaver's link or
receipt (unknown, expired, closed), a 401 on the API (no valid key). The sign-in page does the same per
address and per user name (`spiegel.web.views.SpiegelLoginView`).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from spiegel.privacy.throttle import count_failure, ip_key, ip_limit, retry_after

LEAVER_DOORS = ("/i/", "/r/", "/api/v1/conversations/")
API_DOOR = "/api/"


def _door(path: str) -> str | None:
    if path.startswith(LEAVER_DOORS):
        return "leaver"
    if path.startswith(API_DOOR):
        return "api"
    return None


def minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def too_many(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 with Retry-After: JSON on the API, a page in the leaver's language elsewhere."""
    if request.path.startswith(API_DOOR):
        body = {
            "detail": f"Too many failed attempts from your address. Try again in {seconds} seconds.",
            "errors": [],
        }
        response = HttpResponse(json.dumps(body), status=429, content_type="application/json")
    else:
        lang = request.GET.get("lang") or translation.get_language_from_request(request)
        lang = lang if lang in ("nl", "en") else "nl"
        with translation.override(lang):
            context = {"minutes": minutes(seconds), "lang": lang}
            response = render(request, "spiegel/leaver/too_many.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class DoorThrottleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        door = _door(request.path)
        if door is None:
            return self.get_response(request)
        key = ip_key(request)
        wait = retry_after(key, ip_limit())
        if wait:
            return too_many(request, wait)
        response = self.get_response(request)
        failed = response.status_code == 404 if door == "leaver" else response.status_code == 401
        if failed:
            count_failure(key)
        return response


# Spiegel uses no camera, microphone, location, payment or other powerful browser feature: none may be asked.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


# A strict Content-Security-Policy on every page: scripts and styles only from Spiegel itself, no inline script,
# handler or style anywhere (the pages' behaviour is in static/spiegel/ui.js). The dashboard's charts need no
# exception: Vega's expressions run in vega-interpreter (no Function()), and vega-embed's and vega-tooltip's
# style sheets are not injected (their rules are in dashboard.css). The API docs page (Swagger UI from
# django-ninja's static files) runs under it too: its settings are a JSON block, its start-up a static file.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# The dashboard's policy: the same strict one since the charts run without eval (kept as a name of its own).
CSP_CHARTS = CSP
CHART_PAGES = re.compile(r"^/o/[^/]+/dashboard/$")


def content_security_policy(path: str) -> str | None:
    """The CSP for a page at `path` (the same strict policy everywhere)."""
    return CSP_CHARTS if CHART_PAGES.match(path) else CSP


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and the Content-Security-Policy to every response (Django's SecurityMiddleware
    sends the others: HSTS, nosniff, Referrer-Policy, COOP)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        policy = content_security_policy(request.path)
        if policy:
            response.setdefault("Content-Security-Policy", policy)
        return response


# A session is renewed (its expiry moved SESSION_COOKIE_AGE ahead) when a request comes more than this many
# seconds after the last renewal: an idle timeout to the minute, without a database write on every request.
SESSION_RENEWAL_SECONDS = 60


class IdleSessionMiddleware:
    """Idle timeout for sessions: each request renews a non-empty session, at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - int(session.get("_renewed", 0)) >= SESSION_RENEWAL_SECONDS:
                session["_renewed"] = now  # modified: saved with a fresh expiry
        return self.get_response(request)
