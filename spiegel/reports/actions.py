"""Writes of the reports app: asking for a PDF report, and making it (run by the background task)."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
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
    from spiegel.analysis.queries import interviews_in_view
    from spiegel.privacy.crypto import encrypt_bytes
    from spiegel.reports.pdf import render_report_pdf

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


def forget_case_in_reports(interview_id: Any) -> int:
    """A leaver withdrew, or retention deleted their statements: delete every generated report that counts
    them, at once, and queue each to be made again without them (same job, so its page keeps working).
    Returns how many reports were affected. Safe inside or outside a transaction; files are deleted again
    after commit, so that a report finishing meanwhile cannot keep them."""
    from spiegel.reports.tasks import make_report

    job_ids = list(ReportJob.objects.filter(cases=interview_id).values_list("pk", flat=True).distinct())
    for job_id in job_ids:
        delete_report_files(job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportStatus.QUEUED,
            progress=0,
            step="",
            file_name="",
            error="",
            finished_at=None,
            attempt=F("attempt") + 1,
        )
        ReportJob.cases.through.objects.filter(reportjob_id=job_id).delete()

    def after_commit() -> None:
        for job_id in job_ids:
            delete_report_files(job_id)
            make_report.enqueue(str(job_id))

    if job_ids:
        transaction.on_commit(after_commit)
    return len(job_ids)


def reseal_report_files() -> int:
    """Encrypt every stored report with the first key of SPIEGEL_ENCRYPTION_KEYS (plain PDFs written before
    reports were encrypted included) and make it owner-only. Returns how many files were rewritten."""
    from cryptography.fernet import InvalidToken

    from spiegel.privacy.crypto import encrypt_bytes, fernet

    done = 0
    for path in sorted(reports_dir().glob("*.pdf*")):
        if path.name.startswith("."):
            continue
        data = path.read_bytes()
        try:
            sealed = encrypt_bytes(data) if data.startswith(b"%PDF") else fernet().rotate(data)
        except InvalidToken:
            # Sealed with a key that is no longer configured: nobody can read it, and rotating cannot help.
            log.warning("report file %s cannot be decrypted with the configured keys; left as it is", path.name)
            continue
        write_private_file(path, sealed)
        done += 1
    return done
