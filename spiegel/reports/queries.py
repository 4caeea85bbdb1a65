"""Tenant-scoped reads of generated reports: 404 for another organisation's."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.http import Http404

from spiegel.privacy.crypto import decrypt_bytes
from spiegel.reports.models import ReportJob
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access


def reports_dir() -> Path:
    """Where generated reports are kept: SPIEGEL_DATA_DIR/reports (never a static or media folder), a folder
    only the service's own user may enter."""
    folder = Path(settings.DATA_DIR) / "reports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def report_for(access: Access, job_id: str) -> ReportJob:
    """One report job of this organisation; 404 for anything else, 403 when the role may not see the view."""
    try:
        key = uuid.UUID(str(job_id))
    except ValueError as exc:
        raise Http404("No such report.") from exc
    job = ReportJob.objects.filter(organisation=access.organisation, pk=key).first()
    if job is None:
        raise Http404("No such report.")
    access.require(Capability.OVERVIEW_VIEW)
    return job


def report_file(job: ReportJob) -> Path | None:
    """The finished (encrypted) PDF of a job, or None when it is not (or no longer) there."""
    if job.status != "done" or not job.file_name:
        return None
    path = reports_dir() / Path(job.file_name).name
    return path if path.is_file() else None


def report_pdf(job: ReportJob) -> bytes | None:
    """The finished PDF of a job, decrypted, or None when it is not (or no longer) there.

    Reports written before they were encrypted (plain PDF on disk) are still read; `spiegel rotate-key`
    encrypts them."""
    path = report_file(job)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # deleted by a withdrawal a moment ago
        return None
    return data if data.startswith(b"%PDF") else decrypt_bytes(data)


def latest_report(access: Access) -> ReportJob | None:
    access.require(Capability.OVERVIEW_VIEW)
    return ReportJob.objects.filter(organisation=access.organisation).first()
