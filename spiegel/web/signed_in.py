"""Who is signed in on a staff page."""

from __future__ import annotations

from django.http import HttpRequest

from spiegel.tenancy.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a page behind ``login_required``."""
    user = request.user
    assert isinstance(user, User)
    return user
