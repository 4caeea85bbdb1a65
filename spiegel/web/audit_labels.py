"""What the audit log's codes mean, in words people read (issue 15): no page or export shows a raw code."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import Role

# Every action code Spiegel records (test_audit_log_page checks the source for codes missing here).
EVENT_LABELS: dict[str, Promise] = {
    "auth.login": _("signed in"),
    "auth.login_failed": _("failed sign-in"),
    "auth.second_factor_failed": _("wrong code at the second sign-in step"),
    "auth.second_factor_enabled": _("two-step sign-in switched on"),
    "auth.second_factor_removed": _("two-step sign-in switched off"),
    "auth.recovery_codes_renewed": _("new recovery codes made"),
    "auth.password_chosen": _("password chosen with the invitation link"),
    "auth.password_chosen_with_new_link": _("password chosen with a new sign-in link"),
    "organisation.created": _("organisation created"),
    "organisation.updated": _("organisation settings changed"),
    "organisation.branding_changed": _("report logo or colour changed"),
    "organisation.second_factor_required": _("two-step sign-in made required"),
    "organisation.second_factor_optional": _("two-step sign-in made optional"),
    "department.created": _("department added"),
    "user.created": _("user account created"),
    "user.deactivated": _("user account deactivated"),
    "user.reactivated": _("user account reactivated"),
    "user.link_sent": _("new sign-in link sent"),
    "membership.granted": _("role given"),
    "apikey.created": _("API key created"),
    "apikey.revoked": _("API key revoked"),
    "guide.customised": _("interview guide changed"),
    "import.completed": _("figures imported"),
    "case.opened": _("case opened"),
    "case.link_renewed": _("new invitation link made"),
    "case.assigned": _("case assigned to an interviewer"),
    "case.withdrawn": _("case withdrawn"),
    "case.expired": _("invitation expired"),
    "consent.given": _("leaver agreed and started"),
    "review.completed": _("leaver completed the mirror"),
    "record.withdrawn": _("record withdrawn by the leaver"),
    "disclosure.flagged": _("serious matter flagged"),
    "disclosure.withdrawn": _("flag taken back: the leaver said it was no serious matter"),
    "disclosure.followed_up": _("follow-up of a serious matter changed"),
    "conversation.planned": _("conversation planned"),
    "conversation.confirmed": _("leaver confirmed the moment"),
    "conversation.other_moment": _("leaver asked for another moment"),
    "conversation.started": _("conversation started"),
    "conversation.notes_closed": _("conversation notes closed"),
    "conversation.statements_corrected": _("statements corrected"),
    "conversation.mirror_sent": _("mirror sent to the leaver"),
    "interview.viewed": _("individual interview opened"),
    "retention.purged": _("deleted by retention"),
    "dashboard.viewed": _("dashboard viewed"),
    "report.downloaded": _("PDF report downloaded"),
    "export.downloaded": _("export downloaded"),
    "audit.exported": _("audit log exported"),
}

# What was opened, for `interview.viewed` (detail "what").
VIEWED_LABELS: dict[str, Promise] = {
    "transcript": _("the transcript"),
    "statements": _("the statements"),
    "notes": _("the conversation notes"),
    "report (whole)": _("the whole report"),
    "report (attributed statements)": _("the report (attributed statements)"),
    "attributed statements (API)": _("the attributed statements, over the API"),
}

# What changed, for `organisation.branding_changed` (detail "logo"; a changed colour is "brand_colour").
LOGO_LABELS: dict[str, Promise] = {
    "added": _("logo added"),
    "replaced": _("logo replaced"),
    "removed": _("logo removed"),
}

EXPORT_LABELS: dict[str, Promise] = {"aggregates": _("figures"), "statements": _("shared statements")}

OBJECT_LABELS: dict[str, Promise] = {
    "interview": _("case"),
    "organisation": _("organisation"),
    "department": _("department"),
    "user": _("user"),
    "apikey": _("API key"),
    "report": _("PDF report"),
    "guide": _("interview guide"),
}

SYSTEM_ACTORS: dict[str, Promise] = {
    "leaver": _("the leaver"),
    "retention": _("Spiegel (retention)"),
    "engine": _("Spiegel (interviewer)"),
    "copilot": _("Spiegel (co-pilot)"),
    "cli": _("command line"),
    "demo": _("demo data"),
    "sign-in": _("sign-in"),
}


def event_label(action: str) -> str:
    """The action in words; a code Spiegel does not know (an older version's) reads as 'other event'."""
    label = EVENT_LABELS.get(action)
    return str(label) if label is not None else str(_("other event"))


def actor_label(event: AuditEvent) -> str:
    """Who acted: the user's name, an API key by its prefix, the leaver, or which part of Spiegel."""
    if event.actor is not None:
        return event.actor.get_full_name() or event.actor.username
    label = event.actor_label
    if label.startswith("api-key:"):
        return str(_("API key %(prefix)s")) % {"prefix": label.removeprefix("api-key:")}
    if label.startswith("user:"):
        return str(_("%(name)s (account removed)")) % {"name": label.removeprefix("user:")}
    known = SYSTEM_ACTORS.get(label)
    return str(known) if known is not None else str(_("Spiegel"))


def what_label(event: AuditEvent) -> str:
    """The event with what it concerned: 'individual interview opened: the transcript'."""
    label = event_label(event.action)
    detail = event.detail if isinstance(event.detail, dict) else {}
    seen = detail.get("what")
    if event.action == "interview.viewed" and isinstance(seen, str):
        what = VIEWED_LABELS.get(seen)
        if what is not None:
            return f"{label}: {what}"
    if event.action == "export.downloaded" and isinstance(seen, str) and seen in EXPORT_LABELS:
        return f"{label}: {EXPORT_LABELS[seen]} ({str(detail.get('format', '')).upper()})"
    if event.action == "membership.granted" and isinstance(detail.get("role"), str):
        return f"{label}: {role_label(detail['role'])}"
    if event.action == "organisation.branding_changed":
        return f"{label}: {branding_change(detail)}"
    return label


def branding_change(detail: dict[str, object]) -> str:
    """What changed in the report's branding: 'colour #2f5d62 → #aa3300, logo replaced'."""
    parts = []
    colour = detail.get("brand_colour")
    if isinstance(colour, dict):
        parts.append(str(_("colour %(old)s → %(new)s")) % {"old": colour.get("from"), "new": colour.get("to")})
    logo = LOGO_LABELS.get(str(detail.get("logo")))
    if logo is not None:
        parts.append(str(logo))
    return ", ".join(parts)


def role_label(role: str) -> str:
    """A role in words (never the code `client_admin`)."""
    return str(Role(role).label) if role in Role.values else str(_("unknown role"))


def object_kind_label(object_type: str) -> str:
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else ""
