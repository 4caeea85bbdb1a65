"""The organisation's insights over the API, with its API key: the same structure as the dashboard."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from spiegel.analysis.queries import MONTH_PATTERN, FilterError, Filters, Insights, insights, parse_month
from spiegel.api.schemas import LanguageCode, LeaveTypeCode, errors
from spiegel.language.text import CONTROL_FREE
from spiegel.tenancy.queries import Access

router = Router(tags=["insights"])


class InsightsQuery(Schema):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str | None = Field(
        None, alias="from", description="First month, YYYY-MM (inclusive), not later than `to`.", pattern=MONTH_PATTERN
    )
    to: str | None = Field(None, description="Last month, YYYY-MM (inclusive).", pattern=MONTH_PATTERN)
    department: str | None = Field(None, max_length=120, pattern=CONTROL_FREE)
    leave_type: LeaveTypeCode | None = None
    tenure: Literal["0-1", "1-2", "2-5", "5-10", "10+"] | None = Field(None, description="Tenure band in years.")
    language: LanguageCode = Field("en", description="Language of labels and actions.")
    mode: Literal["self", "interviewer"] | None = Field(
        None, description="Only conversations held by Spiegel's interviewer (self) or by a person (interviewer)."
    )


@router.get(
    "",
    response={200: Insights, **errors(401, 422)},
    summary="Why people leave: reasons, trends, facts, advice",
    description="Every figure meets the organisation's minimum group size; a suppressed figure has "
    "`value: null, suppressed: true`. Periods are months (`from`/`to` as YYYY-MM).",
)
def get_insights(request: HttpRequest, query: Query[InsightsQuery]) -> Insights:
    access = request.auth  # type: ignore[attr-defined]
    assert isinstance(access, Access)
    try:
        filters = Filters(
            start=parse_month(query.from_, "from") if query.from_ else None,
            end=parse_month(query.to, "to") if query.to else None,
            department=query.department.strip() or None if query.department else None,
            leave_type=query.leave_type,
            tenure=query.tenure,
            language=query.language,
            mode=query.mode,
        )
        return insights(access, filters)
    except FilterError as exc:
        raise ValidationError({exc.field: [exc.message]}) from exc
