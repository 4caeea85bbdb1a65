from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from spiegel.tenancy.models import User
from spiegel.tenancy.queries import memberships_of


def spiegel(request: HttpRequest) -> dict[str, Any]:
    """The organisations the signed-in user can switch between."""
    user = getattr(request, "user", None)
    if isinstance(user, User) and user.is_authenticated:
        memberships = list(memberships_of(user))
        return {
            "my_memberships": memberships,
            "is_consultant": any(m.role == "consultant" for m in memberships),
            # consultants and interviewers hold conversations themselves (issue 14)
            "holds_conversations": any(m.role in ("consultant", "interviewer") for m in memberships),
        }
    return {"my_memberships": [], "is_consultant": False, "holds_conversations": False}
