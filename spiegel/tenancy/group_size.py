"""The minimum group size k (privacy.md, "Small numbers"): the one place that reads it.

Every figure, chart cell, breakdown and quote list an organisation sees is behind k. An organisation's own
``min_group_size`` sets it; a new organisation starts from the installation's ``SPIEGEL_MIN_GROUP_SIZE``; and
whatever either says, k is never below :data:`MIN_GROUP_SIZE` (also a database constraint on the field).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from spiegel.tenancy.models import Organisation

#: privacy.md: k is never below 3, whatever an organisation's setting says.
MIN_GROUP_SIZE = 3


def default_group_size() -> int:
    """The k a new organisation starts with: the setting ``SPIEGEL_MIN_GROUP_SIZE`` (never below 3)."""
    return max(MIN_GROUP_SIZE, int(settings.SPIEGEL_MIN_GROUP_SIZE))


def group_size(organisation: Organisation) -> int:
    """The minimum group size k for everything this organisation sees: its own setting, never below 3."""
    return max(MIN_GROUP_SIZE, int(organisation.min_group_size))
