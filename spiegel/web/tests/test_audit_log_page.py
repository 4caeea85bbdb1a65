"""The audit log page (issue 15): events in words, filters by kind, person and dates, paging, CSV export."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit, log_interview_view
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Organisation, Role, User
from spiegel.web.audit_labels import EVENT_LABELS
from tests.support.builders import build_audited_case, build_case, build_org, build_user, signed_in

pytestmark = pytest.mark.django_db

SPIEGEL = Path(__file__).resolve().parents[2]


def _consultant(org: Organisation) -> tuple[Client, User]:
    user = build_user(org, Role.CONSULTANT, username="eva")
    return signed_in(user), user


def _rows(page: str) -> int:
    return page.count('data-testid="audit-event"')


def test_every_action_code_spiegel_records_has_a_label() -> None:
    source = "\n".join(p.read_text() for p in SPIEGEL.rglob("*.py") if "tests" not in p.parts)
    calls = re.findall(
        r"log_(?:audit|case_event|organisation_view)\(\s*[^,]+,\s*(?:[^,]+,\s*)?f?\"([a-z_]+\.[a-z_{}.]+)\"", source
    )
    codes = {c for c in calls if "{" not in c} | {"conversation.confirmed", "conversation.other_moment"}
    codes |= set(re.findall(r'event="([a-z_]+\.[a-z_]+)"', source))
    assert "retention.purged" in codes and "case.opened" in codes
    assert sorted(codes - set(EVENT_LABELS)) == []


def test_the_log_shows_events_in_words_and_never_their_codes() -> None:
    org = build_org("Zorggroep Noord")
    client, user = _consultant(org)
    build_audited_case(org, user)
    for lang, expected in (
        ("en", ["individual interview opened: the whole report", "deleted by retention", "case opened", "ZN-"]),
        ("nl", ["individueel gesprek geopend: het hele verslag", "gewist na de bewaartermijn", "dossier geopend"]),
    ):
        page = client.get(f"/o/{org.slug}/audit/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        for text in expected:
            assert text in page, (lang, text)
        body = page.split("<table", 1)[1]
        for code in ("retention.purged", "interview.viewed", "case.opened", "report (whole)"):
            assert code not in body


def test_filtering_by_kind_person_and_dates_shows_only_what_matches() -> None:
    org = build_org()
    client, eva = _consultant(org)
    bob = build_user(org, Role.CONSULTANT, username="bob")
    built = build_case(org)
    log_interview_view(Actor.for_user(eva), built.interview, "transcript")
    log_interview_view(Actor.for_user(bob), built.interview, "transcript")
    old = log_interview_view(Actor.for_user(bob), built.interview, "statements")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.make_aware(dt.datetime(2026, 1, 15, 12)))
    base = f"/o/{org.slug}/audit/?action=interview.viewed"
    assert _rows(client.get(base).content.decode()) == 3
    assert _rows(client.get(f"{base}&who={bob.public_id}").content.decode()) == 2
    assert _rows(client.get(f"{base}&who={bob.public_id}&from=2026-01-15&to=2026-01-15").content.decode()) == 1
    assert _rows(client.get(f"{base}&to=2026-01-14").content.decode()) == 0
    assert (
        _rows(client.get(f"/o/{org.slug}/audit/?who=system").content.decode())
        == AuditEvent.objects.filter(organisation=org, actor__isnull=True).count()
    )


def test_a_start_after_the_end_is_explained_and_shows_nothing_rather_than_everything() -> None:
    org = build_org()
    client, user = _consultant(org)
    log_audit(Actor.for_user(user), "apikey.created", organisation=org)
    response = client.get(f"/o/{org.slug}/audit/?from=2026-05-02&to=2026-05-01", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    assert "The start date 2 May 2026 is later than the end date 1 May 2026. Choose a start on or before" in page
    assert _rows(page) == 0
    assert 'value="2026-05-02"' in page
    bad_date = client.get(f"/o/{org.slug}/audit/?from=gisteren", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter a date such as 2026-03-31." in bad_date
    assert _rows(bad_date) == 0
    export = client.get(f"/o/{org.slug}/audit/export/?from=2026-05-02&to=2026-05-01", HTTP_ACCEPT_LANGUAGE="en")
    assert export.status_code == 400
    assert not AuditEvent.objects.filter(action="audit.exported").exists()


def test_the_log_pages_by_fifty_and_keeps_the_filters_in_the_page_links() -> None:
    org = build_org()
    client, user = _consultant(org)
    AuditEvent.objects.bulk_create(
        AuditEvent(organisation=org, actor=user, actor_label="user:eva", action="apikey.created") for _ in range(60)
    )
    first = client.get(f"/o/{org.slug}/audit/?action=apikey.created").content.decode()
    assert _rows(first) == 50
    assert 'href="?action=apikey.created&amp;page=2"' in first
    assert _rows(client.get(f"/o/{org.slug}/audit/?action=apikey.created&page=2").content.decode()) == 10


def test_the_csv_export_holds_the_filtered_events_in_words_and_is_itself_audited() -> None:
    org = build_org("Zorggroep Noord")
    client, user = _consultant(org)
    built = build_case(org)
    log_interview_view(Actor.for_user(user), built.interview, "transcript")
    response = client.get(f"/o/{org.slug}/audit/export/?action=interview.viewed", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0] == "When,Who,What,Concerning"
    assert len(lines) == 2
    year = timezone.localdate().year
    assert lines[1].split(",", 1)[1] == f"eva,individual interview opened: the transcript,ZN-{year}-001"
    exported = AuditEvent.objects.get(organisation=org, action="audit.exported")
    assert exported.actor == user
    assert exported.detail == {"rows": 1, "filters": {"action": "interview.viewed"}}


@pytest.mark.parametrize("role", [Role.CLIENT_ADMIN, Role.CLIENT_VIEWER, Role.INTERVIEWER])
def test_only_consultants_read_or_export_the_log(role: str) -> None:
    org = build_org()
    client = Client()
    client.force_login(build_user(org, role))
    assert client.get(f"/o/{org.slug}/audit/").status_code == 403
    assert client.get(f"/o/{org.slug}/audit/export/").status_code == 403
    outsider = Client()
    outsider.force_login(build_user(build_org(), Role.CONSULTANT))
    assert outsider.get(f"/o/{org.slug}/audit/export/").status_code == 404
    assert not AuditEvent.objects.filter(action="audit.exported").exists()
