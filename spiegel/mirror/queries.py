"""Reads of the mirror and the leaver's record, and the organisation-level aggregate behind minimum group sizes.

Organisation views read only what completed mirrors shared: the non-textual tallies and scores, never words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, QuerySet

from spiegel.interviews.models import Interview, Message, Status
from spiegel.interviews.queries import by_hashed_token
from spiegel.language.taxonomy import THEMES
from spiegel.mirror.models import Receipt, ReviewOutcome, Statement, ThemeTally, Visibility
from spiegel.tenancy.group_size import group_size
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access


def mirror_statements(interview: Interview) -> QuerySet[Statement]:
    """The leaver's own statements in the mirror, deleted ones included (they can be undone), in order."""
    return Statement.objects.filter(interview=interview).order_by("seq")


def restorable(statement: Statement) -> list[str]:
    """Placeholders for people in a statement that the leaver may turn back into the original word."""
    found = {r["placeholder"] for r in statement.replacements or [] if r["kind"] == "person"}
    return sorted(p for p in found if p in statement.text)


def replaced_originals(statement: Statement) -> dict[str, str]:
    """placeholder → the original words, for the leaver's own mirror only."""
    return {r["placeholder"]: r["original"] for r in statement.replacements or [] if r["kind"] == "person"}


def shared_statements(interview: Interview) -> QuerySet[Statement]:
    """A completed case's statements that the leaver shared (attributed or anonymous): for practice staff."""
    if interview.status != Status.COMPLETED:
        return Statement.objects.none()
    return (
        Statement.objects.filter(interview=interview, removed=False)
        .exclude(visibility=Visibility.PRIVATE)
        .order_by("seq")
    )


def outcome_of(interview: Interview) -> ReviewOutcome | None:
    return ReviewOutcome.objects.filter(interview=interview).first()


def case_by_receipt(token: str) -> Interview:
    """The case behind a leaver's receipt. Raises TokenError('unknown') for a wrong receipt; a withdrawn
    case is returned (its receipt says that it was withdrawn)."""
    receipt: Receipt = by_hashed_token(Receipt.objects.select_related("interview__organisation"), token)
    return receipt.interview


def record_of(interview: Interview) -> dict[str, Any]:
    """The leaver's whole record as JSON-ready data: their statements (private ones too), their closing
    answers and, while it is kept, the transcript."""

    outcome = outcome_of(interview)
    return {
        "case": {
            "organisation": interview.organisation.name,
            "status": interview.status,
            "language": interview.language,
            "completed_at": interview.completed_at.isoformat() if interview.completed_at else None,
        },
        "statements": [
            {
                "text": s.text,
                "themes": s.theme_ids,
                "kind": s.kind,
                "visibility": s.visibility,
                "topic": s.topic or None,
                "phase": s.phase or None,
            }
            for s in Statement.objects.filter(interview=interview, removed=False).order_by("seq")
        ],
        "closing": None
        if outcome is None
        else {
            "felt_heard": outcome.felt_heard,
            "recommend_score": outcome.recommend_score,
            "would_return": outcome.would_return or None,
            "comment": outcome.comment or None,
        },
        "transcript": [
            {"role": m.role, "text": m.text, "at": m.created_at.isoformat()}
            for m in Message.objects.filter(interview=interview).order_by("seq")
        ],
    }


@dataclass(frozen=True)
class ThemeShare:
    theme: str
    leavers: int | None  # None: suppressed (fewer than k)
    share: float | None
    push: int | None


@dataclass(frozen=True)
class ThemeOverview:
    """Completed mirrors of one organisation: per theme, how many leavers shared something about it."""

    k: int
    completed: int
    suppressed: bool
    themes: list[ThemeShare]
    felt_heard: float | None
    recommend: float | None


def _completed(access: Access) -> QuerySet[Interview]:
    # Only completed mirrors count; a withdrawn record is withdrawn from every figure.
    return Interview.objects.filter(
        organisation=access.organisation, status=Status.COMPLETED, review_outcome__isnull=False
    )


def theme_overview(access: Access) -> ThemeOverview:
    """Share of completed leavers per theme, from the tallies of what they shared. Below k everything is
    suppressed; a theme named by fewer than k leavers is suppressed, and so is its push count below k."""
    access.require(Capability.OVERVIEW_VIEW)
    k = group_size(access.organisation)
    completed = _completed(access)
    n = completed.count()
    if n < k:
        return ThemeOverview(k=k, completed=n, suppressed=True, themes=[], felt_heard=None, recommend=None)
    tallies = ThemeTally.objects.filter(interview__in=completed)
    leavers = dict(tallies.values_list("theme").annotate(n=Count("interview", distinct=True)).values_list("theme", "n"))
    push = dict(
        tallies.filter(polarity="push")
        .values_list("theme")
        .annotate(n=Count("interview", distinct=True))
        .values_list("theme", "n")
    )
    shares: list[ThemeShare] = []
    for theme in THEMES:
        count = int(leavers.get(theme, 0))
        if count < k:
            shares.append(ThemeShare(theme=theme, leavers=None, share=None, push=None))
            continue
        pushed = int(push.get(theme, 0))
        shares.append(
            ThemeShare(theme=theme, leavers=count, share=round(count / n, 3), push=pushed if pushed >= k else None)
        )
    shares.sort(key=lambda s: (s.leavers is None, -(s.leavers or 0), THEMES.index(s.theme)))
    scores = ReviewOutcome.objects.filter(interview__in=completed).aggregate(
        h=Avg("felt_heard"), r=Avg("recommend_score")
    )
    return ThemeOverview(
        k=k,
        completed=n,
        suppressed=False,
        themes=shares,
        felt_heard=round(float(scores["h"]), 1) if scores["h"] is not None else None,
        recommend=round(float(scores["r"]), 1) if scores["r"] is not None else None,
    )
