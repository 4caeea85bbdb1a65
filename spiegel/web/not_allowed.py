"""Spiegel's page for a request a view does not take: Django answers a GET on a POST-only address (a form's
address bookmarked, shared, or opened again from the history) with an empty 405. Like the 400, 403, 404 and
500 pages, it says in the visitor's language what happened, that nothing was done, and where to go: back to the
page they came from (when that is a Spiegel page) or the start page. The API's answers are left as they are."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from spiegel.web.doors import API_DOOR


def back_to(request: HttpRequest) -> str:
    """The page the visitor came from, when it is one of Spiegel's own ('' otherwise, and for this address)."""
    referer = request.headers.get("Referer", "")
    own = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if own and referer != request.build_absolute_uri() else ""


class NotAllowedPageMiddleware:
    """Gives an empty 405 Spiegel's error page (status and Allow header kept)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content or request.path.startswith(API_DOOR):
            return response
        context = {"back": back_to(request), "opened": request.method in ("GET", "HEAD")}
        page = render(request, "405.html", context, status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
