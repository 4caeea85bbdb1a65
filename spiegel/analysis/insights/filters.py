"""Which leavers a view of the organisation covers: the filters, their validation, and the querysets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import DateField, Model, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from spiegel.analysis.models import HistoricalExit
from spiegel.interviews.models import Interview, LeaveType, Mode, Status
from spiegel.tenancy.queries import Access

# Tenure bands (months, lower bound inclusive, upper exclusive).
TENURE_BANDS: dict[str, tuple[int, int | None]] = {
    "0-1": (0, 12),
    "1-2": (12, 24),
    "2-5": (24, 60),
    "5-10": (60, 120),
    "10+": (120, None),
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

#: The months a period may name: wide enough for any real exit, narrow enough that date arithmetic never
#: leaves Python's calendar (9999-12 plus one month is not a date).
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: 'YYYY-MM' within FIRST_YEAR..LAST_YEAR, as a pattern for the API schema.
MONTH_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])$"


class FilterError(ValueError):
    """A filter is not valid; `field` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


def parse_month(value: str, field_name: str) -> dt.date:
    """'YYYY-MM' → the first day of that month; FilterError otherwise."""
    match = _MONTH.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise FilterError(
            field_name,
            f"{field_name} must be a month written YYYY-MM between {FIRST_YEAR}-01 and {LAST_YEAR}-12, "
            "for example 2025-01.",
        )
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after `day`'s."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    """Which leavers a view covers. Months are inclusive; None means no limit. `department` is a department
    name of the organisation; `tenure` one of TENURE_BANDS; `language` (nl/en) is for labels and actions."""

    start: dt.date | None = None
    end: dt.date | None = None
    department: str | None = None
    leave_type: str | None = None
    tenure: str | None = None
    language: str = "en"
    # who held the conversation (interviews.Mode: self, interviewer); imported earlier exits have no mode
    mode: str | None = None

    def validate(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise FilterError("from", "from must not be later than to.")
        if self.leave_type and self.leave_type not in LeaveType.values:
            raise FilterError("leave_type", f"leave_type must be one of {', '.join(LeaveType.values)}.")
        if self.tenure and self.tenure not in TENURE_BANDS:
            raise FilterError("tenure", f"tenure must be one of {', '.join(TENURE_BANDS)}.")
        if self.language not in ("nl", "en"):
            raise FilterError("language", "language must be nl or en.")
        if self.mode and self.mode not in Mode.values:
            raise FilterError("mode", f"mode must be one of {', '.join(Mode.values)}.")

    def as_dict(self) -> dict[str, str | None]:
        return {
            "from": self.start.strftime("%Y-%m") if self.start else None,
            "to": self.end.strftime("%Y-%m") if self.end else None,
            "department": self.department,
            "leave_type": self.leave_type,
            "tenure": self.tenure,
            "language": self.language,
            "mode": self.mode,
        }


_Q = TypeVar("_Q", bound=Model)


def filtered(qs: QuerySet[_Q], filters: Filters, date_field: str) -> QuerySet[_Q]:
    """Apply the view's filters; interviews and imported exits share field names except for the date."""
    if filters.start:
        qs = qs.filter(**{f"{date_field}__gte": filters.start})
    if filters.end:
        qs = qs.filter(**{f"{date_field}__lt": next_month(filters.end)})
    if filters.department:
        qs = qs.filter(department__name=filters.department)
    if filters.leave_type:
        qs = qs.filter(leave_type=filters.leave_type)
    if filters.tenure:
        low, high = TENURE_BANDS[filters.tenure]
        qs = qs.filter(tenure_months__gte=low)
        if high is not None:
            qs = qs.filter(tenure_months__lt=high)
    if filters.mode:
        # imported earlier exits were not held in Spiegel: a view of one mode leaves them out
        has_mode = any(f.name == "mode" for f in qs.model._meta.get_fields())
        qs = qs.filter(mode=filters.mode) if has_mode else qs.none()
    return qs


def interviews_of(access: Access, filters: Filters) -> QuerySet[Interview]:
    """Completed, analysed cases within the filters, annotated with `left_on` (leave date, else completion)."""
    qs = Interview.objects.filter(
        organisation=access.organisation, status=Status.COMPLETED, analysis__isnull=False
    ).annotate(left_on=Coalesce("leave_date", TruncDate("completed_at"), output_field=DateField()))
    return filtered(qs, filters, "left_on")


def historical_of(access: Access, filters: Filters) -> QuerySet[HistoricalExit]:
    """Imported earlier exits within the filters."""
    return filtered(HistoricalExit.objects.filter(organisation=access.organisation), filters, "leave_date")


def quarter_label(day: Any) -> str | None:
    """'2025-Q3' for a date (or datetime) in that quarter; None for None."""
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        day = day.date()
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
