from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from spiegel.interviews.models import Interview
from spiegel.privacy.actors import Actor
from spiegel.privacy.crypto import token_digest
from spiegel.tenancy.actions import revoke_api_key
from spiegel.tenancy.models import ApiKey
from tests.support.builders import build_api_key, build_case, build_org

pytestmark = pytest.mark.django_db


def _post(client: Client, key: str, body: Any) -> Any:
    return client.post(
        "/api/v1/interviews",
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_creating_an_interview_returns_a_working_private_link(client: Client) -> None:
    org = build_org()
    key = build_api_key(org)
    response = _post(
        client,
        key,
        {
            "language": "en",
            "department": "Warehouse",
            "role": "Picker",
            "tenure_months": 14,
            "leave_date": "2026-12-31",
            "leave_type": "resignation",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "token", "invite_url", "status"}
    assert body["status"] == "invited"
    assert body["invite_url"].endswith(f"/i/{body['token']}/")
    assert len(body["token"]) >= 32
    interview = Interview.objects.get(pk=body["id"])
    assert interview.token_hash == token_digest(body["token"])
    assert interview.department is not None and interview.department.name == "Warehouse"
    assert (interview.role_title, interview.tenure_months, interview.language, interview.mode) == (
        "Picker",
        14,
        "en",
        "self",
    )
    assert client.get(f"/i/{body['token']}/").status_code == 200


def test_the_token_itself_is_never_stored(client: Client) -> None:
    org = build_org()
    body = _post(client, build_api_key(org), {"language": "nl"}).json()
    row = Interview.objects.filter(pk=body["id"]).values().get()
    assert body["token"] not in json.dumps(row, default=str)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "de"}, "language"),
        ({}, "language"),
        ({"language": "nl", "tenure_months": -1}, "tenure_months"),
        ({"language": "nl", "tenure_months": "lang"}, "tenure_months"),
        ({"language": "nl", "leave_date": "31-12-2026"}, "leave_date"),
        ({"language": "nl", "leave_type": "fired"}, "leave_type"),
        ({"language": "nl", "mode": "robot"}, "mode"),
        ({"language": "nl", "department": "x" * 121}, "department"),
        ({"language": "nl", "colour": "blue"}, "colour"),
        ({"language": "nl", "email": "not-an-address"}, "email"),
        ({"language": "nl", "leave_date": "1999-01-01"}, "leave_date"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_written(
    client: Client, body: dict[str, Any], field: str
) -> None:
    org = build_org()
    response = _post(client, build_api_key(org), body)
    assert response.status_code == 422
    payload = response.json()
    assert field in [e["field"] for e in payload["errors"]]
    assert payload["detail"]
    assert Interview.objects.count() == 0


def test_malformed_json_is_refused_and_nothing_is_written(client: Client) -> None:
    org = build_org()
    response = _post(client, build_api_key(org), "{not json")
    assert response.status_code in (400, 422)
    assert Interview.objects.count() == 0


@pytest.mark.parametrize("header", ["", "Bearer ", "Bearer spk_nothing_here", "Basic abc", "Bearer not-a-key"])
def test_requests_without_a_valid_key_get_401(client: Client, header: str) -> None:
    build_org()
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/api/v1/interviews", **extra)  # type: ignore[arg-type]
    assert response.status_code == 401
    assert "API key" in response.json()["detail"]


def test_a_revoked_key_stops_working_at_once(client: Client) -> None:
    org = build_org()
    key = build_api_key(org)
    assert client.get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    revoke_api_key(Actor.system("test"), ApiKey.objects.get(prefix=key.split("_")[1]))
    assert client.get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_key_with_a_right_prefix_but_wrong_secret_is_refused(client: Client) -> None:
    org = build_org()
    key = build_api_key(org)
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    assert client.get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {forged}").status_code == 401


def test_another_organisations_interview_answers_404(client: Client) -> None:
    org, other = build_org(), build_org()
    theirs = build_case(other)
    response = client.get(
        f"/api/v1/interviews/{theirs.interview.id}", HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}"
    )
    assert response.status_code == 404
    assert (
        client.get("/api/v1/interviews/not-a-uuid", HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}").status_code
        == 422
    )


def test_the_list_is_paginated_and_filters_by_status(client: Client) -> None:
    org = build_org()
    key = build_api_key(org)
    for _ in range(5):
        build_case(org)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    page = client.get("/api/v1/interviews?page=2&page_size=2", **auth).json()  # type: ignore[arg-type]
    assert (page["count"], page["page"], page["page_size"], len(page["items"])) == (5, 2, 2, 2)
    assert client.get("/api/v1/interviews?status=completed", **auth).json()["count"] == 0  # type: ignore[arg-type]
    assert client.get("/api/v1/interviews?status=invited", **auth).json()["count"] == 5  # type: ignore[arg-type]
    bad = client.get("/api/v1/interviews?status=finished", **auth)  # type: ignore[arg-type]
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "status"


def test_an_interview_shows_no_words_of_the_leaver(client: Client) -> None:
    org = build_org()
    built = build_case(org)
    client.post(
        f"/api/v1/conversations/{built.token}/messages",
        data=json.dumps({"text": "Mijn leidinggevende gaf nooit feedback, dat was frustrerend."}),
        content_type="application/json",
    )
    body = client.get(
        f"/api/v1/interviews/{built.interview.id}", HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}"
    ).json()
    assert body["status"] == "in_progress"
    assert "feedback" not in json.dumps(body)
    assert "messages" not in body


def test_the_openapi_document_describes_the_endpoints(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/interviews",
        "/api/v1/interviews/{interview_id}",
        "/api/v1/conversations/{token}",
        "/api/v1/conversations/{token}/messages",
    } <= set(spec["paths"])
