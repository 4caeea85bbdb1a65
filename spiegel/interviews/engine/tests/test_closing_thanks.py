"""The closing thanks fit any leaver: a terse, reluctant one is not thanked for an openness they did not show."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import Engine, load_default_guide

from .helpers import to_the_end

TERSE = {"nl": "Weet ik niet.", "en": "Dunno."}
PRAISE = {"nl": ("openheid", "eerlijkheid"), "en": ("openness", "honesty")}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_terse_leaver_is_thanked_plainly_not_for_openness(language: str) -> None:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    replies = to_the_end(engine, state, TERSE[language])
    assert replies[-1].closed
    last = " ".join(replies[-1].messages).lower()
    assert ("dank je" if language == "nl" else "thank you") in last
    assert not any(word in last for word in PRAISE[language])
