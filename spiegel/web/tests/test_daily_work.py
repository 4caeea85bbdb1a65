"""The practitioner's daily pages (issue 15): what a consultant opens every day shows its content, not
internal strings, and behaves as a form should."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from django.views.defaults import server_error

from spiegel.interviews.models import Interview, Message, Status
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import TEST_PASSWORD, CompletedCase, build_case, build_completed_case, build_org, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed() -> CompletedCase:
    return build_completed_case(build_org("Zorggroep Noord"), language="nl")


def _consultant(completed: CompletedCase) -> Client:
    client = Client()
    user = build_user(completed.interview.organisation, Role.CONSULTANT)
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


@pytest.mark.parametrize("page", ["transcript", "report"])
def test_the_transcript_and_the_interview_report_show_the_conversation_and_no_message_boxes(
    completed: CompletedCase, page: str
) -> None:
    interview = completed.interview
    html = _consultant(completed).get(f"/o/{interview.organisation.slug}/cases/{interview.id}/{page}/").content
    text = html.decode()
    first = Message.objects.filter(interview=interview, role="leaver").order_by("seq").first()
    assert first is not None
    assert 'class="flash"' not in text
    assert "#1 interviewer" not in text
    assert f"{interview.id}#" not in text
    assert text.count('class="msg msg-') == Message.objects.filter(interview=interview).count()
    assert first.text[:30] in text


def test_the_api_docs_page_loads_swagger_ui_only_from_spiegel_s_own_static_files() -> None:
    response = Client().get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    references = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in references
    assert "/static/ninja/swagger-ui.css" in references
    assert [r for r in references if not r.startswith("/static/")] == []
    assert "http://" not in html and "https://" not in html
    assert '"validatorUrl": null' in html
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200


CASE = {
    "language": "nl",
    "department": "Verpleging",
    "role_title": "Verpleegkundige",
    "tenure_months": "30",
    "leave_type": "resignation",
    "mode": "self",
    "regrettable": "unknown",
}


def _consultant_of(org: Organisation) -> Client:
    client = Client()
    user = build_user(org, Role.CONSULTANT)
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "en",
            ["Give the department the leaver works in.", "Give the leaver&#x27;s role, for example &#x27;Nurse&#x27;."],
        ),
        ("nl", ["Vul de afdeling in waar de vertrekker werkt.", "Vul de functie van de vertrekker in, bijvoorbeeld"]),
    ],
)
def test_an_empty_new_case_form_names_the_missing_fields_and_opens_no_case(language: str, messages: list[str]) -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    response = client.post(
        f"/o/{org.slug}/cases/new/",
        {"language": "nl", "leave_type": "resignation", "mode": "self", "regrettable": "unknown"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert [m for m in messages if m not in html] == []
    assert Interview.objects.count() == 0


def test_a_new_case_redirects_to_its_link_which_a_reload_does_not_show_again_nor_duplicate() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    response = client.post(f"/o/{org.slug}/cases/new/", CASE)
    interview = Interview.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/o/{org.slug}/cases/{interview.id}/link/")
    first = client.get(response["Location"]).content.decode()
    assert 'data-testid="invite-link"' in first
    again = client.get(response["Location"])
    assert again.status_code == 200
    assert 'data-testid="invite-link"' not in again.content.decode()
    assert 'data-testid="link-shown"' in again.content.decode()
    assert Interview.objects.count() == 1


def test_renewing_a_link_redirects_and_shows_the_new_link_once() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    client.post(f"/o/{org.slug}/cases/new/", CASE)
    interview = Interview.objects.get()
    client.get(f"/o/{org.slug}/cases/{interview.id}/link/")
    response = client.post(f"/o/{org.slug}/cases/{interview.id}/renew/")
    assert (response.status_code, response["Location"]) == (302, f"/o/{org.slug}/cases/{interview.id}/link/")
    page = client.get(response["Location"]).content.decode()
    assert "A new link" in page
    link = page.split('data-testid="invite-link" readonly value="')[1].split('"')[0]
    assert Client().get(link.replace("http://127.0.0.1:8000", "")).status_code == 200


def test_a_second_case_for_the_same_department_and_role_asks_before_it_is_opened() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    client.post(f"/o/{org.slug}/cases/new/", CASE)
    first = Interview.objects.get()
    warned = client.post(f"/o/{org.slug}/cases/new/", {**CASE, "department": "verpleging "})
    html = warned.content.decode()
    assert warned.status_code == 409
    assert 'data-testid="duplicate-warning"' in html
    assert f"/o/{org.slug}/cases/{first.id}/" in html
    assert Interview.objects.count() == 1
    confirmed = client.post(f"/o/{org.slug}/cases/new/", {**CASE, "confirm_duplicate": "yes"})
    assert confirmed.status_code == 302
    assert Interview.objects.count() == 2


def test_another_role_in_the_same_department_opens_without_a_warning() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    client.post(f"/o/{org.slug}/cases/new/", CASE)
    response = client.post(f"/o/{org.slug}/cases/new/", {**CASE, "role_title": "Teamleider"})
    assert response.status_code == 302
    assert Interview.objects.count() == 2


def test_a_case_leaving_in_another_month_or_already_closed_opens_without_a_warning() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    leaving = timezone.localdate() + dt.timedelta(days=20)
    client.post(f"/o/{org.slug}/cases/new/", {**CASE, "leave_date": leaving.isoformat()})
    same_month = client.post(f"/o/{org.slug}/cases/new/", {**CASE, "leave_date": leaving.replace(day=1).isoformat()})
    assert same_month.status_code == 409
    next_month = (leaving.replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    later = client.post(f"/o/{org.slug}/cases/new/", {**CASE, "leave_date": next_month.isoformat()})
    assert later.status_code == 302
    Interview.objects.update(status=Status.COMPLETED)
    again = client.post(f"/o/{org.slug}/cases/new/", {**CASE, "leave_date": leaving.isoformat()})
    assert again.status_code == 302
    assert Interview.objects.count() == 3


def test_a_case_keeps_its_reference_when_an_older_case_is_deleted() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    first, second = build_case(org, department="Verpleging"), build_case(org, department="Keuken")
    year = timezone.localdate().year
    assert Interview.objects.get(pk=second.interview.pk).reference == f"ZN-{year}-002"
    Interview.objects.filter(pk=first.interview.pk).delete()
    third = build_case(org, department="Thuiszorg")
    assert _refs(client.get(f"/o/{org.slug}/cases/").content.decode()) == [f"ZN-{year}-003", f"ZN-{year}-002"]
    assert third.interview.reference == f"ZN-{year}-003"
    assert _refs(client.get(f"/o/{org.slug}/cases/?q={year}-2").content.decode()) == [f"ZN-{year}-002"]
    assert _refs(client.get(f"/o/{org.slug}/cases/?q=zn-{year}-0003").content.decode()) == [f"ZN-{year}-003"]


def test_each_organisation_numbers_its_own_cases() -> None:
    noord, bright = build_org("Zorggroep Noord"), build_org("Bright Logistics")
    year = timezone.localdate().year
    build_case(noord)
    assert build_case(bright).interview.reference == f"BL-{year}-001"
    assert build_case(noord).interview.reference == f"ZN-{year}-002"


def _refs(html: str) -> list[str]:
    return re.findall(r'data-testid="case-ref">([^<]+)<', html)


def test_each_case_has_a_short_reference_numbered_in_the_order_cases_were_opened() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    for department in ("Verpleging", "Thuiszorg", "Keuken"):
        build_case(org, department=department)
    year = timezone.now().year
    html = client.get(f"/o/{org.slug}/cases/").content.decode()
    assert _refs(html) == [f"ZN-{year}-003", f"ZN-{year}-002", f"ZN-{year}-001"]
    found = client.get(f"/o/{org.slug}/cases/?q=ZN-{year}-002").content.decode()
    assert _refs(found) == [f"ZN-{year}-002"]
    assert "Thuiszorg" in found.split("<tbody>")[1]
    oldest = client.get(f"/o/{org.slug}/cases/?sort=oldest").content.decode()
    assert _refs(oldest) == [f"ZN-{year}-001", f"ZN-{year}-002", f"ZN-{year}-003"]


def test_the_case_list_searches_filters_by_mode_and_flag_and_pages() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    for n in range(27):
        build_case(org, department="Verpleging", role_title=f"Rol {n}")
    human = build_case(org, department="Keuken", role_title="Kok", mode="interviewer")
    Interview.objects.filter(pk=human.interview.pk).update(flagged=True)
    first = client.get(f"/o/{org.slug}/cases/").content.decode()
    assert len(_refs(first)) == 25
    assert "28 cases" in first and "Page 1 of 2" in first
    second = client.get(f"/o/{org.slug}/cases/?sort=newest&page=2").content.decode()
    assert len(_refs(second)) == 3
    assert client.get(f"/o/{org.slug}/cases/?q=kok").content.decode().count('data-testid="case-ref"') == 1
    flagged = client.get(f"/o/{org.slug}/cases/?flagged=yes").content.decode()
    assert len(_refs(flagged)) == 1 and "Disclosure: follow up" in flagged
    assert len(_refs(client.get(f"/o/{org.slug}/cases/?mode=interviewer").content.decode())) == 1
    assert len(_refs(client.get(f"/o/{org.slug}/cases/?mode=self&flagged=no").content.decode())) == 25


def test_a_client_admin_sees_neither_the_flag_nor_its_filter() -> None:
    org = build_org("Zorggroep Noord")
    human = build_case(org, department="Keuken")
    Interview.objects.filter(pk=human.interview.pk).update(flagged=True)
    client = Client()
    user = build_user(org, Role.CLIENT_ADMIN)
    assert client.login(username=user.username, password=TEST_PASSWORD)
    html = client.get(f"/o/{org.slug}/cases/?flagged=no").content.decode()
    assert len(_refs(html)) == 1
    assert "Disclosure: follow up" not in html and 'name="flagged"' not in html


@pytest.mark.parametrize(("language", "heading"), [("en", "Page not found"), ("nl", "Pagina niet gevonden")])
def test_an_unknown_address_shows_spiegel_s_own_404_page_in_the_reader_s_language(language: str, heading: str) -> None:
    response = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{heading}</h1>" in html
    assert f'<html lang="{language}">' in html
    assert "/static/spiegel/staff.css" in html


@pytest.mark.parametrize(("language", "heading"), [("en", "No access"), ("nl", "Geen toegang")])
def test_a_page_the_role_may_not_open_shows_spiegel_s_own_403_page(language: str, heading: str) -> None:
    org = build_org("Zorggroep Noord")
    client = Client()
    user = build_user(org, Role.CLIENT_VIEWER)
    assert client.login(username=user.username, password=TEST_PASSWORD)
    response = client.get(f"/o/{org.slug}/cases/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in response.content.decode()


@pytest.mark.parametrize(("language", "heading"), [("en", "Something went wrong"), ("nl", "Er ging iets mis")])
def test_a_server_error_shows_spiegel_s_own_500_page(language: str, heading: str) -> None:

    with translation.override(language):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_case_page_shows_the_reference_and_to_a_consultant_the_disclosure_flag() -> None:
    org = build_org("Zorggroep Noord")
    client = _consultant_of(org)
    build_case(org)
    second = build_case(org)
    Interview.objects.filter(pk=second.interview.pk).update(flagged=True)
    html = client.get(f"/o/{org.slug}/cases/{second.interview.id}/").content.decode()
    assert f'data-testid="case-reference">ZN-{timezone.now().year}-002<' in html
    assert "Disclosure: follow up" in html
