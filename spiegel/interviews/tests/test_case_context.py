"""The interviewer knows the case's real settings (CaseContext): the organisation, the practice, the minimum
group size and the organisation's own contact and procedure for serious disclosures, as staff set them."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client

from spiegel.interviews.bridge import case_context
from spiegel.interviews.conversation import post_message
from spiegel.interviews.engine import CaseContext, Engine
from spiegel.tenancy.models import Organisation, OrganisationKind, Role
from tests.support.builders import TEST_PASSWORD, build_case, build_org, build_user

pytestmark = pytest.mark.django_db


def _organisation(**settings: object) -> Organisation:
    org = build_org("Zorggroep Noord")
    Organisation.objects.filter(pk=org.pk).update(**settings)
    org.refresh_from_db()
    return org


def test_the_case_context_carries_the_organisations_settings_and_the_practice() -> None:
    build_org("Praktijk De Spiegel", kind=OrganisationKind.PRACTICE)
    org = _organisation(
        min_group_size=7,
        disclosure_contact="  Vertrouwenspersoon Anna de Wit, 050-1234567 ",
        reporting_procedure="https://zorggroep-noord.example/melden",
    )
    built = build_case(org, language="nl")
    assert case_context(built.interview) == CaseContext(
        organisation="Zorggroep Noord",
        practice="Praktijk De Spiegel",
        min_group_size=7,
        contact="Vertrouwenspersoon Anna de Wit, 050-1234567",
        reporting_procedure="https://zorggroep-noord.example/melden",
        mode="self",
    )


def test_without_a_practice_or_disclosure_settings_the_context_leaves_them_empty() -> None:
    built = build_case(build_org("Bakkerij Zoet"), language="en", mode="interviewer")
    assert case_context(built.interview) == CaseContext(organisation="Bakkerij Zoet", mode="interviewer")


def test_every_turn_is_answered_by_an_engine_that_knows_the_case() -> None:
    org = _organisation(min_group_size=7, disclosure_contact="Anna de Wit")
    built = build_case(org, language="nl")
    with mock.patch.object(Engine, "respond", autospec=True, side_effect=Engine.respond) as respond:
        post_message(built.interview, "Ik kreeg een mooie kans bij een ander bedrijf.")
    engine = respond.call_args.args[0]
    assert engine.context == case_context(built.interview)
    assert engine.context.min_group_size == 7
    assert engine.context.contact == "Anna de Wit"


def _consultant(org: Organisation) -> Client:
    user = build_user(org, Role.CONSULTANT)
    client = Client()
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_a_consultant_sets_the_contact_and_procedure_on_the_organisations_settings_page() -> None:
    org = _organisation()
    client = _consultant(org)
    page = client.get(f"/o/{org.slug}/branding/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Contactpersoon voor ernstige zaken" in page
    assert "Meldprocedure integriteit" in page
    response = client.post(
        f"/o/{org.slug}/branding/",
        {
            "part": "disclosure",
            "disclosure_contact": " Vertrouwenspersoon Anna de Wit, 050-1234567 ",
            "reporting_procedure": "https://zorggroep-noord.example/melden",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.disclosure_contact == "Vertrouwenspersoon Anna de Wit, 050-1234567"
    assert org.reporting_procedure == "https://zorggroep-noord.example/melden"
    assert org.brand_colour == "#2f5d62"  # the other form's settings untouched


def test_a_contact_longer_than_500_characters_is_refused() -> None:
    org = _organisation()
    response = _consultant(org).post(
        f"/o/{org.slug}/branding/", {"part": "disclosure", "disclosure_contact": "x" * 501}
    )
    assert response.status_code == 422
    org.refresh_from_db()
    assert org.disclosure_contact == ""


def test_who_reads_this_is_answered_with_the_organisations_own_minimum_group_size() -> None:
    org = _organisation(min_group_size=7)
    built = build_case(org, language="nl")
    reply = " ".join(m.text for m in post_message(built.interview, "wie leest dit?").messages)
    assert "Zorggroep Noord" in reply
    assert "7" in reply


def test_a_disclosure_names_the_contact_and_procedure_staff_set(client: Client) -> None:
    org = _organisation(
        disclosure_contact="Anna de Wit, 050-1234567", reporting_procedure="https://zorggroep-noord.example/melden"
    )
    built = build_case(org, language="nl")
    response = client.post(
        f"/api/v1/conversations/{built.token}/messages",
        data={"text": "Mijn directeur vroeg me de omzet in het verkeerde kwartaal te boeken. Waar meld ik dat?"},
        content_type="application/json",
    )
    reply = " ".join(m["text"] for m in response.json()["messages"])
    assert "Anna de Wit, 050-1234567" in reply
    assert "https://zorggroep-noord.example/melden" in reply
    built.interview.refresh_from_db()
    assert built.interview.flagged
