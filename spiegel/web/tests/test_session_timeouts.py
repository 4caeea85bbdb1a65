"""Idle session timeouts (issue 16): staff are signed out after SPIEGEL_STAFF_IDLE_MINUTES without a request,
each request renews the session; a leaver's session (their language) lasts SPIEGEL_LEAVER_SESSION_MINUTES."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from spiegel.tenancy.models import Role
from tests.support.builders import build_case, build_org, build_user

pytestmark = pytest.mark.django_db


def _signed_in() -> tuple[Client, Session]:
    user = build_user(build_org(), Role.CONSULTANT)
    user.set_password("the-right-password-1")
    user.save()
    client = Client()
    assert client.post("/login/", {"username": user.username, "password": "the-right-password-1"}).status_code == 302
    return client, Session.objects.get(session_key=client.session.session_key)


def test_a_staff_session_lasts_thirty_idle_minutes_and_each_request_renews_it() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client, session = _signed_in()
    # 29 minutes idle: the session was last renewed long ago and expires in a minute.
    stored = SessionStore(session_key=session.session_key)
    stored["_renewed"] = 0
    stored.save()
    soon = timezone.now() + dt.timedelta(minutes=1)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)
    assert client.get("/orgs/").status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + dt.timedelta(minutes=29)


def test_an_idle_staff_session_is_signed_out() -> None:
    client, session = _signed_in()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/orgs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_leaver_s_session_is_short() -> None:
    built = build_case(build_org())
    client = Client()
    assert client.get(f"/i/{built.token}/?lang=en").status_code == 200
    assert client.session.get_expiry_age() == 20 * 60
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date <= timezone.now() + dt.timedelta(minutes=20)
