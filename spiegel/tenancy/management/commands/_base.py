"""Shared helpers for Spiegel's management commands: clear errors instead of tracebacks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from spiegel.validation import field_errors


def validation_message(exc: ValidationError) -> str:
    per_field = field_errors(exc)
    if list(per_field) == [""]:
        return " ".join(per_field[""])
    return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in per_field.items())


def fail(exc: ValidationError) -> CommandError:
    return CommandError(validation_message(exc))
