"""The conversation survives a hard restart of the real server process (`spiegel serve`)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SPIEGEL_BASE_URL"}}
    env["SPIEGEL_DATA_DIR"] = str(data_dir)  # its own SQLite file: a process of its own, like production
    return env


def _spiegel(data_dir: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "spiegel.cli", *args], env=_env(data_dir), capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _call(url: str, body: dict[str, Any] | None = None, key: str = "") -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


class Server:
    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir, self.port = data_dir, port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "spiegel.cli", "serve", "--port", str(self.port), "--web-workers", "1"],
            env=_env(self.data_dir),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                _call(f"http://127.0.0.1:{self.port}/healthz")
                return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("spiegel serve did not come up within 180 s")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)  # a crash, not a clean stop
        self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    _spiegel(tmp_path, "init", "--no-input", "--password", "a-long-password-1")
    srv = Server(tmp_path, _free_port())
    yield srv
    if srv.process and srv.process.poll() is None:
        os.killpg(srv.process.pid, signal.SIGTERM)
        srv.process.wait(timeout=30)


def test_a_conversation_continues_after_the_server_is_killed_and_restarted(server: Server, tmp_path: Path) -> None:
    _spiegel(tmp_path, "org", "create", "--name", "Acme", "--slug", "acme")
    key = _spiegel(tmp_path, "apikey", "create", "--org", "acme").strip().splitlines()[-1]
    server.start()
    base = f"http://127.0.0.1:{server.port}/api/v1"
    created = _call(f"{base}/interviews", {"language": "en", "department": "Ops", "role": "Planner"}, key)
    token = created["token"]
    url = f"{base}/conversations/{token}/messages"
    first = _call(url, {"text": "The workload after the merger.", "client_id": "a"})
    second = _call(url, {"text": "We were always two people short.", "client_id": "b"})
    before = _call(f"{base}/conversations/{token}")
    server.kill()
    server.start()
    after = _call(f"{base}/conversations/{token}")
    assert after["messages"] == before["messages"]
    assert after["status"] == "in_progress"
    retried = _call(url, {"text": "We were always two people short.", "client_id": "b"})
    assert retried == second
    third = _call(url, {"text": "Last March two colleagues left at once.", "client_id": "c"})
    assert third["status"] == "in_progress"
    final = _call(f"{base}/conversations/{token}")
    texts = [m["text"] for m in final["messages"] if m["role"] == "interviewer"]
    assert len(texts) == len(set(texts))
    assert [m["role"] for m in final["messages"]].count("leaver") == 3
    assert first["messages"][0]["id"] in [m["id"] for m in final["messages"]]
