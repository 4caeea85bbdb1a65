"""Two-step sign-in for staff (issue 16): a code after the password where an account has a second factor or
must have one, enrolment with a QR code and a key to type, single-use recovery codes, the same lockout as
the password, every step audited, and a reset by the administrator."""

from __future__ import annotations

import time
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from spiegel.privacy import second_factor, totp
from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent, SecondFactor
from spiegel.tenancy.models import Role, User
from spiegel.web.second_factor_views import PENDING, PENDING_SECONDS
from tests.support.builders import TEST_PASSWORD, build_org, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_limits(settings: Any) -> None:
    settings.SPIEGEL_THROTTLE_FAILURES = 50
    settings.SPIEGEL_LOGIN_ACCOUNT_FAILURES = 3
    settings.SPIEGEL_THROTTLE_WINDOW = 600


def _password(client: Client, username: str, password: str = TEST_PASSWORD) -> Any:
    return client.post("/login/", {"username": username, "password": password})


@pytest.fixture(autouse=True)
def _steady_clock() -> None:
    """Start each test early in a 30-second step, so that the codes a test computes (this step, the one before
    and the one after) are still the ones the server accepts when it checks them a few seconds later."""
    left = totp.STEP_SECONDS - time.time() % totp.STEP_SECONDS
    if left < 10:
        time.sleep(left + 0.1)


def _enrolled(user: User) -> tuple[str, list[str]]:
    """Turn a second factor on for ``user`` as the enrolment page does; returns the secret and recovery codes."""
    factor = second_factor.start_enrolment(user)
    # A code of an earlier step, so that the current one is still unused for the sign-in that follows.
    earlier = totp.code_for_step(factor.secret, totp.step_at() - 1)
    enrolled = second_factor.confirm_enrolment(Actor.for_user(user), user, earlier)
    assert enrolled is not None
    return factor.secret, enrolled.recovery_codes


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_account_without_a_second_factor_signs_in_with_its_password_alone() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    client = Client()
    response = _password(client, user.username)
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in(client)


def test_with_a_second_factor_the_password_alone_does_not_sign_in_and_the_code_does() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    secret, _codes = _enrolled(user)
    client = Client()
    response = _password(client, user.username)
    assert response.status_code == 302 and response["Location"] == "/login/code/"
    assert not _signed_in(client)
    assert client.get("/orgs/").status_code == 302  # still signed out
    page = client.get("/login/code/")
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = client.post("/login/code/", {"code": totp.code_at(secret)})
    assert response.status_code == 302 and response["Location"] == "/"
    assert _signed_in(client) and int(client.session["_auth_user_id"]) == user.pk
    event = AuditEvent.objects.filter(action="auth.login", actor=user).get()
    assert event.detail == {"second_factor": "totp"}


