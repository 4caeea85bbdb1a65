"""Every write of a human-led conversation: the interviewer's profile, assigning the case, planning the
moment, the leaver's answer to the plan, the notes typed during the conversation, closing the notes into
statements, the interviewer's corrections of them, and sending the leaver the mirror."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spiegel.copilot.models import (
    AccountVerdict,
    Channel,
    HumanConversation,
    InterviewerProfile,
    LeaverAnswer,
    Note,
    NoteKind,
)
from spiegel.copilot.tasks import tell_leaver_mirror_ready, tell_leaver_moment_proposed
from spiegel.interviews.lifecycle import give_consent, hand_over_mirror
from spiegel.interviews.models import Interview, Mode, Status
from spiegel.mirror.actions import apply_decisions, store_statements
from spiegel.mirror.models import Statement
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_case_event
from spiegel.tenancy.models import Membership, Role, User

MAX_NOTE_CHARS = 4000
MAX_NOTES = 500
MAX_MESSAGE_CHARS = 1000
MAX_DETAIL_CHARS = 500
MAX_PHOTO_BYTES = 2 * 1024 * 1024
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
HOLDING_ROLES = (Role.CONSULTANT, Role.INTERVIEWER)


# ------------------------------------------------------------------------------------------ profile


@dataclass(frozen=True)
class ProfileInput:
    display_name: str
    practice: str = ""
    introduction: str = ""


@transaction.atomic
def save_profile(
    user: User, data: ProfileInput, photo: UploadedFile[Any] | None = None, *, remove_photo: bool = False
) -> InterviewerProfile:
    """Save how this interviewer introduces themself to leavers. A photo is PNG or JPEG, at most 2 MB."""
    errors: dict[str, str] = {}
    name = data.display_name.strip()
    if not name:
        errors["display_name"] = _("Give the name the leaver will see.")
    elif len(name) > 120:
        errors["display_name"] = _("The name may be at most 120 characters.")
    if len(data.practice.strip()) > 120:
        errors["practice"] = _("The practice may be at most 120 characters.")
    if len(data.introduction.strip()) > 600:
        errors["introduction"] = _("The introduction may be at most 600 characters.")
    if photo is not None:
        problem = _photo_problem(photo)
        if problem:
            errors["photo"] = problem
    if errors:
        raise ValidationError(errors)
    profile, _created = InterviewerProfile.objects.get_or_create(user=user, defaults={"display_name": name})
    profile.display_name = name
    profile.practice = data.practice.strip()
    profile.introduction = data.introduction.strip()
    if remove_photo and profile.photo:
        profile.photo.delete(save=False)
        profile.photo = None
    if photo is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.photo.save(f"{user.public_id}.{_photo_kind(photo)}", photo, save=False)
    profile.save()
    return profile


def _photo_kind(photo: UploadedFile[Any]) -> str:
    photo.seek(0)
    head = photo.read(8)
    photo.seek(0)
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8"):
        return "jpg"
    return ""


def _photo_problem(photo: UploadedFile[Any]) -> str:
    if (photo.size or 0) > MAX_PHOTO_BYTES:
        return _("The photo may be at most 2 MB.")
    if not _photo_kind(photo):
        return _("The photo must be a PNG or JPEG image.")
    return ""


# ------------------------------------------------------------------------------------------ planning


def human_of(interview: Interview) -> HumanConversation:
    """The planning record of a human-led case, made on first use."""
    human, _created = HumanConversation.objects.get_or_create(interview=interview)
    return human


def _require_human_led(interview: Interview) -> None:
    if interview.mode != Mode.INTERVIEWER:
        raise ValidationError(_("This case is held by Spiegel's interviewer, not by a person."))


def may_hold(user: User, interview: Interview) -> bool:
    """Whether ``user`` can be this case's interviewer: a consultant or interviewer of its organisation."""
    return Membership.objects.filter(
        user=user, organisation_id=interview.organisation_id, role__in=HOLDING_ROLES
    ).exists()


