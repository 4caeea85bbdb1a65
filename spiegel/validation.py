"""A Django ``ValidationError`` as messages per field, the one way pages, the API and commands read one."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_errors(exc: ValidationError, general: str = "") -> dict[str, list[str]]:
    """The messages of ``exc`` per field; a ValidationError raised without fields gives its messages under
    ``general``."""
    if hasattr(exc, "error_dict"):
        return dict(exc.message_dict)
    return {general: list(exc.messages)}
