"""Typed readers for environment variables that fail loudly on bad values.

Every variable Spiegel reads goes through these helpers and is listed in `.env.example`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

Number = TypeVar("Number", int, float)


class ConfigError(RuntimeError):
    """A configuration variable has a value Spiegel cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false (got {raw!r}).")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    return _env_number(name, default, int, "a whole number", minimum, maximum)


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    return _env_number(name, default, float, "a number", minimum, None)


def _env_number(
    name: str,
    default: Number,
    parse: Callable[[str], Number],
    what: str,
    minimum: Number | None,
    maximum: Number | None,
) -> Number:
    """The number in the environment variable ``name`` (``default`` when unset or blank), within the bounds."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = parse(raw.strip())
    except ValueError as exc:
        raise ConfigError(f"{name} must be {what} (got {raw!r}).") from exc
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum} (got {value}).")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} must be at most {maximum} (got {value}).")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: str) -> Path:
    return Path(env_str(name, default) or default).expanduser().resolve()


def env_url(name: str, default: str = "") -> str:
    """An http(s) base URL without a trailing slash, or "" when unset."""
    raw = env_str(name, default)
    if not raw:
        return ""
    if not raw.startswith(("http://", "https://")) or len(raw) < len("http://x"):
        raise ConfigError(f"{name} must start with http:// or https:// (got {raw!r}).")
    return raw.rstrip("/")


def prepare_data_dir(settings: Any) -> None:
    """Make the data directory and write the generated secrets, if any, before Spiegel starts working.

    Importing the settings writes nothing; the `spiegel` command and the web server call this once after
    Django is set up, so that processes started together (web server, worker, scheduler) share one secrets file.
    """
    for folder in (settings.DATA_DIR, settings.STATIC_ROOT):
        Path(folder).mkdir(parents=True, exist_ok=True)
    if settings.SPIEGEL_SECRETS_GENERATED:
        str(settings.SECRET_KEY)  # the first use of a generated secret writes the file
