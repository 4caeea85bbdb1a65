"""Erasure reaches generated PDF reports (issue 16): they are encrypted at rest and owner-only, and a leaver's
withdrawal (or retention) deletes every report that counts them and has it made again without them."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import Client
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from spiegel.privacy.crypto import decrypt_bytes
from spiegel.privacy.jobs.keys import rotate_keys
from spiegel.privacy.jobs.retention import purge
from spiegel.reports.making import make_report_now
from spiegel.reports.models import ReportJob
from spiegel.reports.queries import reports_dir
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import CompletedCase, build_analysed_case, build_api_key, build_org, build_user

pytestmark = pytest.mark.django_db

# Each leaver names one thing nobody else does, so that their words can be found wherever they went.
WORDS = ("quokka", "axolotl", "pangolin", "narwhal")
LEFT = dt.date(2025, 5, 14)


def _answers(word: str) -> tuple[str, ...]:
    return (
        f"I am leaving because my manager never gave any feedback on the {word} rota. I had no appraisal for years.",
        "The workload was far too high, we were always understaffed on the ward.",
        "The salary at my new job is fifteen percent higher.",
    )


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> tuple[Organisation, list[CompletedCase], Client]:
    settings.DATA_DIR = tmp_path / "data"  # this test's own data directory, so that a scan sees only its files
    settings.DATA_DIR.mkdir()
    org = build_org("Ziekenhuis West")
    Organisation.objects.filter(pk=org.pk).update(min_group_size=3)
    org.refresh_from_db()
    cases = [
        build_analysed_case(org, _answers(w), language="en", department="Verpleging", leave_date=LEFT) for w in WORDS
    ]
    viewer = Client()
    viewer.force_login(build_user(org, Role.CLIENT_VIEWER))
    return org, cases, viewer


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "seen.pdf"  # outside the data directory
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _made_report(org: Organisation, viewer: Client) -> ReportJob:
    assert viewer.post(f"/o/{org.slug}/reports/", {"from": "2025-01", "to": "2025-12"}).status_code == 302
    job = make_report_now(ReportJob.objects.get(organisation=org))
    assert job.status == "done"
    return job


def _download(org: Organisation, viewer: Client, job: ReportJob) -> Any:
    return viewer.get(f"/o/{org.slug}/reports/download/?job={job.id}")


def _every_file_under_the_data_directory() -> list[Path]:

    return [p for p in Path(settings.DATA_DIR).rglob("*") if p.is_file()]


def _files_holding(word: str, tmp_path: Path) -> list[Path]:
    """Every file under the data directory holding `word`, as stored or (reports) decrypted."""
    found = []
    for path in _every_file_under_the_data_directory():
        data = path.read_bytes()
        if word.encode() in data or (path.parent == reports_dir() and word in _pdf_text(decrypt_bytes(data), tmp_path)):
            found.append(path)
    return found


def test_a_report_is_encrypted_on_disk_and_readable_by_the_service_only(world: Any, tmp_path: Path) -> None:
    org, _cases, viewer = world
    job = _made_report(org, viewer)
    path = reports_dir() / job.file_name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(reports_dir().stat().st_mode) == 0o700
    stored = path.read_bytes()
    assert not stored.startswith(b"%PDF")
    shown = _pdf_text(decrypt_bytes(stored), tmp_path)
    quoted = [w for w in WORDS if w in shown]
    assert quoted, shown  # the report does quote leavers, which is why it must be protected
    assert not any(w.encode() in stored for w in WORDS)
    download = _download(org, viewer, job)
    assert download.status_code == 200
    assert download.content == decrypt_bytes(stored)


def test_a_withdrawal_deletes_every_report_with_the_leaver_and_the_remade_one_leaves_them_out(
    world: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:

    org, cases, viewer = world
    job = _made_report(org, viewer)
    shown = _pdf_text(_download(org, viewer, job).content, tmp_path)
    word = next(w for w in WORDS if w in shown)
    leaver = cases[WORDS.index(word)]
    assert _files_holding(word, tmp_path) == [reports_dir() / job.file_name]  # the scan does find them
    # A report of a period the leaver is not in does not count them, and stays.
    assert viewer.post(f"/o/{org.slug}/reports/", {"from": "2024-01", "to": "2024-12"}).status_code == 302
    earlier = make_report_now(ReportJob.objects.get(organisation=org, filters__to="2024-12"))
    assert (earlier.status, earlier.cases.count()) == ("done", 0)

    with django_capture_on_commit_callbacks(execute=True):
        page = Client().post(f"/r/{leaver.receipt}/withdraw/", {"confirm": "yes"})
    assert page.status_code == 200
    leaver.interview.refresh_from_db()
    assert leaver.interview.status == "withdrawn"

    # At once: nothing left to download, no file of the report on disk, and the report is queued again.
    assert _download(org, viewer, job).status_code == 404
    assert list(reports_dir().glob(f"{job.id}*")) == []
    job.refresh_from_db()
    assert (job.status, job.file_name, job.attempt, job.cases.count()) == ("queued", "", 1, 0)
    queued = DBTaskResult.objects.filter(task_path="spiegel.reports.tasks.make_report")
    assert [r.args_kwargs["args"] for r in queued if r.args_kwargs["args"] == [str(job.id)]] == [[str(job.id)]]
    assert ReportJob.objects.get(pk=earlier.pk).status == "done"
    assert _download(org, viewer, earlier).status_code == 200

    # No file anywhere under the data directory holds the leaver's words, decrypted or not.
    assert _files_holding(word, tmp_path) == []

    # The worker makes it again, without them: three leavers still meet k = 3.
    job = make_report_now(job)
    assert job.status == "done"
    assert set(job.cases.values_list("pk", flat=True)) == {c.interview.pk for c in cases if c is not leaver}
    again = _pdf_text(_download(org, viewer, job).content, tmp_path)
    assert word not in again
    assert "3" in again


def _xlsx_text(body: bytes) -> str:
    workbook = load_workbook(io.BytesIO(body))
    return "\n".join(str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True) for v in row if v)


def _every_downloadable(org: Organisation, viewer: Client, leaver: CompletedCase, tmp_path: Path) -> dict[str, str]:
    """The text of everything the organisation, the API and the leaver's own links can download, by where."""
    api = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}")
    shown: dict[str, str] = {"dashboard": viewer.get(f"/o/{org.slug}/dashboard/").content.decode()}
    for what in ("aggregates", "statements"):
        csv_body = viewer.get(f"/o/{org.slug}/export/?what={what}&format=csv")
        shown[f"{what}.csv"] = csv_body.content.decode("utf-8-sig")
        shown[f"{what}.xlsx"] = _xlsx_text(viewer.get(f"/o/{org.slug}/export/?what={what}&format=xlsx").content)
    for job in ReportJob.objects.filter(organisation=org):
        download = _download(org, viewer, job)
        shown[f"report {job.id}"] = _pdf_text(download.content, tmp_path) if download.status_code == 200 else ""
    shown["insights api"] = json.dumps(api.get("/api/v1/insights?language=en").json())
    shown["case report"] = viewer.get(f"/o/{org.slug}/cases/{leaver.interview.id}/report/").content.decode()
    record_pdf = Client().get(f"/r/{leaver.receipt}/record.pdf")
    shown["record.pdf"] = _pdf_text(record_pdf.content, tmp_path) if record_pdf.status_code == 200 else ""
    shown["record.json"] = Client().get(f"/r/{leaver.receipt}/record.json").content.decode()
    shown["record api"] = Client().get(f"/api/v1/conversations/{leaver.receipt}/record").content.decode()
    shown["receipt page"] = Client().get(f"/r/{leaver.receipt}/").content.decode()
    return shown


