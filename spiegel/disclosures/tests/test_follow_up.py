"""A serious disclosure made in the conversation is recorded for the practice, followed up with the leaver
(each change audited), and never read by a client role."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, TestCase

from spiegel.disclosures.actions import follow_up, store_for_case
from spiegel.disclosures.models import Disclosure, FollowUpStatus, WishRecordedBy
from spiegel.interviews.conversation import post_message
from spiegel.interviews.lifecycle import withdraw_case
from spiegel.interviews.models import Interview, Message, MessageRole
from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Organisation, Role, User
from tests.support.builders import TEST_PASSWORD, BuiltCase, build_case, build_org, build_user

pytestmark = pytest.mark.django_db

OPENING = "Ik ga weg omdat de werkdruk op de afdeling te hoog werd."
DISCLOSED = "Een cliënt is gevallen en de melding is nergens gebleven."
WISH = "Ik wil dat het bij de vertrouwenspersoon terechtkomt, niet bij mijn oude team."


def _say(built: BuiltCase, *answers: str) -> None:
    for answer in answers:
        with TestCase.captureOnCommitCallbacks(execute=True):
            post_message(built.interview, answer)
    built.interview.refresh_from_db()


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


@pytest.fixture
def org() -> Organisation:
    return build_org("Zorggroep Noord")


@pytest.fixture
def disclosed(org: Organisation) -> BuiltCase:
    built = build_case(org)
    _say(built, OPENING, DISCLOSED, WISH)
    return built


def test_a_disclosure_in_the_conversation_is_recorded_with_its_kind_words_and_the_leavers_wish(
    disclosed: BuiltCase,
) -> None:
    (disclosure,) = Disclosure.objects.filter(interview=disclosed.interview)
    assert disclosure.kind == "safety"
    assert disclosure.excerpt == DISCLOSED
    assert disclosure.wish == WISH
    assert disclosure.wish_recorded_by == WishRecordedBy.LEAVER
    assert disclosure.status == FollowUpStatus.OPEN
    leaver = Message.objects.filter(interview=disclosed.interview, role=MessageRole.LEAVER)
    (seq,) = [m.seq for m in leaver if m.text == DISCLOSED]  # the text is encrypted: compared once read
    assert disclosure.source_seq == seq
    store_for_case(disclosed.interview)  # recording again changes nothing
    assert Disclosure.objects.filter(interview=disclosed.interview).count() == 1


def test_the_words_the_wish_and_the_note_are_encrypted_at_rest(disclosed: BuiltCase) -> None:
    disclosure = Disclosure.objects.get(interview=disclosed.interview)
    follow_up(Actor.system("test"), disclosure, status="discussed", note="Gebeld met de vertrekker op dinsdag.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT excerpt, wish, note FROM disclosures_disclosure")
        raw = " ".join(cursor.fetchone())
    for words in ("gevallen", "vertrouwenspersoon", "dinsdag"):
        assert words not in raw


def test_each_follow_up_change_is_audited_without_the_notes_words(org: Organisation, disclosed: BuiltCase) -> None:
    consultant = build_user(org, Role.CONSULTANT)
    disclosure = Disclosure.objects.get(interview=disclosed.interview)
    follow_up(
        Actor.for_user(consultant), disclosure, status="referred", note="Doorverwezen naar de vertrouwenspersoon."
    )
    follow_up(
        Actor.for_user(consultant), disclosure, status="referred", note="Doorverwezen naar de vertrouwenspersoon."
    )
    follow_up(Actor.for_user(consultant), disclosure, status="closed", note="Doorverwezen naar de vertrouwenspersoon.")
    events = sorted(AuditEvent.objects.filter(action="disclosure.followed_up"), key=lambda e: e.detail.get("from"))
    # open -> referred, referred -> closed; the save that changed nothing is no event
    assert [(e.detail.get("from"), e.detail.get("to")) for e in events] == [
        ("open", "referred"),
        ("referred", "closed"),
    ]
    assert events[0].detail == {
        "disclosure": str(disclosure.pk),
        "kind": "safety",
        "from": "open",
        "to": "referred",
        "note": "changed",
    }
    assert all(e.actor_label == f"user:{consultant.username}" for e in events)
    assert all(e.object_id == str(disclosed.interview.pk) for e in events)
    disclosure.refresh_from_db()
    assert (disclosure.status, disclosure.updated_by) == ("closed", consultant)


def test_the_practitioner_records_the_wish_the_conversation_did_not(org: Organisation) -> None:
    built = build_case(org)
    _say(built, OPENING, DISCLOSED)  # the conversation ends here: no answer to "what would you like done?"
    disclosure = Disclosure.objects.get(interview=built.interview)
    assert (disclosure.wish, disclosure.wish_recorded_by) == ("", WishRecordedBy.NOBODY)
    consultant = build_user(org, Role.CONSULTANT)
    response = _client(consultant).post(
        f"/o/{org.slug}/cases/{built.interview.id}/disclosures/",
        {
            "disclosure": str(disclosure.pk),
            f"{disclosure.pk}-status": "discussed",
            f"{disclosure.pk}-wish": "Melden bij de inspectie, met mijn naam erbij.",
            f"{disclosure.pk}-note": "",
        },
    )
    assert response.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.wish == "Melden bij de inspectie, met mijn naam erbij."
    assert disclosure.wish_recorded_by == WishRecordedBy.PRACTITIONER
    assert disclosure.status == "discussed"
    event = AuditEvent.objects.get(action="disclosure.followed_up")
    assert event.detail["wish"] == "recorded"


def test_a_wrong_status_is_refused_with_a_message_and_changes_nothing(org: Organisation, disclosed: BuiltCase) -> None:
    disclosure = Disclosure.objects.get(interview=disclosed.interview)
    client = _client(build_user(org, Role.CONSULTANT))
    url = f"/o/{org.slug}/cases/{disclosed.interview.id}/disclosures/"
    response = client.post(url, {"disclosure": str(disclosure.pk), f"{disclosure.pk}-status": "solved"})
    assert response.status_code == 400
    assert "Choose a follow-up status." in response.content.decode()
    disclosure.refresh_from_db()
    assert disclosure.status == "open"
    assert not AuditEvent.objects.filter(action="disclosure.followed_up").exists()


def test_the_case_page_shows_the_practice_every_disclosure_and_a_client_role_nothing_of_it(
    org: Organisation, disclosed: BuiltCase
) -> None:
    interviewer = build_user(org, Role.INTERVIEWER)
    Interview.objects.filter(pk=disclosed.interview.pk).update(assigned_interviewer=interviewer)
    url = f"/o/{org.slug}/cases/{disclosed.interview.id}/"
    for user in (build_user(org, Role.CONSULTANT), interviewer):
        page = _client(user).get(url).content.decode()
        assert 'data-testid="case-disclosures"' in page
        assert "Patient or client safety" in page
        assert DISCLOSED in page and WISH in page
    client_page = _client(build_user(org, Role.CLIENT_ADMIN)).get(url)
    assert client_page.status_code == 200
    body = client_page.content.decode()
    for secret in ("gevallen", "vertrouwenspersoon", "Patient or client safety", "case-disclosures", "disclosures/"):
        assert secret not in body


def test_the_disclosures_page_is_the_practices_only(org: Organisation, disclosed: BuiltCase) -> None:
    url = f"/o/{org.slug}/cases/{disclosed.interview.id}/disclosures/"
    assert _client(build_user(org, Role.CLIENT_ADMIN)).get(url).status_code == 403
    assert _client(build_user(org, Role.CLIENT_VIEWER)).get(url).status_code == 403
    assert _client(build_user(build_org("Bakkerij Zuid"), Role.CONSULTANT)).get(url).status_code == 404
    # an interviewer to whom the case is not assigned does not learn it exists
    assert _client(build_user(org, Role.INTERVIEWER)).get(url).status_code == 404
    disclosure = Disclosure.objects.get(interview=disclosed.interview)
    refused = _client(build_user(org, Role.CLIENT_ADMIN)).post(
        url, {"disclosure": str(disclosure.pk), f"{disclosure.pk}-status": "closed"}
    )
    assert refused.status_code == 403
    disclosure.refresh_from_db()
    assert disclosure.status == "open"


def test_the_overview_and_the_case_list_show_open_disclosures_until_closed(
    org: Organisation, disclosed: BuiltCase
) -> None:
    consultant = build_user(org, Role.CONSULTANT)
    client = _client(consultant)
    mine = client.get("/me/conversations/").content.decode()
    assert 'data-testid="mine-disclosures"' in mine
    assert "Patient or client safety" in mine
    assert f"/o/{org.slug}/cases/{disclosed.interview.id}/disclosures/" in mine
    listing = client.get(f"/o/{org.slug}/cases/").content.decode()
    assert "1 open disclosure" in listing
    client_listing = _client(build_user(org, Role.CLIENT_ADMIN)).get(f"/o/{org.slug}/cases/").content.decode()
    assert "open disclosure" not in client_listing
    follow_up(Actor.for_user(consultant), Disclosure.objects.get(), status="closed", note="")
    assert "Patient or client safety" not in client.get("/me/conversations/").content.decode()
    assert "open disclosure" not in client.get(f"/o/{org.slug}/cases/").content.decode()


def test_the_dutch_pages_speak_dutch(org: Organisation, disclosed: BuiltCase) -> None:
    client = _client(build_user(org, Role.CONSULTANT))
    client.cookies["django_language"] = "nl"
    page = client.get(f"/o/{org.slug}/cases/{disclosed.interview.id}/disclosures/", HTTP_ACCEPT_LANGUAGE="nl")
    body = page.content.decode()
    for dutch in ("Veiligheid van patiënten of cliënten", "Besproken met de vertrekker", "Opvolging opslaan"):
        assert dutch in body
    assert "Discussed with the leaver" not in body


def test_withdrawing_the_case_removes_the_leavers_words_and_keeps_the_follow_up(
    org: Organisation, disclosed: BuiltCase
) -> None:
    disclosure = Disclosure.objects.get(interview=disclosed.interview)
    follow_up(Actor.system("test"), disclosure, status="referred", note="Doorverwezen.")
    withdraw_case(Actor.leaver(), disclosed.interview)
    disclosure.refresh_from_db()
    assert (disclosure.excerpt, disclosure.wish, disclosure.source_seq) == ("", "", None)
    assert (disclosure.status, disclosure.note, disclosure.kind) == ("referred", "Doorverwezen.", "safety")
