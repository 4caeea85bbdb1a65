"""Every principal against every page and endpoint.

The matrix is checked against the project's URL configuration: a new page or endpoint without an entry
here fails `test_every_route_has_an_entry_in_the_matrix`, so nothing ships without its access decided.
Expectations: the status code for GET (or POST where the route only takes POST).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from spiegel.interviews.models import Interview, Mode
from spiegel.reports.models import ReportJob
from spiegel.reports.queries import reports_dir
from spiegel.tenancy.models import Organisation, Role
from tests.support.builders import (
    TEST_PASSWORD,
    BuiltCase,
    CompletedCase,
    build_api_key,
    build_case,
    build_closed_case,
    build_completed_case,
    build_org,
    build_user,
)

pytestmark = pytest.mark.django_db

PRINCIPALS = (
    "anonymous",
    "consultant",
    "interviewer",
    "client_admin",
    "client_viewer",
    "other_org_consultant",
    "other_org_client_admin",
    "api_key",
    "other_org_api_key",
    # Leavers have no account: the link is the credential. These hold another case's invitation token, and
    # the receipt of a completed case (which must open only the record, never the invitation's pages).
    "leaver_other_case",
    "receipt",
)


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    case: Interview
    token: str
    other_token: str
    clients: dict[str, Client]
    key_prefix: str
    interviewer: Any = None

    @cached_property
    def review(self) -> BuiltCase:
        """A case of this organisation whose conversation has closed: the mirror is open."""
        return build_closed_case(self.org, assigned_interviewer=self.interviewer)

    @cached_property
    def completed(self) -> CompletedCase:
        """A case of this organisation whose leaver completed the mirror, assigned to the interviewer."""
        return build_completed_case(self.org, assigned_interviewer=self.interviewer)

    def principal(self, client: Client) -> str:
        return next(name for name, c in self.clients.items() if c is client)

    def leaver_credential(self, client: Client, own: str) -> str:
        """The token a principal puts in a leaver's URL: their own case's link unless they hold another."""
        return {"leaver_other_case": self.other_token, "receipt": self.completed.receipt}.get(
            self.principal(client), own
        )


def _route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern):
                names.add(f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed {p.pattern}>")

    walk(get_resolver().url_patterns, "")
    return names


@pytest.fixture
def world() -> World:
    org = build_org("Zorggroep Noord")
    other = build_org("Bakkerij Zuid")
    interviewer = build_user(org, Role.INTERVIEWER)
    built = build_case(org, assigned_interviewer=interviewer)
    other_case = build_case(other)
    users = {
        "consultant": build_user(org, Role.CONSULTANT),
        "interviewer": interviewer,
        "client_admin": build_user(org, Role.CLIENT_ADMIN),
        "client_viewer": build_user(org, Role.CLIENT_VIEWER),
        "other_org_consultant": build_user(other, Role.CONSULTANT),
        "other_org_client_admin": build_user(other, Role.CLIENT_ADMIN),
    }
    clients: dict[str, Client] = {"anonymous": Client()}
    for name, user in users.items():
        client = Client()
        assert client.login(username=user.username, password=TEST_PASSWORD)
        clients[name] = client
    key = build_api_key(org)
    clients["api_key"] = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    clients["other_org_api_key"] = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(other)}")
    clients["leaver_other_case"] = Client()
    clients["receipt"] = Client()
    return World(org, other, built.interview, built.token, other_case.token, clients, key.split("_")[1], interviewer)


Request = Callable[[World, Client], int]


def get(path: Callable[[World], str]) -> Request:
    return lambda w, c: c.get(path(w)).status_code


def post(path: Callable[[World], str], data: dict[str, Any] | None = None, as_json: bool = False) -> Request:
    def run(w: World, c: Client) -> int:
        if as_json:
            return c.post(path(w), data=json.dumps(data or {}), content_type="application/json").status_code
        return c.post(path(w), data=data or {}).status_code

    return run


# Shorthands: what a signed-out visitor, an API key and a leaver get on staff pages.
LOGIN = 302
STAFF_PAGE_OUTSIDERS = {
    "anonymous": LOGIN,
    "api_key": LOGIN,
    "other_org_api_key": LOGIN,
    "leaver_other_case": LOGIN,
    "receipt": LOGIN,
}
OTHER_ORG = {"other_org_consultant": 404, "other_org_client_admin": 404}


def everyone(code: int) -> dict[str, int]:
    return dict.fromkeys(PRINCIPALS, code)


def org_page(consultant: int, interviewer: int, client_admin: int, client_viewer: int) -> dict[str, int]:
    return {
        **STAFF_PAGE_OUTSIDERS,
        **OTHER_ORG,
        "consultant": consultant,
        "interviewer": interviewer,
        "client_admin": client_admin,
        "client_viewer": client_viewer,
    }


PRACTICE_SETTINGS = {
    **STAFF_PAGE_OUTSIDERS,
    "consultant": 200,
    "other_org_consultant": 200,
    "interviewer": 404,
    "client_admin": 404,
    "client_viewer": 404,
    "other_org_client_admin": 404,
}


def api(own: int, other_key: int = 404) -> dict[str, int]:
    """Organisation API: only keys work; users' sessions are not credentials for it."""
    return {**dict.fromkeys(PRINCIPALS, 401), "api_key": own, "other_org_api_key": other_key}


