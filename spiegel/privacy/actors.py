"""The explicit actor every action takes: a user, an API key, the leaver, or the system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spiegel.tenancy.models import ApiKey, User


@dataclass(frozen=True)
class Actor:
    label: str
    user: User | None = None
    api_key: ApiKey | None = None

    @classmethod
    def for_user(cls, user: User) -> Actor:
        return cls(label=f"user:{user.username}", user=user)

    @classmethod
    def for_api_key(cls, key: ApiKey) -> Actor:
        return cls(label=f"api-key:{key.prefix}", api_key=key)

    @classmethod
    def leaver(cls) -> Actor:
        return cls(label="leaver")

    @classmethod
    def system(cls, what: str = "system") -> Actor:
        return cls(label=what)