def test_a_wrong_code_does_not_sign_in_and_is_audited() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    secret, _codes = _enrolled(user)
    client = Client()
    _password(client, user.username)
    wrong = str((int(totp.code_at(secret)) + 1) % 1_000_000).zfill(6)
    response = client.post("/login/code/", {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not _signed_in(client)
    assert AuditEvent.objects.filter(action="auth.second_factor_failed", actor=user).count() == 1


def test_a_code_cannot_be_used_twice() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    secret, _codes = _enrolled(user)
    code = totp.code_at(secret)
    first = Client()
    _password(first, user.username)
    assert first.post("/login/code/", {"code": code}).status_code == 302
    second = Client()
    _password(second, user.username)
    assert second.post("/login/code/", {"code": code}).status_code == 200
    assert not _signed_in(second)


def test_wrong_codes_lock_the_account_with_a_429_even_for_the_right_code() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    secret, _codes = _enrolled(user)
    client = Client(REMOTE_ADDR="203.0.113.7")
    _password(client, user.username)
    for _ in range(3):
        assert (
            client.post(
                "/login/code/", {"code": "000000" if totp.code_at(secret) != "000000" else "111111"}
            ).status_code
            == 200
        )
    locked = client.post("/login/code/", {"code": totp.code_at(secret)})
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 600
    assert 'data-testid="login-locked"' in locked.content.decode()
    assert not _signed_in(client)
    # The account is locked at the password step too, from any address.
    elsewhere = _password(Client(REMOTE_ADDR="198.51.100.9"), user.username)
    assert elsewhere.status_code == 429


def test_a_recovery_code_signs_in_once() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    _secret, codes = _enrolled(user)
    client = Client()
    _password(client, user.username)
    response = client.post("/login/code/", {"code": codes[0].lower()}, follow=True)
    assert _signed_in(client)
    assert "Codes left: 9" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.login", actor=user).get().detail == {"second_factor": "recovery_code"}
    again = Client()
    _password(again, user.username)
    assert again.post("/login/code/", {"code": codes[0]}).status_code == 200
    assert not _signed_in(again)
    stored = SecondFactor.objects.get(user=user)
    assert len(stored.recovery_hashes) == 9
    assert not any(code.replace("-", "") in str(stored.recovery_hashes) for code in codes)


def test_the_secret_is_stored_encrypted() -> None:

    user = build_user(build_org(), Role.CONSULTANT)
    secret, _codes = _enrolled(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM privacy_secondfactor WHERE user_id = %s", [user.pk])
        (raw,) = cursor.fetchone()
    assert secret not in raw and raw.startswith("gAAAA")


def test_the_first_step_is_forgotten_after_a_few_minutes() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    secret, _codes = _enrolled(user)
    client = Client()
    _password(client, user.username)
    session = client.session
    session[PENDING] = {**session[PENDING], "at": int(time.time()) - PENDING_SECONDS - 1}
    session.save()
    response = client.post("/login/code/", {"code": totp.code_at(secret)})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert not _signed_in(client)


def test_the_code_page_without_a_password_first_goes_back_to_sign_in() -> None:
    assert Client().get("/login/code/")["Location"] == "/login/"
    assert Client().get("/login/second-factor/")["Location"] == "/login/"


def test_a_role_that_requires_a_second_factor_enrols_at_sign_in(settings: Any) -> None:
    settings.SPIEGEL_SECOND_FACTOR_ROLES = ["consultant"]
    user = build_user(build_org(), Role.CONSULTANT)
    viewer = build_user(build_org(), Role.CLIENT_VIEWER)
    assert second_factor.is_required(user) and not second_factor.is_required(viewer)
    client = Client()
    response = _password(client, user.username)
    assert response["Location"] == "/login/second-factor/"
    assert not _signed_in(client)
    page = client.get("/login/second-factor/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    factor = SecondFactor.objects.get(user=user)
    assert factor.confirmed_at is None
    assert totp.grouped(factor.secret) in page
    response = client.post("/login/second-factor/", {"code": totp.code_at(factor.secret), "action": "enable"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert _signed_in(client)
    assert second_factor.confirmed_factor(user) is not None
    assert AuditEvent.objects.filter(action="auth.second_factor_enabled", actor=user).count() == 1
    assert _password(Client(), viewer.username)["Location"] == "/"


def test_an_organisation_can_require_it_of_its_members_with_the_org_command() -> None:
    org = build_org()
    member = build_user(org, Role.CLIENT_ADMIN)
    outsider = build_user(build_org(), Role.CLIENT_ADMIN)
    out = StringIO()
    call_command("org", "second-factor", "--org", org.slug, "required", stdout=out)
    assert "now sign in with a second factor" in out.getvalue()
    assert second_factor.is_required(member) and not second_factor.is_required(outsider)
    assert _password(Client(), member.username)["Location"] == "/login/second-factor/"
    assert AuditEvent.objects.filter(action="organisation.second_factor_required", organisation=org).count() == 1
    call_command("org", "second-factor", "--org", org.slug, "optional", stdout=StringIO())
    assert not second_factor.is_required(member)


def test_the_user_command_resets_a_lost_second_factor() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    _enrolled(user)
    out = StringIO()
    call_command("user", "reset-second-factor", "--username", user.username, stdout=out)
    assert "is reset" in out.getvalue()
    assert not SecondFactor.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="auth.second_factor_removed", actor_label="cli").count() == 1
    assert _password(Client(), user.username)["Location"] == "/"
    out = StringIO()
    call_command("user", "reset-second-factor", "--username", user.username, stdout=out)
    assert "nothing changed" in out.getvalue()


def test_the_account_page_turns_it_on_renews_codes_and_turns_it_off() -> None:
    user = build_user(build_org(), Role.CONSULTANT)
    client = Client()
    client.force_login(user)
    page = client.get("/account/second-factor/")
    assert page.status_code == 200 and "Set up two-step sign-in" in page.content.decode()
    secret = SecondFactor.objects.get(user=user).secret
    now = totp.step_at()
    enabled = client.post("/account/second-factor/", {"action": "enable", "code": totp.code_for_step(secret, now - 1)})
    assert len(enabled.context["codes"]) == 10
    shown = client.get("/account/second-factor/").content.decode()
    assert 'data-testid="second-factor-on"' in shown and "10 unused recovery codes" in shown
    renewed = client.post("/account/second-factor/", {"action": "renew", "code": totp.code_for_step(secret, now)})
    assert len(renewed.context["codes"]) == 10 and renewed.context["codes"] != enabled.context["codes"]
    refused = client.post("/account/second-factor/", {"action": "disable", "code": "12345"})
    assert refused.status_code == 200 and SecondFactor.objects.filter(user=user).exists()
    off = client.post("/account/second-factor/", {"action": "disable", "code": totp.code_for_step(secret, now + 1)})
    assert off.status_code == 302
    assert not SecondFactor.objects.filter(user=user).exists()


def test_a_required_second_factor_cannot_be_turned_off_on_the_account_page(settings: Any) -> None:
    settings.SPIEGEL_SECOND_FACTOR_ROLES = ["all"]
    user = build_user(build_org(), Role.CLIENT_VIEWER)
    secret, _codes = _enrolled(user)
    client = Client()
    client.force_login(user)
    page = client.get("/account/second-factor/").content.decode()
    assert "cannot be turned off" in page
    client.post("/account/second-factor/", {"action": "disable", "code": totp.code_at(secret)})
    assert second_factor.confirmed_factor(user) is not None


@pytest.mark.parametrize(("language", "words"), [("nl", "Tweestapsaanmelding"), ("en", "Two-step sign-in")])
def test_the_pages_speak_dutch_and_english(settings: Any, language: str, words: str) -> None:
    settings.LANGUAGE_CODE = language
    user = build_user(build_org(), Role.CONSULTANT)
    _enrolled(user)
    client = Client()
    _password(client, user.username)
    assert words in client.get("/login/code/").content.decode()
