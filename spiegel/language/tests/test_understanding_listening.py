"""understand() on turns from the lead's own conversations: a meta question with discourse particles, a figure
of speech that uses a disclosure's words, and an opening acknowledgement in front of a told answer."""

from __future__ import annotations

import pytest

from spiegel.language.cues import analyse_answer
from spiegel.language.understanding import Context, Understanding, understand


def read(text: str, language: str) -> Understanding:
    return understand(text, Context(language=language))


@pytest.mark.parametrize(
    ("text", "language", "topic"),
    [
        ("is this actually a person or a bot?", "en", "person_or_computer"),
        ("wait, am i even talking to a real human right now", "en", "person_or_computer"),
        ("who is actually going to read all of this?", "en", "who_reads"),
        ("zit er eigenlijk wel iemand aan de andere kant of gaat dit automatisch?", "nl", "person_or_computer"),
        ("wie krijgt dit allemaal eigenlijk te lezen?", "nl", "who_reads"),
    ],
)
def test_a_question_about_the_interview_is_read_through_its_discourse_particles(
    text: str, language: str, topic: str
) -> None:
    u = read(text, language)
    assert (u.kind, u.meta_topic) == ("meta_question", topic)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("that felt like a slap in the face to be honest", "en"),
        ("Dat voelde als een klap in mijn gezicht eerlijk gezegd", "nl"),
    ],
)
def test_a_slap_in_the_face_as_a_figure_of_speech_is_a_hurt_feeling_not_violence(text: str, language: str) -> None:
    u = read(text, language)
    assert u.disclosure is None
    assert [f.name for f in u.felt] == ["hurt"]
    assert not u.thin


@pytest.mark.parametrize(
    ("text", "language"),
    [("he gave me a slap in the face in the kitchen", "en"), ("hij gaf me een klap in mijn gezicht", "nl")],
)
def test_a_slap_that_happened_is_still_violence(text: str, language: str) -> None:
    assert read(text, language).disclosure == "violence"


def test_an_opening_acknowledgement_does_not_make_a_told_answer_vague_or_thin() -> None:
    text = "ok. yeah so I asked to fix the alert and was told there was no time for it"
    assert not analyse_answer(text, "en").is_vague
    assert not read(text, "en").thin
    # alone, or with filler only, it stays vague
    assert analyse_answer("ok. fine", "en").is_thin
    assert analyse_answer("ja, prima hoor", "nl").is_vague


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I was a junior developer at a fintech, two years", "en"),
        ("been there since 2019, customer service team lead", "en"),
        ("ik werkte vier jaar als planner bij een transportbedrijf in tilburg", "nl"),
        ("sinds 2019 teamleider klantenservice", "nl"),
    ],
)
def test_who_the_leaver_was_there_is_background_not_a_reason(text: str, language: str) -> None:
    u = read(text, language)
    assert (u.kind, u.background, u.thin) == ("answer", True, False)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I worked nights for three years and it broke me", "en"),
        ("the new rota, suddenly three weekends a month", "en"),
        ("ik werkte drie jaar nachtdiensten en dat was zwaar", "nl"),
        ("ik werkte vier jaar als planner, maar mijn leidinggevende nam alles over", "nl"),
    ],
)
def test_background_with_a_reason_or_a_judgement_in_it_is_an_answer_with_substance(text: str, language: str) -> None:
    assert not read(text, language).background


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("I am going to a bigger company with a proper SRE team", "en", True),
        ("I found a job at a hospital closer to home, with fixed hours", "en", True),
        ("ik ga nu bij een kleiner bedrijf werken waar ik meer vrijheid krijg", "nl", True),
        ("ik begin straks bij een ziekenhuis dichter bij huis, met vaste diensten", "nl", True),
        ("Vooral de werkdruk. We liepen elke dienst achter de feiten aan.", "nl", False),
        ("my manager went to a meeting with the director", "en", False),
    ],
)
def test_the_place_the_leaver_goes_to_is_read(text: str, language: str, expected: bool) -> None:
    assert read(text, language).new_place is expected
