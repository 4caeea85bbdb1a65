"""Tenant-scoped reads of the privacy app: the audit log of an organisation."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.models import User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access

# Who acted, when it was not a person with an account: the kinds of actor_label (see privacy/actors.py).
ACTOR_KINDS = ("leaver", "apikey", "system")


def audit_events_for(
    access: Access,
    *,
    action: str | None = None,
    actor: str | None = None,
    since: dt.datetime | None = None,
    before: dt.datetime | None = None,
) -> QuerySet[AuditEvent]:
    """The organisation's audit events, newest first (consultants only), optionally of one action, of one actor
    (a user's public id, or one of ACTOR_KINDS) and from `since` up to (not including) `before`."""
    access.require(Capability.AUDIT_VIEW)
    qs = AuditEvent.objects.filter(organisation=access.organisation).select_related("actor")
    if action:
        qs = qs.filter(action=action)
    if actor == "leaver":
        qs = qs.filter(actor__isnull=True, actor_label="leaver")
    elif actor == "apikey":
        qs = qs.filter(actor__isnull=True, actor_label__startswith="api-key:")
    elif actor == "system":
        qs = qs.filter(actor__isnull=True).exclude(actor_label="leaver").exclude(actor_label__startswith="api-key:")
    elif actor:
        qs = qs.filter(actor__public_id=actor)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if before is not None:
        qs = qs.filter(created_at__lt=before)
    return qs.order_by("-created_at", "-id")


def audit_actors_of(access: Access) -> QuerySet[User]:
    """The people with an account who appear in the organisation's audit log, by user name."""
    access.require(Capability.AUDIT_VIEW)
    ids = AuditEvent.objects.filter(organisation=access.organisation, actor__isnull=False).values("actor")
    return User.objects.filter(pk__in=ids).order_by("username")
