"""What a skilled interviewer does with what the leaver just said (the lead's read-aloud conversations)."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.engine.guide import Guide

from .helpers import converse


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Soms lag ik er wakker van."),
        ("nl", "Ik lag er nachten wakker van."),
        ("en", "I couldn't sleep because of it."),
    ],
)
def test_lying_awake_in_the_past_tense_gets_a_check_in_and_a_distress_flag(language: str, answer: str) -> None:
    opener = {"nl": "Vooral de werkdruk, elke dienst te weinig mensen.", "en": "Mostly the workload, every shift."}
    _, _, replies = converse(language, [opener[language], answer])
    last = replies[-1]
    assert [f.kind for f in last.flags] == ["distress"]
    assert last.state.phase == "check_in"


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        (
            "nl",
            "Mijn directeur vroeg me twee keer om omzet van januari nog in december te boeken, "
            "zodat de jaarcijfers klopten voor de bank.",
        ),
        ("en", "My director asked me to put revenue from January into December so the bank was happy."),
    ],
)
def test_booking_revenue_in_another_month_is_an_integrity_disclosure(language: str, answer: str) -> None:
    _, _, replies = converse(language, [answer])
    assert [(f.kind, f.topic) for f in replies[-1].flags] == [("disclosure", "integrity")]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_intro_promises_a_link_to_the_case_not_a_name(language: str) -> None:
    guide: Guide = load_default_guide(language)
    intro = guide.intro.lower()
    assert "naam" not in intro and "name" not in intro
    assert ("afdeling en functie" if language == "nl" else "department and role") in intro