@transaction.atomic
def assign_interviewer(actor: Actor, interview: Interview, user: User) -> Interview:
    """Give a human-led case to a consultant or interviewer of its organisation."""
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_human_led(locked)
    if locked.status not in (Status.INVITED, Status.IN_PROGRESS):
        raise ValidationError(_("Only an open case can be given to another interviewer."))
    if not may_hold(user, locked):
        raise ValidationError({"interviewer": _("Choose a consultant or interviewer of this organisation.")})
    if locked.assigned_interviewer_id != user.pk:
        locked.assigned_interviewer = user
        locked.save(update_fields=["assigned_interviewer", "updated_at"])
        log_case_event(actor, "case.assigned", locked, {"interviewer": str(user.public_id)})
    return locked


@dataclass(frozen=True)
class PlanInput:
    planned_for: dt.datetime | None
    channel: str
    channel_detail: str = ""
    duration_minutes: int = 45


@transaction.atomic
def plan_conversation(actor: Actor, interview: Interview, data: PlanInput) -> HumanConversation:
    """Propose the moment and the channel to the leaver. A new proposal asks the leaver to answer again."""
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_human_led(locked)
    human = human_of(locked)
    if locked.status not in (Status.INVITED, Status.IN_PROGRESS) or human.notes_closed_at:
        raise ValidationError(_("The conversation has been held; it can no longer be planned."))
    errors: dict[str, str] = {}
    now = timezone.now()
    moment = data.planned_for
    if moment is None:
        errors["planned_for"] = _("Choose the date and time of the conversation.")
    elif moment < now - dt.timedelta(minutes=5):
        errors["planned_for"] = _("The moment must lie in the future.")
    elif moment > now + dt.timedelta(days=365):
        errors["planned_for"] = _("The moment must lie within a year.")
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose phone, video call or in person.")
    detail = data.channel_detail.strip()
    if len(detail) > MAX_DETAIL_CHARS:
        errors["channel_detail"] = _("At most %(max)s characters.") % {"max": MAX_DETAIL_CHARS}
    elif data.channel == Channel.VIDEO and detail and not detail.startswith("https://"):
        errors["channel_detail"] = _("A video call link starts with https://.")
    if not 10 <= data.duration_minutes <= 180:
        errors["duration_minutes"] = _("The duration must be between 10 and 180 minutes.")
    if errors or moment is None:
        raise ValidationError(errors)
    human.planned_for = moment
    human.channel = data.channel
    human.channel_detail = detail
    human.duration_minutes = data.duration_minutes
    human.planned_at = now
    human.leaver_answer = LeaverAnswer.NONE
    human.leaver_message = ""
    human.answered_at = None
    human.save()
    log_case_event(actor, "conversation.planned", locked, {"channel": data.channel})
    if locked.email:
        interview_id, proposed = str(locked.id), moment.isoformat()
        transaction.on_commit(lambda: tell_leaver_moment_proposed.enqueue(interview_id, proposed))
    return human


@transaction.atomic
def answer_plan(interview: Interview, *, confirm: bool, message: str = "") -> HumanConversation:
    """The leaver confirms the proposed moment (having agreed to take part), or asks for another one."""

    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_human_led(locked)
    human = human_of(locked)
    if human.planned_for is None:
        raise ValidationError(_("No moment has been proposed yet."))
    if human.notes_closed_at or locked.status not in (Status.INVITED, Status.IN_PROGRESS):
        raise ValidationError(_("The conversation has been held; the moment can no longer be changed."))
    message = message.strip()
    if confirm:
        give_consent(locked)
        human.leaver_answer = LeaverAnswer.CONFIRMED
        human.leaver_message = ""
    else:
        if not message:
            raise ValidationError({"message": _("Say which moments would suit you better.")})
        if len(message) > MAX_MESSAGE_CHARS:
            raise ValidationError({"message": _("At most %(max)s characters.") % {"max": MAX_MESSAGE_CHARS}})
        human.leaver_answer = LeaverAnswer.OTHER_MOMENT
        human.leaver_message = message
    human.answered_at = timezone.now()
    human.save()
    log_case_event(Actor.leaver(), f"conversation.{human.leaver_answer}", locked)
    return human


# ------------------------------------------------------------------------------------------ notes


@dataclass(frozen=True)
class NoteInputData:
    client_id: str
    text: str
    topic: str = ""
    kind: str = NoteKind.NOTE


