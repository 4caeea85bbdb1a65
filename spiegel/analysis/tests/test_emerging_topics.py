"""Emerging topics show no words while fewer than k leavers raised them, and are shown as a representative
sentence with how many leavers raised it, never as a list of words (issue 13; privacy.md, "Small numbers")."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.analysis.models import ClusterMember, StatementCluster
from spiegel.analysis.queries import insights
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import CompletedCase, build_analysed_case, build_org, build_user

pytestmark = pytest.mark.django_db

ANSWERS = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
    "The salary at my new job is fifteen percent higher.",
)


def _emerging(org: Organisation, cases: list[CompletedCase], terms: list[str]) -> StatementCluster:
    cluster = StatementCluster.objects.create(  # type: ignore[misc]
        organisation=org, kind="emerging", theme="", terms=terms, leavers=len(cases)
    )
    for rank, case in enumerate(cases):
        # Statement words are encrypted at rest: found in Python, not by the database.
        statement = next(
            (s for s in Statement.objects.filter(interview=case.interview) if "understaffed" in s.text), None
        )
        assert statement is not None
        ClusterMember.objects.create(cluster=cluster, interview=case.interview, statement_id=statement.pk, rank=rank)
    return cluster


def test_an_emerging_topic_below_k_shows_neither_its_words_nor_its_terms() -> None:
    org = build_org()
    Organisation.objects.filter(pk=org.pk).update(min_group_size=3)
    org.refresh_from_db()
    cases = [build_analysed_case(org, ANSWERS, language="en") for _ in range(3)]
    _emerging(org, cases[:2], ["parking", "walk"])
    access = Access(organisation=org, role=Role.CLIENT_VIEWER)
    [young] = insights(access).emerging
    assert (young.leavers.value, young.leavers.suppressed, young.quote, young.terms) == (None, True, None, [])

    StatementCluster.objects.all().delete()
    _emerging(org, cases, ["parking", "walk"])
    [grown] = insights(access).emerging
    assert grown.leavers.value == 3
    assert grown.quote is not None and "understaffed" in grown.quote


def test_the_dashboard_shows_an_emerging_topic_as_a_sentence_with_its_leavers_never_as_words() -> None:
    org = build_org()
    Organisation.objects.filter(pk=org.pk).update(min_group_size=3)
    org.refresh_from_db()
    cases = [build_analysed_case(org, ANSWERS, language="en") for _ in range(4)]
    _emerging(org, cases[:3], ["parkeerregels", "lopen"])
    _emerging(org, cases[:2], ["nachtbus", "halte"])
    client = Client()
    client.force_login(build_user(org, Role.CLIENT_VIEWER))
    page = client.get(f"/o/{org.slug}/dashboard/").content.decode()
    section = page[page.index('class="emerging"') :]
    section = section[: section.index("</section>")]
    assert "understaffed" in section and "raised by 3 leavers" in section
    assert "parkeerregels" not in section and "nachtbus" not in section and "halte" not in section
    assert "1 more topic is coming up, raised by fewer than 3 leavers so far" in section
