"""PDF reports of an organisation's view, made by a background task and kept under SPIEGEL_DATA_DIR."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# The steps the report task reports (spiegel.reports.pdf), as the page names them.
STEP_LABELS = {
    "figures": _("counting the figures"),
    "charts": _("drawing the charts"),
    "layout": _("laying out the pages"),
    "pdf": _("writing the PDF"),
}


class ReportJob(models.Model):
    """One requested PDF report: its filters, how far the task got, and where the file is.

    `file_name` is relative to SPIEGEL_DATA_DIR/reports/; the file is encrypted with the data key, readable by
    the service only, and served only through the organisation's download page, to users who may see the
    organisation's view. `cases` are the leavers the report counts or may quote: when one of them withdraws
    (or retention deletes their statements) the file is deleted and the report made again without them.
    `attempt` goes up each time that happens, so a run that started before cannot publish its stale file.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("tenancy.Organisation", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey("tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    filters = models.JSONField(default=dict)
    language = models.CharField(max_length=2, default="nl")
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=120, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cases = models.ManyToManyField("interviews.Interview", related_name="+", blank=True)
    attempt = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="report_org_created")]

    def __str__(self) -> str:
        return f"report {self.id} ({self.status})"

    def step_label(self) -> str:
        """The current step in the active language ("" before the first and after the last)."""
        return str(STEP_LABELS.get(self.step, ""))
