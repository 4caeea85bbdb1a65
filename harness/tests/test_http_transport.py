"""The HTTP client speaks the API v1 contract (against a small fake server in a thread)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from harness.personas import persona_by_id
from harness.runner import run_conversation
from harness.transport import HttpError, HttpInterviewer


class _FakeApi(BaseHTTPRequestHandler):
    requests: list[tuple[str, str, dict[str, Any], str | None]] = []

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # keep test output clean

    def _send(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length", "0"))
        data: dict[str, Any] = json.loads(self.rfile.read(length)) if length else {}
        return data

    def do_POST(self) -> None:
        body = self._body()
        self.requests.append(("POST", self.path, body, self.headers.get("Authorization")))
        if self.path == "/api/v1/interviews":
            if self.headers.get("Authorization") != "Bearer k3y":
                self._send(401, {"detail": "unauthorised"})
                return
            self._send(201, {"id": 1, "token": "tok", "invite_url": "http://x/i/tok", "status": "invited"})
        elif self.path == "/api/v1/conversations/tok/messages":
            turns = sum(1 for r in self.requests if r[1].endswith("/messages"))
            if turns >= 2:
                self._send(200, {"status": "review", "messages": [{"role": "interviewer", "text": "Dank je."}]})
            else:
                msg = {"id": 9, "role": "interviewer", "text": "Wat maakte dat je bent gaan kijken?"}
                self._send(200, {"status": "active", "messages": [msg]})
        else:
            self._send(404, {"detail": "no"})

    def do_GET(self) -> None:
        self.requests.append(("GET", self.path, {}, self.headers.get("Authorization")))
        opening = [
            {"id": 1, "role": "interviewer", "text": "Welkom.", "created_at": "t"},
            {"id": 2, "role": "interviewer", "text": "Wat bracht je tot je besluit?", "created_at": "t"},
        ]
        self._send(200, {"status": "active", "language": "nl", "messages": opening})


@pytest.fixture
def api() -> Iterator[str]:
    _FakeApi.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_run_creates_an_interview_reads_the_opening_and_posts_each_answer(api: str) -> None:
    result = run_conversation(persona_by_id("nl-verpleegkundige"), HttpInterviewer(api, "k3y"))
    assert result.error is None
    assert result.closed is True
    assert [(m, p) for m, p, _, _ in _FakeApi.requests] == [
        ("POST", "/api/v1/interviews"),
        ("GET", "/api/v1/conversations/tok"),
        ("POST", "/api/v1/conversations/tok/messages"),
        ("POST", "/api/v1/conversations/tok/messages"),
    ]
    created = _FakeApi.requests[0]
    assert created[2] == {
        "language": "nl",
        "department": "Interne geneeskunde",
        "role": "Verpleegkundige",
        "tenure_months": 50,
    }
    assert created[3] == "Bearer k3y"
    assert _FakeApi.requests[2][2] == {
        "text": "Ik heb een baan gevonden dichter bij huis, met vaste diensten.",
        "client_id": "bench-nl-verpleegkundige-1",
    }
    assert result.log.revealed == ["nl-verpleegkundige/rooster"]
    assert len(result.turn_seconds) == 2


def test_http_error_status_is_reported_with_the_code(api: str) -> None:
    result = run_conversation(persona_by_id("en-nurse"), HttpInterviewer(api, "wrong"))
    assert result.error is not None and result.error.startswith("HttpError: POST /api/v1/interviews → 401")


def test_http_error_is_a_runtime_error() -> None:
    assert issubclass(HttpError, RuntimeError)
