"""A Django ``ValidationError`` as messages per field, the one way pages, the API and commands read one; and
whether a value from a form or URL is a UUID before it is looked up."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError


def field_errors(exc: ValidationError, general: str = "") -> dict[str, list[str]]:
    """The messages of ``exc`` per field; a ValidationError raised without fields gives its messages under
    ``general``."""
    if hasattr(exc, "error_dict"):
        return dict(exc.message_dict)
    return {general: list(exc.messages)}


def is_uuid(value: str) -> bool:
    """Whether ``value`` is a UUID, so a lookup by public id never meets a malformed one."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
