"""Spiegel's own error pages, as a visitor meets them with DEBUG off (issue 15): the site's look, in the visitor's
language (Dutch unless the language cookie or the browser asks for English), saying what happened and where to
go next. A form sent after its page went stale gets a page that says so, not Django's bare "CSRF" page."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, build_org, build_user

pytestmark = pytest.mark.django_db


def _fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


# This module is the URL configuration of the 500 test: Spiegel's own, plus a page that fails.
urlpatterns = [path("test-fails/", _fails), path("", include("spiegel.urls"))]


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    settings.DEBUG = False
    settings.LANGUAGE_CODE = "nl"  # the product's default (the test suite reads English by default)


def _looks_like_spiegel(html: str) -> None:
    assert "/static/spiegel/spiegel.css" in html and "/static/spiegel/staff.css" in html
    assert '<a class="button primary" href="/">' in html  # where to go next


@pytest.mark.parametrize(
    ("headers", "language", "heading", "next_step"),
    [
        ({}, "nl", "Pagina niet gevonden", "Naar de startpagina"),
        ({"HTTP_ACCEPT_LANGUAGE": "nl-NL,nl;q=0.9"}, "nl", "Pagina niet gevonden", "Naar de startpagina"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "en", "Page not found", "To the start page"),
    ],
)
def test_an_unknown_address_answers_404_in_the_visitors_language(
    headers: dict[str, Any], language: str, heading: str, next_step: str
) -> None:
    response = Client().get("/geen-pagina/", **headers)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html and f"<h1>{heading}</h1>" in html and next_step in html
    _looks_like_spiegel(html)


def test_the_language_cookie_wins_over_the_browsers_language() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/geen-pagina/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.parametrize(("language", "heading"), [("nl", "Geen toegang"), ("en", "No access")])
def test_a_page_the_role_may_not_open_answers_403_in_the_visitors_language(language: str, heading: str) -> None:
    org = build_org("Zorggroep Noord")
    user = build_user(org, Role.CLIENT_VIEWER)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.login(username=user.username, password=TEST_PASSWORD)
    response = client.get(f"/o/{org.slug}/cases/new/")
    html = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in html
    assert "may not do this" not in html  # the reason in the exception is for the log, not the reader
    _looks_like_spiegel(html)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "heading", "advice"),
    [
        ("nl", "Er ging iets mis", "Naar de startpagina"),
        ("en", "Something went wrong", "To the start page"),
    ],
)
def test_a_failing_page_answers_500_with_spiegels_page_in_the_visitors_language(
    language: str, heading: str, advice: str
) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE=language, raise_request_exception=False).get("/test-fails/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in html and advice in html
    assert "RuntimeError" not in html and "a bug in a view" not in html
    _looks_like_spiegel(html)


@pytest.mark.parametrize(
    ("language", "heading"), [("nl", "Dit formulier is verlopen"), ("en", "This form has expired")]
)
def test_a_form_sent_from_a_stale_page_gets_a_page_that_says_so_in_the_visitors_language(
    language: str, heading: str
) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/login/", {"username": "iemand", "password": "geheim-wachtwoord"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in html
    assert "CSRF" not in html
    _looks_like_spiegel(html)


@pytest.mark.parametrize(
    ("language", "heading", "nothing_done", "back"),
    [
        ("nl", "Dit adres opent geen pagina", "er is niets veranderd", "Terug naar de vorige pagina"),
        ("en", "This address does not open a page", "nothing was changed", "Back to the previous page"),
    ],
)
def test_opening_a_form_only_address_answers_405_with_a_page_in_the_visitors_language_and_a_way_back(
    language: str, heading: str, nothing_done: str, back: str
) -> None:
    org = build_org("Zorggroep Noord")
    consultant = build_user(org, Role.CONSULTANT)
    bram = build_user(org, Role.CLIENT_ADMIN)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.login(username=consultant.username, password=TEST_PASSWORD)
    people = f"http://testserver/o/{org.slug}/users/"
    response = client.get(f"/o/{org.slug}/users/{bram.public_id}/link/", HTTP_REFERER=people)
    html = response.content.decode()
    assert (response.status_code, response["Allow"]) == (405, "POST")
    assert f'<html lang="{language}">' in html and f"<h1>{heading}</h1>" in html and nothing_done in html
    assert f'<a class="button" href="{people}">{back}</a>' in html
    assert not AuditEvent.objects.filter(action="user.link_sent").exists()
    _looks_like_spiegel(html)


@pytest.mark.parametrize("referer", [None, "https://elders.example/o/x/users/", "http://testserver/logout/"])
def test_the_405_page_leads_back_only_to_another_page_of_spiegel(referer: str | None) -> None:
    headers: dict[str, Any] = {"HTTP_REFERER": referer} if referer else {}
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/logout/", **headers)
    html = response.content.decode()
    assert response.status_code == 405
    assert "<h1>This address does not open a page</h1>" in html
    assert 'class="button" href=' not in html
    _looks_like_spiegel(html)


def test_the_api_keeps_its_own_answer_to_a_method_it_does_not_take() -> None:
    response = Client().get("/api/v1/conversations/geen-token/messages")
    assert (response.status_code, response.content) == (405, b"Method not allowed")  # django-ninja's own
