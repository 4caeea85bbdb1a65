"""Leavers' cases ("interviews") and their conversations."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spiegel.privacy.crypto import EncryptedJSONField, EncryptedTextField

if TYPE_CHECKING:
    from spiegel.interviews.engine import Guide


class Status(models.TextChoices):
    INVITED = "invited", _("Invited")
    IN_PROGRESS = "in_progress", _("In progress")
    REVIEW = "review", _("Review")
    COMPLETED = "completed", _("Completed")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LeaveType(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation")
    DISMISSAL = "dismissal", _("Dismissal")
    MUTUAL_AGREEMENT = "mutual_agreement", _("Mutual agreement")
    CONTRACT_END = "contract_end", _("End of contract")
    RETIREMENT = "retirement", _("Retirement")
    OTHER = "other", _("Other")


class Regrettable(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class Language(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"


class Mode(models.TextChoices):
    SELF = "self", _("Spiegel's interviewer")
    INTERVIEWER = "interviewer", _("Human interviewer")


# A case is open for the leaver while its status is one of these.
OPEN_STATUSES = (Status.INVITED, Status.IN_PROGRESS, Status.REVIEW)


class Interview(models.Model):
    """One leaver's case. It stores as little about the leaver as possible: no name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="interviews")
    # The short reference people use for the case (`ZN-2026-014`), given when it is opened (references.py).
    reference = models.CharField(_("reference"), max_length=24, blank=True, editable=False)
    department = models.ForeignKey(
        "tenancy.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="interviews"
    )
    role_title = models.CharField(_("role"), max_length=120, blank=True)
    tenure_months = models.PositiveIntegerField(_("tenure in months"), null=True, blank=True)
    leave_date = models.DateField(_("leave date"), null=True, blank=True)
    leave_type = models.CharField(
        _("leave type"), max_length=20, choices=LeaveType.choices, default=LeaveType.RESIGNATION
    )
    regrettable = models.CharField(
        _("regrettable"), max_length=7, choices=Regrettable.choices, default=Regrettable.UNKNOWN
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.NL)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.SELF)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INVITED, db_index=True)
    # Keyed SHA-256 of the invitation token; the token itself is only ever shown once.
    token_hash = models.CharField(max_length=64, unique=True)
    token_expires_at = models.DateTimeField()
    email = EncryptedTextField(_("e-mail address"), null=True, blank=True)
    assigned_interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_interviews",
    )
    created_by_label = models.CharField(max_length=80, blank=True)
    flagged = models.BooleanField(default=False, help_text="A serious disclosure that a human should follow up.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"], name="interview_org_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"],
                condition=~models.Q(reference=""),
                name="interview_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation.slug}/{self.id}"


class Conversation(models.Model):
    """The engine's state for a case, encrypted at rest (it holds what the leaver said)."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="conversation")
    engine = models.CharField(max_length=40, default="builtin")
    state = EncryptedJSONField(null=True)
    guide = models.JSONField(default=dict)
    progress = models.FloatField(default=0.0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"conversation {self.interview_id}"


class MessageRole(models.TextChoices):
    INTERVIEWER = "interviewer", _("Interviewer")
    LEAVER = "leaver", _("Leaver")


class Message(models.Model):
    """One turn of the conversation, encrypted at rest."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    role = models.CharField(max_length=12, choices=MessageRole.choices)
    text = EncryptedTextField()
    # For a leaver's message: the client's id for retries; for the interviewer's: the leaver message it answers.
    client_id = models.CharField(max_length=80, blank=True)
    reply_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    # Which engine, model and prompt version produced an interviewer message.
    produced_by = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["interview", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "seq"], name="message_unique_seq"),
            models.UniqueConstraint(
                fields=["interview", "client_id"],
                condition=models.Q(role="leaver") & ~models.Q(client_id=""),
                name="message_unique_client_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.interview_id}#{self.seq} {self.role}"


class GuideCustomisation(models.Model):
    """An organisation's changes to the default guide for one language: topics removed, questions and topics added."""

    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="guide_customisations"
    )
    language = models.CharField(max_length=2, choices=Language.choices)
    remove_topics = models.JSONField(default=list, blank=True)
    # {topic_id: [question, ...]}
    extra_questions = models.JSONField(default=dict, blank=True)
    # [{"id", "title", "goal", "question", "priority", "optional"}]
    extra_topics = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "language"], name="guide_custom_unique")]

    def __str__(self) -> str:
        return f"guide {self.organisation_id} {self.language}"

    def apply(self, guide: Guide) -> Guide:
        # deferred: the engine takes a noticeable time to load; not with the models, only for a customised guide
        from spiegel.interviews.engine import Topic

        extra = [Topic.from_dict(item) for item in self.extra_topics]
        return guide.customised(
            remove_topics=list(self.remove_topics),
            extra_questions=dict(self.extra_questions),
            extra_topics=extra,
        )
