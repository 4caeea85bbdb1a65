"""Writes of the reports app: asking for a PDF report, forgetting a case in the reports, re-sealing the files.
Making a report (the background task's work) is in making.py."""

from __future__ import annotations

import logging
from typing import Any

from cryptography.fernet import InvalidToken
from django.db import transaction
from django.db.models import F

from spiegel.analysis.queries import Filters
from spiegel.privacy.crypto import encrypt_bytes, fernet
from spiegel.reports.making import delete_report_files, write_private_file
from spiegel.reports.models import ReportJob, ReportStatus
from spiegel.reports.queries import reports_dir
from spiegel.reports.tasks import make_report
from spiegel.tenancy.models import User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

log = logging.getLogger(__name__)


@transaction.atomic
def request_report(access: Access, filters: Filters, user: User | None = None) -> ReportJob:
    """Queue a PDF report of the organisation's view for these filters; the task makes it after commit."""
    access.require(Capability.OVERVIEW_VIEW)
    filters.validate()
    stored = {k: v for k, v in filters.as_dict().items() if k != "language" and v}
    job = ReportJob.objects.create(
        organisation=access.organisation, requested_by=user, filters=stored, language=filters.language
    )
    transaction.on_commit(lambda: make_report.enqueue(str(job.id)))
    return job


def forget_case_in_reports(interview_id: Any) -> int:
    """A leaver withdrew, or retention deleted their statements: delete every generated report that counts
    them, at once, and queue each to be made again without them (same job, so its page keeps working).
    Returns how many reports were affected. Safe inside or outside a transaction; files are deleted again
    after commit, so that a report finishing meanwhile cannot keep them."""
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
