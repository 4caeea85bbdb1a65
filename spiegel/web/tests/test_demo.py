from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client

from spiegel.interviews.models import Interview, Message, Status
from spiegel.tenancy.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_the_demo_has_cases_in_every_status_for_both_clients_and_can_run_twice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo", no_serve=True, cases=6, leavers=0)
    call_command("demo", no_serve=True, cases=6, leavers=0)
    counts = Counter((i.organisation.slug, i.status) for i in Interview.objects.select_related("organisation"))
    for slug in ("zorggroep-noord", "bright-logistics"):
        assert {status for (s, status) in counts if s == slug} == set(Status.values)
        assert sum(n for (s, _), n in counts.items() if s == slug) == 6
    closed = Interview.objects.filter(status=Status.REVIEW).first()
    assert closed is not None and Message.objects.filter(interview=closed, role="leaver").count() >= 10
    assert {m.role for m in Membership.objects.filter(user__username="hr-zorg")} == {Role.CLIENT_ADMIN}
    out = capsys.readouterr().out
    assert "Demo data exists already." in out
    assert Client().login(username="demo", password="spiegel-demo")


def test_the_demo_fills_the_dashboard_with_analysed_interviews_and_earlier_exits() -> None:
    from spiegel.analysis.models import HistoricalExit, InterviewAnalysis
    from spiegel.analysis.queries import Filters, insights
    from spiegel.tenancy.models import Organisation
    from spiegel.tenancy.queries import Access

    call_command("demo", no_serve=True, cases=0, leavers=3)
    org = Organisation.objects.get(slug="zorggroep-noord")
    assert InterviewAnalysis.objects.filter(organisation=org).count() == 3
    assert HistoricalExit.objects.filter(organisation=org).count() == 160
    shown = insights(Access(organisation=org, role=Role.CLIENT_VIEWER), Filters())
    # Three interviews are fewer than k = 5: that part of the total is hidden, the total is not.
    assert (shown.suppressed, shown.leavers.value, shown.interviews.value) == (False, 163, None)
