"""A staff user who has signed in before and forgot their password (issue 15): a consultant sends them a new
one-time sign-in link from the people page. The mail says it is a new link for an existing account (who asked,
how long it works, ignore it if unexpected), not an invitation. The link sets a new password without the old one,
works once, opens only its own page, and is in the audit log apart from an invitation's link, which says whose
account it concerned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Role, User
from spiegel.web.audit_labels import event_label
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
    return link[link.index("/sign-in-link/") :]


def _new_link_for(client: Client, bram: User) -> str:
    """The consultant sends bram a new sign-in link; its path, as the people page shows it once."""
    slug = bram.memberships.get().organisation.slug
    client.post(f"/o/{slug}/users/{bram.public_id}/link/")
    return _welcome_path(client.get(f"/o/{slug}/users/").content.decode())


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


NEW_LINK_MAIL = {
    "en": (
        "A new sign-in link for your Spiegel account at Zorggroep Noord",
        "Hello,\n\nEva de Vries asked for a new sign-in link for your existing Spiegel account at Zorggroep Noord "
        "(user name bram).\n\nWith this link you choose a new password. It works once, for 3 days: {url}\n\n"
        "Then sign in at http://127.0.0.1:8000/login/ with your user name and the new password.\n\n"
        "Did you not expect this e-mail? Then ignore it: nothing changes as long as the link is not used.",
    ),
    "nl": (
        "Een nieuwe inloglink voor je Spiegel-account bij Zorggroep Noord",
        "Hallo,\n\nEva de Vries heeft een nieuwe inloglink gevraagd voor je bestaande Spiegel-account bij Zorggroep "
        "Noord (gebruikersnaam bram).\n\nMet deze link kies je een nieuw wachtwoord. Hij werkt één keer, 3 dagen "
        "lang: {url}\n\nLog daarna in op http://127.0.0.1:8000/login/ met je gebruikersnaam en het nieuwe "
        "wachtwoord.\n\nHad je deze e-mail niet verwacht? Negeer hem dan: er verandert niets zolang de link niet "
        "wordt gebruikt.",
    ),
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_new_link_mail_says_who_asked_for_a_new_link_to_an_existing_account_in_the_persons_language(
    settings: Any, mailbox: list[Any], language: str
) -> None:
    settings.SPIEGEL_BASE_URL = "http://127.0.0.1:8000"
    client, bram = _consultant_and_bram()
    User.objects.filter(username="eva").update(first_name="Eva", last_name="de Vries")
    bram.language = language
    bram.save(update_fields=["language"])
    slug = bram.memberships.get().organisation.slug
    other = "nl" if language == "en" else "en"
    client.post(f"/o/{slug}/users/{bram.public_id}/link/", HTTP_ACCEPT_LANGUAGE=other)  # the person's, not eva's
    page = client.get(f"/o/{slug}/users/").content.decode()
    url = page.split('data-testid="welcome-link" readonly value="')[1].split('"')[0]
    subject, body = NEW_LINK_MAIL[language]
    [mail] = mailbox
    assert (mail.to, mail.subject, mail.body) == (["bram@example.org"], subject, body.format(url=url))
    assert url.startswith("http://127.0.0.1:8000/sign-in-link/")


def test_an_invitation_mail_still_says_access_was_given(mailbox: list[Any]) -> None:
    org = build_org("Zorggroep Noord")
    client = Client()
    client.force_login(build_user(org, Role.CONSULTANT, username="eva"))
    invite = {"username": "sanne", "email": "sanne@example.org", "role": Role.CLIENT_VIEWER, "language": "en"}
    client.post(f"/o/{org.slug}/users/", invite)
    [mail] = mailbox
    assert mail.subject == "Your Spiegel account for Zorggroep Noord"
    assert mail.body.startswith("Hello,\n\nYou have been given access to Spiegel for Zorggroep Noord")
    assert "/welcome/" in mail.body and "/sign-in-link/" not in mail.body


def test_a_new_link_opens_only_its_own_page_and_an_invitation_link_only_the_welcome_page(
    mailbox: list[Any],
) -> None:
    client, bram = _consultant_and_bram()
    path = _new_link_for(client, bram)
    uid, token = path.removeprefix("/sign-in-link/").strip("/").split("/")
    swapped = Client().get(f"/welcome/{uid}/{token}/", follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="welcome-invalid"' in swapped and "new_password1" not in swapped
    assert "Ask the consultant who invited you for a new invitation." in swapped
    mine = Client().get(path, follow=True).content.decode()
    assert "new_password1" in mine


@pytest.mark.parametrize(
    ("language", "advice"),
    [
        ("en", "Ask a consultant of your organisation for a new sign-in link."),
        ("nl", "Vraag een consultant van je organisatie om een nieuwe inloglink."),
    ],
)
def test_a_used_or_wrong_new_link_asks_for_a_new_sign_in_link_not_an_invitation(language: str, advice: str) -> None:
    page = Client().get("/sign-in-link/MQ/not-a-token/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-testid="welcome-invalid"' in page and advice in page


def _choose(path: str, chosen: str) -> None:
    visitor = Client()
    form_page = visitor.get(path, follow=True)
    done = visitor.post(form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    assert (done.status_code, done["Location"]) == (302, "/login/")


def test_a_password_chosen_with_a_new_link_and_one_chosen_with_an_invitation_are_two_audit_actions(
    mailbox: list[Any],
) -> None:
    client, bram = _consultant_and_bram()
    _choose(_new_link_for(client, bram), "een-nieuw-en-eigen-wachtwoord")
    slug = bram.memberships.get().organisation.slug
    invite = {"username": "sanne", "email": "sanne@example.org", "role": Role.CLIENT_VIEWER, "language": "nl"}
    client.post(f"/o/{slug}/users/", invite)
    link = client.get(f"/o/{slug}/users/").content.decode().split('data-testid="welcome-link" readonly value="')[1]
    _choose(link[link.index("/welcome/") : link.index('"')], "sannes-eigen-lange-wachtwoord")
    chosen = AuditEvent.objects.filter(action__startswith="auth.password_chosen").order_by("created_at", "id")
    assert [(e.action, e.actor.username if e.actor else None) for e in chosen] == [
        ("auth.password_chosen_with_new_link", "bram"),
        ("auth.password_chosen", "sanne"),
    ]


@pytest.mark.parametrize(
    ("language", "new_link", "invitation"),
    [
        ("en", "password chosen with a new sign-in link", "password chosen with the invitation link"),
        ("nl", "wachtwoord gekozen met een nieuwe inloglink", "wachtwoord gekozen met de uitnodigingslink"),
    ],
)
def test_the_audit_log_names_the_two_ways_a_password_was_chosen_apart(
    language: str, new_link: str, invitation: str
) -> None:
    with translation.override(language):
        assert event_label("auth.password_chosen_with_new_link") == new_link
        assert event_label("auth.password_chosen") == invitation


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
