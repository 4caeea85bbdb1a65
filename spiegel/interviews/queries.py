"""Tenant-scoped reads of cases. Another organisation's case, or an interviewer's unassigned one, is 404."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from spiegel.interviews.models import OPEN_STATUSES, Interview, Message, Status
from spiegel.interviews.references import filter_by_reference
from spiegel.privacy.crypto import token_digests
from spiegel.tenancy.models import Role
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

SORTS = {
    "newest": ("-created_at",),
    "oldest": ("created_at",),
    "leave_date": ("-leave_date", "-created_at"),
    "department": ("department__name", "-created_at"),
    "status": ("status", "-created_at"),
}


def reference_of(interview: Interview) -> str:
    """The case's short reference, as the case list shows it: `ZN-2026-014`."""
    return interview.reference


def cases_for(
    access: Access,
    *,
    status: str | None = None,
    department: str | None = None,
    mode: str | None = None,
    flagged: bool | None = None,
    search: str = "",
    sort: str = "newest",
) -> QuerySet[Interview]:
    """The cases this access may list, newest first unless `sort` says otherwise, optionally filtered by status,
    department id, mode, flagged, and a search in department, role or reference (`ZN-2026-014`)."""
    access.require(Capability.CASE_LIST)
    qs = Interview.objects.filter(organisation=access.organisation).select_related("department")
    if access.role == Role.INTERVIEWER:
        qs = qs.filter(assigned_interviewer=access.user)
    if status:
        qs = qs.filter(status=status)
    if department:
        try:
            qs = qs.filter(department_id=uuid.UUID(department))
        except ValueError:
            qs = qs.none()
    if mode:
        qs = qs.filter(mode=mode)
    if flagged is not None:
        qs = qs.filter(flagged=flagged)
    search = search.strip()
    if search:
        by_reference = filter_by_reference(qs, search)
        if by_reference is not None:
            qs = by_reference
        else:
            qs = qs.filter(
                Q(department__name__icontains=search) | Q(role_title__icontains=search) | Q(reference__icontains=search)
            )
    return qs.order_by(*SORTS.get(sort, SORTS["newest"]))


def possible_duplicates(
    access: Access, *, department: str, role_title: str, leave_date: dt.date | None
) -> QuerySet[Interview]:
    """Open cases (invited, in progress, in review) for the same department and role, leaving in the same month
    (or with no leave date on either side): probably the same leaver, so the page asks before opening another."""
    access.require(Capability.CASE_CREATE)
    qs = Interview.objects.filter(
        organisation=access.organisation,
        department__name__iexact=department.strip(),
        role_title__iexact=role_title.strip(),
        status__in=OPEN_STATUSES,
    )
    if leave_date is not None:
        same_month = Q(leave_date__year=leave_date.year, leave_date__month=leave_date.month)
        qs = qs.filter(same_month | Q(leave_date__isnull=True))
    return qs.select_related("department").order_by("-created_at")


def case_for(access: Access, case_id: uuid.UUID | str, capability: Capability = Capability.CASE_VIEW) -> Interview:
    """One case of this organisation.

    404 if it is another organisation's (or not assigned to this interviewer); 403 if the role may not.
    """
    try:
        key = uuid.UUID(str(case_id))
    except ValueError as exc:
        raise Http404("No such case.") from exc
    interview = (
        Interview.objects.filter(organisation=access.organisation, pk=key)
        .select_related("department", "organisation")
        .first()
    )
    if interview is None:
        raise Http404("No such case.")
    if access.role == Role.INTERVIEWER and interview.assigned_interviewer_id != getattr(access.user, "pk", None):
        raise Http404("No such case.")
    access.require(capability)
    return interview


def status_counts(access: Access) -> dict[str, int]:
    """How many cases the organisation has in each status (all statuses present, zero where none)."""
    access.require(Capability.OVERVIEW_VIEW)
    counts = {s.value: 0 for s in Status}
    for row in Interview.objects.filter(organisation=access.organisation).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


class TokenError(Exception):
    """The leaver's link does not open anything. `reason` is one of unknown, expired, closed (withdrawn) and
    completed (the leaver completed the mirror: from then on only the receipt opens the record). `language`
    is the case's language where the link was known, so that the page explaining it is in the leaver's."""

    def __init__(self, reason: str, language: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.language = language


def by_hashed_token(rows: QuerySet[Any], token: str) -> Any:
    """The row of ``rows`` whose ``token_hash`` is the token's digest under the current key or an older one (a
    case's invitation link, a receipt). One hashed under an older key is re-hashed under the current one, so that
    the older key can go. Raises TokenError('unknown') when the token opens nothing."""
    if not token or len(token) > 200:
        raise TokenError("unknown")
    digests = token_digests(token)
    found = rows.filter(token_hash__in=digests).first()
    if found is None:
        raise TokenError("unknown")
    if found.token_hash != digests[0]:
        rows.model._default_manager.filter(pk=found.pk).update(token_hash=digests[0])
        found.token_hash = digests[0]
    return found


def case_by_token(token: str, *, allow_closed: bool = False) -> Interview:
    """The case behind a leaver's invitation link. Raises TokenError for a wrong, expired or withdrawn link,
    and for a completed case whatever `allow_closed` says: once the mirror is complete the invitation link
    opens nothing (privacy.md), not the record, the transcript or the withdrawal; the receipt does that until
    retention. `allow_closed` is kept for callers and no longer opens anything more."""
    interview: Interview = by_hashed_token(Interview.objects.select_related("organisation"), token)
    if interview.status == Status.WITHDRAWN:
        raise TokenError("closed", interview.language)
    if interview.status == Status.COMPLETED:
        raise TokenError("completed", interview.language)
    if interview.status == Status.EXPIRED or (
        interview.status in (Status.INVITED, Status.IN_PROGRESS, Status.REVIEW)
        and interview.token_expires_at < timezone.now()
    ):
        raise TokenError("expired", interview.language)
    return interview


def messages_of(interview: Interview) -> QuerySet[Message]:
    return Message.objects.filter(interview=interview).order_by("seq")
