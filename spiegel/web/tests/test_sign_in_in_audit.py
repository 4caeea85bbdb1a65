"""Sign-ins and the second factor of an account are in the audit log of each organisation the account belongs to
(one row each, like a chosen password), so each organisation's audit page lists them; a failed sign-in for a user
name nobody has stays one row without an organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from spiegel.privacy import second_factor, totp
from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.actions import grant_membership
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, build_org, build_user, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.SPIEGEL_THROTTLE_FAILURES = 50
    settings.SPIEGEL_LOGIN_ACCOUNT_FAILURES = 10


def _organisations(action: str, **filters: Any) -> list[str]:
    """The names of the organisations whose audit log has the event ("-" for a row without an organisation)."""
    rows = AuditEvent.objects.filter(action=action, **filters).select_related("organisation")
    return sorted(row.organisation.name if row.organisation else "-" for row in rows)


def test_a_sign_in_is_in_the_audit_log_of_each_organisation_of_the_account_and_on_its_audit_page() -> None:
    noord, zuid, west = build_org("Zorggroep Noord"), build_org("Zorggroep Zuid"), build_org("Zorggroep West")
    eva = build_user(noord, Role.CONSULTANT, username="eva")
    grant_membership(Actor.system("test"), user=eva, organisation=zuid, role=Role.CONSULTANT)
    build_user(west, Role.CLIENT_ADMIN, username="hr")
    response = Client().post("/login/", {"username": "eva", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert _organisations("auth.login", actor=eva) == ["Zorggroep Noord", "Zorggroep Zuid"]
    page = signed_in(eva).get(f"/o/{zuid.slug}/audit/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "signed in" in page.content.decode()


def test_a_wrong_password_is_in_each_organisation_s_log_and_an_unknown_name_in_none() -> None:
    noord = build_org("Zorggroep Noord")
    eva = build_user(noord, Role.CONSULTANT, username="eva")
    Client().post("/login/", {"username": "eva", "password": "not-the-password"})
    Client().post("/login/", {"username": "nobody-here", "password": "not-the-password"})
    assert _organisations("auth.login_failed", actor=eva) == ["Zorggroep Noord"]
    assert AuditEvent.objects.get(action="auth.login_failed", actor=eva).detail == {"account_exists": True}
    unknown = AuditEvent.objects.get(action="auth.login_failed", actor=None)
    assert unknown.organisation is None and unknown.detail == {"account_exists": False}


def test_switching_a_second_factor_on_and_off_is_in_the_log_of_each_organisation() -> None:
    noord, zuid = build_org("Zorggroep Noord"), build_org("Zorggroep Zuid")
    eva = build_user(noord, Role.CONSULTANT, username="eva")
    grant_membership(Actor.system("test"), user=eva, organisation=zuid, role=Role.CONSULTANT)
    factor = second_factor.start_enrolment(eva)
    assert second_factor.confirm_enrolment(Actor.for_user(eva), eva, totp.code_at(factor.secret)) is not None
    assert _organisations("auth.second_factor_enabled") == ["Zorggroep Noord", "Zorggroep Zuid"]
    assert second_factor.remove(Actor.system("cli"), eva)
    assert _organisations("auth.second_factor_removed") == ["Zorggroep Noord", "Zorggroep Zuid"]


def test_an_account_without_an_organisation_signs_in_with_one_row_without_one() -> None:
    loner = build_user(username="loner")
    assert Client().post("/login/", {"username": "loner", "password": TEST_PASSWORD}).status_code == 302
    assert _organisations("auth.login", actor=loner) == ["-"]
