"""Schemathesis hooks for the API fuzz run (test_openapi_fuzz.py): the rules the OpenAPI schema cannot express,
each written in its field's description: a period's `from` not later than `to`, a leave date within its window
relative to today, and a review decision naming one of that review's statements. Requests that break them are
answered 422 with the field and a clear message; they are not valid requests, so they are neither generated as
such (where the fuzzer's filters reach) nor counted as "valid data refused"."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from typing import Any

import schemathesis

# The test passes the window (spiegel.interviews.actions.leave_date_window) in: this module is loaded by the
# schemathesis process, which has no Django.
_EARLIEST, _LATEST = (dt.date.fromisoformat(d) for d in os.environ["SPIEGEL_FUZZ_LEAVE_WINDOW"].split(","))


@schemathesis.hook("filter_query")
def period_in_order(context: Any, query: dict[str, Any] | None) -> bool:
    """`from` not later than `to` (insights)."""
    if not query or not isinstance(query.get("from"), str) or not isinstance(query.get("to"), str):
        return True
    return bool(query["from"] <= query["to"])


@schemathesis.hook("filter_body")
def leave_date_in_window(context: Any, body: Any) -> bool:
    """A new case's leave date within three calendar years before and two after today."""
    if not isinstance(body, dict) or not isinstance(body.get("leave_date"), str):
        return True
    try:
        day = dt.date.fromisoformat(body["leave_date"])
    except ValueError:
        return True
    return _EARLIEST <= day <= _LATEST


def _outside_rules(case: Any) -> bool:
    """Whether the request breaks one of the two rules above (the coverage phase makes its own values and
    does not pass through the filters)."""
    body, query = case.body, case.query or {}
    if isinstance(body, dict) and not leave_date_in_window(None, body):
        return True
    return not period_in_order(None, query)


@schemathesis.hook("filter_failure")
def refused_for_a_documented_rule(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep every failure except "valid data refused" for a request that breaks one of the two rules, answered
    with a 422 on exactly that field."""
    if type(failure).__name__ != "RejectedPositiveData" or response.status_code != 422:
        return True
    fields = {e.get("field") for e in response.json().get("errors", [])}
    if fields and all(_is_uuid(f) for f in fields):  # decisions about statements that are not in this review
        return False
    return not (_outside_rules(case) and fields <= {"leave_date", "from"})


def _is_uuid(text: object) -> bool:
    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True
