"""The leaver's mirror over the API: read the statements, decide per statement, complete; withdraw the record.

The leaver's token is the credential (no API key). After completion only the receipt token opens the record and
can withdraw it, until retention deletes it; the invitation token opens nothing any more (404, or 409 on the
review endpoints, pointing to the receipt).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from spiegel.api.schemas import TOKEN_ERRORS, FreeText, StatusCode, errors
from spiegel.interviews.models import Interview, Status
from spiegel.interviews.queries import TokenError, case_by_token
from spiegel.language.text import CONTROL_FREE
from spiegel.mirror.actions import (
    ClosingAnswers,
    Decision,
    prepare_mirror,
    receipt_url,
    save_decisions,
    submit_review,
    withdraw_record,
)
from spiegel.mirror.models import Statement
from spiegel.mirror.queries import case_by_receipt, mirror_statements, record_of, restorable

router = Router(tags=["mirror"])

VisibilityCode = Literal["attributed", "anonymous", "private"]


class ThemeOut(Schema):
    id: str
    polarity: str
    confidence: float


class StatementOut(Schema):
    id: uuid.UUID
    text: str
    themes: list[ThemeOut]
    visibility: VisibilityCode
    kind: str
    topic: str | None
    phase: str | None
    deleted: bool
    # Statements about health can never be attributed.
    special_category: bool
    # Placeholders the leaver may turn back into the original word, because it was not a person.
    restorable: list[str]


class ReviewOut(Schema):
    status: StatusCode
    statements: list[StatementOut]


class DecisionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID = Field(description="One of this review's statements, once per request.")
    visibility: VisibilityCode | None = None
    text: FreeText | None = Field(None, max_length=2000)
    delete: bool | None = None
    restore: list[Annotated[str, Field(max_length=80, pattern=CONTROL_FREE)]] = Field(
        default_factory=list, max_length=50
    )


class ReviewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decisions: list[DecisionIn] = Field(default_factory=list, max_length=500)
    felt_heard: int = Field(ge=1, le=5)
    recommend_score: int = Field(ge=0, le=10)
    would_return: Literal["yes", "maybe", "no"] | None = None
    comment: FreeText | None = Field(None, max_length=4000)


class CompletedOut(Schema):
    status: StatusCode
    receipt: str
    receipt_url: str


class DecisionsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    decisions: list[DecisionIn] = Field(max_length=500)


class WithdrawnOut(Schema):
    status: StatusCode


class RecordOut(Schema):
    case: dict[str, object]
    statements: list[dict[str, object]]
    closing: dict[str, object] | None
    transcript: list[dict[str, object]]


def _in_review(token: str) -> Interview:
    try:
        interview = case_by_token(token, allow_closed=True)
    except TokenError as exc:
        if exc.reason == "completed":
            raise HttpError(409, "The review is already completed; open your record with the receipt link.") from exc
        raise HttpError(404, TOKEN_ERRORS[exc.reason]) from exc
    if interview.status != Status.REVIEW:
        raise HttpError(409, "The conversation has not closed yet; the review opens when it has.")
    prepare_mirror(interview)
    return interview


def _leaver_or_receipt(token: str) -> Interview:
    """The case for a leaver's invitation token or receipt token."""
    try:
        return case_by_token(token, allow_closed=True)
    except TokenError as exc:
        try:
            return case_by_receipt(token)
        except TokenError:
            raise HttpError(404, TOKEN_ERRORS[exc.reason]) from exc


def statement_out(statement: Statement) -> StatementOut:
    return StatementOut(
        id=statement.id,
        text=statement.text,
        themes=[ThemeOut(**t) for t in statement.themes or []],
        visibility=statement.visibility,  # type: ignore[arg-type]
        kind=statement.kind,
        topic=statement.topic or None,
        phase=statement.phase or None,
        deleted=statement.removed,
        special_category=statement.special_category,
        restorable=restorable(statement),
    )


def _decisions(items: list[DecisionIn]) -> list[Decision]:
    return [
        Decision(id=str(d.id), visibility=d.visibility, text=d.text, delete=d.delete, restore=tuple(d.restore))
        for d in items
    ]


def _review_out(interview: Interview) -> ReviewOut:
    return ReviewOut(
        status=interview.status,  # type: ignore[arg-type]
        statements=[statement_out(s) for s in mirror_statements(interview)],
    )


@router.get(
    "/{token}/review",
    response={200: ReviewOut, **errors(404, 409)},
    auth=None,
    summary="The mirror: the leaver's statements, pseudonymised, with their themes and visibility",
)
def get_review(request: HttpRequest, token: str) -> ReviewOut:
    return _review_out(_in_review(token))


@router.patch(
    "/{token}/review",
    response={200: ReviewOut, **errors(400, 404, 409, 422)},
    auth=None,
    summary="Save corrections and choices without completing (all or nothing)",
)
def save_review(request: HttpRequest, token: str, payload: DecisionsIn) -> ReviewOut:
    interview = _in_review(token)
    save_decisions(interview, _decisions(payload.decisions))
    return _review_out(interview)


@router.post(
    "/{token}/review",
    response={200: CompletedOut, **errors(400, 404, 409, 422)},
    auth=None,
    summary="Complete the mirror: decisions per statement and the closing questions",
    description="Statements not named keep their current choice (anonymous by default). A corrected text is "
    "pseudonymised again. Statements about health cannot be attributed. Returns the receipt token, shown once.",
)
def complete(request: HttpRequest, token: str, payload: ReviewIn) -> CompletedOut:
    interview = _in_review(token)
    closing = ClosingAnswers(
        felt_heard=payload.felt_heard,
        recommend_score=payload.recommend_score,
        would_return=payload.would_return or "",
        comment=payload.comment or "",
    )
    receipt = submit_review(interview, _decisions(payload.decisions), closing)
    return CompletedOut(status=Status.COMPLETED, receipt=receipt, receipt_url=receipt_url(receipt))  # type: ignore[arg-type]


@router.get(
    "/{token}/record",
    response={200: RecordOut, **errors(404)},
    auth=None,
    summary="The leaver's own record (invitation or receipt token): statements, closing answers, transcript",
)
def get_record(request: HttpRequest, token: str) -> RecordOut:
    interview = _leaver_or_receipt(token)
    if interview.status == Status.WITHDRAWN:
        raise HttpError(404, "This record was withdrawn and deleted.")
    return RecordOut(**record_of(interview))


@router.post(
    "/{token}/withdraw",
    response={200: WithdrawnOut, **errors(404, 409)},
    auth=None,
    summary="Withdraw the record (invitation or receipt token): everything said is deleted",
)
def withdraw(request: HttpRequest, token: str) -> WithdrawnOut:
    interview = _leaver_or_receipt(token)
    try:
        withdrawn = withdraw_record(interview)
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from exc
    return WithdrawnOut(status=withdrawn.status)  # type: ignore[arg-type]
