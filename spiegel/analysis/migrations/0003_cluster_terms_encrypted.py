# Cluster terms are leavers' words: encrypted at rest like statements (issue 16).

from typing import Any

from django.db import migrations

import spiegel.privacy.crypto


def _rewrite(schema_editor: Any, change: Any) -> None:
    connection = schema_editor.connection
    table = connection.ops.quote_name("analysis_statementcluster")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, terms FROM {table}")  # noqa: S608
        rows = cursor.fetchall()
        for pk, value in rows:
            if value is None:
                continue
            new = change(value if isinstance(value, str) else str(value))
            if new is not None:
                cursor.execute(f"UPDATE {table} SET terms = %s WHERE id = %s", [new, pk])  # noqa: S608


def encrypt_terms(apps: Any, schema_editor: Any) -> None:
    from spiegel.privacy.crypto import DecryptionError, decrypt_text, encrypt_text

    def change(raw: str) -> str | None:
        try:
            decrypt_text(raw)
            return None  # already encrypted
        except (DecryptionError, ValueError, UnicodeError):
            return encrypt_text(raw)

    _rewrite(schema_editor, change)


def decrypt_terms(apps: Any, schema_editor: Any) -> None:
    from spiegel.privacy.crypto import DecryptionError, decrypt_text

    def change(raw: str) -> str | None:
        try:
            return decrypt_text(raw)
        except (DecryptionError, ValueError, UnicodeError):
            return None

    _rewrite(schema_editor, change)


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0002_interview_analysis"),
    ]

    operations = [
        migrations.AlterField(
            model_name="statementcluster",
            name="terms",
            field=spiegel.privacy.crypto.EncryptedJSONField(default=list),
        ),
        migrations.RunPython(encrypt_terms, decrypt_terms),
    ]
