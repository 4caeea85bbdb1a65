"""Background work of the reports, run by the database-backed task worker."""

from __future__ import annotations

from django_tasks import task

from spiegel.reports.making import make_report_now
from spiegel.reports.models import ReportJob


@task()
def make_report(job_id: str) -> str:
    """Make one queued PDF report; returns its status (done or failed)."""
    job = ReportJob.objects.select_related("organisation").filter(pk=job_id).first()
    if job is None:
        return "missing"
    return str(make_report_now(job).status)
