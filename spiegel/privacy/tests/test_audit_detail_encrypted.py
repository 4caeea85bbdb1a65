"""Audit events' detail is stored encrypted (issue 16): a disclosure's kind in a case's audit trail is not
readable from the database; existing rows are encrypted by the migration and decrypted when it is undone."""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from spiegel.interviews.conversation import post_message
from spiegel.privacy.models import AuditEvent
from tests.support.builders import build_case, build_org

BEFORE = [("privacy", "0005_secondfactor_signinpolicy")]
AFTER = [("privacy", "0006_audit_detail_encrypted")]


def _raw_detail(pk: uuid.UUID) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT detail FROM privacy_auditevent WHERE id = %s", [pk.hex if connection.vendor == "sqlite" else pk]
        )
        (raw,) = cursor.fetchone()
    return raw if isinstance(raw, str) else json.dumps(raw)


@pytest.mark.django_db
def test_a_disclosure_flag_in_the_audit_log_is_not_readable_in_the_database() -> None:

    built = build_case(build_org(), language="nl")
    post_message(built.interview, "Mijn leidinggevende zat aan me, ik werd seksueel geïntimideerd.", client_id="a1")
    event = AuditEvent.objects.get(action="disclosure.flagged")
    assert event.detail["kind"] == "disclosure"
    raw = _raw_detail(event.pk)
    assert raw.startswith("gAAAA")
    assert not any(str(value) in raw for value in event.detail.values() if value)


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_existing_details_and_undoing_it_decrypts_them() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    pk = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO privacy_auditevent (id, actor_label, action, object_type, object_id, detail, created_at) "
            "VALUES (%s, 'engine', 'disclosure.flagged', 'interview', 'x', %s, CURRENT_TIMESTAMP)",
            [pk.hex if connection.vendor == "sqlite" else pk, json.dumps({"kind": "violence", "topic": "manager"})],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    raw = _raw_detail(pk)
    assert raw.startswith("gAAAA") and "violence" not in raw
    assert AuditEvent.objects.get(pk=pk).detail == {"kind": "violence", "topic": "manager"}
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    assert json.loads(_raw_detail(pk)) == {"kind": "violence", "topic": "manager"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
