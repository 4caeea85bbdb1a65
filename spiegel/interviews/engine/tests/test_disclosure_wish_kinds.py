"""The leaver's answer to "what would you like done with it?" after a disclosure is read for its kind (no
report / report without their name / report with their name / report, name not said) and to whom, said back
in plain words, and stored with the answer so that the practitioner sees it. A negation inside the wish
("niet met mijn naam") is not a refusal to report.
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.wishes import read_wish

from .helpers import converse

DISCLOSURE = {
    "nl": "Mijn leidinggevende maakte steeds seksuele opmerkingen over mijn lichaam en zat aan me.",
    "en": "My manager kept making sexual comments about my body and touched me.",
}
REFUSED = {"nl": "ik meld het nergens", "en": "I will not report it anywhere"}


@pytest.mark.parametrize(
    ("language", "wish", "kind", "to"),
    [
        ("nl", "ik wil dat hr het weet, maar niet met mijn naam erbij", "anonymous", "HR"),
        ("nl", "Graag anoniem melden bij de vertrouwenspersoon.", "anonymous", "de vertrouwenspersoon"),
        ("nl", "De auditcommissie mag het weten, zonder mijn naam.", "anonymous", "de auditcommissie"),
        (
            "nl",
            "Ik wil niet dat de directie weet dat het van mij komt, maar ze moeten het wel horen.",
            "anonymous",
            "de directie",
        ),
        ("nl", "Meld het maar bij HR, met mijn naam erbij, ik sta erachter.", "named", "HR"),
        ("nl", "Ik wil dat de raad van toezicht dit hoort.", "report", "de raad van toezicht"),
        ("nl", "Ik wil niet dat dit gemeld wordt, ook niet anoniem.", "none", ""),
        ("nl", "Laat maar rusten.", "none", ""),
        ("nl", "Geen idee eigenlijk.", "", ""),
        ("en", "I want HR to know, but not with my name on it.", "anonymous", "HR"),
        ("en", "Report it to the audit committee anonymously please.", "anonymous", "the audit committee"),
        ("en", "The board should hear it, just keep my name out of it.", "anonymous", "the board"),
        ("en", "Please don't tell compliance it was me, but they should know.", "anonymous", "compliance"),
        ("en", "Report it to HR with my name, I stand by it.", "named", "HR"),
        ("en", "I want the audit committee to look into this.", "report", "the audit committee"),
        ("en", "Please don't report it, not even anonymously.", "none", ""),
        ("en", "Just leave it.", "none", ""),
        ("en", "No idea really.", "", ""),
        ("en", "I want it to be looked into, but I don't want my name on it.", "anonymous", ""),
        ("nl", "Ik wil dat het onderzocht wordt, maar ik wil niet genoemd worden.", "anonymous", ""),
    ],
)
def test_the_wish_is_read_for_its_kind_and_to_whom(language: str, wish: str, kind: str, to: str) -> None:
    found = read_wish(wish, language)
    assert (found.kind, found.to) == (kind, to)


SAID_BACK = {
    (
        "nl",
        "anonymous",
    ): (
        "Helder: je wilt dat HR dit hoort, zonder je naam erbij. Ik meld het zelf niet; "
        "een adviseur van Spiegel ziet je wens en bespreekt met je hoe HR dit kan horen zonder je naam."
    ),
    (
        "nl",
        "named",
    ): (
        "Helder: je wilt dat HR dit hoort, met je naam erbij. Ik meld het zelf niet; "
        "een adviseur van Spiegel ziet je wens en bespreekt met je hoe je het bij HR kunt melden."
    ),
    (
        "nl",
        "report",
    ): (
        "Helder: je wilt dat de organisatie dit hoort. Ik meld het zelf niet; "
        "een adviseur van Spiegel ziet je wens en bespreekt met je hoe dat kan, met of zonder je naam."
    ),
    (
        "en",
        "anonymous",
    ): (
        "Understood: you want HR to hear about this, without your name. I do not report it myself; "
        "an adviser from Spiegel sees your wish and will discuss with you how HR can hear it without your name."
    ),
    (
        "en",
        "named",
    ): (
        "Understood: you want HR to hear about this, with your name. I do not report it myself; "
        "an adviser from Spiegel sees your wish and will discuss with you how you can report it to HR."
    ),
    (
        "en",
        "report",
    ): (
        "Understood: you want the organisation to hear about this. I do not report it myself; "
        "an adviser from Spiegel sees your wish and will discuss with you how, with or without your name."
    ),
}
WISHES = {
    ("nl", "anonymous"): "ik wil dat hr het weet, maar niet met mijn naam erbij",
    ("nl", "named"): "HR mag het weten, met mijn naam erbij.",
    ("nl", "report"): "Ik wil dat het gemeld wordt.",
    ("en", "anonymous"): "I want HR to know, but not with my name on it.",
    ("en", "named"): "HR can know, with my name.",
    ("en", "report"): "I want it reported.",
}


@pytest.mark.parametrize(("language", "kind"), sorted(SAID_BACK))
def test_the_wish_is_said_back_in_plain_words_and_stored_with_its_kind(language: str, kind: str) -> None:
    wish = WISHES[(language, kind)]
    _, state, replies = converse(language, [DISCLOSURE[language], wish])
    assert replies[0].move.kind == "disclosure"
    message = replies[1].messages[0]
    assert message.startswith(SAID_BACK[(language, kind)]), message
    assert REFUSED[language] not in message
    assert (state.answers[1]["phase"], state.answers[1]["text"]) == ("disclosure", wish)
    assert state.answers[1]["wish_kind"] == kind
    assert state.answers[1]["wish_to"] == ("" if kind == "report" else "HR")


@pytest.mark.parametrize(
    ("language", "wish"),
    [
        ("nl", "Ik wil niet dat dit gemeld wordt, ook niet anoniem."),
        ("en", "Please don't report it, not even anonymously."),
    ],
)
def test_a_refusal_that_mentions_anonymity_stays_a_refusal(language: str, wish: str) -> None:
    _, state, replies = converse(language, [DISCLOSURE[language], wish])
    assert REFUSED[language] in replies[1].messages[0]
    assert state.answers[1]["wish_kind"] == "none"
