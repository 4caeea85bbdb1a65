"""What went wrong in the lead's two conversations as a leaver (a162bfe), each as a rule the engine now keeps."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine.wording import noun_phrases, object_of_told

from .helpers import converse


@pytest.mark.parametrize(
    ("language", "text", "phrases"),
    [
        ("en", "honestly the on-call. every other week, and nobody cared that it wrecked my sleep", ["the on-call"]),
        ("nl", "de bereikbaarheidsdienst. elke andere week, en niemand vond het erg", ["de bereikbaarheidsdienst"]),
        ("nl", "het rooster. om de week weekend, en mijn vriendin zag me bijna niet", ["het rooster", "je vriendin"]),
    ],
)
def test_a_noun_phrase_never_runs_over_a_full_stop_or_ends_on_a_verb(
    language: str, text: str, phrases: list[str]
) -> None:
    found = noun_phrases(text, language)
    assert [p for p in found if p in phrases] == phrases
    assert not any(re.search(r"every|elke|\bom\b|zag", p) for p in found)


@pytest.mark.parametrize(
    ("answer", "phrase", "expected"),
    [
        ("in mei, toen hij zonder overleg mijn hele routeplanning omgooide", "je hele routeplanning", True),
        ("in March, when she rewrote my entire release schedule", "your entire release schedule", True),
        ("mijn hele routeplanning klopte niet meer", "je hele routeplanning", False),
        ("Toen de kinderopvang op het terrein dichtging, kon ik het niet meer combineren.", "de kinderopvang", False),
    ],
)
def test_a_thing_someone_else_acted_on_is_the_object_of_the_told_moment(
    answer: str, phrase: str, expected: bool
) -> None:
    assert object_of_told(answer, phrase) is expected


def test_the_effect_of_a_told_moment_is_asked_about_the_moment_not_about_the_thing_in_it() -> None:
    _, _, replies = converse(
        "nl",
        [
            "eigenlijk vooral omdat mijn nieuwe leidinggevende alles overnam",
            "nou bijvoorbeeld in mei, toen hij zonder overleg mijn hele routeplanning omgooide en de chauffeurs belde",
        ],
    )
    assert "routeplanning" not in replies[-1].messages[-1]


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        (
            "nl",
            [
                "de planning was echt een chaos",
                "zoals vorig najaar, toen waren er drie mensen ziek en moest ik de hele afdeling alleen draaien",
                "ja. niet leuk",
            ],
        ),
        (
            "en",
            [
                "my team lead kept changing priorities",
                "for instance in week two of the sprint he threw out everything we had planned",
                "ok",
            ],
        ),
    ],
)
def test_no_example_is_asked_for_right_after_the_leaver_told_one(language: str, answers: list[str]) -> None:
    _, _, replies = converse(language, answers)
    last = replies[-1].messages[-1].lower()
    assert not re.search(r"voorbeeld|welk moment|example|which moment|situation", last), last


def test_a_figure_of_speech_gets_its_feeling_reflected_not_the_disclosure_handling() -> None:
    _, state, replies = converse(
        "en",
        [
            "my manager gave my project to someone else",
            "it was in April, after I had worked on it for a year, and he told me in a group email",
            "that felt like a slap in the face, honestly",
        ],
    )
    assert replies[-1].flags == []
    assert state.phase != "disclosure"
    assert "hurt" in replies[-1].messages[-1]


@pytest.mark.parametrize(
    ("language", "answer", "asks"),
    [
        ("nl", "ik werkte vier jaar als planner bij een transportbedrijf in tilburg", r"weg|vertrek"),
        ("en", "I was a junior developer at a fintech, two years", r"leave"),
    ],
)
def test_a_background_fact_in_the_opening_is_followed_by_why_they_left(language: str, answer: str, asks: str) -> None:
    _, _, replies = converse(language, [answer])
    last = replies[-1].messages[-1]
    assert replies[-1].move.probe == "why_leave"
    assert re.search(asks, last) and not re.search(r"effect|gevolg", last)


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        (
            "nl",
            [
                "vooral mijn nieuwe leidinggevende, die nam alles over",
                "het salaris was prima hoor, daar lag het niet aan",
                "ik ga nu bij een kleiner bedrijf werken waar ik meer vrijheid krijg",
            ],
        ),
        (
            "en",
            [
                "honestly the on-call, every other week",
                "it wrecked my sleep",
                "I am going to a bigger company with a proper SRE team",
            ],
        ),
    ],
)
def test_the_place_the_leaver_goes_to_is_asked_about_once_as_a_contrast_with_here(
    language: str, answers: list[str]
) -> None:
    engine, state, replies = converse(language, answers)
    assert replies[-1].move.probe == "new_place"
    again = engine.respond(state, answers[-1])
    assert again.move.probe != "new_place"


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "eigenlijk vooral omdat mijn nieuwe leidinggevende alles overnam en ik niks meer te zeggen had"),
        ("nl", "eigenlijk gewoon de werkdruk, we hadden een jaar lang drie mensen te weinig"),
        ("en", "to be honest the workload, we were short three people for a year"),
    ],
)
def test_candour_gets_no_reassurance_about_being_careful(language: str, answer: str) -> None:
    _, _, replies = converse(language, [answer])
    assert not re.search(
        r"voorzichtig|lastig om te zeggen|vrij praten|careful|hard to say|speak freely", replies[-1].messages[-1]
    )


def test_a_thread_raised_by_a_feeling_comes_back_by_that_feeling_not_by_a_topic_label() -> None:
    answers = [
        "I was a junior developer at a fintech, two years",
        "honestly the on-call. every other week, and nobody cared that it wrecked my sleep",
        "last winter I got paged at 3am four nights in a row for an alert that was a misconfigured monitor",
        "exhausted. and kind of angry that my lead just shrugged",
        "is this actually a person or a bot?",
        "ok. yeah so I asked to fix the alert and was told there was no time for it",
    ]
    engine, state, replies = converse("en", answers)
    said = [m for r in replies for m in r.messages]
    for _ in range(12):
        reply = engine.respond(state, "That went fine, nothing special to report there.")
        state = reply.state
        said.extend(reply.messages)
    assert not any("your health" in m for m in said)
    assert not any("leave it there" in m for m in replies[-1].messages)
    assert any("that exhaustion" in m for m in said)


def test_confusion_after_coming_back_to_a_thread_asks_about_that_thread_more_simply() -> None:
    answers = [
        "honestly the on-call. every other week, and nobody cared that it wrecked my sleep",
        "last winter I got paged at 3am four nights in a row for an alert that was a misconfigured monitor",
        "exhausted. and kind of angry that my lead just shrugged",
        "ok. yeah so I asked to fix the alert and was told there was no time for it",
    ]
    engine, state, replies = converse("en", answers)
    assert replies[-1].move.target == "return_thread"
    quote = replies[-1].move.quote
    assert quote
    again = engine.respond(state, "what do you mean?")
    assert quote in again.messages[-1]
    assert "your leaving" not in again.messages[-1]


def test_four_nights_in_a_row_already_says_how_often() -> None:
    _, _, replies = converse(
        "en",
        [
            "honestly the on-call. every other week, and nobody cared that it wrecked my sleep",
            "last winter I got paged at 3am four nights in a row for an alert that was a misconfigured monitor",
        ],
    )
    assert replies[0].move.probe == "recent_example"
    assert replies[-1].move.probe != "frequency"
