"""Insights across interviews: minimum group size, complementary suppression, withdrawal, private words,
historical exits, corroborated facts, advice and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from spiegel.analysis.actions import analyse_interview, cluster_statements
from spiegel.analysis.queries import FilterError, Filters, insights, parse_month, playbook
from spiegel.mirror.actions import withdraw_record
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import build_analysed_case, build_api_key, build_historical_exits, build_org

pytestmark = pytest.mark.django_db

ENGLISH = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
    "The salary at my new job is fifteen percent higher.",
)


def _org(k: int = 3) -> Organisation:
    org = build_org()
    org.min_group_size = k
    org.save(update_fields=["min_group_size"])
    return org


def _access(org: Organisation) -> Access:
    return Access(organisation=org, role=Role.CLIENT_VIEWER)


def _theme(result: object, theme: str) -> object:
    return next(f for f in result.reasons if f.theme == theme)  # type: ignore[attr-defined]


def test_a_view_below_the_minimum_group_size_shows_nothing() -> None:
    org = _org(k=3)
    build_analysed_case(org, ENGLISH, language="en")
    build_analysed_case(org, ENGLISH, language="en")
    result = insights(_access(org))
    assert result.suppressed is True
    assert (result.leavers.value, result.leavers.suppressed) == (None, True)
    assert (result.reasons, result.trends, result.facts, result.advice) == ([], [], [], [])
    assert result.felt_heard.value is None and result.recommend.value is None


def test_themes_named_by_fewer_than_k_leavers_are_suppressed() -> None:
    org = _org(k=3)
    for _ in range(3):
        build_analysed_case(org, ENGLISH, language="en", felt_heard=4, recommend_score=9)
    result = insights(_access(org))
    assert result.suppressed is False
    assert (result.leavers.value, result.interviews.value, result.historical.value) == (3, 3, 0)
    workload = _theme(result, "workload")
    assert (workload.leavers.value, workload.leavers.share) == (3, 1.0)  # type: ignore[attr-defined]
    retirement = _theme(result, "retirement")
    assert (retirement.leavers.value, retirement.leavers.suppressed) == (None, True)  # type: ignore[attr-defined]
    assert (result.felt_heard.value, result.felt_heard.respondents.value) == (4.0, 3)
    assert (result.recommend.value, result.recommend.respondents.value) == (100.0, 3)
    assert [q.leavers.value for q in result.trends] == [3]


def test_a_cell_that_could_be_worked_out_by_subtraction_is_suppressed_too() -> None:
    org = _org(k=3)
    rows = [f"{n};2025-02-10;Care;Workload;;yes" for n in range(4)]
    rows += ["10;2025-02-10;Care;Workload;;no"]
    rows += [f"{20 + n};2025-02-10;Care;Workload;;" for n in range(3)]
    assert build_historical_exits(org, rows) == 8
    result = insights(_access(org))
    assert result.leavers.value == 8
    # no = 1 is below k; unknown (3) would give it away as 8 - 4 - 3, so it is hidden as well.
    regrettable = {key: c.value for key, c in result.regrettable.items()}
    assert regrettable == {"yes": 4, "no": None, "unknown": None}
    assert result.regrettable["unknown"].suppressed is True


def test_historical_exits_count_in_reason_shares_and_trends() -> None:
    org = _org(k=3)
    rows = [f"{n};2024-11-0{n + 1};Care;Pay & benefits;;" for n in range(3)]
    rows += [f"{10 + n};2025-02-0{n + 1};Care;Career & development;Pay & benefits;" for n in range(3)]
    build_historical_exits(org, rows)
    result = insights(_access(org))
    assert (result.historical.value, result.interviews.value) == (6, 0)
    pay = _theme(result, "pay")
    assert (pay.leavers.value, pay.push.value, pay.pull.value, pay.primary.value) == (6, 3, 3, 3)  # type: ignore[attr-defined]
    assert [(q.quarter, q.leavers.value, q.themes["pay"].value) for q in result.trends] == [
        ("2024-Q4", 3, 3),
        ("2025-Q1", 3, 3),
    ]
    first_quarter = insights(_access(org), Filters(start=parse("2025-01"), end=parse("2025-03")))
    assert first_quarter.leavers.value == 3


def parse(month: str) -> dt.date:
    return parse_month(month, "from")


def test_a_withdrawn_leaver_disappears_from_every_figure() -> None:
    org = _org(k=3)
    cases = [build_analysed_case(org, ENGLISH, language="en") for _ in range(4)]
    assert insights(_access(org)).leavers.value == 4
    withdraw_record(cases[0].interview)
    after = insights(_access(org))  # before the task has run: the status already takes it out
    assert after.leavers.value == 3
    assert _theme(after, "workload").leavers.value == 3  # type: ignore[attr-defined]
    assert after.felt_heard.respondents.value == 3
    analyse_interview(str(cases[0].interview.id))
    assert insights(_access(org)).leavers.value == 3


def test_private_statements_are_never_counted_or_quoted() -> None:
    org = _org(k=3)
    probe = build_analysed_case(org, ENGLISH, language="en")
    withdraw_record(probe.interview)
    private_pay = {
        s.seq: "private" for s in Statement.objects.filter(interview=probe.interview) if "salary" in s.text.lower()
    }
    assert private_pay == {}  # withdrawal deleted the words; take the seqs from a fresh case
    fresh = build_analysed_case(org, ENGLISH, language="en")
    seqs = {s.seq for s in Statement.objects.filter(interview=fresh.interview) if "salary" in s.text.lower()}
    withdraw_record(fresh.interview)
    for _ in range(3):
        build_analysed_case(org, ENGLISH, language="en", visibility=dict.fromkeys(seqs, "private"))
    cluster_statements(str(org.id))
    result = insights(_access(org))
    assert result.leavers.value == 3
    pay = _theme(result, "pay")
    assert (pay.leavers.value, pay.leavers.suppressed) == (None, True)  # type: ignore[attr-defined]
    texts = [q.text for a in result.advice for q in a.quotes] + [f.quote for f in result.facts if f.quote]
    assert texts != []
    assert not any("salary" in t.lower() for t in texts)


def test_facts_several_leavers_report_are_corroborated_and_advice_follows_the_playbook() -> None:
    org = _org(k=3)
    org.average_salary = 40000
    org.save(update_fields=["average_salary"])
    # The same fact in three leavers' own words (the same words three times would be one wording).
    for fact in (
        "I had no appraisal for three years.",
        "In three years nobody held an appraisal with me.",
        "For three years my appraisal never took place.",
    ):
        build_analysed_case(
            org, (f"I am leaving because my manager never gave any feedback. {fact}", *ENGLISH[1:]), language="en"
        )
    assert cluster_statements(str(org.id))["fact"] >= 1
    result = insights(_access(org))
    assert any(f.leavers.value == 3 and f.quote and "three years" in f.quote for f in result.facts)
    assert result.advice != []
    top = result.advice[0]
    assert top.actions == playbook()["themes"][top.theme]["en"]
    assert top.quotes != [] and all(top.theme != "wellbeing" for _ in top.quotes)
    assert top.cost.per_leaver == 20000.0
    assert top.cost.total == 20000.0 * (top.push.value or 0)
    assert result.turnover_cost.sources == playbook()["turnover_cost"]["sources"]
    assert result.turnover_cost.total.total == 60000.0


def test_bad_filters_are_refused_with_the_field_named() -> None:
    org = _org()
    with pytest.raises(FilterError) as error:
        insights(_access(org), Filters(start=parse("2025-05"), end=parse("2025-01")))
    assert error.value.field == "from"


def test_the_insights_endpoint_answers_with_the_structure_and_clear_422s() -> None:
    org = _org(k=3)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {build_api_key(org)}")
    for _ in range(3):
        build_analysed_case(org, ENGLISH, language="en")
    body = client.get("/api/v1/insights?from=2000-01&language=en").json()
    assert body["leavers"] == {"value": 3, "share": 1.0, "suppressed": False}
    assert body["k"] == 3 and body["filters"]["from"] == "2000-01"
    bad = client.get("/api/v1/insights?from=2025-13")
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {
            "field": "from",
            "message": "Must be a month written YYYY-MM between 1900-01 and 2100-12, for example 2025-01.",
        }
    ]
    assert client.get("/api/v1/insights?leave_type=fired").status_code == 422
    assert client.get("/api/v1/insights?from=2025-03&to=2025-01").status_code == 422
    assert client.get("/api/v1/insights?department=Nowhere").json()["suppressed"] is True


def test_the_default_replacement_factor_is_the_playbooks() -> None:
    assert float(build_org().replacement_cost_factor) == playbook()["turnover_cost"]["default_factor"]
