"""Tenant-scoped reads of organisations and memberships. Non-members get 404, never 403."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from spiegel.privacy.crypto import plain_digest
from spiegel.tenancy.models import ApiKey, Membership, Organisation, User
from spiegel.tenancy.permissions import Capability, role_can


@dataclass(frozen=True)
class Access:
    """A user's standing in one organisation."""

    organisation: Organisation
    role: str
    user: User | None = None
    api_key: ApiKey | None = None

    def can(self, capability: Capability) -> bool:
        return role_can(self.role, capability)

    def require(self, capability: Capability) -> None:
        if not self.can(capability):
            raise PermissionDenied(f"Your role may not do this ({capability}).")


def memberships_of(user: User) -> QuerySet[Membership]:
    """The organisations a user belongs to, with their role, by name."""
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def access_for(user: User, slug: str, capability: Capability | None = None) -> Access:
    """The user's access to the organisation `slug`: 404 when not a member, 403 when the role may not."""
    membership = (
        Membership.objects.filter(user=user, organisation__slug=slug).select_related("organisation").first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such organisation.")
    access = Access(organisation=membership.organisation, role=membership.role, user=user)
    if capability is not None:
        access.require(capability)
    return access


def api_key_access(raw_key: str) -> Access | None:
    """The access an API key gives (that of a client_admin), or None if unknown or revoked."""
    if not raw_key.startswith("spk_") or raw_key.count("_") < 2:
        return None
    prefix = raw_key.split("_")[1]
    key = ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).select_related("organisation").first()
    if key is None or not hmac.compare_digest(key.key_hash, plain_digest(raw_key)):
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return Access(organisation=key.organisation, role="client_admin", api_key=key)


def api_keys_of(organisation: Organisation) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(organisation=organisation).order_by("-created_at")


def organisation_by_slug(slug: str) -> Organisation:
    """For the CLI (run by the server's administrator): any organisation by slug, or a clear error."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        raise Organisation.DoesNotExist(f"There is no organisation with the short name {slug!r}.")
    return org
