"""`spiegel serve --ready-note` (what `dev.py demo` uses for its accounts and fresh API keys): the note is printed
right after "Spiegel is running at …", which is printed only once the web server answers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.test_server_restart import _env, _free_port, _spiegel

pytestmark = pytest.mark.slow

SERVE = [sys.executable, "-m", "spiegel.cli", "serve"]
NOTE = "Demo accounts: the note that must come after the address"


def test_the_ready_note_follows_the_address_once_the_server_answers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _spiegel(data, "init", "--no-input", "--password", "a-long-password-1")
    port = _free_port()
    log = tmp_path / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port), "--web-workers", "1", "--no-worker", "--ready-note", NOTE],
            env=_env(data),
            start_new_session=True,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 180
            while NOTE not in log.read_text():
                assert process.poll() is None and time.monotonic() < deadline, "serve printed no ready note"
                time.sleep(0.2)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                assert response.status == 200
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    lines = [line for line in log.read_text().splitlines() if "Spiegel" in line or NOTE in line]
    running = [i for i, line in enumerate(lines) if line.startswith("Spiegel is running at http://127.0.0.1:")]
    assert running and lines[running[0] + 1] == NOTE