MATRIX: dict[str, tuple[Request, dict[str, int]]] = {
    "web:home": (get(lambda w: "/"), {**everyone(302)}),
    "web:login": (
        get(lambda w: "/login/"),
        {
            **everyone(302),
            "anonymous": 200,
            "api_key": 200,
            "other_org_api_key": 200,
            "leaver_other_case": 200,
            "receipt": 200,
        },  # signed-in users go home
    ),
    "web:logout": (post(lambda w: "/logout/"), everyone(302)),
    "web:orgs": (get(lambda w: "/orgs/"), {**everyone(200), **STAFF_PAGE_OUTSIDERS}),
    "web:healthz": (get(lambda w: "/healthz"), everyone(200)),
    # the second sign-in step: without a first step pending, both send the visitor back to the sign-in page
    "web:login_code": (get(lambda w: "/login/code/"), everyone(302)),
    "web:login_enrol": (get(lambda w: "/login/second-factor/"), everyone(302)),
    "web:second_factor": (get(lambda w: "/account/second-factor/"), {**everyone(200), **STAFF_PAGE_OUTSIDERS}),
    "set_language": (post(lambda w: "/i18n/setlang/", {"language": "nl"}), everyone(302)),
    "web:org_home": (get(lambda w: f"/o/{w.org.slug}/"), org_page(200, 200, 200, 200)),
    "web:case_list": (get(lambda w: f"/o/{w.org.slug}/cases/"), org_page(200, 200, 200, 403)),
    "web:case_new": (get(lambda w: f"/o/{w.org.slug}/cases/new/"), org_page(200, 403, 200, 403)),
    "web:case_detail": (get(lambda w: f"/o/{w.org.slug}/cases/{w.case.id}/"), org_page(200, 200, 200, 403)),
    "web:case_renew": (
        post(lambda w: f"/o/{w.org.slug}/cases/{w.case.id}/renew/"),
        org_page(302, 403, 302, 403),
    ),
    "web:case_link": (get(lambda w: f"/o/{w.org.slug}/cases/{w.case.id}/link/"), org_page(200, 403, 200, 403)),
    "web:case_withdraw": (
        post(lambda w: f"/o/{w.org.slug}/cases/{w.case.id}/withdraw/"),
        org_page(302, 403, 302, 403),
    ),
    "web:apikeys": (get(lambda w: f"/o/{w.org.slug}/apikeys/"), org_page(200, 403, 200, 403)),
    # GET asks to confirm; the POST that revokes is covered by test_apikey_pages.
    "web:apikey_revoke": (
        get(lambda w: f"/o/{w.org.slug}/apikeys/{w.key_prefix}/revoke/"),
        org_page(200, 403, 200, 403),
    ),
    # The leaver's pages: the token is the credential, whoever holds it.
    "web:leaver_landing": (get(lambda w: f"/i/{w.token}/"), everyone(200)),
    "web:leaver_chat": (get(lambda w: f"/i/{w.token}/chat/"), everyone(302)),
    "api-v1:api-root": (get(lambda w: "/api/v1/"), everyone(404)),
    "api-v1:openapi-json": (get(lambda w: "/api/v1/openapi.json"), everyone(200)),
    "api-v1:openapi-view": (get(lambda w: "/api/v1/docs"), everyone(200)),
    "api-v1:create_interview": (
        post(lambda w: "/api/v1/interviews", {"language": "nl"}, as_json=True),
        api(201, 201),
    ),
    "api-v1:get_interview": (get(lambda w: f"/api/v1/interviews/{w.case.id}"), api(200)),
    # Insights are the key's own organisation's: another organisation's key sees its own (200), never ours.
    "api-v1:get_insights": (get(lambda w: "/api/v1/insights"), api(200, 200)),
    "api-v1:get_conversation": (get(lambda w: f"/api/v1/conversations/{w.token}"), everyone(200)),
    "api-v1:send_message": (
        post(
            lambda w: f"/api/v1/conversations/{w.token}/messages",
            {"text": "Het werk zelf was prima."},
            as_json=True,
        ),
        everyone(200),
    ),
}


