"""Cluster terms are leavers' words: encrypted at rest like statements, and re-encrypted by rotate-key."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from spiegel.analysis.models import StatementCluster
from spiegel.privacy.jobs.keys import rotate_keys
from tests.support.builders import build_org

pytestmark = pytest.mark.django_db


def _stored(cluster: StatementCluster) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT terms FROM analysis_statementcluster WHERE id = %s", [cluster.pk])
        return str(cursor.fetchone()[0])


def test_cluster_terms_are_encrypted_at_rest_and_survive_key_rotation(settings: Any) -> None:
    cluster = StatementCluster.objects.create(  # type: ignore[misc]
        organisation=build_org(), kind="emerging", terms=["nachtdienst", "rooster"], leavers=3
    )
    before = _stored(cluster)
    assert "nachtdienst" not in before and "rooster" not in before
    assert StatementCluster.objects.get(pk=cluster.pk).terms == ["nachtdienst", "rooster"]
    new_key = Fernet.generate_key().decode()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new_key, *settings.SPIEGEL_ENCRYPTION_KEYS]
    assert rotate_keys()["analysis.StatementCluster"] >= 1
    settings.SPIEGEL_ENCRYPTION_KEYS = [new_key]
    assert _stored(cluster) != before
    assert StatementCluster.objects.get(pk=cluster.pk).terms == ["nachtdienst", "rooster"]
