"""A chat-completions client for any OpenAI-compatible endpoint, with a hard deadline per call.

The `openai` SDK's timeouts bound each network read, not a whole answer: a server that trickles one token
per second never times out. A leaver must never wait longer than the configured limit, so every call runs
in a worker thread and the caller stops waiting when the deadline passes (the worker then closes the
connection at its next read). Errors are turned into :class:`LLMError` with a short ``kind`` for the record
and a message in plain words for people.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

import openai

log = logging.getLogger(__name__)
# The HTTP library logs every request at INFO: one line per question is noise, not news.
logging.getLogger("httpx2").setLevel(logging.WARNING)

# Calls that overran their deadline keep a thread until their read timeout ends; the pool bounds them.
_POOL = ThreadPoolExecutor(max_workers=32, thread_name_prefix="spiegel-llm")


@dataclass(frozen=True)
class LLMConfig:
    """Where the model is and how long Spiegel waits for it (SPIEGEL_LLM_* in the environment)."""

    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 4.0  # seconds: the most a leaver waits for a turn
    connect_timeout: float = 1.0
    analyser_timeout: float = 30.0  # the analysis runs in the background; nobody waits on it


class LLMError(Exception):
    """The endpoint failed. ``kind`` is a short code for the record; ``str()`` says what happened."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _translate(exc: BaseException, config: LLMConfig, timeout: float) -> LLMError:
    if isinstance(exc, LLMError):
        return exc
    if isinstance(exc, openai.APITimeoutError):
        return LLMError("timeout", f"no answer from {config.base_url} within {timeout:g} s")
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc
        return LLMError("connection", f"cannot reach {config.base_url} ({type(cause).__name__}: {cause})")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return LLMError("auth", f"{config.base_url} refused the API key (HTTP {exc.status_code})")
    if isinstance(exc, openai.NotFoundError):
        return LLMError("not_found", f"{config.base_url} does not know the model {config.model!r} (HTTP 404)")
    if isinstance(exc, openai.APIStatusError):
        return LLMError(f"http_{exc.status_code}", f"{config.base_url} answered HTTP {exc.status_code}")
    return LLMError("error", f"{type(exc).__name__}: {exc}")


class ChatClient:
    """Chat completions against one configured endpoint and model."""

    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self._sdk = openai.OpenAI(
            base_url=config.base_url,
            # local servers (Ollama, vLLM) need no key, but the SDK insists on one
            api_key=config.api_key or "not-needed",
            max_retries=0,  # a retry would break the leaver's time limit; the templates are the retry
            timeout=openai.Timeout(config.timeout, connect=config.connect_timeout),
        )

    def _timeout(self, seconds: float) -> openai.Timeout:
        return openai.Timeout(seconds, connect=min(self.config.connect_timeout, seconds))

    def _params(self, messages: list[dict[str, str]], json_mode: bool, max_tokens: int) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.config.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0.3,
        }
        if json_mode:
            # json_object is what Ollama, vLLM, llama.cpp and hosted services all accept
            params["response_format"] = {"type": "json_object"}
        return params

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float | None = None,
        json_mode: bool = True,
        max_tokens: int = 300,
    ) -> str:
        """The whole answer's text; raises :class:`LLMError` (kind ``timeout`` past the deadline)."""
        seconds = timeout if timeout is not None else self.config.timeout

        def call() -> str:
            response = self._sdk.chat.completions.create(
                **self._params(messages, json_mode, max_tokens), timeout=self._timeout(seconds)
            )
            if not response.choices:
                raise LLMError("empty", "the endpoint answered without a choice")
            return response.choices[0].message.content or ""

        future = _POOL.submit(call)
        try:
            return future.result(timeout=seconds)
        except FutureTimeout as exc:
            future.cancel()
            raise LLMError("timeout", f"no answer from {self.config.base_url} within {seconds:g} s") from exc
        except Exception as exc:
            raise _translate(exc, self.config, seconds) from exc

    def stream(
        self,
        messages: list[dict[str, str]],
        *,
        timeout: float | None = None,
        json_mode: bool = True,
        max_tokens: int = 300,
    ) -> Iterator[str]:
        """The answer's text in pieces as the model produces them; raises :class:`LLMError` past the deadline.

        The deadline covers the whole answer. Closing the iterator early stops the request.
        """
        seconds = timeout if timeout is not None else self.config.timeout
        deadline = time.monotonic() + seconds
        pieces: queue.Queue[tuple[str, Any]] = queue.Queue()
        stop = threading.Event()
        params = self._params(messages, json_mode, max_tokens)

        def work() -> None:
            try:
                stream = self._sdk.chat.completions.create(**params, stream=True, timeout=self._timeout(seconds))
                with stream:
                    for chunk in stream:
                        if stop.is_set():
                            return  # leaving the with-block closes the connection
                        delta = chunk.choices[0].delta.content if chunk.choices else None
                        if delta:
                            pieces.put(("delta", delta))
                pieces.put(("end", None))
            except Exception as exc:
                pieces.put(("error", exc))

        _POOL.submit(work)
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise LLMError("timeout", f"the answer took longer than {seconds:g} s")
                try:
                    kind, value = pieces.get(timeout=remaining)
                except queue.Empty:
                    raise LLMError("timeout", f"the answer took longer than {seconds:g} s") from None
                if kind == "delta":
                    yield str(value)
                elif kind == "end":
                    return
                else:
                    raise _translate(value, self.config, seconds) from value
        finally:
            stop.set()

    def ping(self, timeout: float | None = None) -> float:
        """A short real request; returns the seconds it took. Raises :class:`LLMError`."""
        started = time.monotonic()
        self.complete(
            [{"role": "user", "content": 'Answer with the JSON object {"ok": true} and nothing else.'}],
            timeout=timeout,
            max_tokens=10,
        )
        return time.monotonic() - started