def leaver_get(path: Callable[[str], str], own: Callable[[World], str]) -> Request:
    """GET a leaver's URL with the principal's credential (their own case's token unless they hold another)."""
    return lambda w, c: c.get(path(w.leaver_credential(c, own(w)))).status_code


def leaver_json(method: str, path: Callable[[str], str], own: Callable[[World], str], data: Any) -> Request:
    def run(w: World, c: Client) -> int:
        url = path(w.leaver_credential(c, own(w)))
        body = json.dumps(data)
        return int(getattr(c, method)(url, data=body, content_type="application/json").status_code)

    return run


def _fresh_leaver_token(w: World) -> str:
    return build_case(w.org).token


def leaver_outcomes(own: int, other: int, receipt: int) -> dict[str, int]:
    return {**everyone(own), "leaver_other_case": other, "receipt": receipt}


def in_review(path: Callable[[str], str], own: int, other: int) -> tuple[Request, dict[str, int]]:
    """GET a page of the case in review with the leaver's token; a receipt is not an invitation link (404)."""
    return leaver_get(path, lambda w: w.review.token), leaver_outcomes(own, other, 404)


def receipt_only(path: Callable[[str], str]) -> tuple[Request, dict[str, int]]:
    """GET a page of the completed case's record: it opens with the receipt only, never an invitation token."""
    return leaver_get(path, lambda w: w.completed.token), leaver_outcomes(404, 404, 200)


UNKNOWN_STATEMENT = {"decisions": [{"id": "00000000-0000-4000-8000-000000000000", "visibility": "private"}]}

