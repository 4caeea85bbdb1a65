"""Migration 0003 gives every existing case the reference the case list showed it before references were stored:
its number among its organisation's cases of that year, in the order they were opened."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from spiegel.tenancy.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("interviews", "0002_initial")]
AFTER = [("interviews", "0003_case_reference")]


def test_the_migration_numbers_existing_cases_per_organisation_and_year_in_order_of_opening() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Interview = apps.get_model("interviews", "Interview")
    noord = Organisation.objects.create(name="Zorggroep Noord", slug="zorggroep-noord")
    bright = Organisation.objects.create(name="Bright Logistics", slug="bright-logistics")
    now = timezone.now()
    opened = [
        (noord, now - dt.timedelta(days=2)),
        (bright, now - dt.timedelta(days=1)),
        (noord, now),
        (noord, now.replace(year=now.year - 1)),
    ]
    ids = []
    for n, (org, when) in enumerate(opened):
        case = Interview.objects.create(organisation_id=org.pk, token_hash=f"h{n}", token_expires_at=now)
        Interview.objects.filter(pk=case.pk).update(created_at=when)
        ids.append(case.pk)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    migrated = executor.loader.project_state(AFTER).apps.get_model("interviews", "Interview")
    year = timezone.localtime(now).year
    assert [migrated.objects.get(pk=pk).reference for pk in ids] == [
        f"ZN-{year}-001",
        f"BL-{year}-001",
        f"ZN-{year}-002",
        f"ZN-{year - 1}-001",
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
