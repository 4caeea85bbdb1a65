"""Tenant-scoped reads of the privacy app: the audit log of an organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access


def audit_events_for(access: Access, *, action: str | None = None) -> QuerySet[AuditEvent]:
    """The organisation's audit events, newest first (consultants only), optionally of one action."""
    access.require(Capability.AUDIT_VIEW)
    qs = AuditEvent.objects.filter(organisation=access.organisation).select_related("actor")
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-created_at")
