from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from spiegel.interviews.actions import renew_invitation
from spiegel.interviews.lifecycle import expire_overdue_cases, withdraw_case
from spiegel.interviews.models import Interview, Status
from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from tests.support.builders import build_case, build_org

pytestmark = pytest.mark.django_db


def test_the_landing_page_explains_who_holds_the_conversation_and_what_happens_with_the_words(
    client: Client,
) -> None:
    built = build_case(build_org("Zorggroep Noord"), language="en")
    page = client.get(f"/i/{built.token}/").content.decode()
    assert "Zorggroep Noord" in page
    assert "independent" in page
    assert "Nothing is shared before you have read it back and approved it" in page
    assert "You may skip any topic or question" in page
    assert 'name="consent"' in page


def test_the_landing_page_speaks_the_language_of_the_case(client: Client) -> None:
    built = build_case(build_org("Zorggroep Noord"), language="nl")
    page = client.get(f"/i/{built.token}/").content.decode()
    assert "Je exitgesprek" in page
    assert '<html lang="nl">' in page
    english = client.get(f"/i/{built.token}/?lang=en").content.decode()
    assert "Your exit interview" in english


def test_consenting_starts_the_conversation_and_is_audited(client: Client) -> None:
    built = build_case(build_org())
    response = client.post(f"/i/{built.token}/", {"consent": "yes"})
    assert response.status_code == 302
    assert response["Location"] == f"/i/{built.token}/chat/"
    built.interview.refresh_from_db()
    assert built.interview.status == Status.IN_PROGRESS
    assert built.interview.consented_at is not None
    assert AuditEvent.objects.filter(action="consent.given", object_id=str(built.interview.id)).count() == 1


def test_starting_without_ticking_the_box_changes_nothing(client: Client) -> None:
    built = build_case(build_org(), language="en")
    response = client.post(f"/i/{built.token}/", {})
    assert response.status_code == 422
    assert "Please tick the box" in response.content.decode()
    built.interview.refresh_from_db()
    assert built.interview.status == Status.INVITED


@pytest.mark.parametrize("token", ["wrong", "x" * 32, "a" * 300])
def test_a_wrong_token_gets_a_clear_404_page(client: Client, token: str) -> None:
    build_case(build_org())
    response = client.get(f"/i/{token}/")
    assert response.status_code == 404
    assert "This link is not known" in response.content.decode()


def test_an_expired_link_gets_a_clear_page_and_the_case_expires(client: Client) -> None:
    built = build_case(build_org())
    Interview.objects.filter(pk=built.interview.pk).update(token_expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(f"/i/{built.token}/")
    assert response.status_code == 404
    assert "Deze link is verlopen" in response.content.decode()  # in the case's language
    assert "This link has expired" in client.get(f"/i/{built.token}/?lang=en").content.decode()
    assert expire_overdue_cases() == 1
    built.interview.refresh_from_db()
    assert built.interview.status == Status.EXPIRED
    assert client.get(f"/api/v1/conversations/{built.token}").status_code == 404


def test_a_renewed_link_replaces_the_old_one(client: Client) -> None:
    built = build_case(build_org())
    new_token = renew_invitation(Actor.system("test"), built.interview)
    assert client.get(f"/i/{built.token}/").status_code == 404
    assert client.get(f"/i/{new_token}/").status_code == 200


def test_a_renewed_link_reopens_an_expired_case_where_it_was(client: Client) -> None:
    built = build_case(build_org())
    client.post(f"/i/{built.token}/", {"consent": "yes"})
    Interview.objects.filter(pk=built.interview.pk).update(token_expires_at=timezone.now() - dt.timedelta(minutes=1))
    expire_overdue_cases()
    new_token = renew_invitation(Actor.system("test"), built.interview)
    built.interview.refresh_from_db()
    assert built.interview.status == Status.IN_PROGRESS
    assert client.get(f"/i/{new_token}/chat/").status_code == 200


def test_a_withdrawn_case_closes_the_link(client: Client) -> None:
    built = build_case(build_org(), language="en")
    withdraw_case(Actor.system("test"), built.interview)
    response = client.get(f"/i/{built.token}/")
    assert response.status_code == 404
    assert "This conversation is closed" in response.content.decode()


def test_the_leaver_pages_are_not_cached_and_send_no_referrer_to_other_sites(client: Client) -> None:
    built = build_case(build_org())
    response = client.get(f"/i/{built.token}/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
