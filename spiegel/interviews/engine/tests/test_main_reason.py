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


@pytest.mark.parametrize(
    ("language", "answer"),
    [("nl", "Ik heb een andere baan gevonden."), ("en", "I got a great offer from another company.")],
)
def test_a_new_job_or_an_offer_is_asked_what_made_the_leaver_look_at_all(language: str, answer: str) -> None:
    _, _, replies = converse(language, [answer])
    assert replies[-1].move.probe == "push_pull"


def test_a_salary_said_not_to_be_it_is_not_probed() -> None:
    _, state, replies = converse(
        "nl", ["Ik heb een andere baan gevonden.", "Mijn salaris was prima, daar lag het niet aan."]
    )
    assert replies[-1].move.topic != "pay"
    assert state.main_reason != "pay"


def test_enough_said_about_it_is_already_told_and_not_probed() -> None:
    _, _, replies = converse(
        "nl", ["Vooral de werkdruk, elke dienst te weinig mensen.", "Daar heb ik al genoeg over gezegd."]
    )
    assert replies[-1].move.kind == "already_told_ack"


def test_nobody_told_me_why_is_not_asked_when_it_last_happened() -> None:
    _, _, replies = converse("en", ["I was passed over for promotion and nobody told me why."])
    assert replies[-1].move.probe not in ("recent_example", "frequency")


@pytest.mark.parametrize(
    ("language", "answer", "said"),
    [
        ("nl", "Ons team werd opgeheven.", "jullie team werd opgeheven."),
        ("en", "My training was cancelled.", "your training was cancelled."),
    ],
)
def test_an_event_told_in_a_few_words_is_reflected_and_followed(language: str, answer: str, said: str) -> None:
    opener = {"nl": "Het werk zelf was prima.", "en": "The work itself was fine."}
    _, _, replies = converse(language, [opener[language], answer])
    assert replies[-1].move.probe == "event_told"
    assert said in replies[-1].messages[-1]


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Ik ga als zelfstandige verder, ik wil meer vrijheid in mijn werk."),
        ("en", "I'm going freelance, I want more freedom in my work."),
    ],
)
def test_going_independent_is_a_pull_and_the_work_itself_is_still_asked_in_the_guide(
    language: str, answer: str
) -> None:
    nothing = {"nl": "Meer valt er eigenlijk niet over te zeggen.", "en": "There's not much more to say about that."}
    engine, state, _ = converse(language, [answer])
    assert state.main_reason == "job_content"
    assert state.main_reason_pull
    replies = to_the_end(engine, state, nothing[language])
    asked = [r.move for r in replies if r.move.target == "topic_question"]
    assert "job_content" in [m.topic for m in asked]


@pytest.mark.parametrize(
    ("language", "answers", "theme"),
    [
        (
            "en",
            [
                "I'm going back to university.",
                "No, nothing more to it.",
                "My supervisor asked me twice to sign off batch results for tests that hadn't been run yet.",
            ],
            "culture",
        ),
        (
            "nl",
            ["Ik ga een opleiding doen.", "Nee, verder niets.", "Mijn teamleider maakte grappen over mijn afkomst."],
            "culture",
        ),
    ],
)
def test_a_disclosure_is_recorded_under_what_it_discloses(language: str, answers: list[str], theme: str) -> None:
    _, state, replies = converse(language, answers)
    assert replies[-1].move.kind == "disclosure"
    assert state.answers[-1]["text"] == answers[-1]
    assert state.answers[-1]["topic"] == theme
