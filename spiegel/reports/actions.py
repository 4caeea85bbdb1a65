"""Writes of the reports app: asking for a PDF report, and making it (run by the background task)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from spiegel.analysis.queries import Filters, parse_month
from spiegel.reports.models import ReportJob, ReportStatus
from spiegel.reports.queries import reports_dir
from spiegel.tenancy.models import Role, User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

log = logging.getLogger(__name__)


def filters_from(data: dict[str, Any], language: str) -> Filters:
    """Filters from a job's stored dict (months as YYYY-MM)."""
    return Filters(
        start=parse_month(str(data["from"]), "from") if data.get("from") else None,
        end=parse_month(str(data["to"]), "to") if data.get("to") else None,
        department=str(data["department"]) if data.get("department") else None,
        leave_type=str(data["leave_type"]) if data.get("leave_type") else None,
        tenure=str(data["tenure"]) if data.get("tenure") else None,
        language=language,
    )


@transaction.atomic
def request_report(access: Access, filters: Filters, user: User | None = None) -> ReportJob:
    """Queue a PDF report of the organisation's view for these filters; the task makes it after commit."""
    from spiegel.reports.tasks import make_report

    access.require(Capability.OVERVIEW_VIEW)
    filters.validate()
    stored = {k: v for k, v in filters.as_dict().items() if k != "language" and v}
    job = ReportJob.objects.create(
        organisation=access.organisation, requested_by=user, filters=stored, language=filters.language
    )
    transaction.on_commit(lambda: make_report.enqueue(str(job.id)))
    return job


def _update(job: ReportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ReportJob.objects.filter(pk=job.pk).update(**fields)


def make_report_now(job: ReportJob) -> ReportJob:
    """Render the job's PDF into SPIEGEL_DATA_DIR/reports/, recording progress on the job as it goes.
    The report shows what the requesting role may see: the organisation's view (never transcripts)."""
    from spiegel.reports.pdf import render_report_pdf

    if job.status == ReportStatus.DONE:
        return job
    _update(job, status=ReportStatus.RUNNING, progress=5, step="")
    access = Access(organisation=job.organisation, role=Role.CLIENT_VIEWER)
    try:
        pdf = render_report_pdf(
            access,
            filters_from(job.filters, job.language),
            lambda percent, step: _update(job, progress=percent, step=step),
        )
        name = f"{job.id}.pdf"
        (reports_dir() / name).write_bytes(pdf)
    except Exception as exc:
        log.exception("report %s failed", job.id)
        _update(job, status=ReportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now())
        return job
    _update(job, status=ReportStatus.DONE, progress=100, step="", file_name=name, finished_at=timezone.now())
    return job
