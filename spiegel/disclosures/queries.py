"""Every read of disclosures: only the practice (a consultant, or the interviewer the case is assigned to)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from spiegel.disclosures.models import Disclosure, FollowUpStatus
from spiegel.interviews.models import Interview
from spiegel.interviews.queries import case_for
from spiegel.language.cues import analyse_answer
from spiegel.language.understanding import Context, understand
from spiegel.tenancy.models import Membership, Role, User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

# What a practitioner's follow-up needs: the transcript's reader (consultant, the assigned interviewer).
FOLLOW_UP = Capability.TRANSCRIPT_VIEW


def sees_disclosures(access: Access) -> bool:
    """Only the practice reads disclosures; client roles and API keys never."""
    return access.api_key is None and access.role in (Role.CONSULTANT, Role.INTERVIEWER) and access.can(FOLLOW_UP)


def disclosures_of(access: Access, interview: Interview) -> list[Disclosure]:
    """The case's disclosures in the order they were flagged, for the practice; nothing for anyone else.
    ``interview`` comes from :func:`case_for` (tenant and assignment already checked)."""
    if not sees_disclosures(access):
        return []
    return list(Disclosure.objects.filter(interview=interview).select_related("updated_by"))


def disclosure_for(access: Access, case_id: uuid.UUID | str, disclosure_id: uuid.UUID | str) -> Disclosure:
    """One disclosure of one case: 404 for another organisation's case, an unassigned interviewer or an unknown
    disclosure; 403 for a client role."""
    interview = case_for(access, case_id, FOLLOW_UP)
    if not sees_disclosures(access):
        raise Http404("No such disclosure.")
    try:
        key = uuid.UUID(str(disclosure_id))
    except ValueError as exc:
        raise Http404("No such disclosure.") from exc
    found = Disclosure.objects.filter(interview=interview, pk=key).select_related("interview__organisation").first()
    if found is None:
        raise Http404("No such disclosure.")
    return found


def open_disclosures_for(user: User) -> list[Disclosure]:
    """Disclosures not yet closed, across the organisations of this person: every case's where they are a
    consultant, the cases assigned to them where they are an interviewer. Oldest first."""
    consultant_of = Membership.objects.filter(user=user, role=Role.CONSULTANT).values("organisation_id")
    interviewer_of = Membership.objects.filter(user=user, role=Role.INTERVIEWER).values("organisation_id")
    return list(
        Disclosure.objects.exclude(status=FollowUpStatus.CLOSED)
        .filter(
            Q(interview__organisation_id__in=consultant_of)
            | Q(interview__organisation_id__in=interviewer_of, interview__assigned_interviewer=user)
        )
        .select_related("interview__organisation", "interview__department")
        .order_by("flagged_at")
    )


M = TypeVar("M")


def with_open_disclosures(cases: QuerySet[Interview]) -> QuerySet[Interview]:
    """The cases, each with ``open_disclosures``: how many of its disclosures are not closed."""
    return cases.annotate(
        open_disclosures=Count("disclosures", filter=~Q(disclosures__status=FollowUpStatus.CLOSED), distinct=True)
    )


def reads_as_disclosure(text: str, language: str) -> bool:
    """Whether the engine would flag these words as a serious disclosure."""
    if understand(text, Context(language=language)).disclosure:
        return True
    return bool(analyse_answer(text, language).disclosures)


def without_disclosures(interview: Interview, statements: Iterable[M]) -> list[M]:
    """The statements a client role or an API key may read of this case: none made from a message that
    carried a flagged disclosure, and none that reads as one itself (the leaver may have reworded it in the
    mirror). A disclosure is for the practice to handle; the organisation never reads it word for word."""
    seqs = set(
        Disclosure.objects.filter(interview=interview, source_seq__isnull=False).values_list("source_seq", flat=True)
    )
    kept = []
    for statement in statements:
        sources = {getattr(statement, "source_seq", None)} | {
            s.get("seq") for s in (getattr(statement, "sources", None) or []) if isinstance(s, dict)
        }
        if seqs & sources:
            continue
        if reads_as_disclosure(str(getattr(statement, "text", "")), interview.language):
            continue
        kept.append(statement)
    return kept