MATRIX |= {
    # The mirror is open to whoever holds the case's link once the conversation has closed. Another case's
    # link opens that case (still in progress: back to its chat); a receipt is not an invitation link.
    "web:leaver_mirror": in_review(lambda t: f"/i/{t}/mirror/", 200, 302),
    "web:leaver_closing": in_review(lambda t: f"/i/{t}/mirror/closing/", 200, 302),
    "web:leaver_withdraw": in_review(lambda t: f"/i/{t}/withdraw/", 200, 200),
    # The record opens only with the receipt; the invitation token of the same case is not a receipt.
    "web:receipt": receipt_only(lambda t: f"/r/{t}/"),
    "web:receipt_json": receipt_only(lambda t: f"/r/{t}/record.json"),
    "web:receipt_pdf": receipt_only(lambda t: f"/r/{t}/record.pdf"),
    "web:receipt_withdraw": receipt_only(lambda t: f"/r/{t}/withdraw/"),
    # Transcripts: consultants and the assigned interviewer; client roles never.
    "web:case_transcript": (
        get(lambda w: f"/o/{w.org.slug}/cases/{w.completed.interview.id}/transcript/"),
        org_page(200, 200, 403, 403),
    ),
    "web:audit_log": (get(lambda w: f"/o/{w.org.slug}/audit/"), org_page(200, 403, 403, 403)),
    # Disclosures and their follow-up: consultants and the assigned interviewer; client roles never.
    "web:case_disclosures": (
        get(lambda w: f"/o/{w.org.slug}/cases/{w.case.id}/disclosures/"),
        org_page(200, 200, 403, 403),
    ),
    "web:audit_export": (get(lambda w: f"/o/{w.org.slug}/audit/export/"), org_page(200, 403, 403, 403)),
    # The practice's settings: consultants only (of any organisation); everyone else has no such page.
    "web:settings": (get(lambda w: "/settings/"), PRACTICE_SETTINGS),
    "web:settings_organisation_new": (get(lambda w: "/settings/organisations/new/"), PRACTICE_SETTINGS),
    "web:settings_organisation": (get(lambda w: f"/o/{w.org.slug}/settings/"), org_page(200, 403, 403, 403)),
    "api-v1:get_review": in_review(lambda t: f"/api/v1/conversations/{t}/review", 200, 409),
    "api-v1:save_review": (
        leaver_json(
            "patch", lambda t: f"/api/v1/conversations/{t}/review", lambda w: w.review.token, UNKNOWN_STATEMENT
        ),
        leaver_outcomes(422, 409, 404),
    ),
    # A decision about an unknown statement is refused after the token is checked, and changes nothing.
    "api-v1:complete": (
        leaver_json(
            "post",
            lambda t: f"/api/v1/conversations/{t}/review",
            lambda w: w.review.token,
            {**UNKNOWN_STATEMENT, "felt_heard": 3, "recommend_score": 5},
        ),
        leaver_outcomes(422, 409, 404),
    ),
    # The record over the API: the receipt, or the invitation token while the case is not completed (the other
    # case's token: that case's record). A completed case's invitation token opens nothing (issue 16).
    "api-v1:get_record": (
        leaver_get(lambda t: f"/api/v1/conversations/{t}/record", lambda w: w.completed.token),
        leaver_outcomes(404, 200, 200),
    ),
    # Every principal withdraws a fresh case with its link; the receipt principal withdraws the completed one.
    "api-v1:withdraw": (
        leaver_json("post", lambda t: f"/api/v1/conversations/{t}/withdraw", _fresh_leaver_token, {}),
        everyone(200),
    ),
}

# Routes that share a name with another method on the same path.
ALIASES = {"api-v1:list_interviews": "api-v1:create_interview"}

MATRIX |= {
    # The streamed turn takes the chat page's form; a case that has not started goes back to its landing page.
    "web:leaver_stream": (post(lambda w: f"/i/{w.token}/chat/stream/", {"text": "Het werk zelf."}), everyone(302)),
    # The server's status (configuration, database, worker, model) is for the practice's consultants.
    "web:status": (
        get(lambda w: "/status/"),
        {**everyone(403), **STAFF_PAGE_OUTSIDERS, "consultant": 200, "other_org_consultant": 200},
    ),
}


def test_every_route_has_an_entry_in_the_matrix() -> None:
    missing = sorted(name for name in _route_names() if name not in MATRIX and name not in ALIASES)
    assert missing == []


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_each_principal_gets_the_expected_answer(world: World, route: str) -> None:
    request, expected = MATRIX[route]
    got = {principal: request(world, world.clients[principal]) for principal in PRINCIPALS}
    assert got == {p: expected[p] for p in PRINCIPALS}


