"""Locked doors: per-IP and per-account throttling with lockout (issue 16).

Guessing a leaver's link, a receipt, an API key or a password leaves failures; once a client address has
`SPIEGEL_THROTTLE_FAILURES` failures within `SPIEGEL_THROTTLE_WINDOW` seconds, every door answers it 429 with
`Retry-After` until the window has passed, and a user name with `SPIEGEL_LOGIN_ACCOUNT_FAILURES` failed
sign-ins is locked the same way (from any address). A locked request is refused before any token lookup or
password hash, so a flood costs no CPU. Counts live in the database, shared by every worker and machine.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from spiegel.privacy.crypto import token_digest
from spiegel.privacy.models import DoorFailure


@dataclass(frozen=True)
class Limit:
    failures: int
    window: int  # seconds


def ip_limit() -> Limit:
    return Limit(int(settings.SPIEGEL_THROTTLE_FAILURES), int(settings.SPIEGEL_THROTTLE_WINDOW))


def account_limit() -> Limit:
    return Limit(int(settings.SPIEGEL_LOGIN_ACCOUNT_FAILURES), int(settings.SPIEGEL_THROTTLE_WINDOW))


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, behind `SPIEGEL_TRUSTED_PROXIES` proxies, the address the
    outermost trusted proxy saw (counted from the right of X-Forwarded-For, which a client cannot forge)."""
    hops = int(settings.SPIEGEL_TRUSTED_PROXIES)
    if hops > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            return str(forwarded[-hops])
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def ip_key(request: HttpRequest) -> str:
    return token_digest("ip:" + client_ip(request))


def account_key(username: str) -> str:
    return token_digest("account:" + username.strip().casefold())


def retry_after(key: str, limit: Limit, now: dt.datetime | None = None) -> int:
    """Seconds until `key` may try again (0: not locked). Locked while the window holds `limit.failures`."""
    if limit.failures <= 0:
        return 0
    now = now or timezone.now()
    recent = list(
        DoorFailure.objects.filter(key=key, at__gt=now - dt.timedelta(seconds=limit.window))
        .order_by("-at")
        .values_list("at", flat=True)[: limit.failures]
    )
    if len(recent) < limit.failures:
        return 0
    # Once the oldest of the last `failures` leaves the window, fewer than `failures` remain.
    free_at = recent[-1] + dt.timedelta(seconds=limit.window)
    return max(1, math.ceil((free_at - now).total_seconds()))


def count_failure(*keys: str) -> None:
    """Count one failed attempt against each key."""
    DoorFailure.objects.bulk_create([DoorFailure(key=k) for k in keys])


def forget_failures(*keys: str) -> None:
    """A successful sign-in clears its account's failures (not the address's)."""
    DoorFailure.objects.filter(key__in=keys).delete()


def purge_door_failures(now: dt.datetime | None = None) -> int:
    """Delete failures older than a day (or the window, if longer). Returns how many."""
    now = now or timezone.now()
    keep = max(86400, int(settings.SPIEGEL_THROTTLE_WINDOW))
    return int(DoorFailure.objects.filter(at__lt=now - dt.timedelta(seconds=keep)).delete()[0])
