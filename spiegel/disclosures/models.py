"""A serious disclosure a leaver made, and the practice's follow-up of it (issue 13).

Each one is for a person of the practice to handle with the leaver (privacy.md): its words, what the leaver
asked to be done and the practitioner's note are encrypted at rest like the transcript, and no client role or
API key ever reads them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spiegel.privacy.crypto import EncryptedTextField


class DisclosureKind(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment or intimidation")
    DISCRIMINATION = "discrimination", _("Discrimination")
    INTEGRITY = "integrity", _("Integrity or fraud")
    SAFETY = "safety", _("Patient or client safety")
    VIOLENCE = "violence", _("Violence")
    OTHER = "other", _("Other serious matter")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("disclosure follow-up", "Open")
    DISCUSSED = "discussed", _("Discussed with the leaver")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class DisclosureSource(models.TextChoices):
    CONVERSATION = "conversation", _("Spiegel's interviewer")
    NOTES = "notes", _("The interviewer's notes")


class WishRecordedBy(models.TextChoices):
    NOBODY = "", _("Not recorded")
    LEAVER = "leaver", _("The leaver, in the conversation")
    PRACTITIONER = "practitioner", _("The practitioner")


class Disclosure(models.Model):
    """One flagged disclosure of a case: its kind, the leaver's words and wish, and its follow-up."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="disclosures")
    source = models.CharField(max_length=12, choices=DisclosureSource.choices)
    # The how-manieth disclosure flag of its source: recording the same flags again changes nothing.
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=DisclosureKind.choices)
    # The sentence the flag was raised on (staff only) and the leaver message it came from.
    excerpt = EncryptedTextField(blank=True, default="")
    source_seq = models.PositiveIntegerField(null=True, blank=True)
    wish = EncryptedTextField(blank=True, default="")
    wish_recorded_by = models.CharField(max_length=12, choices=WishRecordedBy.choices, blank=True, default="")
    status = models.CharField(max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN, db_index=True)
    note = EncryptedTextField(blank=True, default="")
    flagged_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["interview", "flagged_at", "position"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "source", "position"], name="disclosure_unique_position")
        ]

    def __str__(self) -> str:
        return f"disclosure {self.interview_id} {self.source}#{self.position}"

    @property
    def is_open(self) -> bool:
        """Still waiting for the practice (anything but closed)."""
        return self.status != FollowUpStatus.CLOSED
