"""The people of an organisation and its interview guide (issue 15): consultants invite someone (an account and
a one-time link to choose a password, e-mailed to the outbox), change a role, deactivate after a confirmation
(never themselves) and reactivate; they leave guide topics out and add questions that the interviewer's rules
check as `spiegel guide set` does. Every change is in the audit log; other roles change nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from spiegel.interviews.models import GuideCustomisation
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Membership, Organisation, Role, User
from tests.support.builders import TEST_PASSWORD, build_org, build_user, signed_in

pytestmark = pytest.mark.django_db

INVITE = {"username": "sanne", "email": "sanne@example.org", "role": Role.CLIENT_VIEWER, "language": "nl"}


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "spiegel.privacy.outbox.OutboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    return tmp_path / "outbox"


def _consultant(org: Organisation) -> tuple[User, Client]:
    user = build_user(org, Role.CONSULTANT, username="eva")
    return user, signed_in(user)


def test_the_list_shows_each_persons_role_in_words_and_marks_you() -> None:
    org = build_org("Zorggroep Noord")
    _eva, client = _consultant(org)
    build_user(org, Role.CLIENT_ADMIN, username="bram")
    build_user(build_org(), Role.CLIENT_ADMIN, username="elders")
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('data-testid="person"') == 2
    assert "Client administrator" in page and "Consultant" in page
    assert ">client_admin<" not in page and "elders" not in page
    assert "(you)" in page
    dutch = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Mensen van Zorggroep Noord" in dutch


def test_inviting_creates_the_account_mails_a_one_time_link_and_shows_it_once(outbox: Path) -> None:
    org = build_org("Zorggroep Noord")
    _eva, client = _consultant(org)
    response = client.post(f"/o/{org.slug}/users/", INVITE)
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.slug}/users/"
    sanne = User.objects.get(username="sanne")
    assert Membership.objects.get(user=sanne, organisation=org).role == Role.CLIENT_VIEWER
    assert sanne.email == "sanne@example.org"
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The link to choose a password was sent to sanne@example.org." in page
    link = page.split('data-testid="welcome-link" readonly value="')[1].split('"')[0]
    assert "/welcome/" in link
    mail = next(outbox.iterdir()).read_text()
    assert link in mail and "sanne" in mail
    assert 'data-testid="welcome-link"' not in client.get(f"/o/{org.slug}/users/").content.decode()
    actions = list(AuditEvent.objects.filter(object_id=str(sanne.public_id)).values_list("action", flat=True))
    assert sorted(actions) == ["membership.granted", "user.created"]


def test_the_link_lets_the_person_choose_a_password_once_and_sign_in(outbox: Path) -> None:
    org = build_org()
    _eva, client = _consultant(org)
    client.post(f"/o/{org.slug}/users/", INVITE)
    page = client.get(f"/o/{org.slug}/users/").content.decode()
    link = page.split('data-testid="welcome-link" readonly value="')[1].split('"')[0]
    path = link.removeprefix("http://testserver")
    path = path[path.index("/welcome/") :]
    newcomer = Client()
    form_page = newcomer.get(path, follow=True)
    assert "new_password1" in form_page.content.decode()
    chosen = "een-lang-en-eigen-wachtwoord"
    done = newcomer.post(
        form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen}, follow=False
    )
    assert done.status_code == 302 and done["Location"] == "/login/"
    assert Client().login(username="sanne", password=chosen)
    assert AuditEvent.objects.filter(action="auth.password_chosen", actor__username="sanne").count() == 1
    again = Client().get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This link does not work (any more)" in again


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": ""}, "Give an e-mail address: the invitation is sent there."),
        ({"email": "not-an-address"}, "This is not a valid e-mail address."),
        ({"username": "eva"}, "A user named eva already exists."),
        ({"role": "superuser"}, "Select a valid choice."),
    ],
)
def test_a_refused_invitation_says_why_and_creates_nothing(change: dict[str, str], message: str) -> None:
    org = build_org()
    _eva, client = _consultant(org)
    response = client.post(f"/o/{org.slug}/users/", {**INVITE, **change}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.count() == 1
    assert not AuditEvent.objects.filter(action="user.created", actor__username="eva").exists()


def test_the_practice_offers_no_client_roles() -> None:
    practice = build_org("De Praktijk", kind="practice")
    _eva, client = _consultant(practice)
    response = client.post(f"/o/{practice.slug}/users/", {**INVITE, "role": Role.CLIENT_ADMIN})
    assert response.status_code == 400
    assert not User.objects.filter(username="sanne").exists()


def test_changing_a_role_saves_it_audits_it_and_refuses_your_own() -> None:
    org = build_org()
    eva, client = _consultant(org)
    bram = build_user(org, Role.CLIENT_VIEWER, username="bram")
    response = client.post(f"/o/{org.slug}/users/{bram.public_id}/role/", {"role": Role.CLIENT_ADMIN})
    assert response.status_code == 302
    assert Membership.objects.get(user=bram, organisation=org).role == Role.CLIENT_ADMIN
    granted = AuditEvent.objects.filter(action="membership.granted", actor=eva, object_id=str(bram.public_id))
    assert [e.detail for e in granted] == [{"role": "client_admin"}]
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "bram is now client administrator." in page
    client.post(f"/o/{org.slug}/users/{eva.public_id}/role/", {"role": Role.CLIENT_VIEWER})
    assert Membership.objects.get(user=eva, organisation=org).role == Role.CONSULTANT
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You cannot change your own role; ask another consultant." in page


def test_deactivating_asks_first_then_the_person_cannot_sign_in_and_reactivating_undoes_it() -> None:
    org = build_org()
    eva, client = _consultant(org)
    bram = build_user(org, Role.CLIENT_ADMIN, username="bram")
    bram_client = signed_in(bram)
    confirm = client.get(f"/o/{org.slug}/users/{bram.public_id}/deactivate/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Deactivate bram (Client administrator)?" in confirm.content.decode()
    bram.refresh_from_db()
    assert bram.is_active
    assert client.post(f"/o/{org.slug}/users/{bram.public_id}/deactivate/").status_code == 302
    bram.refresh_from_db()
    assert not bram.is_active
    assert not Client().login(username="bram", password=TEST_PASSWORD)
    assert bram_client.get(f"/o/{org.slug}/cases/").status_code == 302  # the open session has ended
    assert User.objects.filter(username="bram").exists()
    event = AuditEvent.objects.get(action="user.deactivated")
    assert (event.actor, event.organisation, event.object_id) == (eva, org, str(bram.public_id))
    assert client.post(f"/o/{org.slug}/users/{bram.public_id}/reactivate/").status_code == 302
    assert Client().login(username="bram", password=TEST_PASSWORD)
    assert AuditEvent.objects.filter(action="user.reactivated", actor=eva).count() == 1


def test_you_cannot_deactivate_yourself_nor_someone_who_also_works_elsewhere() -> None:
    org = build_org()
    eva, client = _consultant(org)
    elsewhere = build_org()
    shared = build_user(org, Role.INTERVIEWER, username="ines")
    build_user(elsewhere, Role.CONSULTANT, username="other")
    Membership.objects.create(user=shared, organisation=elsewhere, role=Role.INTERVIEWER)
    for person in (eva, shared):
        response = client.post(f"/o/{org.slug}/users/{person.public_id}/deactivate/", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.is_active
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You cannot deactivate your own account." in page
    assert "ines also works for an organisation you do not serve as consultant" in page
    assert not AuditEvent.objects.filter(action="user.deactivated").exists()


@pytest.mark.parametrize("role", [Role.INTERVIEWER, Role.CLIENT_ADMIN, Role.CLIENT_VIEWER])
def test_other_roles_manage_no_people_and_no_guide(role: str) -> None:
    org = build_org()
    target = build_user(org, Role.CLIENT_VIEWER, username="bram")
    client = signed_in(build_user(org, role))
    assert client.post(f"/o/{org.slug}/users/", INVITE).status_code == 403
    assert client.post(f"/o/{org.slug}/users/{target.public_id}/role/", {"role": "consultant"}).status_code == 403
    assert client.post(f"/o/{org.slug}/users/{target.public_id}/deactivate/").status_code == 403
    assert client.post(f"/o/{org.slug}/guide/", {"leave_out": ["pay"]}).status_code == 403
    target.refresh_from_db()
    assert target.is_active and Membership.objects.get(user=target).role == Role.CLIENT_VIEWER
    assert not User.objects.filter(username="sanne").exists()
    assert not GuideCustomisation.objects.exists()


def test_a_person_of_another_organisation_is_not_found() -> None:
    org = build_org()
    _eva, client = _consultant(org)
    stranger = build_user(build_org(), Role.CLIENT_ADMIN)
    assert client.post(f"/o/{org.slug}/users/{stranger.public_id}/deactivate/").status_code == 404
    assert client.post(f"/o/{org.slug}/users/not-an-id/role/", {"role": "consultant"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_the_guide_saves_left_out_topics_and_own_questions_and_audits_it() -> None:
    org = build_org()
    eva, client = _consultant(org)
    response = client.post(
        f"/o/{org.slug}/guide/?lang=nl",
        {"leave_out": ["pay"], "questions_manager": "Hoe verliep het contact met HR?\n\n"},
    )
    assert response.status_code == 302 and response["Location"] == f"/o/{org.slug}/guide/?lang=nl"
    custom = GuideCustomisation.objects.get(organisation=org, language="nl")
    assert custom.remove_topics == ["pay"]
    assert custom.extra_questions == {"manager": ["Hoe verliep het contact met HR?"]}
    event = AuditEvent.objects.get(action="guide.customised")
    assert (event.actor, event.object_id, event.detail) == (eva, "nl", {"removed": ["pay"], "questions": 1})
    page = client.get(f"/o/{org.slug}/guide/?lang=nl").content.decode()
    assert 'id="leave-pay" name="leave_out" value="pay" checked' in page
    assert "Hoe verliep het contact met HR?</textarea>" in page
    assert not GuideCustomisation.objects.filter(language="en").exists()


@pytest.mark.parametrize(
    ("question", "lang", "reason"),
    [
        ("Was het je leidinggevende?", "en", "it is a closed question (answerable with yes or no)"),
        ("Hoe ging het? En wat vond je van het salaris?", "en", "it asks more than one question"),
        ("Was het je leidinggevende?", "nl", "het is een gesloten vraag (te beantwoorden met ja of nee)"),
    ],
)
def test_a_question_against_the_rules_is_refused_beside_its_topic_with_the_reason(
    question: str, lang: str, reason: str
) -> None:
    org = build_org()
    _eva, client = _consultant(org)
    response = client.post(
        f"/o/{org.slug}/guide/?lang=nl",
        {"leave_out": ["pay"], "questions_manager": question},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 400
    page = response.content.decode()
    manager = page.split('data-topic="manager"')[1].split("</fieldset>")[0]
    assert reason in manager
    assert f"{question}</textarea>" in manager
    assert 'value="pay" checked' in page
    assert not GuideCustomisation.objects.exists()
    assert not AuditEvent.objects.filter(action="guide.customised").exists()


def test_the_page_and_the_command_refuse_the_same_question_for_the_same_reason() -> None:
    org = build_org()
    _eva, client = _consultant(org)
    question = "Was het je leidinggevende?"
    page = client.post(f"/o/{org.slug}/guide/", {"questions_manager": question}, HTTP_ACCEPT_LANGUAGE="en")
    with pytest.raises(Exception, match="breaks the interviewer's rules") as refused:
        call_command("guide", "set", "--org", org.slug, "--question", f"manager={question}")
    assert str(refused.value).removeprefix("questions: ") in page.content.decode().replace("&#x27;", "'").replace(
        "&quot;", '"'
    )


def test_leaving_out_every_topic_is_refused_with_the_reason() -> None:
    org = build_org()
    _eva, client = _consultant(org)
    page = client.get(f"/o/{org.slug}/guide/?lang=en").content.decode()
    topics = [part.split('"')[0] for part in page.split('name="leave_out" value="')[1:]]
    response = client.post(f"/o/{org.slug}/guide/?lang=en", {"leave_out": topics}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "At least one topic must remain." in response.content.decode()
    assert not GuideCustomisation.objects.exists()


def test_the_user_command_switches_an_account_off_and_on_through_the_same_audited_action() -> None:
    bram = build_user(build_org(), Role.CLIENT_ADMIN, username="bram")
    call_command("user", "deactivate", "--username", "bram")
    bram.refresh_from_db()
    assert not bram.is_active
    call_command("user", "reactivate", "--username", "bram")
    bram.refresh_from_db()
    assert bram.is_active
    events = AuditEvent.objects.filter(object_id=str(bram.public_id), action__startswith="user.")
    assert [(e.action, e.actor_label) for e in events.order_by("created_at")] == [
        ("user.created", "test"),
        ("user.deactivated", "cli"),
        ("user.reactivated", "cli"),
    ]


def test_someone_who_has_not_signed_in_yet_gets_a_new_link_and_someone_deactivated_does_not(outbox: Path) -> None:
    org = build_org()
    _eva, client = _consultant(org)
    client.post(f"/o/{org.slug}/users/", INVITE)
    client.get(f"/o/{org.slug}/users/")  # the first link, shown once
    sanne = User.objects.get(username="sanne")
    assert client.post(f"/o/{org.slug}/users/{sanne.public_id}/link/").status_code == 302
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A new link for sanne." in page
    link = page.split('data-testid="welcome-link" readonly value="')[1].split('"')[0]
    assert len(list(outbox.iterdir())) == 2
    assert any(link in mail.read_text() for mail in outbox.iterdir())
    bram = build_user(org, Role.CLIENT_ADMIN, username="bram")
    client.post(f"/o/{org.slug}/users/{bram.public_id}/deactivate/")
    client.post(f"/o/{org.slug}/users/{bram.public_id}/link/")
    page = client.get(f"/o/{org.slug}/users/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "bram is deactivated: no new link is made." in page
    assert 'data-testid="welcome-link"' not in page
    assert len(list(outbox.iterdir())) == 2


def test_the_disclosure_contacts_are_saved_on_the_branding_page_and_audited() -> None:
    org = build_org()
    eva, client = _consultant(org)
    page = client.get(f"/o/{org.slug}/settings/").content.decode()
    assert f'href="/o/{org.slug}/branding/"' in page
    response = client.post(
        f"/o/{org.slug}/branding/",
        {
            "part": "disclosure",
            "disclosure_contact": " Vertrouwenspersoon Ria, 06-1234 ",
            "reporting_procedure": "",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.disclosure_contact, org.reporting_procedure) == ("Vertrouwenspersoon Ria, 06-1234", "")
    event = AuditEvent.objects.get(action="organisation.updated", organisation=org)
    assert (event.actor, event.detail) == (eva, {"changed": ["disclosure_contact"]})
