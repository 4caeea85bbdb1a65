"""How the runner talks to an interviewer: in-process engine, HTTP API, or the fixed questionnaire.

The runner only sees :class:`Session` — ``start()`` for the opening messages, ``send(text)`` for the next
reply — so the same benchmark measures the engine in-process and a deployed server over HTTP.
"""

from __future__ import annotations

import importlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from spiegel.interviews.engine import Engine, load_default_guide

from .baseline import ExampleProber, FixedQuestionnaire
from .model import Persona

#: Conversation statuses that mean the interviewer has closed the conversation.
CLOSED_STATUSES = frozenset({"review", "closed", "completed", "done", "withdrawn"})


@dataclass(frozen=True)
class Reply:
    """The interviewer's new messages after one leaver message, and whether it closed the conversation."""

    messages: list[str]
    closed: bool


class Session(Protocol):
    """One conversation with an interviewer under test."""

    def start(self) -> list[str]:
        """Open the conversation; the interviewer's first messages (opening and first question)."""
        ...

    def send(self, text: str) -> Reply:
        """Send the leaver's message; the interviewer's reply."""
        ...


class Interviewer(Protocol):
    """Something that can hold a conversation with a persona."""

    name: str

    def open(self, persona: Persona) -> Session:
        """A fresh conversation for ``persona``."""
        ...


# ------------------------------------------------------------------ engine
class _EngineSession:
    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._state: Any = None

    def start(self) -> list[str]:
        self._state, messages = self._engine.start()
        return [str(m) for m in messages]

    def send(self, text: str) -> Reply:
        reply = self._engine.respond(self._state, text)
        self._state = reply.state
        return Reply([str(m) for m in reply.messages], bool(reply.closed))


class EngineInterviewer:
    """Spiegel's own engine, in-process, with the default guide for the persona's language.

    The engine is imported when a conversation opens, not at import time: the harness must load (and its
    own tests pass) while the engine is still being written, and must not depend on its internals.
    """

    name = "engine"

    def __init__(self, module: str = "spiegel.interviews.engine") -> None:
        self._module = module

    def open(self, persona: Persona) -> Session:
        """A new engine conversation in the persona's language."""
        mod = importlib.import_module(self._module)
        engine = mod.Engine(mod.load_default_guide(persona.language_of_interview))
        return _EngineSession(engine)


class LLMEngineInterviewer:
    """Spiegel's engine in-process with the language-model phraser against an OpenAI-compatible endpoint
    (a real one, or :class:`tests.support.fake_server.FakeOpenAI`). The engine still decides every move."""

    name = "engine-llm"

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 4.0) -> None:
        self.base_url = base_url
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self._client: Any = None

    def open(self, persona: Persona) -> Session:
        """A new engine conversation whose questions the model words."""
        from spiegel.llm import ChatClient, LLMConfig, LLMPhraser  # deferred: openai takes ~1 s to load

        if self._client is None:
            config = LLMConfig(base_url=self.base_url, model=self.model, api_key=self.api_key, timeout=self.timeout)
            self._client = ChatClient(config)
        engine = Engine(load_default_guide(persona.language_of_interview), phraser=LLMPhraser(self._client))
        return _EngineSession(engine)


# -------------------------------------------------------------------- baseline
class _BaselineSession:
    def __init__(self, sheet: FixedQuestionnaire | ExampleProber) -> None:
        self._sheet = sheet

    def start(self) -> list[str]:
        return self._sheet.start()

    def send(self, text: str) -> Reply:
        messages, closed = self._sheet.respond(text)
        return Reply(messages, closed)


class BaselineInterviewer:
    """The fixed questionnaire (:mod:`.baseline`)."""

    name = "baseline"

    def open(self, persona: Persona) -> Session:
        """A new run through the sheet in the persona's language."""
        return _BaselineSession(FixedQuestionnaire(persona.language_of_interview))


class ProberInterviewer:
    """The fixed questionnaire with "can you give an example?" after every question (:mod:`.baseline`)."""

    name = "prober"

    def open(self, persona: Persona) -> Session:
        """A new run through the sheet and its probes in the persona's interview language."""
        return _BaselineSession(ExampleProber(persona.language_of_interview))


# ------------------------------------------------------------------------ HTTP
class HttpError(RuntimeError):
    """The server answered with an error status or something that is not the contract."""


class _HttpSession:
    def __init__(self, client: HttpInterviewer, token: str, persona_id: str) -> None:
        self._client = client
        self._token = token
        self._persona_id = persona_id
        self._sent = 0

    def start(self) -> list[str]:
        data = self._client.request("GET", f"/api/v1/conversations/{self._token}")
        return [m["text"] for m in data.get("messages", []) if m.get("role") == "interviewer"]

    def send(self, text: str) -> Reply:
        self._sent += 1
        # A stable client_id per turn, so a retried POST is recognisably the same message.
        client_id = f"bench-{self._persona_id}-{self._sent}"
        data = self._client.request(
            "POST",
            f"/api/v1/conversations/{self._token}/messages",
            {"text": text, "client_id": client_id},
        )
        messages = [
            m if isinstance(m, str) else m["text"]
            for m in data.get("messages", [])
            if isinstance(m, str) or m.get("role", "interviewer") == "interviewer"
        ]
        return Reply(messages, str(data.get("status", "")) in CLOSED_STATUSES)


class HttpInterviewer:
    """A running Spiegel server, through its public API (standard library only)."""

    name = "engine-http"

    def __init__(self, base_url: str, api_key: str, timeout: float = 30.0) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base URL must be http:// or https://, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._timeout = timeout

    def open(self, persona: Persona) -> Session:
        """Create an interview for ``persona`` and join its conversation."""
        created = self.request(
            "POST",
            "/api/v1/interviews",
            {
                "language": persona.language_of_interview,
                "department": persona.department,
                "role": persona.role,
                "tenure_months": persona.tenure_months,
            },
            auth=True,
        )
        token = created.get("token")
        if not isinstance(token, str) or not token:
            raise HttpError(f"POST /api/v1/interviews returned no token: {created!r}")
        return _HttpSession(self, token, persona.id)

    def request(
        self, method: str, path: str, body: dict[str, Any] | None = None, *, auth: bool = False
    ) -> dict[str, Any]:
        """One JSON request; raises :class:`HttpError` on a non-2xx status or a non-object body."""
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if auth:
            headers["Authorization"] = f"Bearer {self._api_key}"
        # The scheme is checked in __init__ (http/https only), so urllib cannot be pointed at file: URLs.
        url = self.base_url + path
        req = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=self._timeout) as resp:  # noqa: S310
                payload = resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise HttpError(f"{method} {path} → {exc.code}: {detail}") from exc
        decoded = json.loads(payload.decode("utf-8")) if payload else {}
        if not isinstance(decoded, dict):
            raise HttpError(f"{method} {path} returned {type(decoded).__name__}, expected an object")
        return decoded
