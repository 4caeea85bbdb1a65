"""During the conversation the model never reads health details or a serious disclosure (issue 16): such an
answer is read by the rules and answered by the built-in wording, and later requests carry a placeholder in
its place. The local fake model records every request it received; the tests read those requests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from spiegel.interviews.conversation import post_message
from spiegel.interviews.models import Interview, Message
from spiegel.llm.guard import SensitiveGuard, Sensitivity, placeholder
from spiegel.llm.phraser import prompt_text
from spiegel.llm.understanding import PROMPT_VERSION
from tests.support.builders import build_case, build_org
from tests.support.fake_server import FakeOpenAI, Reply, Response, conversation_of, cooperative_model

pytestmark = pytest.mark.django_db

OPENER = "Ik kreeg een mooie kans bij een ander bedrijf, met meer verantwoordelijkheid."
HEALTH = "Ik heb drie maanden thuisgezeten met een burn-out, de bedrijfsarts zei dat het van de werkdruk kwam."
DISCLOSURE = "Mijn leidinggevende zat aan me tijdens de kerstborrel, ik werd seksueel geïntimideerd."
NEUTRAL = "Het rooster veranderde elke week en niemand legde uit waarom."
LATER = "De salarissen waren ook laag vergeleken met andere ziekenhuizen."


def _understanding_request(body: dict[str, Any]) -> bool:
    return bool(body["messages"][0]["content"] == prompt_text(PROMPT_VERSION))


def _model(body: dict[str, Any]) -> Response:
    """Reads every turn as a plain answer and words every task like the built-in wording."""
    if _understanding_request(body):
        return Reply(json.dumps({"kind": "answer", "themes": [], "matter": [], "feelings": []}))
    return cooperative_model(body)


@pytest.fixture
def fake(fake: FakeOpenAI, settings: Any) -> FakeOpenAI:
    """The shared fake model server answering as ``_model``, understanding on, no streaming."""
    fake.default = _model
    settings.SPIEGEL_LLM_UNDERSTANDING = True
    settings.SPIEGEL_LLM_STREAM = False
    settings.SPIEGEL_LLM_TIMEOUT = 2.0
    return fake


@pytest.fixture
def case() -> Interview:
    return build_case(build_org(), language="nl").interview


def _sent(server: FakeOpenAI, since: int = 0) -> str:
    return json.dumps(server.requests[since:], ensure_ascii=False)


def _answer(case: Interview, text: str, n: int) -> list[Message]:
    return post_message(case, text, client_id=f"turn-{n}").messages


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (HEALTH, "health"),
        ("De werkdruk was hoog, ik sliep slecht en kreeg hartkloppingen.", "health"),
        (DISCLOSURE, "disclosure"),
        ("I was off sick for three months with burn-out.", "health"),
        ("My manager groped me at the Christmas party.", "disclosure"),
        (OPENER, None),
        (NEUTRAL, None),
        (LATER, None),
        ("The hospital paid less than the agency.", None),
        ("Ik was het zat, al die vergaderingen.", None),
        ("I was sick and tired of the meetings.", None),
    ],
)
def test_the_guard_tells_health_and_disclosures_from_plain_answers(text: str, kind: str | None) -> None:
    language = "en" if text.startswith(("I ", "My ")) else "nl"
    assert SensitiveGuard(language).sensitivity(text) == kind


@pytest.mark.parametrize("sensitive", [HEALTH, DISCLOSURE])
def test_a_sensitive_answer_never_reaches_the_model_and_later_requests_carry_a_placeholder(
    fake: FakeOpenAI, case: Interview, sensitive: str
) -> None:
    _answer(case, OPENER, 1)
    assert OPENER in _sent(fake)  # a plain answer is read and worded with the model
    before = len(fake.requests)
    reply = _answer(case, sensitive, 2)
    assert len(fake.requests) == before  # neither read nor worded by the model
    assert reply and all(m.produced_by.get("phraser") != "model" for m in reply)
    _answer(case, NEUTRAL, 3)
    _answer(case, LATER, 4)
    later = fake.requests[before:]
    assert later, "the next plain answers go to the model again"
    sent = _sent(fake)
    assert sensitive not in sent
    for words in ("burn-out", "bedrijfsarts", "seksueel", "kerstborrel"):
        assert words not in sent
    histories = [conversation_of(body) for body in later if not _understanding_request(body)]
    kind: Sensitivity = "health" if sensitive == HEALTH else "disclosure"
    assert any(turn["text"] == placeholder(kind, "nl") for history in histories for turn in history)


def test_with_the_setting_off_the_model_reads_everything(settings: Any, fake: FakeOpenAI, case: Interview) -> None:
    settings.SPIEGEL_LLM_WITHHOLD_SENSITIVE = False
    _answer(case, OPENER, 1)
    _answer(case, HEALTH, 2)
    assert "burn-out" in _sent(fake)
