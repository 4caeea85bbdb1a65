"""The minimum group size k has one reader (privacy.md, "Small numbers"; issue 12, "one place per rule")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings

from spiegel.tenancy.group_size import MIN_GROUP_SIZE, group_size
from spiegel.tenancy.models import Organisation
from tests.support.builders import build_org

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]


@override_settings(SPIEGEL_MIN_GROUP_SIZE=7)
def test_a_new_organisation_starts_from_the_installation_setting() -> None:
    org = build_org()
    assert org.min_group_size == 7
    assert group_size(org) == 7


def test_k_follows_the_organisations_own_setting_and_is_never_below_three() -> None:
    org = build_org()
    Organisation.objects.filter(pk=org.pk).update(min_group_size=9)
    org.refresh_from_db()
    assert group_size(org) == 9
    # The database refuses a setting below 3; an unsaved object that says less still gets 3.
    assert group_size(Organisation(name="x", slug="x", min_group_size=1)) == MIN_GROUP_SIZE == 3


def test_only_the_group_size_module_reads_an_organisations_minimum_group_size() -> None:
    readers = set()
    # The engine's CaseContext carries the k it is told (context.min_group_size); that is no organisation.
    pattern = re.compile(r"\b(organisation|org)\.min_group_size\b")
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]:
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or "/harness/" in relative:
            continue
        if pattern.search(path.read_text(encoding="utf-8")):
            readers.add(relative)
    assert readers == {"tenancy/group_size.py"}
