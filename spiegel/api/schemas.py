"""The JSON shapes of API v1, validated at the boundary with pydantic."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

LanguageCode = Literal["nl", "en"]
LeaveTypeCode = Literal["resignation", "dismissal", "mutual_agreement", "contract_end", "retirement", "other"]
ModeCode = Literal["self", "interviewer"]
StatusCode = Literal["invited", "in_progress", "review", "completed", "expired", "withdrawn"]


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = Field(default_factory=list)


class InterviewIn(Schema):
    """A new case. Unknown fields are refused, so that a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")

    language: LanguageCode
    department: str = Field("", max_length=120)
    role: str = Field("", max_length=120)
    tenure_months: int | None = Field(None, ge=0, le=720)
    leave_date: dt.date | None = None
    leave_type: LeaveTypeCode = "resignation"
    mode: ModeCode = "self"
    regrettable: Literal["yes", "no", "unknown"] = "unknown"
    email: str = Field("", max_length=254)

    @field_validator("department", "role", "email")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class InterviewCreatedOut(Schema):
    id: uuid.UUID
    token: str
    invite_url: str
    status: StatusCode


class InterviewOut(Schema):
    """A case, without anything the leaver said."""

    id: uuid.UUID
    status: StatusCode
    language: LanguageCode
    mode: ModeCode
    department: str | None
    role: str
    tenure_months: int | None
    leave_date: dt.date | None
    leave_type: LeaveTypeCode
    regrettable: str
    created_at: dt.datetime
    expires_at: dt.datetime
    completed_at: dt.datetime | None


class InterviewPageOut(Schema):
    items: list[InterviewOut]
    count: int
    page: int
    page_size: int


class MessageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=20000)
    client_id: str = Field("", max_length=80)
    skip_topic: bool = False


class MessageOut(Schema):
    id: uuid.UUID
    role: Literal["interviewer", "leaver"]
    text: str
    created_at: dt.datetime


class ConversationOut(Schema):
    status: StatusCode
    language: LanguageCode
    progress: float
    messages: list[MessageOut]


class PostedOut(Schema):
    status: StatusCode
    messages: list[MessageOut]


class ReasonOut(Schema):
    """One reason for leaving, from what the leaver shared: theme id, push or pull, weight (0..1)."""

    theme: str
    polarity: Literal["push", "pull"]
    weight: float


class SharedStatementOut(Schema):
    """A statement the leaver shared with their name (never health data)."""

    id: uuid.UUID
    text: str
    themes: list[str]
    kind: str
    topic: str | None


class InterviewDetailOut(InterviewOut):
    """A case with its analysis: reasons from shared statements ([] when nothing was shared or before the
    mirror is completed) and the statements the leaver shared with their name."""

    reasons: list[ReasonOut] = Field(default_factory=list)
    statements: list[SharedStatementOut] = Field(default_factory=list)
