"""Encryption at rest for what leavers say and for their e-mail addresses.

Keys come from SPIEGEL_ENCRYPTION_KEYS (comma-separated Fernet keys). The first key encrypts; every key
decrypts, so a new key can be put in front and the data re-encrypted with `spiegel rotate-key`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class DecryptionError(RuntimeError):
    """Stored data could not be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    """The MultiFernet for the keys configured now (cached per key set)."""
    return _fernet(tuple(settings.SPIEGEL_ENCRYPTION_KEYS))


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(value: str) -> str:
    try:
        return fernet().decrypt(value.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError("Stored data could not be decrypted with the configured keys.") from exc


def encrypt_bytes(value: bytes) -> bytes:
    """Encrypt a file's contents (generated reports) with the first key."""
    return fernet().encrypt(value)


def decrypt_bytes(value: bytes) -> bytes:
    try:
        return fernet().decrypt(value)
    except InvalidToken as exc:
        raise DecryptionError("A stored file could not be decrypted with the configured keys.") from exc


def rotate_ciphertext(value: str) -> str:
    """Re-encrypt a ciphertext with the first (newest) key."""
    return fernet().rotate(value.encode("ascii")).decode("ascii")


def _hash_keys() -> list[str]:
    """The keys of token hashes, current first: SPIEGEL_LINK_KEYS, then SECRET_KEY and its fallbacks (which
    hashed links before link keys existed)."""
    keys = [*settings.SPIEGEL_LINK_KEYS, settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return list(dict.fromkeys(k for k in keys if k))


def _digest(key: str, token: str) -> str:
    return hmac.new(key.encode(), token.encode(), hashlib.sha256).hexdigest()


def token_digest(token: str) -> str:
    """A keyed SHA-256 of a high-entropy token with the current key, for lookups without storing the token."""
    return _digest(_hash_keys()[0], token)


def token_digests(token: str) -> list[str]:
    """The token's digest under every configured key, current first: what a stored hash may be."""
    return [_digest(key, token) for key in _hash_keys()]


def plain_digest(token: str) -> str:
    """Unkeyed SHA-256, for secrets that must keep working when SECRET_KEY changes (API keys)."""
    return hashlib.sha256(token.encode()).hexdigest()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column stored as a Fernet token; reads decrypt, writes encrypt."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt_text(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt_text(str(value))


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """JSON stored encrypted as a Fernet token."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        return json.loads(decrypt_text(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return encrypt_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


class EncryptedJSONDetailField(EncryptedJSONField):
    """Encrypted JSON that the type checker knows as a dict (audit events' detail, once a plain JSONField)."""

    _pyi_private_set_type: dict[str, Any]  # type: ignore[assignment]
    _pyi_private_get_type: dict[str, Any]  # type: ignore[assignment]
