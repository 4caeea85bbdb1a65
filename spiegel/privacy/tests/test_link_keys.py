"""Keys apart from data (issue 16): generated secrets live outside the data directory, and leavers' links and
receipts are hashed under their own keys, so that SECRET_KEY and the link keys can both be changed without
breaking a single open link."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import Client

from spiegel.interviews.models import Interview
from spiegel.mirror.models import Receipt
from spiegel.privacy.crypto import token_digest
from tests.support.builders import build_case, build_completed_case, build_org

pytestmark = pytest.mark.django_db


def _opens(token: str, receipt: str) -> tuple[int, int]:
    return Client().get(f"/i/{token}/").status_code, Client().get(f"/r/{receipt}/").status_code


def test_changing_the_secret_key_keeps_every_open_link_and_receipt_working(settings: Any) -> None:
    settings.SPIEGEL_LINK_KEYS = ["link-key-one"]
    open_case = build_case(build_org())
    done = build_completed_case(build_org())
    settings.SECRET_KEY = "a-completely-new-secret-key-that-has-nothing-in-common-with-the-old-one"
    settings.SECRET_KEY_FALLBACKS = []
    assert _opens(open_case.token, done.receipt) == (200, 200)


def test_a_new_link_key_in_front_keeps_links_working_and_re_hashes_them_on_use(settings: Any) -> None:
    settings.SPIEGEL_LINK_KEYS = ["link-key-one"]
    open_case = build_case(build_org())
    done = build_completed_case(build_org())
    settings.SPIEGEL_LINK_KEYS = ["link-key-two", "link-key-one"]
    assert _opens(open_case.token, done.receipt) == (200, 200)
    assert Interview.objects.get(pk=open_case.interview.pk).token_hash == token_digest(open_case.token)
    assert Receipt.objects.get(interview=done.interview).token_hash == token_digest(done.receipt)
    settings.SPIEGEL_LINK_KEYS = ["link-key-two"]  # the old key is gone: opened links still work
    assert _opens(open_case.token, done.receipt) == (200, 200)


def test_links_hashed_with_the_secret_key_before_link_keys_existed_keep_working(settings: Any) -> None:
    settings.SPIEGEL_LINK_KEYS = []
    old_secret = settings.SECRET_KEY
    open_case = build_case(build_org())
    settings.SPIEGEL_LINK_KEYS = ["link-key-one"]
    assert Client().get(f"/i/{open_case.token}/").status_code == 200  # found under SECRET_KEY, re-hashed
    settings.SECRET_KEY = "another-secret-key-for-sessions-only-now-0123456789-abcdefghijk"
    assert old_secret != settings.SECRET_KEY
    assert Client().get(f"/i/{open_case.token}/").status_code == 200
    # A link nobody opened in between needs the old secret key as a fallback.
    settings.SPIEGEL_LINK_KEYS = []
    settings.SECRET_KEY = old_secret
    waiting = build_case(build_org())
    settings.SPIEGEL_LINK_KEYS = ["link-key-one"]
    settings.SECRET_KEY = "yet-another-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert Client().get(f"/i/{waiting.token}/").status_code == 404
    settings.SECRET_KEY_FALLBACKS = [old_secret]
    assert Client().get(f"/i/{waiting.token}/").status_code == 200


def test_rotate_key_with_every_key_new_at_once_keeps_open_links_and_receipts_working(settings: Any) -> None:

    settings.SPIEGEL_LINK_KEYS = ["link-key-one"]
    open_case = build_case(build_org())
    done = build_completed_case(build_org())
    old_secret = settings.SECRET_KEY
    # New encryption key, new link key and new secret key, each in front of the old one, then rotate-key.
    new_encryption_key = Fernet.generate_key().decode()
    settings.SPIEGEL_ENCRYPTION_KEYS = [new_encryption_key, *settings.SPIEGEL_ENCRYPTION_KEYS]
    settings.SPIEGEL_LINK_KEYS = ["link-key-two", "link-key-one"]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789-abcdefghijklmnopqrst"
    settings.SECRET_KEY_FALLBACKS = [old_secret]
    out = io.StringIO()
    call_command("rotate-key", stdout=out)
    assert "Links and receipts: keep older SPIEGEL_LINK_KEYS" in out.getvalue()
    # The old encryption key is removed, as the command says it may be: the record still opens, decrypted.
    settings.SPIEGEL_ENCRYPTION_KEYS = [new_encryption_key]
    assert _opens(open_case.token, done.receipt) == (200, 200)
    record = Client().get(f"/r/{done.receipt}/record.json")
    assert record.status_code == 200 and record.json()["statements"]
    # Opened once, both are hashed with the new link key: the old link key and secret key can go as well.
    assert Interview.objects.get(pk=open_case.interview.pk).token_hash == token_digest(open_case.token)
    assert Receipt.objects.get(interview=done.interview).token_hash == token_digest(done.receipt)
    settings.SPIEGEL_LINK_KEYS = ["link-key-two"]
    settings.SECRET_KEY_FALLBACKS = []
    assert _opens(open_case.token, done.receipt) == (200, 200)


def _spiegel(data: Path, *args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    skip = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIEGEL_") and k not in skip}
    env |= {"SPIEGEL_DATA_DIR": str(data), **(extra or {})}
    command = [sys.executable, "-m", "spiegel.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_generated_keys_are_written_beside_the_data_directory_and_doctor_says_where(tmp_path: Path) -> None:
    data = tmp_path / "var"
    assert _spiegel(data, "init", "--no-input", "--password", "a-long-password-1").returncode == 0
    assert not (data / "secrets.json").exists()
    secrets_file = tmp_path / "var-secrets.json"
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    assert sorted(json.loads(secrets_file.read_text())) == ["encryption_key", "link_key", "secret_key"]
    assert not any("secret" in p.name for p in data.rglob("*"))
    doctor = _spiegel(data, "doctor", "--no-model").stdout  # the command speaks Dutch, the default language
    assert f"De aangemaakte sleutels staan apart van de gegevens, in {secrets_file}." in doctor


@pytest.mark.slow
def test_keys_left_inside_the_data_directory_by_an_earlier_version_are_still_read_and_doctor_warns(
    tmp_path: Path,
) -> None:
    data = tmp_path / "var"
    data.mkdir()
    legacy = {"secret_key": "s" * 60, "encryption_key": "kZ7Zy2R6rQ3yU1nVb0m9b8s0lXh3e4f5g6h7i8j9k0A="}
    (data / "secrets.json").write_text(json.dumps(legacy))
    assert _spiegel(data, "init", "--no-input", "--password", "a-long-password-1").returncode == 0
    kept = json.loads((data / "secrets.json").read_text())
    assert {k: kept[k] for k in legacy} == legacy  # the same keys: the data stays readable
    assert "link_key" in kept
    assert not (tmp_path / "var-secrets.json").exists()
    doctor = _spiegel(data, "doctor", "--no-model").stdout
    assert "De sleutels staan in de datamap, dus elke kopie ervan draagt de sleutel mee" in doctor


def _python(data: Path, code: str) -> subprocess.Popen[str]:
    skip = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIEGEL_") and k not in skip}
    env |= {"SPIEGEL_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "spiegel.settings"}
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)


def test_importing_the_settings_writes_no_file(tmp_path: Path) -> None:
    process = _python(tmp_path / "var", "import spiegel.settings as s; print(s.SPIEGEL_SECRETS_GENERATED)")
    assert process.communicate(timeout=120)[0].strip() == "True"
    assert list(tmp_path.iterdir()) == []


def test_processes_that_first_use_generated_secrets_at_once_all_get_the_ones_on_disk(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY, settings.SPIEGEL_ENCRYPTION_KEYS[0], settings.SPIEGEL_LINK_KEYS[0])"
    )
    processes = [_python(tmp_path / "var", code) for _ in range(3)]
    seen = {tuple(process.communicate(timeout=120)[0].split()) for process in processes}
    written = json.loads((tmp_path / "var-secrets.json").read_text())
    assert seen == {(written["secret_key"], written["encryption_key"], written["link_key"])}
    assert [p.name for p in tmp_path.iterdir()] == ["var-secrets.json"]
