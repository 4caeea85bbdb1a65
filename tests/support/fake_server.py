"""A local fake of an OpenAI-compatible chat-completions endpoint, for tests and the harness. Not product code.

It speaks the real protocol on 127.0.0.1: ``POST /v1/chat/completions`` answers with a ``chat.completion``
JSON object, or, for ``"stream": true``, with ``text/event-stream`` chunks (``chat.completion.chunk``) that
end with ``data: [DONE]``. ``GET /v1/models`` lists the model. What it answers is scripted per test::

    with FakeOpenAI() as fake:
        fake.script(Reply('{"question": "Wat gebeurde er toen?"}'), Status(500), Hang(3.0))
        ...  # point SPIEGEL_LLM_BASE_URL at fake.base_url

Each request takes the next scripted response; when the script is empty, ``default`` answers (a callable
given the request body, by default a 500 so that an unscripted call is visible). Every request body is kept
in ``requests`` so tests can assert what was sent.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """A normal answer with ``content``. Streamed in ``chunks`` pieces, ``delay`` seconds apart (first too)."""

    content: str
    delay: float = 0.0
    chunks: int = 8


@dataclass(frozen=True)
class Status:
    """An HTTP error status with an OpenAI-style error body."""

    code: int
    message: str = "fake server error"


@dataclass(frozen=True)
class Hang:
    """Say nothing for ``seconds``, then answer ``then`` (the client should have given up by then)."""

    seconds: float
    then: Reply | None = None


Response = Reply | Status | Hang
Responder = Callable[[dict[str, Any]], Response]


def _unscripted(_body: dict[str, Any]) -> Response:
    return Status(500, "no scripted response left")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (for 'connection refused')."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FakeOpenAI:
    """The fake endpoint; use as a context manager (``start()``/``stop()`` otherwise)."""

    model = "fake-model"

    def __init__(self, default: Responder | None = None) -> None:
        self.default: Responder = default or _unscripted
        self.requests: list[dict[str, Any]] = []
        self._script: deque[Response] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------------------------------ control
    def script(self, *responses: Response) -> None:
        """Queue responses; each request takes the next one."""
        with self._lock:
            self._script.extend(responses)

    def next_response(self, body: dict[str, Any]) -> Response:
        with self._lock:
            self.requests.append(body)
            if self._script:
                return self._script.popleft()
        return self.default(body)

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start the fake server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOpenAI
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # small writes would otherwise wait ~40 ms for a delayed ACK

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read assertions, not access logs."""

    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": self.server_fake.model, "object": "model"}]})
        else:
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b"{}"
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            return
        try:
            body = json.loads(raw.decode("utf-8"))
        except ValueError:
            self._json(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
            return
        response = self.server_fake.next_response(body)
        if isinstance(response, Hang):
            time.sleep(response.seconds)
            if response.then is None:
                self.close_connection = True
                return
            response = response.then
        if isinstance(response, Status):
            self._json(response.code, {"error": {"message": response.message, "type": "server_error"}})
            return
        model = str(body.get("model") or self.server_fake.model)
        if body.get("stream"):
            self._stream(response, model)
        else:
            if response.delay:
                time.sleep(response.delay)
            self._json(200, _completion(response.content, model))

    # --------------------------------------------------------------------------------------- protocol
    def _json(self, code: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode("utf-8")
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout under test)

    def _stream(self, reply: Reply, model: str) -> None:
        ident = f"chatcmpl-fake{int(time.time() * 1000)}"
        pieces = _split(reply.content, reply.chunks)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            first = {"role": "assistant", "content": ""}
            self._event(_chunk(ident, model, first, None))
            for piece in pieces:
                if reply.delay:
                    time.sleep(reply.delay)
                self._event(_chunk(ident, model, {"content": piece}, None))
            self._event(_chunk(ident, model, {}, "stop"))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _event(self, payload: dict[str, Any]) -> None:
        self.wfile.write(b"data: " + json.dumps(payload).encode("utf-8") + b"\n\n")
        self.wfile.flush()


def _split(text: str, parts: int) -> list[str]:
    if not text:
        return []
    size = max(1, -(-len(text) // max(1, parts)))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _chunk(ident: str, model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": ident,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _completion(content: str, model: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake{int(time.time() * 1000)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"},
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


# ------------------------------------------------------------------------------------------------------
# A scripted "model" for whole conversations (the harness): it words the task the way the engine asked,
# with its own openings, and can misbehave on a schedule to exercise every fallback.
# ------------------------------------------------------------------------------------------------------

_REWORDINGS = {
    "nl": (("Je zei ", "Je vertelde "), ("Vertel eens ", "Vertel me ")),
    "en": (("You said ", "You told me "), ("Tell me ", "Please tell me ")),
}


def task_of(body: dict[str, Any]) -> dict[str, Any]:
    """The engine's task in an interviewer request (the first JSON object of the user message)."""
    user = next(m["content"] for m in body.get("messages", []) if m.get("role") == "user")
    start = user.index("{")
    decoder = json.JSONDecoder()
    task, _end = decoder.raw_decode(user[start:])
    return dict(task)


def conversation_of(body: dict[str, Any]) -> list[dict[str, str]]:
    """The conversation the request carried (between the delimiters)."""
    user = next(m["content"] for m in body.get("messages", []) if m.get("role") == "user")
    inner = user.split("<conversation>", 1)[1].split("</conversation>", 1)[0]
    return list(json.loads(inner))


def cooperative_model(body: dict[str, Any]) -> Response:
    """Words the task like the built-in wording, in other words where it can (a well-behaved model)."""
    task = task_of(body)
    text = str(task.get("built_in_wording") or "")
    for old, new in _REWORDINGS.get(str(task.get("language")), ()):
        if text.startswith(old):
            text = new + text[len(old) :]
            break
    return Reply(json.dumps({"question": text, "follow_up_topic": None}, ensure_ascii=False))


class MisbehavingModel:
    """The cooperative model, except that every ``every``-th call misbehaves, in turn: malformed JSON, a
    leading question, a repeat of the interviewer's last question, HTTP 500, a question in the other
    language, and a stall longer than ``stall`` seconds."""

    def __init__(self, every: int = 3, stall: float = 0.5) -> None:
        self.every = every
        self.stall = stall
        self.calls = 0
        self.misbehaved: list[str] = []

    def __call__(self, body: dict[str, Any]) -> Response:
        self.calls += 1
        if self.calls % self.every:
            return cooperative_model(body)
        task = task_of(body)
        nl = task.get("language") == "nl"
        said = [m["text"] for m in conversation_of(body) if m["role"] == "interviewer"]
        kinds = ("malformed", "leading", "repeat", "http_500", "language", "stall")
        kind = kinds[(self.calls // self.every - 1) % len(kinds)]
        self.misbehaved.append(kind)
        if kind == "malformed":
            return Reply('{"question": "Wat gebeurde er')
        if kind == "leading":
            q = "Kwam het door je salaris?" if nl else "Was it because of the pay?"
            return Reply(json.dumps({"question": q}))
        if kind == "repeat":
            return Reply(json.dumps({"question": said[-1] if said else "?"}, ensure_ascii=False))
        if kind == "http_500":
            return Status(500)
        if kind == "language":
            q = "How did that affect your work?" if nl else "Hoe merkte je dat in je werk?"
            return Reply(json.dumps({"question": q}))
        return Hang(self.stall, then=cooperative_model(body))  # type: ignore[arg-type]
