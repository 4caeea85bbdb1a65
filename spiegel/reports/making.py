"""Making a report: rendering the PDF of the organisation's view into an encrypted, owner-only file, and the
report files on disk. The task (tasks.py) runs it; actions.py queues it."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from django.utils import timezone

from spiegel.analysis.queries import Filters, interviews_in_view, parse_month
from spiegel.privacy.crypto import encrypt_bytes
from spiegel.reports.models import ReportJob, ReportStatus
from spiegel.reports.pdf import render_report_pdf
from spiegel.reports.queries import reports_dir
from spiegel.tenancy.models import Role
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


def _update(job: ReportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ReportJob.objects.filter(pk=job.pk).update(**fields)


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` readable and writable by the service's own user only (mode 0600), atomically:
    a reader sees the old file or the new one, never half of it."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _file_name(job: ReportJob, attempt: int) -> str:
    return f"{job.id}-{attempt}.pdf.enc"


def delete_report_files(job_id: Any) -> int:
    """Delete every file a report job has written (any attempt, finished or not). Returns how many."""
    deleted = 0
    folder = reports_dir()
    for path in [*folder.glob(f"{job_id}*"), *folder.glob(f".{job_id}*")]:
        path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def make_report_now(job: ReportJob) -> ReportJob:
    """Render the job's PDF into SPIEGEL_DATA_DIR/reports/ (encrypted, mode 0600), recording progress on the
    job as it goes. The report shows what the requesting role may see: the organisation's view (never
    transcripts). The cases it counts are recorded before it is rendered, so that a leaver who withdraws while
    it is being made reaches it too: their withdrawal raises `attempt`, and this run then drops its file."""
    job.refresh_from_db(fields=["status", "attempt"])
    if job.status == ReportStatus.DONE:
        return job
    attempt = job.attempt
    _update(job, status=ReportStatus.RUNNING, progress=5, step="")
    access = Access(organisation=job.organisation, role=Role.CLIENT_VIEWER)
    filters = filters_from(job.filters, job.language)
    name = _file_name(job, attempt)
    try:
        counted = interviews_in_view(access, filters).values_list("pk", flat=True)
        through = ReportJob.cases.through
        through.objects.bulk_create(
            [through(reportjob_id=job.pk, interview_id=pk) for pk in counted], ignore_conflicts=True, batch_size=1000
        )
        pdf = render_report_pdf(access, filters, lambda percent, step: _update(job, progress=percent, step=step))
        write_private_file(reports_dir() / name, encrypt_bytes(pdf))
    except Exception as exc:
        log.exception("report %s failed", job.id)
        (reports_dir() / name).unlink(missing_ok=True)
        ReportJob.objects.filter(pk=job.pk, attempt=attempt).update(
            status=ReportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    published = ReportJob.objects.filter(pk=job.pk, attempt=attempt).update(
        status=ReportStatus.DONE, progress=100, step="", file_name=name, finished_at=timezone.now()
    )
    if not published:
        # A leaver in it withdrew (or retention took their words) while it was made: the run queued then
        # makes it again without them.
        (reports_dir() / name).unlink(missing_ok=True)
        job.refresh_from_db()
        return job
    job.refresh_from_db()
    return job
