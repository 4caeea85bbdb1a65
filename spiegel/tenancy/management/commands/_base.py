"""Shared helpers for Spiegel's management commands: clear errors instead of tracebacks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def fail(exc: ValidationError) -> CommandError:
    return CommandError(validation_message(exc))
