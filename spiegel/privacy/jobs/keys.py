"""Key rotation: every encrypted column, queued sealed task argument and report file re-encrypted with the
first key of SPIEGEL_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from spiegel.analysis.models import StatementCluster
from spiegel.copilot.models import HumanConversation, Note
from spiegel.interviews.models import Conversation, Interview, Message
from spiegel.mirror.models import ReviewOutcome, Statement
from spiegel.privacy.crypto import EncryptedJSONField, EncryptedTextField, rotate_ciphertext
from spiegel.privacy.models import PseudonymMap
from spiegel.reports.actions import reseal_report_files
from spiegel.task_queue import waiting_tasks


def _encrypted_columns() -> list[tuple[Any, list[str]]]:
    out: list[tuple[Any, list[str]]] = []
    models = (Interview, Conversation, Message, Statement, ReviewOutcome, PseudonymMap, StatementCluster)
    for model in (*models, HumanConversation, Note):
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField | EncryptedJSONField)]
        out.append((model, names))
    return out


def rotate_keys(*, batch: int = 500) -> dict[str, int]:
    """Re-encrypt every encrypted column with the first key of SPIEGEL_ENCRYPTION_KEYS. Returns rows per model.

    Rows are read through all configured keys and written with the first one, in batches of `batch` per
    transaction; running it twice is harmless. Afterwards older keys can be removed from the setting.
    """
    counts: dict[str, int] = {}
    for model, names in _encrypted_columns():
        table = connection.ops.quote_name(model._meta.db_table)
        pk = model._meta.pk
        assert pk is not None
        pk_col = connection.ops.quote_name(pk.column)
        columns = [connection.ops.quote_name(model._meta.get_field(n).column) for n in names]
        done = 0
        last: Any = None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                # Raw SQL: the ciphertext itself is rotated, never decrypted into Python objects.
                where = f"WHERE {pk_col} > %s " if last is not None else ""
                cursor.execute(
                    f"SELECT {pk_col}, {', '.join(columns)} FROM {table} {where}ORDER BY {pk_col} LIMIT %s",  # noqa: S608
                    [last, batch] if last is not None else [batch],
                )
                rows = cursor.fetchall()
                for row in rows:
                    values = [rotate_ciphertext(v) if v is not None else None for v in row[1:]]
                    assignments = ", ".join(f"{c} = %s" for c in columns)
                    cursor.execute(
                        f"UPDATE {table} SET {assignments} WHERE {pk_col} = %s",  # noqa: S608
                        [*values, row[0]],
                    )
            done += len(rows)
            if len(rows) < batch:
                break
            last = rows[-1][0]
        counts[model._meta.label] = done
    counts["queued invitation e-mails"] = _reseal_queued_tasks()
    counts["report files"] = reseal_report_files()
    return counts


# Background tasks that carry a sealed (encrypted) argument: task path -> positions of those arguments. The
# invitation e-mail gets the leaver's token sealed, so that the task queue never holds it in clear text.
SEALED_TASK_ARGUMENTS: dict[str, tuple[int, ...]] = {"spiegel.interviews.tasks.send_invitation": (1,)}


def _reseal_queued_tasks() -> int:
    """Re-seal the sealed arguments of tasks still waiting in the database queue with the first key, so that
    an old key can be removed without breaking an invitation that has not been sent yet. Returns how many."""
    queued = waiting_tasks(*SEALED_TASK_ARGUMENTS)
    if queued is None:
        return 0
    resealed = 0
    with transaction.atomic():
        for result in queued.select_for_update():
            args = list(result.args_kwargs.get("args", []))
            for position in SEALED_TASK_ARGUMENTS[result.task_path]:
                if position < len(args) and isinstance(args[position], str):
                    args[position] = rotate_ciphertext(args[position])
            result.args_kwargs = {**result.args_kwargs, "args": args}
            result.save(update_fields=["args_kwargs"])
            resealed += 1
    return resealed
