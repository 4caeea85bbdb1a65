"""The organisation's view: dashboard, exports, PDF and the per-interview report. Suppressed cells never carry a
value anywhere (HTML, chart data, PDF text, CSV/XLSX), and client roles never see a transcript."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from spiegel.analysis.queries import Filters, department_reasons, insights
from spiegel.interviews.models import Message
from spiegel.reports.dashboard import AGGREGATE_HEADER, build_dashboard
from spiegel.reports.making import make_report_now
from spiegel.reports.models import ReportJob
from spiegel.reports.pdf import render_report_pdf
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import CompletedCase, build_analysed_case, build_org, build_user, no_tasks_left_behind

pytestmark = pytest.mark.django_db

ANSWERS = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
    "The salary at my new job is fifteen percent higher.",
)
LEFT = dt.date(2025, 5, 14)


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """k = 3: Verpleging 4 leavers, Thuiszorg 3, IT 1. IT is below k; Thuiszorg is hidden with it, or IT's
    count would follow from the total (complementary suppression)."""

    with django_db_blocker.unblock(), no_tasks_left_behind() as drop_queued_tasks:
        org = build_org("Zorggroep Noord", min_group_size=3, average_salary=40000)
        cases: list[CompletedCase] = []
        for department, n in (("Verpleging", 4), ("Thuiszorg", 3), ("IT", 1)):
            for _ in range(n):
                cases.append(build_analysed_case(org, ANSWERS, language="en", department=department, leave_date=LEFT))
        users = {role: build_user(org, role) for role in Role}
        # The builders ran the analysis themselves; the tasks the mirror queued must not outlive this module.
        drop_queued_tasks()
        yield org, cases, users
        Organisation.objects.filter(pk=org.pk).delete()
        for user in users.values():
            user.delete()
        # Leaving the block drops the tasks queued since (deleting closing answers queues analyses).


def _client(users: dict[str, Any], role: str) -> Client:
    client = Client()
    client.force_login(users[role])  # the module's users were hashed before the fast test hasher was set
    return client


def _access(org: Organisation) -> Access:
    return Access(organisation=org, role=Role.CLIENT_VIEWER)


def test_the_department_table_hides_a_small_department_and_the_one_that_would_give_it_away(world: Any) -> None:
    org, _cases, _users = world
    table = department_reasons(_access(org), Filters())
    rows = {r.department: r for r in table.rows}
    assert [(d, r.leavers.value, r.leavers.suppressed) for d, r in rows.items()] == [
        ("IT", None, True),
        ("Thuiszorg", None, True),
        ("Verpleging", 4, False),
    ]
    assert all(c.value is None and c.share is None for c in rows["IT"].themes.values())
    assert all(c.value is None and c.share is None for c in rows["Thuiszorg"].themes.values())
    assert rows["Verpleging"].themes["manager"].value == 4
    assert rows["Verpleging"].themes["manager"].share == 1.0


def test_the_dashboard_shows_headlines_charts_and_hidden_cells_without_values(world: Any) -> None:
    org, _cases, users = world
    response = _client(users, Role.CLIENT_VIEWER).get(f"/o/{org.slug}/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    leavers = re.search(r'data-testid="headline-leavers".*?headline-value">([^<]*)<', html, re.S)
    assert leavers is not None and leavers.group(1) == "8"
    spec = json.loads(re.search(r'id="chart-heatmap-spec"[^>]*>(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    cells = spec["data"]["values"]
    hidden = [c for c in cells if c["department"] in ("IT", "Thuiszorg")]
    assert hidden and all(c["share"] is None and c["text"] == "hidden" for c in hidden)
    assert {c["share"] for c in cells if c["department"] == "Verpleging" and c["label"] == "Manager & leadership"} == {
        1.0
    }
    table = re.search(r'data-testid="table-heatmap">(.*?)</table>', html, re.S).group(1)  # type: ignore[union-attr]
    it_row = re.search(r"<tr><th scope=\"row\">IT</th>(.*?)</tr>", table, re.S).group(1)  # type: ignore[union-attr]
    assert not re.search(r"\d", it_row)
    assert it_row.count('class="suppressed"') == it_row.count("<td")
    # Charts are drawn by Spiegel's own copy of vega-embed, never a CDN.
    assert "/static/spiegel/vendor/vega-embed-7.3.0.min.js" in html
    # Every script and stylesheet the page loads comes from Spiegel itself (a random token may well spell "cdn").
    loaded = re.findall(r'<script[^>]*\ssrc="([^"]*)"|<link[^>]*\shref="([^"]*)"', html)
    urls = [src or href for src, href in loaded]
    assert urls and all((u.startswith("/") and not u.startswith("//")) or u.startswith("data:") for u in urls), urls


def test_a_department_too_small_to_stand_apart_is_not_applied_and_the_page_says_why(world: Any) -> None:
    org, _cases, users = world
    response = _client(users, Role.CONSULTANT).get(f"/o/{org.slug}/dashboard/?department=IT")
    html = response.content.decode()
    # Showing IT alone, next to the whole organisation, would let the reader subtract its few leavers.
    assert 'data-testid="view-suppressed"' not in html
    assert 'data-testid="view-widened"' in html
    assert "Department: “IT” was not applied, because it would set fewer than 3 leavers apart" in html


def test_bad_filters_answer_422_with_a_message_in_the_pages_language_and_no_figures(world: Any) -> None:
    org, _cases, users = world
    client = _client(users, Role.CLIENT_ADMIN)
    response = client.get(f"/o/{org.slug}/dashboard/?from=2025-13")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Write a month as year and month between 1900-01 and 2100-12, for example 2025-01." in html
    # Figures for another view than the one asked would be read as the one asked.
    assert 'data-testid="headline-leavers"' not in html and 'data-testid="chart-reasons"' not in html
    dutch = client.get(f"/o/{org.slug}/dashboard/?from=2025-06&to=2025-01", HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch.status_code == 422
    assert "De beginmaand ligt na de eindmaand." in dutch.content.decode()


def test_exports_leave_hidden_cells_empty_and_keep_anonymous_statements_unlinked(world: Any) -> None:
    org, cases, users = world
    client = _client(users, Role.CLIENT_VIEWER)
    body = client.get(f"/o/{org.slug}/export/?what=aggregates&format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == AGGREGATE_HEADER
    assert ["department", "IT", "leavers", "", "", "yes"] in rows
    assert ["department", "Verpleging", "leavers", "4", "0.5", "no"] in rows
    assert [r for r in rows if r[0] == "department_reason" and r[1].startswith("IT/") and (r[3] or r[4])] == []
    workbook = load_workbook(io.BytesIO(client.get(f"/o/{org.slug}/export/?what=aggregates&format=xlsx").content))
    sheet_rows = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    assert ["department", "IT", "leavers", None, None, "yes"] in sheet_rows
    statements = list(
        csv.reader(
            io.StringIO(client.get(f"/o/{org.slug}/export/?what=statements&format=csv").content.decode("utf-8-sig"))
        )
    )
    case_ids = {str(c.interview.id) for c in cases}
    assert statements[0] == ["case", "theme", "theme_label", "polarity", "kind", "text"]
    assert len(statements) > 1
    assert all(r[0] == "" for r in statements[1:])  # every statement is anonymous: no case link
    assert not any(cid in ",".join(r) for r in statements for cid in case_ids)
    assert client.get(f"/o/{org.slug}/export/?what=secrets&format=csv").status_code == 404


def test_the_pdf_report_has_the_figures_and_no_hidden_value(world: Any, tmp_path: Path) -> None:
    org, _cases, _users = world
    pdf = render_report_pdf(_access(org), Filters(language="en"))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Why people leave" in text
    assert "Method and anonymity" in text
    it_lines = [line for line in text.splitlines() if re.match(r"\s*IT\s", line)]
    assert it_lines and all(not re.search(r"\d", line) for line in it_lines)
    pages = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+([3-9]|\d\d)", pages)


def test_a_requested_report_is_made_by_the_task_and_served_only_to_the_organisation(world: Any) -> None:
    org, _cases, users = world
    client = _client(users, Role.CLIENT_VIEWER)
    response = client.post(f"/o/{org.slug}/reports/", {"from": "2025-01", "to": "2025-12"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    job = ReportJob.objects.get(organisation=org)
    assert (job.status, job.filters, job.language) == ("queued", {"from": "2025-01", "to": "2025-12"}, "en")
    assert 'hx-trigger="every 1s"' in response.content.decode()
    make_report_now(job)
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)
    status = client.get(f"/o/{org.slug}/reports/status/?job={job.id}", HTTP_HX_REQUEST="true").content.decode()
    assert f"/o/{org.slug}/reports/download/?job={job.id}" in status
    download = client.get(f"/o/{org.slug}/reports/download/?job={job.id}")
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF")
    other = build_org("Bakkerij Zuid")
    outsider = build_user(other, Role.CONSULTANT)
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(f"/o/{org.slug}/reports/download/?job={job.id}").status_code == 404
    ReportJob.objects.filter(organisation=org).delete()


def test_client_roles_see_only_what_was_shared_with_a_name_and_never_the_transcript(world: Any) -> None:
    org, cases, users = world
    case = cases[0]
    leaver_words = Message.objects.filter(interview=case.interview, role="leaver").order_by("seq").first()
    assert leaver_words is not None
    url = f"/o/{org.slug}/cases/{case.interview.id}/report/"
    consultant = _client(users, Role.CONSULTANT).get(url).content.decode()
    assert 'data-testid="transcript"' in consultant
    assert "understaffed" in consultant
    assert "Manager &amp; leadership" in consultant
    for role in (Role.CLIENT_ADMIN, Role.CLIENT_VIEWER):
        page = _client(users, role).get(url).content.decode()
        assert 'data-testid="transcript"' not in page
        assert "understaffed" not in page  # anonymous statements and the transcript stay out
        # Nothing was linked to the case: no per-case reasons either (they would come from anonymous statements).
        assert "Manager &amp; leadership" not in page
        assert 'data-testid="interview-reasons"' not in page
        assert "No statements were shared with the leaver's name." in page


def test_the_dashboard_structure_is_the_same_in_dutch(world: Any) -> None:
    org, _cases, _users = world
    dash = build_dashboard(_access(org), Filters(language="nl"))
    assert dash.headlines[0].label in ("Leavers", "Vertrekkers")
    assert dash.insights.reasons[0].label in ("Leidinggevende & leiderschap", "Werkdruk & balans")
    assert insights(_access(org)).leavers.value == 8


def test_the_report_command_writes_a_pdf_for_a_period(world: Any, tmp_path: Path) -> None:

    org, _cases, _users = world
    out = tmp_path / "report.pdf"
    stdout = io.StringIO()
    call_command("report", org=org.slug, start="2025-01", end="2025-12", lang="nl", out=str(out), stdout=stdout)
    assert out.read_bytes().startswith(b"%PDF")
    assert stdout.getvalue().startswith(f"Wrote {out} (")
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert "januari 2025 tot en met december 2025" in text  # the period in words, in the report's language