def test_after_a_withdrawal_no_file_under_the_data_directory_and_no_downloadable_holds_the_leavers_words(
    world: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:

    org, cases, viewer = world
    _made_report(org, viewer)
    leaver = cases[0]
    word = WORDS[0]
    before = _every_downloadable(org, viewer, leaver, tmp_path)
    # The scan does find the words: in the shared statements, and in the leaver's own record.
    holding = {where for where, text in before.items() if word in text}
    assert {"statements.csv", "statements.xlsx", "record.pdf", "record.json", "record api"} <= holding, holding

    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(f"/r/{leaver.receipt}/withdraw/", {"confirm": "yes"}).status_code == 200
    for job in ReportJob.objects.filter(organisation=org, status="queued"):
        make_report_now(job)  # what the worker does next: the report again, without them

    after = _every_downloadable(org, viewer, leaver, tmp_path)
    assert set(after) == set(before)
    assert [where for where, text in after.items() if word in text] == []
    # The exports were made in memory and sent: nothing of them, or of anything else, stays on disk.
    assert _files_holding(word, tmp_path) == []
    assert all(w in after["statements.csv"] for w in WORDS[1:] if w in before["statements.csv"])


def test_retention_deletes_reports_that_quote_purged_statements(world: Any) -> None:
    org, _cases, viewer = world
    job = _made_report(org, viewer)
    assert list(reports_dir().glob(f"{job.id}*")) != []
    result = purge(now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    assert result.statements == len(WORDS)
    job.refresh_from_db()
    assert (job.status, job.file_name) == ("queued", "")
    assert list(reports_dir().glob(f"{job.id}*")) == []
    assert _download(org, viewer, job).status_code == 404


def test_deleting_a_report_or_its_organisation_deletes_its_file(world: Any) -> None:
    org, _cases, viewer = world
    job = _made_report(org, viewer)
    assert list(reports_dir().glob(f"{job.id}*")) != []
    Organisation.objects.filter(pk=org.pk).delete()
    assert list(reports_dir().glob(f"{job.id}*")) == []


def test_key_rotation_re_encrypts_reports_and_old_plain_ones(world: Any, settings: Any) -> None:
    org, _cases, viewer = world
    job = _made_report(org, viewer)
    legacy = ReportJob.objects.create(organisation=org, status="done", file_name="")
    (reports_dir() / f"{legacy.id}.pdf").write_bytes(b"%PDF-1.7\nplain\n")
    ReportJob.objects.filter(pk=legacy.pk).update(file_name=f"{legacy.id}.pdf")
    before = _download(org, viewer, job).content
    new_key = Fernet.generate_key().decode()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new_key, *settings.SPIEGEL_ENCRYPTION_KEYS]
    counts = rotate_keys()
    assert counts["report files"] == 2
    settings.SPIEGEL_ENCRYPTION_KEYS = [new_key]  # the old key is gone: the reports still open
    assert _download(org, viewer, job).content == before
    sealed = (reports_dir() / f"{legacy.id}.pdf").read_bytes()
    assert not sealed.startswith(b"%PDF")
    assert stat.S_IMODE((reports_dir() / f"{legacy.id}.pdf").stat().st_mode) == 0o600
    assert _download(org, viewer, legacy).content == b"%PDF-1.7\nplain\n"
