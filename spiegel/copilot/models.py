"""A conversation held by a person of the practice: the interviewer's profile, the plan the leaver sees and
answers, and the notes typed during the conversation (encrypted at rest like transcripts)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spiegel.privacy.crypto import EncryptedJSONField, EncryptedTextField


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")


class LeaverAnswer(models.TextChoices):
    NONE = "", _("No answer yet")
    CONFIRMED = "confirmed", _("Confirmed")
    OTHER_MOMENT = "other_moment", _("Asked for another moment")


class NoteKind(models.TextChoices):
    NOTE = "note", _("Note")
    QUOTE = "quote", _("The leaver's literal words")
    REFUSAL = "refusal", _("Refused")
    SKIP = "skip", _("Skipped")


class AccountVerdict(models.TextChoices):
    YES = "yes", _("Yes, it is right")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class InterviewerProfile(models.Model):
    """How a consultant or interviewer of the practice introduces themself to the leavers they talk to."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviewer_profile")
    display_name = models.CharField(_("name"), max_length=120)
    practice = models.CharField(_("practice"), max_length=120, blank=True)
    introduction = models.TextField(_("short introduction"), max_length=600, blank=True)
    # PNG or JPEG under SPIEGEL_DATA_DIR/media/interviewers/, shown to the leavers of this interviewer's cases.
    photo = models.ImageField(_("photo"), upload_to="interviewers/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.display_name


class HumanConversation(models.Model):
    """The planning and the progress of one human-led case: the moment and channel the interviewer proposes,
    the leaver's answer, when the conversation ran, and when the leaver was sent the mirror."""

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="human")
    planned_for = models.DateTimeField(_("moment"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    # The phone number, the video link or the address: personal and practical, so encrypted.
    channel_detail = EncryptedTextField(_("phone number, link or address"), blank=True, default="")
    planned_at = models.DateTimeField(null=True, blank=True)
    leaver_answer = models.CharField(max_length=12, choices=LeaverAnswer.choices, blank=True, default="")
    # What the leaver wrote when asking for another moment.
    leaver_message = EncryptedTextField(blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    notes_closed_at = models.DateTimeField(null=True, blank=True)
    mirror_sent_at = models.DateTimeField(null=True, blank=True)
    # The leaver's answer to "is this account of our conversation right?" in the mirror's closing questions.
    account_right = models.CharField(max_length=6, choices=AccountVerdict.choices, blank=True, default="")
    # The co-pilot's understanding of the notes so far (the engine's state after the first `suggested_notes`
    # notes, and a digest of them), so that a new note costs one engine turn, not a replay of all of them.
    copilot_state = EncryptedJSONField(null=True, blank=True)
    copilot_digest = models.CharField(max_length=64, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"human-led {self.interview_id}"


class Note(models.Model):
    """One note typed during the conversation, with the guide topic it belongs to. Saved as it is typed: the
    page sends it under its own `client_id`, again and again while it changes, and the row is updated."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="notes")
    client_id = models.CharField(max_length=80)
    seq = models.PositiveIntegerField()
    topic = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=8, choices=NoteKind.choices, default=NoteKind.NOTE)
    text = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["interview", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "client_id"], name="note_unique_client_id"),
            models.UniqueConstraint(fields=["interview", "seq"], name="note_unique_seq"),
        ]

    def __str__(self) -> str:
        return f"note {self.interview_id}#{self.seq}"
