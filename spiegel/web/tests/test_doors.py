"""Locked doors (issue 16): guessing leavers' links, receipts, API keys or passwords ends in a 429 with
Retry-After, per address and (sign-in) per user name; honest use is never counted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from spiegel.privacy.models import AuditEvent, DoorFailure
from spiegel.tenancy.models import Role
from tests.support.builders import build_api_key, build_case, build_org, build_user

pytestmark = pytest.mark.django_db

LIMIT = 5
WINDOW = 600


@pytest.fixture(autouse=True)
def _small_limits(settings: Any) -> None:
    settings.SPIEGEL_THROTTLE_FAILURES = LIMIT
    settings.SPIEGEL_LOGIN_ACCOUNT_FAILURES = 3
    settings.SPIEGEL_THROTTLE_WINDOW = WINDOW


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _retry_after(response: Any) -> int:
    value = int(response["Retry-After"])
    assert 0 < value <= WINDOW
    return value


@pytest.mark.parametrize("door", ["/i/{}/", "/r/{}/", "/api/v1/conversations/{}"])
def test_guessing_leaver_links_is_locked_out_with_a_429_even_for_a_real_link(door: str) -> None:
    real = build_case(build_org())
    guesser = _from("203.0.113.7")
    for n in range(LIMIT):
        assert guesser.get(door.format(f"guess-{n}")).status_code == 404
    locked = guesser.get(door.format(real.token))
    assert locked.status_code == 429
    _retry_after(locked)
    # Someone else, at another address, is not affected.
    assert _from("198.51.100.2").get(f"/i/{real.token}/").status_code == 200


def test_the_locked_leaver_page_says_what_to_do_in_dutch_and_english() -> None:
    guesser = _from("203.0.113.8")
    for n in range(LIMIT):
        guesser.get(f"/i/guess-{n}/")
    english = guesser.get("/i/another/?lang=en")
    assert english.status_code == 429
    assert 'data-testid="too-many"' in english.content.decode()
    assert "try again in 10 minutes" in english.content.decode()
    dutch = guesser.get("/i/another/?lang=nl").content.decode()
    assert "probeer het over 10 minuten opnieuw" in dutch


def test_the_lock_ends_when_the_window_has_passed() -> None:
    real = build_case(build_org())
    guesser = _from("203.0.113.9")
    for n in range(LIMIT):
        guesser.get(f"/r/guess-{n}/")
    assert guesser.get(f"/i/{real.token}/").status_code == 429
    DoorFailure.objects.update(at=dt.datetime.now(tz=dt.UTC) - dt.timedelta(seconds=WINDOW + 1))
    assert guesser.get(f"/i/{real.token}/").status_code == 200


def test_honest_use_of_a_real_link_is_never_counted() -> None:
    real = build_case(build_org())
    leaver = _from("203.0.113.10")
    for _ in range(LIMIT * 3):
        assert leaver.get(f"/i/{real.token}/").status_code == 200
    assert DoorFailure.objects.count() == 0


def test_guessing_api_keys_gets_a_429_with_retry_after_and_a_json_reason() -> None:
    org = build_org()
    key = build_api_key(org)
    guesser = _from("203.0.113.11")
    for n in range(LIMIT):
        assert guesser.get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer spk_wrong{n}").status_code == 401
    locked = guesser.get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert locked.status_code == 429
    seconds = _retry_after(locked)
    assert locked.json() == {
        "detail": f"Too many failed attempts from your address. Try again in {seconds} seconds.",
        "errors": [],
    }
    assert _from("198.51.100.3").get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_behind_a_trusted_proxy_the_client_address_counts_not_the_proxy_s(settings: Any) -> None:
    settings.SPIEGEL_TRUSTED_PROXIES = 1
    real = build_case(build_org())
    proxy = "10.0.0.1"
    for n in range(LIMIT):
        # What the client put in front of the header is ignored; the proxy appended the real address.
        _from(proxy).get(f"/i/guess-{n}/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.12")
    assert _from(proxy).get(f"/i/{real.token}/", HTTP_X_FORWARDED_FOR="203.0.113.12").status_code == 429
    assert _from(proxy).get(f"/i/{real.token}/", HTTP_X_FORWARDED_FOR="203.0.113.13").status_code == 200


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/login/", {"username": username, "password": password})


def test_wrong_passwords_lock_the_account_from_every_address_and_are_audited() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    user.set_password("the-right-password-1")
    user.save()
    for n in range(3):
        failed = _sign_in(_from(f"203.0.113.{20 + n}"), user.username, "wrong")
        assert failed.status_code == 200
        assert "The user name or password is not right." in failed.content.decode()
    locked = _sign_in(_from("198.51.100.4"), user.username, "the-right-password-1")
    assert locked.status_code == 429
    _retry_after(locked)
    assert 'data-testid="login-locked"' in locked.content.decode()
    assert "signing in is locked for 10 minutes" in locked.content.decode()
    assert "_auth_user_id" not in locked.client.session
    failures = AuditEvent.objects.filter(action="auth.login_failed", actor=user)
    assert [e.detail for e in failures] == [{"account_exists": True}] * 3
    # Another account at the same addresses signs in; that clears nothing of the locked one.
    other = build_user(build_org(), Role.CONSULTANT)
    other.set_password("another-password-2")
    other.save()
    assert _sign_in(_from("198.51.100.4"), other.username, "another-password-2").status_code == 302
    assert AuditEvent.objects.filter(action="auth.login", actor=other).count() == 1


def test_many_wrong_passwords_from_one_address_lock_that_address_for_every_account() -> None:
    guesser = _from("203.0.113.30")
    for n in range(LIMIT):
        assert _sign_in(guesser, f"someone-{n}", "wrong").status_code == 200
    assert _sign_in(guesser, "someone-else", "wrong").status_code == 429
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == LIMIT


def test_a_successful_sign_in_clears_the_account_s_failures() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    user.set_password("the-right-password-1")
    user.save()
    client = _from("203.0.113.40")
    for _ in range(2):
        _sign_in(client, user.username, "wrong")
    assert _sign_in(client, user.username, "the-right-password-1").status_code == 302
    client.post("/logout/")
    for _ in range(2):
        assert _sign_in(client, user.username, "wrong").status_code == 200
    assert _sign_in(client, user.username, "the-right-password-1").status_code == 302