def test_listing_cases_over_the_api_needs_a_key_and_shows_only_own_cases(world: World) -> None:
    assert world.clients["consultant"].get("/api/v1/interviews").status_code == 401
    own = world.clients["api_key"].get("/api/v1/interviews").json()
    other = world.clients["other_org_api_key"].get("/api/v1/interviews").json()
    assert [item["id"] for item in own["items"]] == [str(world.case.id)]
    assert str(world.case.id) not in [item["id"] for item in other["items"]]


def test_a_leaver_token_opens_only_its_own_conversation(world: World) -> None:
    client = Client()
    mine = client.get(f"/api/v1/conversations/{world.token}").json()
    theirs = client.get(f"/api/v1/conversations/{world.other_token}").json()
    assert mine["messages"][0]["id"] != theirs["messages"][0]["id"]
    own_ids = {m["id"] for m in mine["messages"]}
    assert own_ids.isdisjoint({m["id"] for m in theirs["messages"]})


def _finished_report(w: World) -> str:
    """A finished PDF report of this organisation (made once per world)."""

    job = ReportJob.objects.filter(organisation=w.org, status="done").first()
    if job is None:
        job = ReportJob.objects.create(organisation=w.org, status="done", progress=100, file_name="")
        (reports_dir() / f"{job.id}.pdf").write_bytes(b"%PDF-1.7\n")
        ReportJob.objects.filter(pk=job.pk).update(file_name=f"{job.id}.pdf")
    return str(job.id)


MATRIX |= {
    # The organisation's view (issue 7): every role of the organisation sees the aggregates behind k.
    "web:dashboard": (get(lambda w: f"/o/{w.org.slug}/dashboard/"), org_page(200, 200, 200, 200)),
    "web:report_request": (post(lambda w: f"/o/{w.org.slug}/reports/"), org_page(302, 302, 302, 302)),
    "web:report_status": (
        get(lambda w: f"/o/{w.org.slug}/reports/status/?job={_finished_report(w)}"),
        org_page(200, 200, 200, 200),
    ),
    "web:report_download": (
        get(lambda w: f"/o/{w.org.slug}/reports/download/?job={_finished_report(w)}"),
        org_page(200, 200, 200, 200),
    ),
    "web:export": (get(lambda w: f"/o/{w.org.slug}/export/?what=statements&format=csv"), org_page(200, 200, 200, 200)),
    # One interview's report: practice staff see the whole picture, client roles what was shared with a name.
    "web:interview_report": (
        get(lambda w: f"/o/{w.org.slug}/cases/{w.completed.interview.id}/report/"),
        org_page(200, 200, 200, 200),
    ),
    # The report's logo and colour: the practice's consultants.
    "web:branding": (get(lambda w: f"/o/{w.org.slug}/branding/"), org_page(200, 403, 403, 403)),
}


def _human_case(w: World) -> str:
    """A human-led case of this organisation assigned to the interviewer (issue 14), made once per world."""

    found = Interview.objects.filter(organisation=w.org, mode=Mode.INTERVIEWER).first()
    if found is None:
        found = build_case(w.org, mode=Mode.INTERVIEWER, assigned_interviewer=w.interviewer).interview
    return f"/o/{w.org.slug}/cases/{found.id}"


PRACTICE_ONLY = {**everyone(302), "other_org_consultant": 404, "other_org_client_admin": 404}

