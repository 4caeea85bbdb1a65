"""The main reason the summary names first: as the leaver put it first, or the push behind a pull."""

from __future__ import annotations

import pytest

from .helpers import converse, to_the_end


def _summary(language: str, answers: list[str]) -> tuple[str, str | None]:
    engine, state, _ = converse(language, answers)
    main = state.main_reason
    replies = to_the_end(engine, state, "Nee, verder niets." if language == "nl" else "No, nothing else.")
    return next(m for r in replies if r.move.kind == "summary" for m in r.messages), main


@pytest.mark.parametrize(
    ("language", "answers", "theme", "named"),
    [
        (
            "nl",
            ["Drie dingen: de storingsdiensten, die nieuwe planningssoftware en dat mijn opleiding werd geschrapt."],
            "conditions",
            "de storingsdiensten",
        ),
        (
            "en",
            ["There was the merger, then the new case system, and finally the remote work rules."],
            "processes",
            "the merger",
        ),
    ],
)
def test_of_several_reasons_in_one_answer_the_first_named_leads_the_summary(
    language: str, answers: list[str], theme: str, named: str
) -> None:
    summary, main = _summary(language, answers)
    assert main == theme
    assert named in summary.split(";")[0]


@pytest.mark.parametrize(
    ("language", "answers", "theme", "label"),
    [
        (
            "en",
            [
                "I just fancied a change, to be honest.",
                "I started looking after I was passed over for head of department.",
            ],
            "career",
            "your development",
        ),
        (
            "en",
            [
                "I'm moving to be closer to my family.",
                "I asked to come off permanent nights so I could help my mum, and I was told no.",
            ],
            "conditions",
            "your hours and shifts",
        ),
        (
            "nl",
            [
                "Ik kreeg een mooi aanbod bij een ander bedrijf, met een hoger salaris.",
                "Ik ben pas gaan kijken toen mijn ontwikkelgesprek voor de tweede keer werd verschoven.",
            ],
            "career",
            "je ontwikkeling",
        ),
    ],
)
def test_the_push_a_leaver_names_after_a_pull_is_the_main_reason(
    language: str, answers: list[str], theme: str, label: str
) -> None:
    summary, main = _summary(language, answers)
    assert main == theme
    assert label in summary.split(";")[0]


def test_praise_in_a_later_guide_answer_does_not_become_the_main_reason() -> None:
    engine, state, _ = converse("en", ["I'm moving to be closer to my family.", "No, nothing more to it."])
    reply = engine.respond(state, "My manager was fine.")
    assert reply.state.main_reason == "personal"


def test_candour_alone_in_a_guide_answer_does_not_replace_the_main_reason() -> None:
    _, state, _ = converse(
        "en",
        [
            "My promotion to manager was postponed twice.",
            "Nothing more to say about that.",
            "Nothing more to say about that.",
            "Honestly, I was fed up with the hours.",
        ],
    )
    assert state.main_reason == "career"
