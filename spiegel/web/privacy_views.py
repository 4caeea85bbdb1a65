"""Staff pages about individual interviews and their audit trail.

The transcript page is for consultants and the case's assigned interviewer (never for client roles), shows
nothing before the leaver completed the mirror, and every opening is recorded as an audit event.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from spiegel.analysis.queries import Filters, insights
from spiegel.interviews.models import Status
from spiegel.interviews.queries import case_for, messages_of
from spiegel.language.classify import THEME_LABELS
from spiegel.mirror.queries import outcome_of, shared_statements, theme_overview
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_interview_view
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access, access_for
from spiegel.web.signed_in import signed_in_user


@login_required
def case_transcript(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    user = signed_in_user(request)
    access = access_for(user, slug)
    interview = case_for(access, case_id, Capability.TRANSCRIPT_VIEW)
    visible = interview.status == Status.COMPLETED
    context: dict[str, object] = {"access": access, "org": access.organisation, "case": interview, "visible": visible}
    if visible:
        lang = (get_language() or "nl")[:2]
        statements = [
            (s, [THEME_LABELS.get(t, {}).get(lang, t) for t in s.theme_ids]) for s in shared_statements(interview)
        ]
        # Not "messages": that name belongs to the flash messages base.html shows on every page.
        conversation = list(messages_of(interview))
        context |= {"statements": statements, "conversation": conversation, "outcome": outcome_of(interview)}
        log_interview_view(Actor.for_user(user), interview, "transcript" if conversation else "statements")
    return render(request, "spiegel/privacy/transcript.html", context)


def overview_context(access: Access) -> dict[str, object]:
    """The organisation home page's small aggregate, behind k: how many leavers completed the review, and per
    reason for leaving the share of leavers who named it (from the analysis, like the dashboard: every theme a
    leaver merely talked about would be 100%)."""
    overview = theme_overview(access)
    lang = (get_language() or "nl")[:2]
    shown = insights(access, Filters(language=lang))
    rows = [
        {
            "label": figure.label,
            "leavers": figure.leavers.value,
            "percent": round((figure.leavers.share or 0) * 100),
            "push": figure.push.value,
        }
        for figure in shown.reasons
        if figure.leavers.value != 0
    ]
    return {"overview": overview, "overview_rows": rows, "reasons": shown}
