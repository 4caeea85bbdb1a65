"""Taking out a figure or a topic the leaver names mid-interview ("haal dat bedrag van 600 euro eruit", "salaris
moet er dus uit", "leave the pay out"): honoured at once, said truthfully ("ik heb het bedrag weggelaten", "I have
left the amount out"), private for the mirror, and never in a later question or the closing summary.
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import EngineReply
from spiegel.interviews.engine.withdrawals import PRIVATE, read_withdrawal

from .helpers import converse


def _text(reply: EngineReply) -> str:
    return " ".join(reply.messages)


# --------------------------------------------------------------------------------- removal mid-interview

FIGURE = {
    "nl": [
        "Het salaris was te laag, ik verdiende 600 euro minder dan collega's. En de werkdruk was enorm.",
        "We draaiden elke week overuren, zonder dat iemand het zag.",
    ],
    "en": [
        "The pay was too low, I earned 600 euros less than colleagues. And the workload was huge.",
        "We did overtime every week without anyone noticing.",
    ],
}


@pytest.mark.parametrize(
    ("language", "request_", "said"),
    [
        ("nl", "haal dat bedrag van 600 euro eruit aub", "bedrag weggelaten"),
        ("nl", "Wil je dat bedrag eruit halen?", "bedrag weggelaten"),
        ("en", "please take that figure of 600 euros out", "left the amount out"),
        ("en", "Could you remove the amount?", "left the amount out"),
    ],
)
def test_a_request_to_take_out_a_figure_is_honoured_at_once(language: str, request_: str, said: str) -> None:
    replies = converse(language, [*FIGURE[language], request_])[2]
    reply = replies[-1]
    assert said in _text(reply), _text(reply)
    assert reply.state.answers[0]["visibility"] == PRIVATE
    later = converse(
        language, [*FIGURE[language], request_, {"nl": "Kunnen we afronden?", "en": "Can we wrap up?"}[language]]
    )
    assert "600" not in " ".join(_text(r) for r in later[2])


@pytest.mark.parametrize(
    ("language", "request_", "said", "topic"),
    [
        ("nl", "salaris moet er dus uit zei ik", "salaris", "salaris"),
        ("nl", "Laat het salaris er maar uit.", "salaris", "salaris"),
        ("en", "the pay needs to come out, I said", "pay", "pay"),
        ("en", "Please leave the pay out.", "pay", "pay"),
    ],
)
def test_a_request_to_take_out_a_topic_keeps_it_out_of_the_summary(
    language: str, request_: str, said: str, topic: str
) -> None:
    wrap = {"nl": "Kunnen we afronden?", "en": "Can we wrap up?"}[language]
    _, state, replies = converse(language, [*FIGURE[language], request_, wrap])
    taken = replies[2]
    assert said in _text(taken) and ("weggelaten" in _text(taken) or "left" in _text(taken)), _text(taken)
    summary = _text(replies[-1])
    assert state.phase == "summary", summary
    assert topic not in summary.split(":", 1)[-1], summary
    assert not any(topic in p for p in state.summary_points), state.summary_points


@pytest.mark.parametrize(
    ("language", "text", "about"),
    [
        ("nl", "haal dat bedrag van 600 euro eruit aub", "dat bedrag van 600 euro"),
        ("nl", "salaris moet er dus uit zei ik", "salaris"),
        ("en", "please take that figure of 600 euros out", "that figure of 600 euros"),
        ("en", "Please leave the pay out.", "the pay"),
    ],
)
def test_a_request_naming_the_thing_to_take_out_is_read_with_it(language: str, text: str, about: str) -> None:
    request = read_withdrawal(text, language)
    assert request is not None and request.about == about, request


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik moet er even uit, kunnen we pauzeren?"),
        ("nl", "Mijn teamleider zei dat de nachtdiensten eruit moesten."),
        ("en", "They took the night shifts out of the rota."),
        ("en", "I need to get out of here."),
    ],
)
def test_told_removals_are_no_request_to_take_a_thing_out(language: str, text: str) -> None:
    request = read_withdrawal(text, language)
    assert request is None or request.about is None, request


@pytest.mark.parametrize(
    ("language", "text", "about"),
    [
        ("nl", "het salaris mag er ook uit", "het salaris"),
        ("en", "the pay should be taken out", "the pay"),
    ],
)
def test_a_thing_with_its_article_asked_out_is_read_with_it(language: str, text: str, about: str) -> None:
    request = read_withdrawal(text, language)
    assert request is not None and request.about == about, request
