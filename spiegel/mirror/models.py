"""The mirror: the leaver's statements and their decisions, the closing answers, the receipt, and the tallies
that keep counting after the words are gone."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from spiegel.privacy.crypto import EncryptedJSONField, EncryptedTextField


class Visibility(models.TextChoices):
    """What the leaver chose for one statement (privacy.md)."""

    # The case has no name: "attributed" links the statement to the case (its department and role).
    ATTRIBUTED = "attributed", _("Share linked to my case (department, role)")
    ANONYMOUS = "anonymous", _("Share anonymously")
    PRIVATE = "private", _("Keep private")


# Statements with these themes are health data: never attributed, never quoted (taxonomy.md).
SPECIAL_CATEGORY_THEMES = frozenset({"wellbeing"})


class Statement(models.Model):
    """One point the leaver made, pseudonymised, in their own words, encrypted at rest.

    Created when the conversation closes; the leaver corrects it and decides its visibility in the mirror.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="statements")
    seq = models.PositiveIntegerField()
    topic = models.CharField(max_length=60, blank=True)
    phase = models.CharField(max_length=30, blank=True)
    text = EncryptedTextField()
    # [{"id", "polarity", "confidence"}] by confidence, and the statement's kind (fact, experience, ...).
    themes = EncryptedJSONField(default=list)
    kind = models.CharField(max_length=12, default="experience")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.ANONYMOUS)
    # [{"placeholder", "original", "kind"}]: what was replaced, so the leaver can undo a wrong replacement.
    # Holds original names, so it is encrypted and emptied when the mirror is completed.
    replacements = EncryptedJSONField(default=list)
    # Where the statement came from in the transcript: the leaver message's seq and offsets into its text.
    source_seq = models.PositiveIntegerField(null=True, blank=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    # Every source of a statement made from more than one answer or sentence: [{"seq", "start", "end",
    # "words"}], "words" being the leaver's own words (pseudonymised) for "your words" in the mirror; the
    # words are emptied when the mirror is completed.
    sources = EncryptedJSONField(default=list)
    edited = models.BooleanField(default=False)
    # Deleted by the leaver in the mirror (undoable until the mirror is completed; then the row goes).
    removed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["interview", "seq"]
        constraints = [models.UniqueConstraint(fields=["interview", "seq"], name="statement_unique_seq")]

    def __str__(self) -> str:
        return f"statement {self.interview_id}#{self.seq}"

    @property
    def theme_ids(self) -> list[str]:
        return [str(t["id"]) for t in self.themes or []]

    @property
    def special_category(self) -> bool:
        return any(t in SPECIAL_CATEGORY_THEMES for t in self.theme_ids)

    @property
    def health_locked(self) -> bool:
        """Filed under health *and* plainly about health: never shared linked to the case. A statement filed
        under health on weaker signs can still be shared with the case (see consent.actions)."""
        # deferred: scikit-learn takes seconds to load; not with the models, only when a statement is judged
        from spiegel.language.classify import has_plain_health_content

        return self.special_category and has_plain_health_content(self.text)


class WouldReturn(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class ReviewOutcome(models.Model):
    """The leaver's closing answers. The scores outlive the statements (they hold no words); withdrawal deletes
    them. The free comment is words: encrypted, pseudonymised, and deleted with the statements."""

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="review_outcome")
    felt_heard = models.PositiveSmallIntegerField()
    recommend_score = models.PositiveSmallIntegerField()
    would_return = models.CharField(max_length=5, choices=WouldReturn.choices, blank=True)
    comment = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(felt_heard__gte=1, felt_heard__lte=5), name="outcome_heard_1_5"),
            models.CheckConstraint(condition=models.Q(recommend_score__lte=10), name="outcome_recommend_0_10"),
        ]

    def __str__(self) -> str:
        return f"outcome {self.interview_id}"


class ThemeTally(models.Model):
    """How many shared (attributed or anonymous) statements of one completed interview carry a theme with a
    polarity. No words: it survives the deletion of statements and transcripts, so aggregates stay correct;
    withdrawing the record deletes it."""

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="theme_tallies")
    theme = models.CharField(max_length=30)
    polarity = models.CharField(max_length=8)
    statements = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "theme", "polarity"], name="tally_unique"),
        ]
        indexes = [models.Index(fields=["theme", "polarity"], name="tally_theme_polarity")]

    def __str__(self) -> str:
        return f"{self.interview_id} {self.theme}/{self.polarity}={self.statements}"


class Receipt(models.Model):
    """The leaver's receipt: a second long random token (only its keyed hash is stored) that opens their
    record after the mirror is completed, to read, download or withdraw it."""

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="receipt")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"receipt {self.interview_id}"
