"""A topic the leaver rules out as the reason ("het salaris is niet waarom ik wegga", "that's not why I quit")
is read as ruled out and is not probed, then or later."""

from __future__ import annotations

import pytest

from spiegel.language.understanding import Context, understand

from .helpers import converse


@pytest.mark.parametrize(
    ("language", "lead", "answer", "theme", "words"),
    [
        ("nl", "Vooral de werkdruk.", "De reistijd is echt niet waarom ik wegga.", "conditions", ("reistijd",)),
        ("nl", "Het rooster.", "Het loon was oké, dat is niet waarom ik vertrek.", "pay", ("loon", "salaris")),
        ("en", "Mostly the workload.", "Honestly the money is not why I'm leaving.", "pay", ("money", "pay")),
        ("en", "The rota.", "My salary was okay, that's not why I quit.", "pay", ("salary", "pay")),
    ],
)
def test_a_topic_ruled_out_as_the_reason_is_not_probed(
    language: str, lead: str, answer: str, theme: str, words: tuple[str, ...]
) -> None:
    u = understand(answer, Context(language=language, current_topic="workload"))
    assert [t.theme for t in u.themes if t.negated] == [theme]
    _, _, replies = converse(language, [lead, answer, "ok", "ok"])
    for reply in replies[1:]:
        message = reply.messages[-1].lower()
        assert not any(w in message for w in words), message
