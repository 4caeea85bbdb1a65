"""The audit log: who did or saw what. A base module every app may import (it imports no other app)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spiegel.privacy.actors import Actor
from spiegel.privacy.models import AuditEvent

if TYPE_CHECKING:
    from spiegel.tenancy.models import Organisation


def log_audit(
    actor: Actor,
    action: str,
    *,
    organisation: Organisation | None,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record who did or saw what. Called inside the caller's transaction."""
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor.user,
        actor_label=actor.label[:80],
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail or {},
    )


def log_case_event(actor: Actor, action: str, interview: Any, detail: dict[str, Any] | None = None) -> AuditEvent:
    """Record an event on one leaver's case (an `Interview`), in its organisation's audit log."""
    return log_audit(
        actor,
        action,
        organisation=interview.organisation,
        object_type="interview",
        object_id=str(interview.id),
        detail=detail,
    )


def log_interview_view(actor: Actor, interview: Any, what: str) -> AuditEvent:
    """Staff opened an individual interview (`what`: transcript, statements): who, when and what."""
    return log_case_event(actor, "interview.viewed", interview, {"what": what})


# What staff and client users took out of or looked at in the organisation's view (issue 16): who, when, what.
ORGANISATION_VIEW_ACTIONS = ("dashboard.viewed", "report.downloaded", "export.downloaded")


def log_organisation_view(
    actor: Actor,
    organisation: Organisation,
    action: str,
    *,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Someone opened the organisation's dashboard, downloaded a PDF report or exported figures or statements
    (`action`, one of ORGANISATION_VIEW_ACTIONS): in the organisation's audit log."""
    if action not in ORGANISATION_VIEW_ACTIONS:
        raise ValueError(f"unknown organisation view action {action!r}")
    return log_audit(
        actor, action, organisation=organisation, object_type=object_type, object_id=object_id, detail=detail
    )
