"""Ordinary complaints with charged words get an ordinary follow-up, not the serious-matter script (issue 13,
docs/interviewing.md "Triggers"): a manager's humiliating criticism, understaffing told as a situation and
paperwork while short of staff are workload and leadership, not a disclosure. No flag, no "this is serious",
no confidential adviser or outside body, and the closing summary names no incident."""

from __future__ import annotations

import re

import pytest

from .helpers import converse, to_the_end

SERIOUS = {
    "nl": re.compile(
        r"ernstig|vertrouwenspersoon|onafhankelijke adviseur|Arbeidsinspectie|Klokkenluiders|buiten de organisatie"
        r"|waarover je vertelde",
        re.I,
    ),
    "en": re.compile(
        r"serious|confidential adviser|independent adviser|regulator|inspectorate|outside the organisation"
        r"|you told me about",
        re.I,
    ),
}

COMPLAINTS = {
    "nl": [
        "Vooral mijn leidinggevende.",
        "Ze zegde onze één-op-één gesprekken steeds af en gaf me kritiek waar het hele team bij was.",
        "Het is vernederend, eerlijk gezegd. Klein, maar het stapelt zich op.",
        "Vorige maand stond ik alleen met twintig bewoners op de avonddienst.",
        "We moesten alles noteren, terwijl er niemand was om de telefoon op te nemen.",
    ],
    "en": [
        "Mostly my manager.",
        "She kept cancelling our one-to-ones and criticised me in front of the whole team.",
        "It's humiliating, honestly. Small, but it adds up.",
        "Last month I was alone with twenty residents on the evening shift.",
        "We had to write everything down, while there was nobody to answer the phone.",
    ],
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_ordinary_complaints_get_an_ordinary_follow_up_and_no_serious_matter_script(language: str) -> None:
    engine, state, replies = converse(language, COMPLAINTS[language])
    assert len(replies) == len(COMPLAINTS[language])
    for reply in replies:
        assert reply.move.kind != "disclosure", reply.messages
        assert "disclosure" not in [f.kind for f in reply.flags], reply.messages
        assert not any(SERIOUS[language].search(m) for m in reply.messages), reply.messages
        assert not reply.closed
        assert reply.messages[-1].rstrip().endswith("?"), reply.messages
    answer = "Nee, verder niets." if language == "nl" else "No, nothing else."
    rest = to_the_end(engine, state, answer)
    assert rest and rest[-1].closed
    for reply in rest:
        assert not any(SERIOUS[language].search(m) for m in reply.messages), reply.messages
