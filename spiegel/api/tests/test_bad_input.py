"""Bad input at the API's boundary: a clear 4xx with the field named, never a server error, nothing written."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from spiegel.analysis.queries import MONTH_PATTERN
from spiegel.interviews.actions import leave_date_window
from spiegel.interviews.conversation import post_message
from spiegel.interviews.models import Interview, Message
from spiegel.tenancy.models import Department, Role
from tests.support.builders import TEST_PASSWORD, build_api_key, build_case, build_org, build_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_and_key() -> tuple[Any, str]:
    org = build_org()
    return org, build_api_key(org)


def _get(client: Client, key: str, url: str) -> Any:
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")


def _post(client: Client, key: str, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_page_number_beyond_any_integer_is_refused_with_422(client: Client, org_and_key: tuple[Any, str]) -> None:
    _org, key = org_and_key
    response = _get(client, key, "/api/v1/interviews?page=99999999999999999999")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "page"
    assert _get(client, key, "/api/v1/interviews?page=100000").status_code == 200


@pytest.mark.parametrize(
    ("query", "field"), [("from=9999-12&to=9999-12", "from"), ("from=2025-13", "from"), ("to=1899-12", "to")]
)
def test_a_month_outside_the_calendar_range_is_refused_with_422(
    client: Client, org_and_key: tuple[Any, str], query: str, field: str
) -> None:
    _org, key = org_and_key
    response = _get(client, key, f"/api/v1/insights?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_the_dashboard_shows_a_period_outside_the_range_as_an_error_not_a_crash(client: Client) -> None:
    org = build_org()
    user = build_user(org, Role.CLIENT_VIEWER)
    client.login(username=user.username, password=TEST_PASSWORD)
    response = client.get(f"/o/{org.slug}/dashboard/?from=9999-12&to=9999-12&department=Zorg%00")
    assert response.status_code == 422
    assert "between 1900-01 and 2100-12" in response.content.decode()


def test_the_month_format_is_in_the_openapi_schema(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/insights"]["get"]["parameters"]}
    patterns = [
        next(alt["pattern"] for alt in params[name]["schema"]["anyOf"] if alt.get("type") == "string")
        for name in ("from", "to")
    ]
    assert patterns == [MONTH_PATTERN, MONTH_PATTERN]


@pytest.mark.parametrize("field", ["department", "role", "email"])
def test_a_control_character_in_a_case_field_is_refused_with_422_and_nothing_is_written(
    client: Client, org_and_key: tuple[Any, str], field: str
) -> None:
    org, key = org_and_key
    response = _post(client, key, "/api/v1/interviews", {"language": "nl", field: "Zorg\x00team"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not Interview.objects.filter(organisation=org).exists()
    assert not Department.objects.filter(organisation=org).exists()


def test_a_control_character_in_the_insights_department_is_refused_with_422(
    client: Client, org_and_key: tuple[Any, str]
) -> None:
    _org, key = org_and_key
    response = _get(client, key, "/api/v1/insights?department=Zorg%00")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "department"


def test_a_control_character_in_client_id_is_removed_and_the_answer_taken(client: Client) -> None:
    built = build_case(build_org(), language="nl")
    body = {"text": "Het rooster was onmogelijk.", "client_id": "abc\x00def"}
    response = client.post(
        f"/api/v1/conversations/{built.token}/messages", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422  # the schema refuses it at the boundary ...
    assert Message.objects.filter(interview=built.interview, role="leaver").count() == 0

    post_message(built.interview, "Het rooster was onmogelijk.", client_id="abc\x00def")  # ... and the domain strips it
    assert Message.objects.get(interview=built.interview, role="leaver").client_id == "abcdef"


def test_leave_dates_on_both_edges_of_the_window_are_taken_and_one_day_beyond_is_refused(
    client: Client, org_and_key: tuple[Any, str]
) -> None:
    _org, key = org_and_key
    earliest, latest = leave_date_window(timezone.localdate())
    for day in (earliest, latest):
        response = _post(client, key, "/api/v1/interviews", {"language": "en", "leave_date": day.isoformat()})
        assert response.status_code == 201, (day, response.content)
    for day in (earliest - dt.timedelta(days=1), latest + dt.timedelta(days=1)):
        response = _post(client, key, "/api/v1/interviews", {"language": "en", "leave_date": day.isoformat()})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "leave_date"


def test_the_window_counts_calendar_years_across_29_february() -> None:
    assert leave_date_window(dt.date(2028, 2, 29)) == (dt.date(2025, 2, 28), dt.date(2030, 2, 28))
    assert leave_date_window(dt.date(2027, 3, 1)) == (dt.date(2024, 3, 1), dt.date(2029, 3, 1))


def test_a_body_that_is_not_json_gets_a_documented_400(client: Client, org_and_key: tuple[Any, str]) -> None:
    _org, key = org_and_key
    response = client.post(
        "/api/v1/interviews", data=b"\x00", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    schema = client.get("/api/v1/openapi.json").json()
    assert "400" in schema["paths"]["/api/v1/interviews"]["post"]["responses"]
