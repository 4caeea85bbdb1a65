"""`spiegel doctor` tells how the doors stand (issue 16): who must use two-step sign-in and how many do, the
pages' Content-Security-Policy, and audit details left unencrypted — each read from the running set-up."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.db import connection

from spiegel.privacy import second_factor, totp
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.tenancy.models import Role
from spiegel.web import doors
from spiegel.web.diagnostics import (
    check_audit_encryption,
    check_content_security_policy,
    check_second_factor,
)
from tests.support.builders import build_org, build_user

pytestmark = pytest.mark.django_db


def test_two_step_sign_in_is_reported_with_who_must_use_it_and_who_does(settings: Any) -> None:
    settings.SPIEGEL_SECOND_FACTOR_ROLES = ["consultant"]
    consultant = build_user(build_org(), Role.CONSULTANT)
    enrolled = build_user(build_org(), Role.CONSULTANT)
    factor = second_factor.start_enrolment(enrolled)
    assert second_factor.confirm_enrolment(Actor.for_user(enrolled), enrolled, totp.code_at(factor.secret))
    org = build_org("Ziekenhuis Oost")
    build_user(org, Role.CLIENT_VIEWER)
    second_factor.set_required(Actor.system("test"), org, True)
    [check] = check_second_factor(production=True)
    assert check.level == "ok"
    assert "Required for the roles: consultant." in check.message
    assert "Required by 1 organisations: Ziekenhuis Oost." in check.message
    assert "1 of 3 active accounts use it." in check.message
    assert "2 accounts must set it up at their next sign-in." in check.message
    assert consultant.username not in check.message


def test_nothing_required_is_a_warning_in_production_only(settings: Any) -> None:
    settings.SPIEGEL_SECOND_FACTOR_ROLES = []
    build_user(build_org(), Role.CONSULTANT)
    [relaxed] = check_second_factor(production=False)
    [strict] = check_second_factor(production=True)
    assert relaxed.level == "ok" and "Optional for every account" in relaxed.message
    assert strict.level == "warning" and "SPIEGEL_SECOND_FACTOR_ROLES=consultant" in strict.message


def test_the_csp_check_names_a_page_without_a_strict_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    [strict] = check_content_security_policy()
    assert strict.level == "ok" and "API docs" in strict.message
    monkeypatch.setattr(doors, "CSP_CHARTS", doors.CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"))
    [loose] = check_content_security_policy()
    assert loose.level == "warning" and loose.message.endswith("/o/x/dashboard/.")


def test_an_unencrypted_audit_detail_is_a_problem() -> None:

    log_audit(Actor.system("test"), "disclosure.flagged", organisation=None, detail={"kind": "disclosure"})
    [fine] = check_audit_encryption()
    assert fine.level == "ok"
    pk = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO privacy_auditevent (id, actor_label, action, object_type, object_id, detail, created_at) "
            "VALUES (%s, 'engine', 'disclosure.flagged', '', '', %s, CURRENT_TIMESTAMP)",
            [pk.hex if connection.vendor == "sqlite" else pk, json.dumps({"kind": "disclosure"})],
        )
    [found] = check_audit_encryption()
    assert found.level == "problem" and found.message.startswith("1 audit events")
