"""Cases over the API, with an organisation's API key (the powers of a client_admin)."""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from spiegel.analysis.queries import attributed_statements, case_reasons
from spiegel.api.schemas import (
    MAX_PAGE,
    InterviewCreatedOut,
    InterviewDetailOut,
    InterviewIn,
    InterviewOut,
    InterviewPageOut,
    ReasonOut,
    SharedStatementOut,
    StatusCode,
    errors,
)
from spiegel.disclosures.queries import without_disclosures
from spiegel.interviews.actions import CaseInput, open_case
from spiegel.interviews.links import invitation_url
from spiegel.interviews.models import Interview
from spiegel.interviews.queries import case_for, cases_for
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_interview_view
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

router = Router(tags=["interviews"])


def _access(request: HttpRequest) -> Access:
    access = request.auth  # type: ignore[attr-defined]
    assert isinstance(access, Access)
    return access


def interview_out(interview: Interview) -> InterviewOut:
    return InterviewOut(
        id=interview.id,
        status=interview.status,  # type: ignore[arg-type]
        language=interview.language,  # type: ignore[arg-type]
        mode=interview.mode,  # type: ignore[arg-type]
        department=interview.department.name if interview.department else None,
        role=interview.role_title,
        tenure_months=interview.tenure_months,
        leave_date=interview.leave_date,
        leave_type=interview.leave_type,  # type: ignore[arg-type]
        regrettable=interview.regrettable,
        created_at=interview.created_at,
        expires_at=interview.token_expires_at,
        completed_at=interview.completed_at,
    )


def _actor(access: Access) -> Actor:
    assert access.api_key is not None
    return Actor.for_api_key(access.api_key)


@router.post(
    "",
    response={201: InterviewCreatedOut, **errors(400, 401, 403, 422)},
    summary="Open a case for a leaver",
    description="Returns the leaver's private link. The token is shown only in this response.",
)
def create_interview(request: HttpRequest, payload: InterviewIn) -> Status[InterviewCreatedOut]:
    access = _access(request)
    access.require(Capability.CASE_CREATE)
    interview, token = open_case(
        _actor(access),
        access.organisation,
        CaseInput(
            language=payload.language,
            department=payload.department,
            role_title=payload.role,
            tenure_months=payload.tenure_months,
            leave_date=payload.leave_date,
            leave_type=payload.leave_type,
            mode=payload.mode,
            regrettable=payload.regrettable,
            email=payload.email,
        ),
    )
    created = InterviewCreatedOut(
        id=interview.id,
        token=token,
        invite_url=invitation_url(token),
        status=interview.status,  # type: ignore[arg-type]
    )
    return Status(201, created)


class ListFilters(Schema):
    status: StatusCode | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=200)


@router.get("", response={200: InterviewPageOut, **errors(401, 422)}, summary="List cases")
def list_interviews(request: HttpRequest, filters: Query[ListFilters]) -> InterviewPageOut:
    access = _access(request)
    qs = cases_for(access, status=filters.status)
    offset = (filters.page - 1) * filters.page_size
    items = [interview_out(i) for i in qs[offset : offset + filters.page_size]]
    return InterviewPageOut(items=items, count=qs.count(), page=filters.page, page_size=filters.page_size)


@router.get(
    "/{interview_id}",
    response={200: InterviewDetailOut, **errors(401, 404, 422)},
    summary="One case",
    description="With `reasons` (for an API key: only from the statements the leaver linked to the case, never a "
    "health theme; statements shared anonymously count only in the organisation's figures) and `statements` "
    "(those linked to the case, never health data) once the leaver has completed the mirror.",
)
def get_interview(request: HttpRequest, interview_id: uuid.UUID) -> InterviewDetailOut:
    access = _access(request)
    interview = case_for(access, interview_id)
    reasons = [ReasonOut(theme=r.theme, polarity=r.polarity, weight=r.weight) for r in case_reasons(access, interview)]  # type: ignore[arg-type]
    statements = [
        SharedStatementOut(id=s.id, text=s.text, themes=s.theme_ids, kind=s.kind, topic=s.topic or None)
        for s in without_disclosures(interview, attributed_statements(interview))
    ]
    if statements:
        # Reading what a named leaver shared is opening an individual interview: audited (privacy.md).
        log_interview_view(_actor(_access(request)), interview, "attributed statements (API)")
    return InterviewDetailOut(**interview_out(interview).model_dump(), reasons=reasons, statements=statements)
