"""Two views of the organisation can never be subtracted into fewer than k leavers (privacy.md, "Small numbers":
published counts come from fixed partitions). Realistic data: a care organisation's earlier exits, unevenly
spread over two years and four departments of very different sizes, with months that hold a single leaver."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from spiegel.analysis.insights.filters import historical_of, interviews_of
from spiegel.analysis.queries import Filters, Widening, insights, published_filters
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import build_historical_exits, build_org

pytestmark = pytest.mark.django_db

K = 5
DEPARTMENTS = {"Verpleging": 30, "Thuiszorg": 14, "Facilitair": 6, "Staf": 3}
REASONS = ("Workload", "Manager", "Pay", "Career", "Schedule")


def _care_organisation() -> Organisation:
    org = build_org("Zorggroep Noord")
    Organisation.objects.filter(pk=org.pk).update(min_group_size=K)
    org.refresh_from_db()
    chance = random.Random(13)
    rows: list[str] = []
    number = 0
    for department, leavers in DEPARTMENTS.items():
        for _ in range(leavers):
            number += 1
            month = chance.choice(range(24))  # 2024-01 .. 2025-12
            day = dt.date(2024 + month // 12, month % 12 + 1, chance.randint(1, 28))
            rows.append(f"{number};{day.isoformat()};{department};{chance.choice(REASONS)};;")
    # One leaver alone in January 2025: "from 2025-01" against "from 2025-02" is the attack the issue names.
    rows.append(f"{number + 1};2025-01-15;Staf;Manager;;")
    assert build_historical_exits(org, rows) == len(rows)
    return org


def _months() -> list[dt.date | None]:
    return [None, *(dt.date(2024 + m // 12, m % 12 + 1, 1) for m in range(0, 24))]


def _population(access: Access, filters: Filters) -> frozenset[str]:
    used, _ = published_filters(access, filters)
    ids = {f"i{pk}" for pk in interviews_of(access, used).values_list("pk", flat=True)}
    ids |= {f"h{pk}" for pk in historical_of(access, used).values_list("pk", flat=True)}
    return frozenset(ids)


def test_no_two_views_differ_by_fewer_than_k_leavers() -> None:
    org = _care_organisation()
    access = Access(organisation=org, role=Role.CLIENT_VIEWER)
    views: list[Filters] = []
    months = _months()
    for start, end in itertools.product(months[::2], [*months[1::3], None]):
        if start and end and start > end:
            continue
        for department in (None, *DEPARTMENTS):
            views.append(Filters(start=start, end=end, department=department))
    populations = {view: _population(access, view) for view in views}
    assert len(views) > 300
    # The raw filters would single out small groups (this is what the partition is for) ...
    raw = {f: frozenset(historical_of(access, f).values_list("pk", flat=True)) for f in views}
    assert any(0 < len(a - b) < K for a, b in itertools.combinations(raw.values(), 2))
    # ... the views as published never do, whichever two are compared, in either direction.
    distinct = set(populations.values())
    small = [
        (len(a - b), len(b - a))
        for a, b in itertools.combinations(distinct, 2)
        if 0 < len(a - b) < K or 0 < len(b - a) < K
    ]
    assert small == []
    assert all(len(p) == 0 or len(p) >= K for p in distinct)


def test_the_published_leaver_counts_of_nested_views_never_differ_by_fewer_than_k() -> None:
    org = _care_organisation()
    access = Access(organisation=org, role=Role.CLIENT_VIEWER)
    counts = []
    for start in _months():
        shown = insights(access, Filters(start=start))
        counts.append(shown.leavers.value or 0)
    # From an ever later month, the views are nested: each difference is a group the reader could single out.
    assert counts == sorted(counts, reverse=True)
    assert all(a - b == 0 or a - b >= K for a, b in itertools.pairwise(counts))


def test_a_period_that_would_set_one_leaver_apart_is_widened_and_says_so() -> None:
    org = _care_organisation()
    access = Access(organisation=org, role=Role.CLIENT_VIEWER)
    january = insights(access, Filters(start=dt.date(2025, 1, 1)))
    february = insights(access, Filters(start=dt.date(2025, 2, 1)))
    # February snaps back to a block boundary: the two views are the same, or differ by at least k leavers.
    assert january.leavers.value is not None and february.leavers.value is not None
    assert january.leavers.value - february.leavers.value in (0, *range(K, 100))
    assert february.filters["from"] != "2025-02"
    assert february.widened[0] == Widening("from", "2025-02", february.filters["from"], "whole_period")


def test_a_department_too_small_to_stand_apart_is_dropped_from_the_view_and_says_so() -> None:
    org = _care_organisation()
    access = Access(organisation=org, role=Role.CLIENT_VIEWER)
    shown = insights(access, Filters(department="Staf"))
    assert shown.filters["department"] is None
    assert Widening("department", "Staf", None, "small_group") in shown.widened
    everyone = insights(access, Filters())
    assert shown.leavers.value == everyone.leavers.value
    # A department with enough leavers in every period stands on its own.
    nursing = insights(access, Filters(department="Verpleging"))
    assert nursing.filters["department"] == "Verpleging" and nursing.widened == []
