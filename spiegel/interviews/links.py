"""The leaver's private link to their case."""

from __future__ import annotations

from django.conf import settings


def invitation_url(token: str) -> str:
    """The link that opens the leaver's case (the token is shown or e-mailed only once)."""
    return f"{settings.SPIEGEL_BASE_URL}/i/{token}/"
