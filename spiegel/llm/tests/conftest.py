"""The language-model tests need no Django; a fake OpenAI-compatible server on 127.0.0.1 plays the model."""

from __future__ import annotations

import pytest

from spiegel.llm import ChatClient, LLMConfig
from tests.support.fake_server import FakeOpenAI

# Short limits keep the suite fast; the behaviour is the same at the production default of 4 s.
LIMIT = 1.0
# A stall several times the limit: a test shows the limit cut in by ending well before the stall would have,
# with seconds of margin, so a busy machine cannot make it fail (no timing is asserted tighter than that).
STALL = 6.0


@pytest.fixture
def client(fake: FakeOpenAI) -> ChatClient:
    return ChatClient(LLMConfig(base_url=fake.base_url, model="fake-model", timeout=LIMIT, connect_timeout=0.5))