MATRIX |= {
    # A conversation held by a person (issue 14): the assigned interviewer and consultants; client roles never.
    "web:human_plan": (get(lambda w: f"{_human_case(w)}/conversation/"), org_page(200, 200, 403, 403)),
    "web:copilot": (get(lambda w: f"{_human_case(w)}/copilot/"), org_page(200, 200, 403, 403)),
    "web:copilot_notes": (get(lambda w: f"{_human_case(w)}/copilot/notes/"), org_page(200, 200, 403, 403)),
    # Closing a conversation whose leaver has not agreed yet: refused (back to the co-pilot), nothing changes.
    "web:copilot_close": (post(lambda w: f"{_human_case(w)}/copilot/close/"), org_page(302, 302, 403, 403)),
    # Before the notes are closed the statements page sends the interviewer back to the co-pilot.
    "web:human_statements": (get(lambda w: f"{_human_case(w)}/statements/"), org_page(302, 302, 403, 403)),
    # The interviewer's own pages: signed-in practice staff of any organisation; client roles have none.
    "web:my_conversations": (
        get(lambda w: "/me/conversations/"),
        {
            **STAFF_PAGE_OUTSIDERS,
            "consultant": 200,
            "interviewer": 200,
            "other_org_consultant": 200,
            "client_admin": 404,
            "client_viewer": 404,
            "other_org_client_admin": 404,
        },
    ),
    "web:interviewer_profile": (
        get(lambda w: "/me/profile/"),
        {
            **STAFF_PAGE_OUTSIDERS,
            "consultant": 200,
            "interviewer": 200,
            "other_org_consultant": 200,
            "client_admin": 404,
            "client_viewer": 404,
            "other_org_client_admin": 404,
        },
    ),
    "web:interviewer_photo": (
        get(lambda w: "/me/profile/photo/"),
        {
            **STAFF_PAGE_OUTSIDERS,
            **dict.fromkeys(
                (
                    "consultant",
                    "interviewer",
                    "other_org_consultant",
                    "client_admin",
                    "client_viewer",
                    "other_org_client_admin",
                ),
                404,
            ),
        },
    ),
    "web:leaver_interviewer_photo": (get(lambda w: f"/i/{w.token}/interviewer.jpg"), everyone(404)),
}


def _person(w: World) -> str:
    """The page of one person of this organisation (the interviewer)."""
    return f"/o/{w.org.slug}/users/{w.interviewer.public_id}"


MATRIX |= {
    # The people of an organisation and its interview guide (issue 15): consultants only. Changing the role to
    # the one held, or reactivating an active account, changes nothing and goes back to the list.
    "web:settings_users": (get(lambda w: f"/o/{w.org.slug}/users/"), org_page(200, 403, 403, 403)),
    "web:settings_user_role": (
        post(lambda w: f"{_person(w)}/role/", {"role": Role.INTERVIEWER}),
        org_page(302, 403, 403, 403),
    ),
    # GET asks to confirm; the POST that deactivates is covered by test_user_and_guide_pages.
    "web:settings_user_deactivate": (get(lambda w: f"{_person(w)}/deactivate/"), org_page(200, 403, 403, 403)),
    "web:settings_user_reactivate": (post(lambda w: f"{_person(w)}/reactivate/"), org_page(302, 403, 403, 403)),
    # The interviewer has signed in before: no new link is made for them (refused, back to the list).
    "web:settings_user_link": (post(lambda w: f"{_person(w)}/link/"), org_page(302, 403, 403, 403)),
    "web:settings_guide": (get(lambda w: f"/o/{w.org.slug}/guide/"), org_page(200, 403, 403, 403)),
    # An invited person's one-time link: a link that is not (or no longer) valid says so, to whoever holds it.
    "web:welcome": (get(lambda w: "/welcome/MQ/not-a-token/"), everyone(200)),
    "web:new_sign_in_link": (get(lambda w: "/sign-in-link/MQ/not-a-token/"), everyone(200)),
}


# The entries added to MATRIX after `test_each_principal_gets_the_expected_answer` was parametrized are not in
# its parameters (the list is taken when the decorator runs): they are checked here.
_FIRST: list[str] = getattr(test_each_principal_gets_the_expected_answer, "pytestmark")[0].args[1]  # noqa: B009
LATER_ROUTES = sorted(set(MATRIX) - set(_FIRST))


@pytest.mark.parametrize("route", LATER_ROUTES)
def test_each_principal_gets_the_expected_answer_on_the_later_routes(world: World, route: str) -> None:
    request, expected = MATRIX[route]
    got = {principal: request(world, world.clients[principal]) for principal in PRINCIPALS}
    assert got == {p: expected[p] for p in PRINCIPALS}
