"""The JSON shapes of API v1, validated at the boundary with pydantic."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, field_validator

from spiegel.language.text import CONTROL_FREE, strip_control

LanguageCode = Literal["nl", "en"]
LeaveTypeCode = Literal["resignation", "dismissal", "mutual_agreement", "contract_end", "retirement", "other"]
ModeCode = Literal["self", "interviewer"]
StatusCode = Literal["invited", "in_progress", "review", "completed", "expired", "withdrawn"]


#: Free text (an answer, a correction, a comment): control characters are removed, tab and newline kept.
FreeText = Annotated[str, AfterValidator(strip_control)]
#: An e-mail address as the API accepts it (a subset of what Django's EmailValidator accepts, so that every
#: address the schema allows is taken), or empty.
EMAIL_PATTERN = (
    r"^$|^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
#: What a leaver's API answers (404) when their link opens nothing, by TokenError's reason.
TOKEN_ERRORS = {
    "unknown": "This link is not known. Check that you copied the whole link.",
    "expired": "This link has expired. Ask the person who sent it for a new one.",
    "closed": "This conversation is closed.",
    "completed": "This conversation is complete; the invitation link no longer opens it. "
    "Open your record with your receipt link.",
}
#: The highest page number a list accepts: far beyond any organisation's cases, far below any integer limit.
MAX_PAGE = 100_000


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = Field(default_factory=list)


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """The documented error responses of an operation (every one it can return; a CI fuzz run checks it):
    400 a body that is not JSON, 401 no valid API key, 403 the key may not do this, 404 unknown or another
    organisation's, 409 not possible in the case's state, 422 invalid input. Every operation can also answer 429
    (with Retry-After) to an address that failed too often (spiegel.privacy.throttle)."""
    return dict.fromkeys((*codes, 429), ErrorOut)


class InterviewIn(Schema):
    """A new case. Unknown fields are refused, so that a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")

    language: LanguageCode
    department: str = Field("", max_length=120, pattern=CONTROL_FREE)
    role: str = Field("", max_length=120, pattern=CONTROL_FREE)
    tenure_months: int | None = Field(None, ge=0, le=720)
    leave_date: dt.date | None = Field(
        None, description="Within three years before and two years after today (calendar years)."
    )
    leave_type: LeaveTypeCode = "resignation"
    mode: ModeCode = "self"
    regrettable: Literal["yes", "no", "unknown"] = "unknown"
    email: str = Field(
        "",
        max_length=254,
        pattern=EMAIL_PATTERN,
        description="The leaver's address for the invitation e-mail (an ASCII address; empty: no e-mail).",
    )

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


#: A character that a person can see: an answer needs at least one (unless it asks to skip the topic).
VISIBLE = r"[^\s\x00-\x1f\x7f-\x9f]"


class MessageIn(Schema):
    """An answer. Without ``skip_topic`` it must hold something visible; with it, it may be empty (the
    leaver only asks for the next topic). Control characters are removed."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "if": {"properties": {"skip_topic": {"const": False}}},
            "then": {"properties": {"text": {"pattern": VISIBLE}}},
        },
    )

    text: FreeText = Field(max_length=20000)
    client_id: str = Field(
        "",
        max_length=80,
        pattern=CONTROL_FREE,
        description="The client's id for this answer: a retry with the "
        "same id returns the first reply instead of adding a turn.",
    )
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