def _open_for_notes(interview: Interview) -> tuple[Interview, HumanConversation]:
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_human_led(locked)
    human = human_of(locked)
    if human.notes_closed_at is not None or locked.status in (Status.REVIEW, Status.COMPLETED):
        raise ValidationError(_("The notes of this conversation are closed."))
    if locked.status != Status.IN_PROGRESS:
        raise ValidationError(
            _("The leaver has not agreed to the conversation yet; notes can be taken once they have.")
        )
    return locked, human


@transaction.atomic
def save_note(actor: Actor, interview: Interview, data: NoteInputData, topics: list[str]) -> Note | None:
    """Save a note as it is typed: the same ``client_id`` again updates it, so a retried or repeated request
    never duplicates or loses anything. ``topics`` are the topics a note may be filed under. An empty new
    note is not stored (returns None); an empty refusal or skip is a mark on its topic."""
    if not CLIENT_ID.match(data.client_id or ""):
        raise ValidationError({"client_id": _("Every note needs its own id of letters, digits, - or _.")})
    if data.kind not in NoteKind.values:
        raise ValidationError({"kind": _("A note is a note, a quote, a refusal or a skip.")})
    if data.topic and data.topic not in topics:
        raise ValidationError({"topic": _("This topic is not in the guide.")})
    if len(data.text) > MAX_NOTE_CHARS:
        raise ValidationError({"text": _("A note may be at most %(max)s characters.") % {"max": MAX_NOTE_CHARS}})
    locked, human = _open_for_notes(interview)
    note = Note.objects.filter(interview=locked, client_id=data.client_id).first()
    text = data.text.replace("\x00", "")
    if note is None:
        if not text.strip() and data.kind in (NoteKind.NOTE, NoteKind.QUOTE):
            return None
        count = Note.objects.filter(interview=locked).count()
        if count >= MAX_NOTES:
            raise ValidationError(_("A conversation can have at most %(max)s notes.") % {"max": MAX_NOTES})
        last = Note.objects.filter(interview=locked).order_by("-seq").values_list("seq", flat=True).first()
        note = Note(interview=locked, client_id=data.client_id, seq=(last or 0) + 1)
        if human.started_at is None:
            human.started_at = timezone.now()
            human.save(update_fields=["started_at", "updated_at"])
            log_case_event(actor, "conversation.started", locked)
    note.text = text
    note.topic = data.topic
    note.kind = data.kind
    note.save()
    return note


def note_answers(notes: list[Note]) -> list[dict[str, Any]]:
    """The notes as the mirror's answers: what was said, by topic. Refusals and skips are marks, not words;
    a quote keeps its quotation marks so that it stays the leaver's literal words."""
    # deferred: the co-pilot's suggestions load the engine (a noticeable time); the apps load without it
    from spiegel.copilot.suggest import CLOSING_TOPICS, STORY

    answers = []
    for note in notes:
        text = note.text.strip()
        if not text or note.kind not in (NoteKind.NOTE, NoteKind.QUOTE):
            continue
        if note.kind == NoteKind.QUOTE and not text.startswith(("“", '"')):
            text = f"“{text}”"
        topic = note.topic if note.topic and note.topic != STORY else None
        phase = note.topic if note.topic in CLOSING_TOPICS else ("guide" if topic else "story")
        answers.append({"topic": None if phase not in ("guide",) else topic, "phase": phase, "text": text})
    return answers


@transaction.atomic
def close_notes(actor: Actor, interview: Interview) -> int:
    """End the conversation: the notes become the statements of the mirror, drafted as for Spiegel's own
    conversations (names pseudonymised, themes, facts and experiences). The interviewer reads and corrects
    them before the leaver sees them. Returns how many statements. Closing twice is refused."""

    locked, human = _open_for_notes(interview)
    notes = list(Note.objects.filter(interview=locked).order_by("seq"))
    answers = note_answers(notes)
    if not answers:
        raise ValidationError(_("There are no notes to make statements of; type what the leaver said first."))
    Statement.objects.filter(interview=locked).delete()
    count = store_statements(locked, answers)
    now = timezone.now()
    human.notes_closed_at = now
    human.save(update_fields=["notes_closed_at", "updated_at"])
    locked.closed_at = now
    locked.save(update_fields=["closed_at", "updated_at"])
    log_case_event(actor, "conversation.notes_closed", locked, {"notes": len(notes), "statements": count})
    return count


