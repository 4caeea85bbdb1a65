"""Writes of the privacy app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Organisation


def record_audit(
    actor: Actor,
    action: str,
    *,
    organisation: Organisation | None,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record who did or saw what. Called inside the caller's transaction."""
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor.user,
        actor_label=actor.label[:80],
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail or {},
    )


def record_case_event(actor: Actor, action: str, interview: Any, detail: dict[str, Any] | None = None) -> AuditEvent:
    """Record an event on one leaver's case (an `Interview`), in its organisation's audit log."""
    return record_audit(
        actor,
        action,
        organisation=interview.organisation,
        object_type="interview",
        object_id=str(interview.id),
        detail=detail,
    )


def record_interview_view(actor: Actor, interview: Any, what: str) -> AuditEvent:
    """Staff opened an individual interview (`what`: transcript, statements): who, when and what."""
    return record_case_event(actor, "interview.viewed", interview, {"what": what})


# What staff and client users took out of or looked at in the organisation's view (issue 16): who, when, what.
ORGANISATION_VIEW_ACTIONS = ("dashboard.viewed", "report.downloaded", "export.downloaded")


def record_organisation_view(
    actor: Actor,
    organisation: Organisation,
    action: str,
    *,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Someone opened the organisation's dashboard, downloaded a PDF report or exported figures or statements
    (`action`, one of ORGANISATION_VIEW_ACTIONS): in the organisation's audit log."""
    if action not in ORGANISATION_VIEW_ACTIONS:
        raise ValueError(f"unknown organisation view action {action!r}")
    return record_audit(
        actor, action, organisation=organisation, object_type=object_type, object_id=object_id, detail=detail
    )


@dataclass
class PurgeReport:
    """What `purge` deleted (or, in a dry run, would delete): per kind, the number of cases."""

    transcripts: int = 0
    statements: int = 0
    withdrawn: int = 0
    case_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"transcripts": self.transcripts, "statements": self.statements, "withdrawn": self.withdrawn}


def purge(now: dt.datetime | None = None, *, dry_run: bool = False) -> PurgeReport:
    """Retention (privacy.md): delete raw transcripts `transcript_retention_days` after completion, and
    statements `statement_retention_days` after the leave date (or the completion date when it is unknown).
    Cases the organisation withdrew lose their transcript at once. Tallies and scores survive.

    Each case is handled in its own transaction; a dry run only counts.
    """
    from django.db import transaction
    from django.db.models import Q
    from django.utils import timezone

    from spiegel.consent.actions import erase_statements, erase_transcript
    from spiegel.consent.models import Statement
    from spiegel.interviews.models import Interview, Message, Status
    from spiegel.reports.actions import forget_case_in_reports

    now = now or timezone.now()
    report = PurgeReport()
    from spiegel.copilot.models import Note

    # the notes of a conversation held by a person are its transcript (issue 14)
    with_words = (
        Q(pk__in=Message.objects.values("interview_id"))
        | Q(conversation__state__isnull=False)
        | Q(pk__in=Note.objects.values("interview_id"))
    )
    candidates = (
        Interview.objects.filter(status__in=[Status.COMPLETED, Status.WITHDRAWN])
        .filter(with_words | Q(pk__in=Statement.objects.values("interview_id")))
        .select_related("organisation")
        .distinct()
    )
    for interview in candidates.iterator():
        org = interview.organisation
        transcript_due = interview.status == Status.WITHDRAWN or (
            interview.completed_at is not None
            and interview.completed_at + dt.timedelta(days=org.transcript_retention_days) <= now
        )
        start = interview.leave_date or (interview.completed_at.date() if interview.completed_at else None)
        statements_due = interview.status == Status.WITHDRAWN or (
            start is not None and start + dt.timedelta(days=org.statement_retention_days) <= now.date()
        )
        has_transcript = (
            Message.objects.filter(interview=interview).exists()
            or Note.objects.filter(interview=interview).exists()
            or Interview.objects.filter(pk=interview.pk, conversation__state__isnull=False).exists()
        )
        has_statements = Statement.objects.filter(interview=interview).exists()
        do_transcript = transcript_due and has_transcript
        do_statements = statements_due and has_statements
        if not (do_transcript or do_statements):
            continue
        report.case_ids.append(str(interview.id))
        if interview.status == Status.WITHDRAWN:
            report.withdrawn += 1
        report.transcripts += int(do_transcript)
        report.statements += int(do_statements)
        if dry_run:
            continue
        with transaction.atomic():
            detail: dict[str, Any] = {}
            if do_transcript:
                detail["transcript"] = erase_transcript(interview)
            if do_statements:
                detail["statements"] = erase_statements(interview)
                # Reports quoting them go too, and are made again without their words.
                detail["reports"] = forget_case_in_reports(interview.pk)
            record_audit(
                Actor.system("retention"),
                "retention.purged",
                organisation=org,
                object_type="interview",
                object_id=str(interview.id),
                detail=detail,
            )
    return report


def _encrypted_columns() -> list[tuple[Any, list[str]]]:
    from spiegel.analysis.models import StatementCluster
    from spiegel.consent.models import ReviewOutcome, Statement
    from spiegel.copilot.models import HumanConversation, Note
    from spiegel.interviews.models import Conversation, Interview, Message
    from spiegel.privacy.crypto import EncryptedJSONField, EncryptedTextField
    from spiegel.privacy.models import PseudonymMap

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
    from django.db import connection, transaction

    from spiegel.privacy.crypto import rotate_ciphertext

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
    from spiegel.reports.actions import reseal_report_files

    counts["report files"] = reseal_report_files()
    return counts


# Background tasks that carry a sealed (encrypted) argument: task path -> positions of those arguments. The
# invitation e-mail gets the leaver's token sealed, so that the task queue never holds it in clear text.
SEALED_TASK_ARGUMENTS: dict[str, tuple[int, ...]] = {"spiegel.interviews.tasks.send_invitation": (1,)}


def _reseal_queued_tasks() -> int:
    """Re-seal the sealed arguments of tasks still waiting in the database queue with the first key, so that
    an old key can be removed without breaking an invitation that has not been sent yet. Returns how many."""
    from django.db import transaction

    from spiegel.privacy.crypto import rotate_ciphertext
    from spiegel.tasking import waiting_tasks

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
