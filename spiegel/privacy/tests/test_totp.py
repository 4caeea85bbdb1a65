"""TOTP codes (RFC 6238) and recovery codes, Django-free."""

from __future__ import annotations

import base64
import re

import pytest

from spiegel.privacy import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("at", "code"),
    [
        (59, "94287082"),
        (1111111109, "07081804"),
        (1111111111, "14050471"),
        (1234567890, "89005924"),
        (2000000000, "69279037"),
        (20000000000, "65353130"),
    ],
)
def test_codes_match_the_rfc_6238_test_vectors(at: int, code: str) -> None:
    assert totp.code_for_step(RFC_SECRET, totp.step_at(at), digits=8) == code


def test_the_six_digit_code_is_the_last_six_digits_of_the_rfc_value() -> None:
    assert totp.code_at(RFC_SECRET, 1234567890) == "005924"


def test_a_code_is_accepted_one_step_either_side_and_not_further() -> None:
    secret = totp.new_secret()
    now = 1_800_000_000.0
    step = totp.step_at(now)
    assert totp.matching_step(secret, totp.code_for_step(secret, step), after=0, at=now) == step
    assert totp.matching_step(secret, totp.code_for_step(secret, step - 1), after=0, at=now) == step - 1
    assert totp.matching_step(secret, totp.code_for_step(secret, step + 1), after=0, at=now) == step + 1
    far = totp.code_for_step(secret, step - 3)
    if far not in {totp.code_for_step(secret, s) for s in range(step - 1, step + 2)}:
        assert totp.matching_step(secret, far, after=0, at=now) is None


def test_a_code_used_once_is_never_accepted_again() -> None:
    secret = totp.new_secret()
    now = 1_800_000_000.0
    code = totp.code_at(secret, now)
    used = totp.matching_step(secret, code, after=0, at=now)
    assert used is not None
    assert totp.matching_step(secret, code, after=used, at=now) is None


def test_spaces_are_allowed_and_other_input_is_refused() -> None:
    secret = totp.new_secret()
    code = totp.code_at(secret, 1_800_000_000.0)
    assert totp.matching_step(secret, f"{code[:3]} {code[3:]}", after=0, at=1_800_000_000.0) is not None
    for typed in ("", "12345", "1234567", "abcdef", code + "0"):
        assert totp.matching_step(secret, typed, after=0, at=1_800_000_000.0) is None


def test_a_secret_is_160_bits_of_base32_and_grouped_for_typing() -> None:
    secret = totp.new_secret()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert totp.grouped(secret).replace(" ", "") == secret
    assert all(len(group) == 4 for group in totp.grouped(secret).split())
    assert totp.new_secret() != secret


def test_the_provisioning_address_names_issuer_account_and_secret() -> None:
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", "eva de vries", "Spiegel")
    assert uri == (
        "otpauth://totp/Spiegel%3Aeva%20de%20vries?secret=JBSWY3DPEHPK3PXP&issuer=Spiegel"
        "&algorithm=SHA1&digits=6&period=30"
    )


def test_the_qr_code_is_an_svg_without_script_or_style() -> None:
    svg = totp.qr_svg("otpauth://totp/Spiegel:eva?secret=JBSWY3DPEHPK3PXP", title="QR code")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert 'viewBox="' in svg and "<title>QR code</title>" in svg
    assert "<script" not in svg and "style" not in svg


def test_recovery_codes_are_stored_hashed_and_each_matches_only_itself() -> None:
    codes = totp.new_recovery_codes()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", c) for c in codes)
    salt = totp.new_salt()
    hashes = [totp.recovery_hash(c, salt) for c in codes]
    assert not any(c.replace("-", "") in h or c in h for c in codes for h in hashes)
    assert totp.matching_recovery(codes[3], salt, hashes) == 3
    assert totp.matching_recovery(codes[3].lower().replace("-", " "), salt, hashes) == 3
    assert totp.matching_recovery("AAAA-AAAA", salt, hashes) is None
    assert totp.matching_recovery(codes[3], totp.new_salt(), hashes) is None