def _in_interviewer_review(interview: Interview) -> tuple[Interview, HumanConversation]:
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    _require_human_led(locked)
    human = human_of(locked)
    if human.notes_closed_at is None:
        raise ValidationError(_("Close the notes first; then the statements are made."))
    if human.mirror_sent_at is not None or locked.status != Status.IN_PROGRESS:
        raise ValidationError(_("The mirror has been sent; from now on only the leaver changes the statements."))
    return locked, human


@transaction.atomic
def correct_statements(actor: Actor, interview: Interview, decisions: list[Any]) -> None:
    """The interviewer's corrections of the statements drafted from their notes (wording, deleting), under
    the mirror's own rules (a corrected statement is pseudonymised and classified again). Only before the
    mirror is sent; the visibility is the leaver's to choose and is never set here."""

    locked, _human = _in_interviewer_review(interview)
    apply_decisions(locked, [replace(d, visibility=None) for d in decisions])
    log_case_event(actor, "conversation.statements_corrected", locked, {"statements": len(decisions)})


@transaction.atomic
def send_mirror(actor: Actor, interview: Interview) -> Interview:
    """Give the leaver the interviewer's account: the case goes to review and the leaver's link opens the
    mirror, exactly as after a conversation with Spiegel's interviewer."""

    locked, human = _in_interviewer_review(interview)
    if not Statement.objects.filter(interview=locked, removed=False).exists():
        raise ValidationError(_("Every statement is deleted; keep at least one before sending the mirror."))
    now = timezone.now()
    human.mirror_sent_at = now
    human.save(update_fields=["mirror_sent_at", "updated_at"])
    hand_over_mirror(locked)
    log_case_event(actor, "conversation.mirror_sent", locked)
    if locked.email:
        interview_id = str(locked.id)
        transaction.on_commit(lambda: tell_leaver_mirror_ready.enqueue(interview_id))
    return locked


@transaction.atomic
def store_account_verdict(interview: Interview, verdict: str) -> None:
    """The leaver's answer to "is this account of our conversation right?" among the closing questions."""

    if verdict not in AccountVerdict.values:
        raise ValidationError({"account_right": _("Say whether the account is right.")})
    human = human_of(Interview.objects.select_for_update().get(pk=interview.pk))
    human.account_right = verdict
    human.save(update_fields=["account_right", "updated_at"])


@transaction.atomic
def flag_disclosures(interview: Interview, warnings: list[dict[str, Any]]) -> bool:
    """Flag the case for the practice when the co-pilot read a serious disclosure in the notes, as Spiegel's
    own interviewer does in its conversations. Returns whether the flag was raised now."""
    found = [w for w in warnings if w.get("kind") == "disclosure"]
    if not found:
        return False
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    if locked.flagged:
        return False
    locked.flagged = True
    locked.save(update_fields=["flagged", "updated_at"])
    log_case_event(Actor.system("copilot"), "disclosure.flagged", locked, {"topic": found[0].get("topic")})
    return True


def erase_notes(interview: Interview) -> int:
    """Delete what was noted of a human-led conversation (the notes, the co-pilot's reading of them, the
    leaver's message about the moment, the phone number or address): with the transcript, at retention and on
    withdrawal. Returns how many notes went."""
    deleted = Note.objects.filter(interview=interview).delete()[0]
    HumanConversation.objects.filter(interview=interview).update(
        copilot_state=None, copilot_digest="", leaver_message="", channel_detail=""
    )
    return int(deleted)


def erase_notes_of_withdrawn(sender: Any, instance: Interview, **kwargs: Any) -> None:
    """Receiver of the case's `post_save`: once a human-led case is withdrawn (by the leaver or the
    organisation), its notes go at once."""
    if instance.mode == Mode.INTERVIEWER and instance.status == Status.WITHDRAWN:
        erase_notes(instance)
