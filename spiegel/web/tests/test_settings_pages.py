"""The practice's settings pages (issue 15): who may open them, organisations created and changed with clear
errors and nothing changed on a refusal, every change audited, the sources of the cost of turnover shown."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Membership, Organisation, Role
from tests.support.builders import build_org, build_user, signed_in

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Zorggroep Noord",
    "min_group_size": "5",
    "transcript_retention_days": "90",
    "statement_retention_days": "730",
    "average_salary": "41000",
    "replacement_cost_factor": "0.50",
}


def test_a_consultant_sees_the_organisations_they_serve_and_what_the_model_receives() -> None:
    org = build_org("Zorggroep Noord")
    build_org("Bakkerij Zuid")
    client = signed_in(build_user(org, Role.CONSULTANT))
    page = client.get("/settings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count('data-testid="organisation"') == 1
    assert "Zorggroep Noord" in page and "Bakkerij Zuid" not in page
    assert "What the language model receives" in page
    assert "Off: the built-in interviewer words every question" in page


@pytest.mark.parametrize("role", [Role.INTERVIEWER, Role.CLIENT_ADMIN, Role.CLIENT_VIEWER])
def test_other_roles_have_no_settings(role: str) -> None:
    org = build_org()
    client = signed_in(build_user(org, role))
    assert client.get("/settings/").status_code == 404
    assert client.post("/settings/organisations/new/", {"name": "X", "slug": "x-org"}).status_code == 404
    assert client.post(f"/o/{org.slug}/settings/", {**VALID, "average_salary": "1"}).status_code == 403
    assert not Organisation.objects.filter(slug="x-org").exists()
    org.refresh_from_db()
    assert org.average_salary is None


def test_a_consultant_creates_an_organisation_and_serves_it() -> None:
    consultant = build_user(build_org(), Role.CONSULTANT)
    client = signed_in(consultant)
    response = client.post("/settings/organisations/new/", {"name": "Acme Zorg", "slug": "acme-zorg"})
    assert response.status_code == 302
    assert response["Location"] == "/o/acme-zorg/settings/"
    org = Organisation.objects.get(slug="acme-zorg")
    assert Membership.objects.get(user=consultant, organisation=org).role == Role.CONSULTANT
    assert AuditEvent.objects.filter(action="organisation.created", organisation=org).count() == 1


def test_a_bad_or_taken_short_name_is_explained_and_the_name_kept() -> None:
    org = build_org()
    client = signed_in(build_user(org, Role.CONSULTANT))
    bad = client.post("/settings/organisations/new/", {"name": "Acme", "slug": "Acme Zorg!"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400
    assert "The short name may contain only lower-case letters, digits and hyphens" in bad.content.decode()
    assert 'value="Acme"' in bad.content.decode()
    taken = client.post("/settings/organisations/new/", {"name": "Acme", "slug": org.slug}, HTTP_ACCEPT_LANGUAGE="en")
    assert f"An organisation with the short name {org.slug} already exists." in taken.content.decode()
    assert Organisation.objects.count() == 1


def test_changing_the_settings_saves_them_and_audits_which_changed() -> None:
    org = build_org("Zorggroep Noord")
    client = signed_in(build_user(org, Role.CONSULTANT))
    response = client.post(f"/o/{org.slug}/settings/", {**VALID, "average_salary": "41000", "min_group_size": "7"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.average_salary, org.min_group_size, org.replacement_cost_factor) == (41000, 7, Decimal("0.50"))
    event = AuditEvent.objects.get(action="organisation.updated", organisation=org)
    assert event.detail == {"changed": ["average_salary", "min_group_size"]}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("min_group_size", "2", "Give a value from 3 to 50."),
        ("replacement_cost_factor", "9", "Give a value from 0.05 to 5.00."),
        ("average_salary", "veel", "Enter a whole number."),
        ("statement_retention_days", "30", "Shared statements are kept at least as long as raw transcripts (90 days)."),
        ("name", "", "This field is required."),
    ],
)
def test_a_refused_value_is_explained_keeps_what_was_typed_and_changes_nothing(
    field: str, value: str, message: str
) -> None:
    org = build_org("Zorggroep Noord")
    client = signed_in(build_user(org, Role.CONSULTANT))
    response = client.post(f"/o/{org.slug}/settings/", {**VALID, field: value}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'value="41000"' in page or field == "average_salary"
    org.refresh_from_db()
    assert org.average_salary is None
    assert not AuditEvent.objects.filter(action="organisation.updated").exists()


def test_the_settings_page_names_the_sources_of_the_cost_of_turnover() -> None:
    org = build_org()
    client = signed_in(build_user(org, Role.CONSULTANT))
    page = client.get(f"/o/{org.slug}/settings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "leavers in view × average annual salary × replacement-cost factor" in page
    assert "Boushey, H. &amp; Glynn, S. J. (2012)" in page
    assert "McFeely, S. &amp; Wigert, B. (2019)" in page
    assert f'href="/o/{org.slug}/branding/"' in page
