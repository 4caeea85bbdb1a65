"""Audit events' detail is encrypted like statements (issue 16): it can name the kind of serious disclosure a
leaver made in a case. The column becomes text; existing rows are encrypted here (and decrypted on the way
back), row by row with raw SQL, since the model's field can no longer read plain JSON."""

import json
from typing import Any

from django.db import migrations

import spiegel.privacy.crypto
from spiegel.privacy.crypto import decrypt_text, encrypt_text

FERNET_PREFIX = "gAAAA"


def _rows(schema_editor: Any) -> list[tuple[Any, Any]]:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, detail FROM privacy_auditevent")
        return list(cursor.fetchall())


def _write(schema_editor: Any, changes: list[tuple[str, Any]]) -> None:
    with schema_editor.connection.cursor() as cursor:
        for value, pk in changes:
            cursor.execute("UPDATE privacy_auditevent SET detail = %s WHERE id = %s", [value, pk])


def encrypt_details(apps: Any, schema_editor: Any) -> None:
    changes = []
    for pk, raw in _rows(schema_editor):
        if isinstance(raw, str) and raw.startswith(FERNET_PREFIX):
            continue
        value = raw if isinstance(raw, dict) else json.loads(raw or "{}")
        changes.append((encrypt_text(json.dumps(value, ensure_ascii=False, sort_keys=True)), pk))
    _write(schema_editor, changes)


def decrypt_details(apps: Any, schema_editor: Any) -> None:
    changes = []
    for pk, raw in _rows(schema_editor):
        if isinstance(raw, str) and raw.startswith(FERNET_PREFIX):
            changes.append((decrypt_text(raw), pk))
    _write(schema_editor, changes)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0005_secondfactor_signinpolicy"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="detail",
            field=spiegel.privacy.crypto.EncryptedJSONDetailField(blank=True, default=dict),
        ),
        migrations.RunPython(encrypt_details, decrypt_details),
    ]
