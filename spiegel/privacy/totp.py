"""A second factor for staff: time-based one-time passwords (RFC 6238) and recovery codes (issue 16).

Django-free and standard library only (``hmac``), except the QR code, which `segno` (BSD) draws as SVG on
the server: nothing leaves the machine to show it. The secret is 160 random bits, shown once as a QR code and
as a key to type, and stored encrypted (``spiegel.privacy.models.SecondFactor``). A code is accepted for the
current 30-second step and one step either side (clocks drift), and each step only once (no replay).

Recovery codes are for a lost phone: ten single-use codes, shown once, stored only as salted PBKDF2 hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re
import secrets
import struct
import time
from urllib.parse import quote, urlencode

import segno

STEP_SECONDS = 30
DIGITS = 6
# Steps either side of now that are still accepted: a phone's clock may be a little off.
DRIFT_STEPS = 1
RECOVERY_CODES = 10
# base32 without look-alikes (no 0/O, 1/I/L): easy to read off paper and type.
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_RECOVERY_ITERATIONS = 120_000


def new_secret() -> str:
    """A fresh secret: 160 random bits as base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = re.sub(r"[\s-]", "", secret).upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def step_at(at: float | None = None) -> int:
    """The 30-second step (RFC 6238's T) that time ``at`` (seconds since the epoch; now if None) falls in."""
    return int((time.time() if at is None else at) // STEP_SECONDS)


def code_for_step(secret: str, step: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """The one-time password of ``step`` (RFC 4226's HOTP with the step as counter)."""
    mac = hmac.new(_key(secret), struct.pack(">Q", step), digest).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def code_at(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows at time ``at`` (now if None)."""
    return code_for_step(secret, step_at(at))


def normalise_code(code: str) -> str:
    """What was typed, without spaces and dashes (apps show "123 456")."""
    return re.sub(r"[\s-]", "", code or "")


def matching_step(secret: str, code: str, *, after: int, at: float | None = None) -> int | None:
    """The step whose code ``code`` is (within the allowed drift), if it is later than ``after`` — the last
    step used, so a code seen once is never accepted again; None when the code is not right."""
    typed = normalise_code(code)
    if not re.fullmatch(rf"\d{{{DIGITS}}}", typed):
        return None
    now = step_at(at)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if step > after and hmac.compare_digest(code_for_step(secret, step), typed):
            return step
    return None


def grouped(secret: str) -> str:
    """The key in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode({"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def qr_svg(data: str, *, title: str) -> str:
    """The QR code of ``data`` as an inline SVG element (drawn here, offline; no style or script in it)."""

    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        out,
        kind="svg",
        scale=4,
        border=2,
        xmldecl=False,
        svgns=True,
        omitsize=True,
        title=title,
        svgclass="qr",
        lineclass=None,
    )
    return out.getvalue().decode("utf-8")


def new_recovery_codes(count: int = RECOVERY_CODES) -> list[str]:
    """Fresh recovery codes like ``K7Q2-MX9D`` (about 40 random bits each)."""
    return [
        "-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(4)) for _ in range(2)) for _ in range(count)
    ]


def new_salt() -> str:
    return secrets.token_hex(16)


def recovery_hash(code: str, salt: str) -> str:
    """The stored form of a recovery code (case and dashes do not matter when it is typed)."""
    typed = normalise_code(code).upper()
    return hashlib.pbkdf2_hmac("sha256", typed.encode(), bytes.fromhex(salt), _RECOVERY_ITERATIONS).hex()


def matching_recovery(code: str, salt: str, hashes: list[str]) -> int | None:
    """The index of the stored hash ``code`` matches (one hash computed, compared with each), or None."""
    typed = normalise_code(code).upper()
    if not re.fullmatch(rf"[{_RECOVERY_ALPHABET}]{{8}}", typed):
        return None
    candidate = recovery_hash(typed, salt)
    found = None
    for i, stored in enumerate(hashes):
        if hmac.compare_digest(candidate, stored):
            found = i
    return found
