"""A conversation held by a person of the practice, end to end over the pages: planning, the leaver's answer and
consent, notes on the co-pilot, closing into statements, the interviewer's correction, the mirror sent and
completed by the leaver. And the rights, and every bad input."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from spiegel.copilot.actions import ProfileInput, save_profile
from spiegel.copilot.models import HumanConversation, LeaverAnswer, Note
from spiegel.interviews.lifecycle import withdraw_case
from spiegel.interviews.models import Interview, Mode, Status
from spiegel.mirror.actions import ClosingAnswers, submit_review, withdraw_record
from spiegel.mirror.models import Statement
from spiegel.privacy.actors import Actor
from spiegel.privacy.jobs.keys import rotate_keys
from spiegel.privacy.jobs.retention import purge
from spiegel.tenancy.models import Organisation, Role, User
from tests.support.builders import TEST_PASSWORD, BuiltCase, build_case, build_closed_case, build_org, build_user

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


class World:
    def __init__(self) -> None:
        self.org: Organisation = build_org("Zorggroep Noord")
        self.interviewer = build_user(self.org, Role.INTERVIEWER)
        self.consultant = build_user(self.org, Role.CONSULTANT)
        self.built: BuiltCase = build_case(self.org, mode=Mode.INTERVIEWER, assigned_interviewer=self.interviewer)
        self.case: Interview = self.built.interview
        self.token = self.built.token
        self.base = f"/o/{self.org.slug}/cases/{self.case.id}"

    def plan(self, client: Client, **extra: str) -> Any:
        moment = (timezone.localtime() + dt.timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
        data = {
            "action": "plan",
            "planned_for": moment.strftime("%Y-%m-%dT%H:%M"),
            "channel": "phone",
            "channel_detail": "06-11112222",
            "duration_minutes": "45",
            **extra,
        }
        return client.post(f"{self.base}/conversation/", data)

    def note(self, client: Client, client_id: str, text: str, topic: str = "", kind: str = "note") -> Any:
        body = {"client_id": client_id, "text": text, "topic": topic, "kind": kind}
        return client.post(f"{self.base}/copilot/notes/", json.dumps(body), content_type="application/json")


@pytest.fixture
def world() -> World:
    return World()


def _consented(world: World) -> Client:
    interviewer = _client(world.interviewer)
    assert world.plan(interviewer).status_code == 302
    leaver = Client()
    assert leaver.post(f"/i/{world.token}/", {"answer": "confirm", "consent": "yes"}).status_code == 302
    return interviewer


def test_the_leaver_sees_who_holds_the_conversation_the_moment_and_confirms_with_consent(world: World) -> None:

    save_profile(world.interviewer, ProfileInput("Anna de Wit", "De Wit Exitgesprekken", "Ik luister onafhankelijk."))
    interviewer = _client(world.interviewer)
    before = Client().get(f"/i/{world.token}/").content.decode()
    assert "Anna de Wit" in before and "De Wit Exitgesprekken" in before and 'data-testid="no-plan"' in before
    assert world.plan(interviewer).status_code == 302
    page = Client().get(f"/i/{world.token}/").content.decode()
    assert 'data-testid="moment"' in page and "06-11112222" in page and 'value="confirm"' in page
    # no consent ticked: refused, nothing changes
    refused = Client().post(f"/i/{world.token}/", {"answer": "confirm"})
    assert refused.status_code == 422
    world.case.refresh_from_db()
    assert world.case.status == Status.INVITED
    assert Client().post(f"/i/{world.token}/", {"answer": "confirm", "consent": "yes"}).status_code == 302
    world.case.refresh_from_db()
    human = HumanConversation.objects.get(interview=world.case)
    assert (world.case.status, human.leaver_answer) == (Status.IN_PROGRESS, LeaverAnswer.CONFIRMED)
    assert 'data-testid="confirmed"' in Client().get(f"/i/{world.token}/").content.decode()


# The smallest valid PNG: one transparent pixel.
ONE_PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_the_interviewers_photo_shows_on_the_leavers_page_behind_their_link(world: World) -> None:

    photo = SimpleUploadedFile("me.png", ONE_PIXEL_PNG, content_type="image/png")
    save_profile(world.interviewer, ProfileInput("Anna de Wit", "De Wit Exitgesprekken"), photo)
    page = Client().get(f"/i/{world.token}/").content.decode()
    assert f'src="/i/{world.token}/interviewer.jpg"' in page and 'alt="Foto van Anna de Wit"' in page
    served = Client().get(f"/i/{world.token}/interviewer.jpg")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == ONE_PIXEL_PNG  # type: ignore[attr-defined]
    assert Client().get("/i/not-a-real-token-at-all-1234567/interviewer.jpg").status_code == 404
    # not an image: refused, the photo stays
    with pytest.raises(ValidationError) as refused:
        save_profile(world.interviewer, ProfileInput("Anna de Wit"), SimpleUploadedFile("me.png", b"GIF89a..."))
    assert "photo" in refused.value.message_dict
    save_profile(world.interviewer, ProfileInput("Anna de Wit"), remove_photo=True)
    assert 'class="holder-photo"' not in Client().get(f"/i/{world.token}/").content.decode()
    assert Client().get(f"/i/{world.token}/interviewer.jpg").status_code == 404


def test_the_leaver_can_ask_for_another_moment_and_a_new_proposal_asks_again(world: World) -> None:
    interviewer = _client(world.interviewer)
    world.plan(interviewer)
    empty = Client().post(f"/i/{world.token}/", {"answer": "other", "message": "  "})
    assert empty.status_code == 422
    assert (
        Client().post(f"/i/{world.token}/", {"answer": "other", "message": "Liever dinsdagochtend"}).status_code == 302
    )
    human = HumanConversation.objects.get(interview=world.case)
    assert (human.leaver_answer, human.leaver_message) == (LeaverAnswer.OTHER_MOMENT, "Liever dinsdagochtend")
    plan_page = interviewer.get(f"{world.base}/conversation/").content.decode()
    assert "Liever dinsdagochtend" in plan_page
    world.plan(interviewer, channel="video", channel_detail="https://meet.example.org/abc")
    human.refresh_from_db()
    assert (human.leaver_answer, human.channel) == (LeaverAnswer.NONE, "video")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"planned_for": ""}, "planned_for"),
        ({"planned_for": "2001-01-01T10:00"}, "planned_for"),
        ({"channel": "pigeon"}, "channel"),
        ({"channel": "video", "channel_detail": "meet.example.org"}, "channel_detail"),
        ({"duration_minutes": "2"}, "duration_minutes"),
    ],
)
def test_a_bad_plan_is_refused_and_changes_nothing(world: World, extra: dict[str, str], field: str) -> None:
    response = world.plan(_client(world.interviewer), **extra)
    assert response.status_code == 422
    assert field in response.context["errors"]
    assert HumanConversation.objects.get(interview=world.case).planned_for is None


def test_the_whole_conversation_from_notes_to_a_completed_mirror(world: World) -> None:
    interviewer = _consented(world)
    page = interviewer.get(f"{world.base}/copilot/")
    assert page.status_code == 200
    assert world.note(interviewer, "a1", "Kreeg een mooie kans bij een ander ziekenhuis.").status_code == 200
    assert world.note(interviewer, "a2", "Leidinggevende Kees gaf nooit feedback.", "manager").status_code == 200
    assert world.note(interviewer, "a3", "", "pay", "refusal").status_code == 200
    answer = world.note(interviewer, "a4", "Een collega maakte steeds seksueel getinte opmerkingen.", "culture")
    suggestions = answer.json()["suggestions"]
    assert suggestions["current_warning"]["kind"] == "disclosure"
    world.case.refresh_from_db()
    assert world.case.flagged is True
    # the same note again (a retry) changes nothing
    world.note(interviewer, "a2", "Leidinggevende Kees gaf nooit feedback.", "manager")
    assert Note.objects.filter(interview=world.case).count() == 4
    # the mirror link before it is sent opens the leaver's page, not the mirror
    early = Client().get(f"/i/{world.token}/mirror/", follow=True)
    assert early.redirect_chain[-1][0] == f"/i/{world.token}/"
    assert 'data-testid="held"' in early.content.decode()
    closed = interviewer.post(f"{world.base}/copilot/close/")
    assert closed["Location"] == f"{world.base}/statements/"
    statements = list(Statement.objects.filter(interview=world.case).order_by("seq"))
    assert statements and all("Kees" not in s.text for s in statements)
    assert {s.topic for s in statements} >= {"manager"}
    # closing twice is refused and changes nothing
    again = interviewer.post(f"{world.base}/copilot/close/", follow=True)
    assert "closed" in again.content.decode()
    assert Statement.objects.filter(interview=world.case).count() == len(statements)
    first = statements[0]
    edited = interviewer.post(f"{world.base}/statements/", {"action": "save", f"text-{first.id}": "Ik kreeg een kans."})
    assert edited.status_code == 302
    first.refresh_from_db()
    assert (first.text, first.edited) == ("Ik kreeg een kans.", True)
    assert world.note(interviewer, "a5", "Nog iets").status_code == 409
    unread = interviewer.post(f"{world.base}/statements/", {"action": "send"})
    assert unread.status_code == 422 and "read" in unread.context["errors"]
    world.case.refresh_from_db()
    assert world.case.status == Status.IN_PROGRESS
    sent = interviewer.post(f"{world.base}/statements/", {"action": "send", "read": "1"})
    assert sent.status_code == 302
    world.case.refresh_from_db()
    assert world.case.status == Status.REVIEW
    mirror = Client().get(f"/i/{world.token}/mirror/")
    assert mirror.status_code == 200 and "Ik kreeg een kans." in mirror.content.decode()
    # after sending, the interviewer no longer changes anything
    late = interviewer.post(f"{world.base}/statements/", {"action": "save", f"text-{first.id}": "Anders."})
    assert late.status_code == 422
    first.refresh_from_db()
    assert first.text == "Ik kreeg een kans."


def test_closing_without_notes_is_refused(world: World) -> None:
    interviewer = _consented(world)
    assert world.note(interviewer, "e1", "   ").json()["saved"] == {"client_id": "e1", "seq": None, "stored": False}
    response = interviewer.post(f"{world.base}/copilot/close/", follow=True)
    assert "There are no notes" in response.content.decode()
    assert HumanConversation.objects.get(interview=world.case).notes_closed_at is None


def test_notes_before_the_leaver_agreed_are_refused(world: World) -> None:
    interviewer = _client(world.interviewer)
    response = world.note(interviewer, "b1", "Iets")
    assert response.status_code == 409
    assert Note.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"client_id": "", "text": "x"}, "client_id"),
        ({"client_id": "a b", "text": "x"}, "client_id"),
        ({"client_id": "c1", "text": "x", "kind": "shout"}, "kind"),
        ({"client_id": "c1", "text": "x", "topic": "weather"}, "topic"),
        ({"client_id": "c1", "text": "x" * 4001}, "text"),
    ],
)
def test_a_bad_note_is_refused_and_changes_nothing(world: World, body: dict[str, str], field: str) -> None:
    interviewer = _consented(world)
    response = interviewer.post(f"{world.base}/copilot/notes/", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert Note.objects.count() == 0


def test_a_note_that_is_not_json_is_refused(world: World) -> None:
    interviewer = _consented(world)
    response = interviewer.post(f"{world.base}/copilot/notes/", "not json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("interviewer", 200),
        ("consultant", 200),
        ("client_admin", 403),
        ("client_viewer", 403),
        ("other_interviewer", 404),
        ("other_org_consultant", 404),
    ],
)
def test_only_the_assigned_interviewer_and_consultants_open_the_copilot_and_notes(
    world: World, who: str, expected: int
) -> None:
    _consented(world)
    other = build_org("Bakkerij Zuid")
    users = {
        "interviewer": world.interviewer,
        "consultant": world.consultant,
        "client_admin": build_user(world.org, Role.CLIENT_ADMIN),
        "client_viewer": build_user(world.org, Role.CLIENT_VIEWER),
        "other_interviewer": build_user(world.org, Role.INTERVIEWER),
        "other_org_consultant": build_user(other, Role.CONSULTANT),
    }
    client = _client(users[who])
    pages = [
        client.get(f"{world.base}/copilot/").status_code,
        client.get(f"{world.base}/copilot/notes/").status_code,
        world.note(client, "r1", "Iets").status_code,
        client.get(f"{world.base}/conversation/").status_code,
        client.get(f"{world.base}/statements/", follow=True).status_code,
    ]
    assert pages == [expected] * 5
    assert Note.objects.filter(interview=world.case).count() == (1 if expected == 200 else 0)


def test_a_case_held_by_spiegel_has_no_copilot(world: World) -> None:
    own = build_case(world.org)
    client = _client(world.consultant)
    assert client.get(f"/o/{world.org.slug}/cases/{own.interview.id}/copilot/").status_code == 404


def test_the_interviewers_page_lists_their_conversations_by_what_they_wait_for(world: World) -> None:
    interviewer = _consented(world)
    page = interviewer.get("/me/conversations/")
    assert page.status_code == 200
    sections = {s["key"]: [r["case"].id for r in s["rows"]] for s in page.context["sections"]}
    assert sections["upcoming"] == [world.case.id]
    world.note(interviewer, "m1", "Kreeg een mooie kans.")
    sections = {
        s["key"]: [r["case"].id for r in s["rows"]] for s in interviewer.get("/me/conversations/").context["sections"]
    }
    assert (sections["upcoming"], sections["notes"]) == ([], [world.case.id])
    world.note(interviewer, "m2", "Een collega maakte steeds seksueel getinte opmerkingen.", "culture")
    interviewer.post(f"{world.base}/copilot/close/")
    sections = {
        s["key"]: [r["case"].id for r in s["rows"]] for s in interviewer.get("/me/conversations/").context["sections"]
    }
    assert (sections["notes"], sections["statements"], sections["flagged"]) == ([], [world.case.id], [world.case.id])
    interviewer.post(f"{world.base}/statements/", {"action": "send", "read": "1"})
    sections = {
        s["key"]: [r["case"].id for r in s["rows"]] for s in interviewer.get("/me/conversations/").context["sections"]
    }
    assert (sections["statements"], sections["mirror"], sections["flagged"]) == ([], [world.case.id], [world.case.id])
    # a consultant of the organisation sees the case too; another interviewer does not
    assert _client(world.consultant).get("/me/conversations/").context["sections"][4]["rows"][0]["case"] == world.case
    other = _client(build_user(world.org, Role.INTERVIEWER))
    assert all(s["rows"] == [] for s in other.get("/me/conversations/").context["sections"])
    client_admin = _client(build_user(world.org, Role.CLIENT_ADMIN))
    assert client_admin.get("/me/conversations/").status_code == 404


def test_the_leaver_says_whether_the_account_is_right_among_the_closing_questions(world: World) -> None:
    interviewer = _consented(world)
    world.note(interviewer, "c1", "Kreeg een mooie kans bij een ander ziekenhuis, want de werkdruk was te hoog.")
    interviewer.post(f"{world.base}/copilot/close/")
    interviewer.post(f"{world.base}/statements/", {"action": "send", "read": "1"})
    leaver = Client()
    page = leaver.get(f"/i/{world.token}/mirror/closing/").content.decode()
    assert 'data-testid="account-question"' in page
    missing = leaver.post(f"/i/{world.token}/mirror/closing/", {"felt_heard": "4", "recommend_score": "7"})
    assert missing.status_code == 422
    world.case.refresh_from_db()
    assert world.case.status == Status.REVIEW
    done = leaver.post(
        f"/i/{world.token}/mirror/closing/", {"felt_heard": "4", "recommend_score": "7", "account_right": "partly"}
    )
    assert done.status_code == 200
    world.case.refresh_from_db()
    human = HumanConversation.objects.get(interview=world.case)
    assert (world.case.status, human.account_right) == (Status.COMPLETED, "partly")


def test_a_case_held_by_spiegel_has_no_account_question() -> None:

    built = build_closed_case(build_org())
    page = Client().get(f"/i/{built.token}/mirror/closing/").content.decode()
    assert 'data-testid="account-question"' not in page


def _noted(world: World) -> Client:
    interviewer = _consented(world)
    world.note(interviewer, "k1", "Leidinggevende Kees gaf nooit feedback.", "manager")
    world.note(interviewer, "k2", "Altijd overwerk.", "workload")
    return interviewer


def test_the_leaver_withdrawing_deletes_the_notes_and_what_was_planned(world: World) -> None:

    _noted(world)
    withdraw_record(world.case)
    human = HumanConversation.objects.get(interview=world.case)
    assert Note.objects.filter(interview=world.case).count() == 0
    assert (human.copilot_state, human.channel_detail, human.leaver_message) == (None, "", "")


def test_retention_deletes_the_notes_with_the_transcript(world: World) -> None:

    interviewer = _noted(world)
    interviewer.post(f"{world.base}/copilot/close/")
    interviewer.post(f"{world.base}/statements/", {"action": "send", "read": "1"})
    submit_review(world.case, [], ClosingAnswers(felt_heard=4, recommend_score=7))
    assert purge().case_ids == []  # not yet due
    assert Note.objects.filter(interview=world.case).count() == 2
    report = purge(timezone.now() + dt.timedelta(days=world.org.transcript_retention_days + 1))
    assert str(world.case.id) in report.case_ids
    assert Note.objects.filter(interview=world.case).count() == 0


def test_the_organisation_withdrawing_the_case_deletes_the_notes_at_once(world: World) -> None:

    _noted(world)
    withdraw_case(Actor.system("test"), world.case)
    assert Note.objects.filter(interview=world.case).count() == 0


def test_notes_are_encrypted_at_rest_and_follow_a_key_rotation(world: World, settings: Any) -> None:

    _noted(world)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM copilot_note")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all("Kees" not in value and "overwerk" not in value for value in stored)
    new = Fernet.generate_key().decode()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new, *settings.SPIEGEL_ENCRYPTION_KEYS]
    counts = rotate_keys()
    assert counts["copilot.Note"] == 2
    settings.SPIEGEL_ENCRYPTION_KEYS = [new]
    texts = sorted(Note.objects.filter(interview=world.case).values_list("text", flat=True))
    assert texts == ["Altijd overwerk.", "Leidinggevende Kees gaf nooit feedback."]
