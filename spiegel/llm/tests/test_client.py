"""The chat client keeps its deadline whatever the endpoint does, and says what went wrong."""

from __future__ import annotations

import time

import pytest

from spiegel.llm import ChatClient, LLMConfig, LLMError
from tests.support.fake_server import FakeOpenAI, Hang, Reply, Status, free_port

from .conftest import LIMIT, STALL


def test_complete_returns_the_whole_answer_and_sends_model_and_json_mode(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(Reply('{"ok": true}'))
    assert client.complete([{"role": "user", "content": "hi"}]) == '{"ok": true}'
    assert fake.requests[0]["model"] == "fake-model"
    assert fake.requests[0]["response_format"] == {"type": "json_object"}
    assert "stream" not in fake.requests[0]


def test_stream_yields_the_pieces_in_order_until_done(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(Reply("abcdefgh", chunks=4))
    assert list(client.stream([{"role": "user", "content": "hi"}])) == ["ab", "cd", "ef", "gh"]
    assert fake.requests[0]["stream"] is True


def test_a_stream_slower_than_the_limit_stops_at_the_limit(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(Reply("x" * 40, chunks=20, delay=STALL / 20))  # every piece well within a read timeout
    started = time.monotonic()
    received: list[str] = []
    with pytest.raises(LLMError) as info:
        for piece in client.stream([{"role": "user", "content": "hi"}]):
            received.append(piece)
    elapsed = time.monotonic() - started
    assert info.value.kind == "timeout"
    assert LIMIT <= elapsed < STALL - 2
    assert 0 < len(received) < 20


def test_a_silent_endpoint_times_out_at_the_limit(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(Hang(STALL))
    started = time.monotonic()
    with pytest.raises(LLMError) as info:
        client.complete([{"role": "user", "content": "hi"}])
    assert info.value.kind == "timeout"
    assert time.monotonic() - started < STALL - 2


@pytest.mark.parametrize(("code", "kind"), [(500, "http_500"), (401, "auth"), (404, "not_found"), (429, "http_429")])
def test_error_statuses_become_named_errors_without_retrying(
    fake: FakeOpenAI, client: ChatClient, code: int, kind: str
) -> None:
    fake.script(Status(code))
    with pytest.raises(LLMError) as info:
        client.complete([{"role": "user", "content": "hi"}])
    assert info.value.kind == kind
    assert len(fake.requests) == 1


def test_connection_refused_is_reported_in_plain_words_at_once() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    client = ChatClient(LLMConfig(base_url=url, model="m", timeout=LIMIT))
    started = time.monotonic()
    with pytest.raises(LLMError) as info:
        client.complete([{"role": "user", "content": "hi"}])
    assert info.value.kind == "connection"
    assert str(info.value).startswith(f"cannot reach {url}")
    assert time.monotonic() - started < LIMIT  # refused at once, not waited out


def test_ping_measures_a_real_round_trip(fake: FakeOpenAI, client: ChatClient) -> None:
    fake.script(Reply('{"ok": true}', delay=0.05))
    assert 0.05 <= client.ping() < LIMIT
    assert fake.requests[0]["max_tokens"] == 10
