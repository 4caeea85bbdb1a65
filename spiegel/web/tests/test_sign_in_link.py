"""A staff user who has signed in before and forgot their password (issue 15): a consultant sends them a new
one-time sign-in link from the people page, the same link and mail as an invitation. The link sets a new
password without the old one, works once, and is in the audit log, which says whose account it concerned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Role, User
from tests.support.builders import TEST_PASSWORD, build_org, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "spiegel.privacy.outbox.OutboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    return tmp_path / "outbox"


def _consultant_and_bram(org_name: str = "Zorggroep Noord") -> tuple[Client, User]:
    org = build_org(org_name)
    eva = build_user(org, Role.CONSULTANT, username="eva")
    client = Client()
    client.force_login(eva)
    bram = build_user(org, Role.CLIENT_ADMIN, username="bram")
    bram.email = "bram@example.org"
    bram.save(update_fields=["email"])
    assert Client().login(username="bram", password=TEST_PASSWORD)  # he has signed in before
    return client, bram


def _welcome_path(page: str) -> str:
    link = page.split('data-testid="welcome-link" readonly value="')[1].split('"')[0]
    return link[link.index("/welcome/") :]


def test_someone_who_signed_in_before_gets_a_sign_in_link_that_sets_a_new_password_once(outbox: Path) -> None:
    client, bram = _consultant_and_bram()
    slug = bram.memberships.get().organisation.slug
    people = client.get(f"/o/{slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send a new sign-in link" in people
    response = client.post(f"/o/{slug}/users/{bram.public_id}/link/")
    assert (response.status_code, response["Location"]) == (302, f"/o/{slug}/users/")
    page = client.get(f"/o/{slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A new link for bram." in page
    assert "The link to choose a password was sent to bram@example.org." in page
    path = _welcome_path(page)
    mails = list(outbox.iterdir())
    assert len(mails) == 1 and path in mails[0].read_text()
    assert 'data-testid="welcome-link"' not in client.get(f"/o/{slug}/users/").content.decode()

    forgetful = Client()
    form_page = forgetful.get(path, follow=True)
    assert "new_password1" in form_page.content.decode() and "old_password" not in form_page.content.decode()
    chosen = "een-nieuw-en-eigen-wachtwoord"
    done = forgetful.post(form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    assert (done.status_code, done["Location"]) == (302, "/login/")
    assert Client().login(username="bram", password=chosen)
    assert not Client().login(username="bram", password=TEST_PASSWORD)
    again = Client().get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This link does not work (any more)" in again

    sent = AuditEvent.objects.get(action="user.link_sent")
    assert (sent.actor.username if sent.actor else None, sent.object_type, sent.object_id) == (
        "eva",
        "user",
        str(bram.public_id),
    )
    assert sent.organisation_id == bram.memberships.get().organisation_id
    assert sent.detail == {"signed_in_before": True}


def test_the_mail_is_in_the_persons_language(outbox: Path) -> None:
    client, bram = _consultant_and_bram()
    bram.language = "en"
    bram.save(update_fields=["language"])
    slug = bram.memberships.get().organisation.slug
    client.post(f"/o/{slug}/users/{bram.public_id}/link/", HTTP_ACCEPT_LANGUAGE="nl")
    mail = next(outbox.iterdir()).read_text()
    assert "Your Spiegel account for Zorggroep Noord" in mail


def test_no_link_for_yourself(outbox: Path) -> None:
    client, bram = _consultant_and_bram()
    org = bram.memberships.get().organisation
    eva = User.objects.get(username="eva")
    client.post(f"/o/{org.slug}/users/{eva.public_id}/link/")
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You cannot send yourself a new link here; ask another consultant." in page
    assert not outbox.exists() or list(outbox.iterdir()) == []
    assert not AuditEvent.objects.filter(action="user.link_sent").exists()


def test_the_audit_log_says_whose_account_a_link_or_a_deactivation_concerned(outbox: Path) -> None:
    client, bram = _consultant_and_bram()
    bram.first_name, bram.last_name = "Bram", "de Boer"
    bram.save(update_fields=["first_name", "last_name"])
    slug = bram.memberships.get().organisation.slug
    client.post(f"/o/{slug}/users/{bram.public_id}/link/")
    client.post(f"/o/{slug}/users/{bram.public_id}/deactivate/")
    client.post(f"/o/{slug}/users/{bram.public_id}/reactivate/")
    english = client.get(f"/o/{slug}/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _what_and_whose(english, "What", "Concerning") == [
        ("user account reactivated", "account of Bram de Boer"),
        ("user account deactivated", "account of Bram de Boer"),
        ("new sign-in link sent", "account of Bram de Boer"),
        ("role given: Client administrator", "account of Bram de Boer"),
        ("role given: Consultant", "account of eva"),
    ]
    dutch = client.get(f"/o/{slug}/audit/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert _what_and_whose(dutch, "Wat", "Betreft") == [
        ("gebruikersaccount weer actief gemaakt", "account van Bram de Boer"),
        ("gebruikersaccount gedeactiveerd", "account van Bram de Boer"),
        ("nieuwe inloglink gestuurd", "account van Bram de Boer"),
        ("rol gegeven: Beheerder klantorganisatie", "account van Bram de Boer"),
        ("rol gegeven: Consultant", "account van eva"),
    ]
    export = client.get(f"/o/{slug}/audit/export/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "new sign-in link sent,account of Bram de Boer" in export


def _what_and_whose(page: str, what: str, concerning: str) -> list[tuple[str, str]]:
    """The (what, concerning) cells of the log's rows about an account."""
    rows = []
    for row in page.split('data-testid="audit-event"')[1:]:
        cell = row.split(f'data-label="{what}">')[1].split("</td>")[0]
        whose = row.split(f'data-label="{concerning}">')[1].split("</td>")[0]
        if whose.startswith("account"):
            rows.append((cell, whose))
    return rows
