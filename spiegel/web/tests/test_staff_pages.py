from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from spiegel.interviews.models import Interview, Status
from spiegel.tenancy.models import Role
from tests.support.builders import TEST_PASSWORD, build_case, build_org, build_user

pytestmark = pytest.mark.django_db


def _login(role: str = Role.CONSULTANT) -> tuple[Client, Any]:
    org = build_org("Zorggroep Noord")
    user = build_user(org, role)
    client = Client()
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client, org


def test_opening_a_case_shows_the_invitation_link_once(client: Client) -> None:
    client, org = _login()
    response = client.post(
        f"/o/{org.slug}/cases/new/",
        {
            "language": "nl",
            "department": "Verpleging",
            "role_title": "Verpleegkundige",
            "tenure_months": "30",
            "leave_type": "resignation",
            "mode": "self",
            "regrettable": "yes",
        },
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert response["Location"] == f"/o/{org.slug}/cases/{interview.id}/link/"
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="invite-link"' in page
    link = page.split('data-testid="invite-link" readonly value="')[1].split('"')[0]
    assert link.startswith("http://127.0.0.1:8000/i/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert Client().get(f"/i/{token}/").status_code == 200
    assert (interview.regrettable, interview.department.name if interview.department else None) == (
        "yes",
        "Verpleging",
    )
    detail = client.get(f"/o/{org.slug}/cases/{interview.id}/").content.decode()
    assert token not in detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tenure_months", "-3", "greater than or equal to 0"),
        ("tenure_months", "veel", "Enter a whole number"),
        ("language", "de", "Select a valid choice"),
        ("leave_date", "31-31-2026", "Enter a valid date"),
        ("email", "geen-adres", "Enter a valid email address"),
        ("leave_date", "1990-01-01", "within three years"),
    ],
)
def test_bad_input_on_the_case_form_shows_a_clear_error_and_writes_nothing(
    field: str, value: str, message: str
) -> None:
    client, org = _login()
    data = {
        "language": "nl",
        "department": "Verpleging",
        "role_title": "Verpleegkundige",
        "leave_type": "resignation",
        "mode": "self",
        "regrettable": "unknown",
        field: value,
    }
    response = client.post(f"/o/{org.slug}/cases/new/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Interview.objects.count() == 0


def test_the_case_list_filters_by_status_and_department() -> None:
    client, org = _login(Role.CLIENT_ADMIN)
    a = build_case(org, department="Verpleging")
    build_case(org, department="Thuiszorg")
    page = client.get(f"/o/{org.slug}/cases/?status=invited&department={a.interview.department_id}").content.decode()
    assert page.count("/cases/" + str(a.interview.id)) == 1
    assert "Thuiszorg" not in page.split("<tbody>")[1]
    assert "No cases match" in client.get(f"/o/{org.slug}/cases/?status=completed").content.decode()


def test_an_interviewer_sees_only_assigned_cases() -> None:
    org = build_org()
    interviewer = build_user(org, Role.INTERVIEWER)
    mine = build_case(org, assigned_interviewer=interviewer)
    other = build_case(org)
    client = Client()
    client.login(username=interviewer.username, password=TEST_PASSWORD)
    page = client.get(f"/o/{org.slug}/cases/").content.decode()
    assert str(mine.interview.id) in page and str(other.interview.id) not in page
    assert client.get(f"/o/{org.slug}/cases/{other.interview.id}/").status_code == 404


def test_withdrawing_a_case_from_the_page_closes_it() -> None:
    client, org = _login(Role.CLIENT_ADMIN)
    built = build_case(org)
    client.post(f"/o/{org.slug}/cases/{built.interview.id}/withdraw/")
    built.interview.refresh_from_db()
    assert built.interview.status == Status.WITHDRAWN


def test_pages_speak_dutch_to_a_dutch_browser() -> None:
    client, org = _login()
    page = client.get(f"/o/{org.slug}/cases/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Een dossier openen" in page


def test_creating_an_api_key_on_the_page_shows_it_once() -> None:
    client, org = _login(Role.CLIENT_ADMIN)
    page = client.post(f"/o/{org.slug}/apikeys/", {"name": "HR-systeem"}, follow=True).content.decode()
    key = page.split('data-testid="new-key" readonly value="')[1].split('"')[0]
    assert key.startswith("spk_")
    assert key not in client.get(f"/o/{org.slug}/apikeys/").content.decode()
