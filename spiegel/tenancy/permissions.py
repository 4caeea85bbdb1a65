"""What each role may do inside its own organisation (privacy.md). Other organisations answer 404."""

from __future__ import annotations

from enum import StrEnum

from spiegel.tenancy.models import Role


class Capability(StrEnum):
    CASE_LIST = "case.list"
    CASE_CREATE = "case.create"
    CASE_VIEW = "case.view"
    CASE_WITHDRAW = "case.withdraw"
    CASE_INVITE = "case.invite"
    TRANSCRIPT_VIEW = "transcript.view"
    OVERVIEW_VIEW = "overview.view"
    APIKEY_MANAGE = "apikey.manage"
    AUDIT_VIEW = "audit.view"
    # The practice's settings pages (issue 15): consultants only, like every capability above.
    SETTINGS_MANAGE = "settings.manage"


CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.CONSULTANT: frozenset(Capability),
    # Interviewers see only the cases assigned to them (enforced by the case queries).
    Role.INTERVIEWER: frozenset(
        {Capability.CASE_LIST, Capability.CASE_VIEW, Capability.TRANSCRIPT_VIEW, Capability.OVERVIEW_VIEW}
    ),
    Role.CLIENT_ADMIN: frozenset(
        {
            Capability.CASE_LIST,
            Capability.CASE_CREATE,
            Capability.CASE_VIEW,
            Capability.CASE_WITHDRAW,
            Capability.CASE_INVITE,
            Capability.OVERVIEW_VIEW,
            Capability.APIKEY_MANAGE,
        }
    ),
    Role.CLIENT_VIEWER: frozenset({Capability.OVERVIEW_VIEW}),
}


def role_can(role: str, capability: Capability) -> bool:
    return capability in CAPABILITIES.get(role, frozenset())
