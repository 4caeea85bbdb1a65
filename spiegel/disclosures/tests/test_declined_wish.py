"""A leaver who declines any follow-up of a disclosure ("ik wil niet dat dit naar een vertrouwenspersoon gaat")
has that wish recorded with the flag, word for word, for the practice: the interviewer's "I will not report it
anywhere; the practice sees that you told me this, with your wish" is what the record holds."""

from __future__ import annotations

import pytest

from spiegel.disclosures.actions import found_in_state
from spiegel.interviews.engine import Engine, load_default_guide

CASES = [
    (
        "nl",
        "Mijn leidinggevende maakte steeds seksuele opmerkingen over mijn lichaam en zat aan me.",
        "Ik wil niet dat dit naar een vertrouwenspersoon gaat.",
    ),
    (
        "en",
        "My manager kept making sexual comments about my body and touched me.",
        "I don't want this going to some adviser.",
    ),
]


@pytest.mark.parametrize(("language", "disclosure", "wish"), CASES)
def test_a_declined_follow_up_is_the_wish_recorded_with_the_flag(language: str, disclosure: str, wish: str) -> None:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    for answer in (disclosure, wish, "Verder niets." if language == "nl" else "Nothing else."):
        state = engine.respond(state, answer).state
    found = found_in_state(state.to_dict())
    assert [(f.kind, f.wish) for f in found] == [("harassment", wish)]
