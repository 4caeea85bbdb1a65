"""The analyser: the model's statements when they are valid, the offline classifier otherwise."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from spiegel.language.classify import warm_up
from spiegel.llm import ChatClient
from spiegel.llm.analyser import Statement, Theme, analyse, analyse_offline
from spiegel.llm.fake_server import FakeOpenAI, Hang, Reply, Response, Status

ANSWER = "Mijn leidinggevende Jan de Vries gaf nooit feedback. Ik ga nu bij een bedrijf werken dat beter betaalt."
REDACTED = "Mijn leidinggevende [leidinggevende] gaf nooit feedback. Ik ga nu bij een bedrijf werken dat beter betaalt."


def _model(statements: list[dict[str, Any]]) -> Reply:
    return Reply(json.dumps({"statements": statements}, ensure_ascii=False))


VALID: list[dict[str, Any]] = [
    {
        "text": "Mijn leidinggevende [leidinggevende] gaf nooit feedback.",
        "themes": [{"id": "manager", "polarity": "push"}],
        "kind": "experience",
        "summary": "Kreeg geen feedback van de leidinggevende",
    },
    {
        "text": "Ik ga nu bij een bedrijf werken dat beter betaalt.",
        "themes": [{"id": "pay", "polarity": "pull"}],
        "kind": "fact",
        "summary": "Nieuwe baan betaalt beter",
    },
]


def test_the_models_statements_are_returned_pseudonymised_with_their_labels(
    fake: FakeOpenAI, client: ChatClient
) -> None:
    fake.script(_model(VALID))
    result = analyse(ANSWER, "nl", client=client)
    assert result.source == "model"
    assert result.produced_by == {"analyser": "model", "model": "fake-model", "prompt": "analyser.v1"}
    assert result.statements == (
        Statement(str(VALID[0]["text"]), (Theme("manager", "push"),), "experience", str(VALID[0]["summary"])),
        Statement(str(VALID[1]["text"]), (Theme("pay", "pull"),), "fact", str(VALID[1]["summary"])),
    )
    sent = json.dumps(fake.requests[0], ensure_ascii=False)
    assert "Jan de Vries" not in sent
    system, user = fake.requests[0]["messages"]
    assert "feedback" not in system["content"]
    assert json.dumps(REDACTED, ensure_ascii=False) in user["content"]


INVALID: dict[str, tuple[Response, str]] = {
    "an unknown theme": (_model([{**VALID[0], "themes": [{"id": "salary", "polarity": "push"}]}]), "invalid_output"),
    "an unknown kind": (_model([{**VALID[0], "kind": "opinion"}]), "invalid_output"),
    "an invented statement": (_model([{**VALID[0], "text": "De directeur is incompetent."}]), "invalid_output"),
    "not JSON": (Reply("Here are the statements: ..."), "invalid_output"),
    "HTTP 500": (Status(500), "http_500"),
    "a timeout": (Hang(6.0), "timeout"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_anything_invalid_falls_back_to_the_offline_classifier(fake: FakeOpenAI, client: ChatClient, case: str) -> None:
    response, kind = INVALID[case]
    warm_up()  # the offline classifier trains on first use; that is not the model's time
    fake.script(response)
    started = time.monotonic()
    result = analyse(ANSWER, "nl", client=client, timeout=1.0)
    assert time.monotonic() - started < 4.0  # the limit (1 s) cut the 6 s stall short
    assert result.source == "offline"
    assert result.produced_by == {"analyser": "offline", "fallback": kind}
    assert result.statements == analyse_offline(REDACTED, "nl")


def test_without_a_model_the_offline_classifier_splits_and_labels_sentences() -> None:
    result = analyse(ANSWER, "nl")
    assert result.source == "offline"
    assert [s.text for s in result.statements] == [
        "Mijn leidinggevende [leidinggevende] gaf nooit feedback.",
        "Ik ga nu bij een bedrijf werken dat beter betaalt.",
    ]
    assert result.statements[0].themes[0].id == "manager"
    assert all(s.kind in ("fact", "experience", "suggestion", "hearsay") for s in result.statements)
