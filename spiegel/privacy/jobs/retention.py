"""Retention: what the retention periods say must go, deleted case by case (privacy.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from spiegel.copilot.actions import erase_notes
from spiegel.copilot.models import Note
from spiegel.disclosures.actions import erase_disclosure_words
from spiegel.interviews.models import Interview, Message, Status
from spiegel.interviews.transcript import erase_transcript
from spiegel.mirror.actions import erase_statements
from spiegel.mirror.models import Statement
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.reports.actions import forget_case_in_reports


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
    now = now or timezone.now()
    report = PurgeReport()
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
                detail["transcript"] = {**erase_transcript(interview), "notes": erase_notes(interview)}
                detail["transcript"]["disclosure_words"] = erase_disclosure_words(interview)
            if do_statements:
                detail["statements"] = erase_statements(interview)
                # Reports quoting them go too, and are made again without their words.
                detail["reports"] = forget_case_in_reports(interview.pk)
            log_audit(
                Actor.system("retention"),
                "retention.purged",
                organisation=org,
                object_type="interview",
                object_id=str(interview.id),
                detail=detail,
            )
    return report
