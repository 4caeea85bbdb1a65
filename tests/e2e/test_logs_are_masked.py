"""No token, receipt, API key or e-mail address in any log line of the real server (`spiegel serve`: gunicorn's
access log, Django's warnings, the worker), and without SMTP the invitation goes to an owner-only outbox."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_server_restart import _env, _free_port, _spiegel

pytestmark = pytest.mark.slow

ADDRESS = "j.de.vries@example.org"


def _get(url: str, key: str = "", body: dict[str, Any] | None = None) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    request.add_header("Referer", url)  # a referrer holding the link is masked too
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_the_served_logs_hold_no_link_key_or_address_and_the_invitation_waits_in_an_owner_only_outbox(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    _spiegel(data, "init", "--no-input", "--password", "a-long-password-1")
    _spiegel(data, "org", "create", "--name", "Acme", "--slug", "acme")
    key = _spiegel(data, "apikey", "create", "--org", "acme").strip().splitlines()[-1]
    port = _free_port()
    out, err = (tmp_path / "stdout.log").open("wb"), (tmp_path / "stderr.log").open("wb")
    env = {k: v for k, v in _env(data).items() if not k.startswith("SPIEGEL_SMTP")}
    process = subprocess.Popen(
        [sys.executable, "-m", "spiegel.cli", "serve", "--port", str(port), "--web-workers", "1"],
        env=env,
        start_new_session=True,
        stdout=out,
        stderr=err,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while _get_or_none(f"{base}/healthz") != 200:
            assert time.monotonic() < deadline, "spiegel serve did not come up"
            time.sleep(0.3)
        request = urllib.request.Request(
            f"{base}/api/v1/interviews",
            data=json.dumps({"language": "en", "department": "Ops", "role": "Planner", "email": ADDRESS}).encode(),
        )
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Bearer {key}")
        with urllib.request.urlopen(request, timeout=20) as response:
            token = json.loads(response.read())["token"]
        assert _get(f"{base}/i/{token}/") == 200
        assert _get(f"{base}/api/v1/conversations/{token}") == 200
        assert _get(f"{base}/i/{token}x/") == 404  # Django warns "Not Found: <path>"
        assert _get(f"{base}/r/{token}/") == 404
        assert _get(f"{base}/api/v1/interviews?email={ADDRESS}", key) == 200
        outbox = data / "outbox"
        deadline = time.monotonic() + 60
        while not (outbox.is_dir() and any(outbox.iterdir())):
            assert time.monotonic() < deadline, "the worker did not write the invitation to the outbox"
            time.sleep(0.3)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        out.close()
        err.close()
    logs = (tmp_path / "stdout.log").read_text() + (tmp_path / "stderr.log").read_text()
    assert '"GET /i/…/ HTTP/1.1" 200' in logs  # the access log is there, masked
    assert "/api/v1/conversations/… " in logs
    assert "queued in the outbox" in logs
    for secret in (token, key, key.removeprefix("spk_"), ADDRESS, ADDRESS.replace("@", "%40")):
        assert secret not in logs
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700
    mails = [p for p in outbox.iterdir() if p.is_file()]
    assert len(mails) == 1
    assert stat.S_IMODE(mails[0].stat().st_mode) == 0o600
    body = mails[0].read_text()
    assert f"/i/{token}/" in body and ADDRESS in body


def _get_or_none(url: str) -> int | None:
    try:
        return _get(url)
    except OSError:
        return None
