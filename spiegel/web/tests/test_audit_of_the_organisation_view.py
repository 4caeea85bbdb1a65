"""Audit (issue 16): dashboard views, PDF report downloads and exports are in the organisation's audit log —
who, when, what — and a consultant can list each kind."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.privacy.models import AuditEvent
from spiegel.reports.models import ReportJob
from spiegel.reports.queries import reports_dir
from spiegel.tenancy.models import Role
from tests.support.builders import build_org, build_user

pytestmark = pytest.mark.django_db

VIEWS = ("dashboard.viewed", "export.downloaded", "report.downloaded")


def test_dashboard_views_report_downloads_and_exports_are_audited() -> None:
    org = build_org()
    viewer = build_user(org, Role.CLIENT_VIEWER)
    client = Client()
    client.force_login(viewer)
    assert client.get(f"/o/{org.slug}/dashboard/?department=Zorg").status_code == 200
    assert client.get(f"/o/{org.slug}/export/?what=statements&format=csv&from=2025-01").status_code == 200
    job = ReportJob.objects.create(organisation=org, status="done", filters={"from": "2025-01"})
    (reports_dir() / f"{job.id}.pdf").write_bytes(b"%PDF-1.7\n")
    ReportJob.objects.filter(pk=job.pk).update(file_name=f"{job.id}.pdf")
    assert client.get(f"/o/{org.slug}/reports/download/?job={job.id}").status_code == 200
    events = list(AuditEvent.objects.filter(organisation=org, action__in=VIEWS).order_by("created_at", "id"))
    assert [(e.action, e.actor, e.object_type, e.detail) for e in events] == [
        ("dashboard.viewed", viewer, "", {"filters": {"department": "Zorg"}}),
        (
            "export.downloaded",
            viewer,
            "",
            {"what": "statements", "format": "csv", "rows": 0, "filters": {"from": "2025-01"}},
        ),
        ("report.downloaded", viewer, "report", {"filters": {"from": "2025-01"}}),
    ]
    assert events[2].object_id == str(job.id)
    consultant = Client()
    consultant.force_login(build_user(org, Role.CONSULTANT))
    for action in ("dashboard.viewed", "export.downloaded", "report.downloaded"):
        page = consultant.get(f"/o/{org.slug}/audit/?action={action}").content.decode()
        assert page.count('data-testid="audit-event"') == 1
        assert f'<option value="{action}" selected>' in page


def test_a_refused_download_is_not_recorded_as_one() -> None:
    org = build_org()
    client = Client()
    client.force_login(build_user(org, Role.CLIENT_VIEWER))
    job = ReportJob.objects.create(organisation=org, status="queued")
    assert client.get(f"/o/{org.slug}/reports/download/?job={job.id}").status_code == 404
    assert client.get(f"/o/{org.slug}/export/?what=secrets&format=csv").status_code == 404
    assert not AuditEvent.objects.filter(organisation=org, action__in=VIEWS).exists()
