"""Historical exit data imported from earlier surveys, so organisations can start with their past."""

from __future__ import annotations

import uuid

from django.db import models

from spiegel.privacy.crypto import EncryptedJSONField, EncryptedTextField


class ImportBatch(models.Model):
    """One import of a CSV file: what was mapped, by whom, and how many rows it added."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="import_batches")
    filename = models.CharField(max_length=255)
    mapping = models.JSONField(default=dict)
    rows = models.PositiveIntegerField(default=0)
    created_by_label = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows} rows)"


class HistoricalExit(models.Model):
    """One leaver from an earlier exit survey: structured fields and reasons as taxonomy themes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="historical_exits")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="exits")
    # The source system's id for the row; duplicates within an organisation are refused.
    external_id = models.CharField(max_length=120, blank=True)
    leave_date = models.DateField(null=True, blank=True, db_index=True)
    department = models.ForeignKey("tenancy.Department", null=True, blank=True, on_delete=models.SET_NULL)
    leave_type = models.CharField(max_length=20, blank=True)
    tenure_months = models.PositiveIntegerField(null=True, blank=True)
    regrettable = models.CharField(max_length=7, default="unknown")
    # [{"id": theme id, "polarity": "push" | "pull"}], the first being the main reason.
    themes = models.JSONField(default=list)
    recommend_score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-leave_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="historical_exit_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.external_id or self.id}"


class InterviewAnalysis(models.Model):
    """The analysis of one completed interview, from the statements its leaver shared. No words of the leaver:
    reasons point at statements by id, and the summary (taxonomy labels only) is encrypted all the same.

    Written by the `analyse_interview` task when the mirror completes; deleted when the leaver withdraws.
    """

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="analysis")
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="+")
    shared_statements = models.PositiveIntegerField(default=0)
    primary_theme = models.CharField(max_length=30, blank=True)
    primary_polarity = models.CharField(max_length=8, blank=True)
    primary_controllable = models.CharField(max_length=8, blank=True)
    # Shares of the reasons' weight (0..1): push + pull = 1 when there is any reason.
    push_weight = models.FloatField(default=0.0)
    pull_weight = models.FloatField(default=0.0)
    controllable_weight = models.FloatField(default=0.0)
    # The leaver's own answer to "what would have made you stay?": ids of those shared statements.
    stay_statements = models.JSONField(default=list)
    summary = EncryptedTextField(blank=True, default="")
    version = models.PositiveSmallIntegerField(default=1)
    analysed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "primary_theme"], name="analysis_org_primary")]

    def __str__(self) -> str:
        return f"analysis {self.interview_id}"


class InterviewReason(models.Model):
    """One ranked reason for leaving of one interview: theme, push or pull, weight, and its evidence."""

    analysis = models.ForeignKey(InterviewAnalysis, on_delete=models.CASCADE, related_name="reasons")
    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="reasons")
    rank = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=30)
    polarity = models.CharField(max_length=8)
    weight = models.FloatField()
    controllable = models.CharField(max_length=8)
    # Statement ids behind the reason, and those of them that may be quoted anonymously (not health data).
    evidence = models.JSONField(default=list)
    quotable = models.JSONField(default=list)

    class Meta:
        ordering = ["analysis", "rank"]
        constraints = [models.UniqueConstraint(fields=["analysis", "theme", "polarity"], name="reason_unique")]
        indexes = [models.Index(fields=["theme", "polarity"], name="reason_theme_polarity")]

    def __str__(self) -> str:
        return f"{self.interview_id} #{self.rank} {self.theme}/{self.polarity}"


class HistoricalReason(models.Model):
    """One theme of an imported historical exit, as a row, so that shares and trends are SQL aggregates."""

    exit = models.ForeignKey(HistoricalExit, on_delete=models.CASCADE, related_name="reasons")
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=30)
    polarity = models.CharField(max_length=8)

    class Meta:
        indexes = [models.Index(fields=["organisation", "theme"], name="hreason_org_theme")]

    def __str__(self) -> str:
        return f"{self.exit_id} {self.theme}/{self.polarity}"


class ClusterKind(models.TextChoices):
    FACT = "fact", "fact"
    EMERGING = "emerging", "emerging"


class StatementCluster(models.Model):
    """Shared statements of several interviews that say the same thing: a `fact` reported independently by
    several leavers, or an `emerging` topic the taxonomy does not cover. Recomputed per organisation by the
    `cluster_statements` task. `terms` are the cluster's top lemmas (for a label): leavers' words, so they are
    encrypted at rest like statements (issue 16); members point at statements by id."""

    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ClusterKind.choices)
    theme = models.CharField(max_length=30, blank=True)
    terms = EncryptedJSONField(default=list)
    leavers = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind"], name="cluster_org_kind")]

    def __str__(self) -> str:
        return f"{self.kind} cluster {self.pk} ({self.leavers})"


class ClusterMember(models.Model):
    """One statement of a cluster. `statement_id` has no foreign key: when retention deletes the words, the
    count survives (privacy.md: counts in aggregates survive) and the quote simply disappears."""

    cluster = models.ForeignKey(StatementCluster, on_delete=models.CASCADE, related_name="members")
    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="+")
    statement_id = models.UUIDField()
    # May be quoted anonymously: shared, not health data, not attributed to the leaver's case when quoted.
    quotable = models.BooleanField(default=True)
    # Most central member first (rank 0): the one to quote.
    rank = models.PositiveSmallIntegerField(default=0)
    # For a fact: which sentence of the statement is the fact (its index among the statement's sentences); a
    # statement merged from several answers can hold several facts. None: the whole statement.
    sentence = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["cluster", "interview"], name="member_cluster_interview")]

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.statement_id}"
