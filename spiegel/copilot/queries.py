"""Reads of human-led conversations. Who may open the co-pilot and the notes: the case's assigned interviewer
and the consultants of the organisation; client roles never (their request is refused before anything is
read). Cases of other organisations, and an interviewer's unassigned cases, answer 404 (`case_for`)."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from spiegel.copilot.models import HumanConversation, InterviewerProfile, Note
from spiegel.interviews.models import Interview, Mode, Status
from spiegel.interviews.queries import case_for
from spiegel.tenancy.models import Membership, Role, User
from spiegel.tenancy.queries import Access

HOLDING_ROLES = (Role.CONSULTANT, Role.INTERVIEWER)


def human_case_for(access: Access, case_id: uuid.UUID | str) -> Interview:
    """A human-led case this person may hold: 404 for another organisation's case, another interviewer's case
    or a case held by Spiegel; 403 for client roles."""

    if access.role not in HOLDING_ROLES:
        raise PermissionDenied("Only the practice holds conversations.")
    interview = case_for(access, case_id)
    if interview.mode != Mode.INTERVIEWER:
        raise Http404("Not a human-led case.")
    return interview


def notes_of(interview: Interview) -> QuerySet[Note]:
    return Note.objects.filter(interview=interview).order_by("seq")


def human_record(interview: Interview) -> HumanConversation | None:
    return HumanConversation.objects.filter(interview=interview).first()


def profile_of(user: User | None) -> InterviewerProfile | None:
    if user is None:
        return None
    return InterviewerProfile.objects.filter(user=user).first()


def possible_interviewers(interview: Interview) -> QuerySet[User]:
    """The consultants and interviewers of the case's organisation, who can be given the case."""
    ids = Membership.objects.filter(organisation_id=interview.organisation_id, role__in=HOLDING_ROLES).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("username")


def my_conversations(user: User) -> dict[str, list[Interview]]:
    """The human-led cases of this person, across organisations, by what they wait for: upcoming (not yet
    held), notes (being held or notes not closed), statements (notes closed, mirror not sent), mirror (with the
    leaver) and flagged (a serious disclosure to follow up). An interviewer sees the cases assigned to them; a
    consultant also every human-led case of the organisations where they are consultant."""
    consultant_of = Membership.objects.filter(user=user, role=Role.CONSULTANT).values("organisation_id")
    member_of = Membership.objects.filter(user=user, role__in=HOLDING_ROLES).values("organisation_id")
    qs = (
        Interview.objects.filter(mode=Mode.INTERVIEWER, organisation_id__in=member_of)
        .filter(Q(assigned_interviewer=user) | Q(organisation_id__in=consultant_of))
        .select_related("organisation", "department", "human")
        .order_by("created_at")
    )
    groups: dict[str, list[Interview]] = {"upcoming": [], "notes": [], "statements": [], "mirror": [], "flagged": []}
    for interview in qs:
        human: HumanConversation | None = getattr(interview, "human", None)
        if interview.flagged and interview.status not in (Status.WITHDRAWN,):
            groups["flagged"].append(interview)
        if interview.status == Status.REVIEW:
            groups["mirror"].append(interview)
        elif interview.status in (Status.INVITED, Status.IN_PROGRESS):
            if human is not None and human.notes_closed_at is not None:
                groups["statements"].append(interview)
            elif human is not None and human.started_at is not None:
                groups["notes"].append(interview)
            else:
                groups["upcoming"].append(interview)
    groups["upcoming"].sort(
        key=lambda i: (
            getattr(getattr(i, "human", None), "planned_for", None) is None,
            str(getattr(getattr(i, "human", None), "planned_for", "") or ""),
        )
    )
    return groups
