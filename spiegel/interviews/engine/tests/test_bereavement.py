"""A death the leaver tells of gets a brief condolence that names who died, then care; its cause is never asked,
and words that only sound like a death ("nobody died", "passed the exam", "we lost colleagues") are no death."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine.bereavement import condolence

from .helpers import converse

CAUSE = {
    "nl": re.compile(r"waardoor|wat zorgde|hoe kwam|oorzaak|hoe ging dat zo", re.I),
    "en": re.compile(r"what made|what caused|why do you think|how did it come|cause", re.I),
}
PAUSE = {"nl": re.compile(r"pauze", re.I), "en": re.compile(r"break|pause", re.I)}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("nl", "Mijn schoonmoeder is in de zomer overleden.", "Wat verdrietig dat je schoonmoeder is overleden."),
        ("nl", "Na het overlijden van m'n oma wilde ik minder werken.", "Wat verdrietig dat je oma is overleden."),
        ("nl", "Er stierf vorige maand een bewoner op de gang.", "Wat verdrietig dat die bewoner is overleden."),
        ("nl", "Zijn vrouw is overleden en hij kreeg geen vrij.", "Wat verdrietig, dat verlies."),
        ("en", "My grandad passed away two weeks before my notice.", "I'm so sorry that your grandfather died."),
        ("en", "We lost a patient on my second night.", "I'm so sorry that the patient died."),
        ("en", "A coworker of mine died in a car crash.", "I'm so sorry that your colleague died."),
        ("en", "Her husband died and she got two days off.", "I'm so sorry to hear about that loss."),
        ("nl", "De vader van een collega overleed en niemand zei er iets over.", "Wat verdrietig, dat verlies."),
        ("en", "The father of a colleague died and nobody said a word.", "I'm so sorry to hear about that loss."),
    ],
)
def test_a_death_gets_a_condolence_naming_who_died(language: str, text: str, expected: str) -> None:
    assert condolence(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Gelukkig is er die nacht niemand overleden."),
        ("nl", "Er is bijna een patiënt overleden door de drukte."),
        ("nl", "We zijn dit jaar vier collega's verloren aan het ziekenhuis."),
        ("nl", "Ik ben mijn plezier in het werk verloren."),
        ("en", "My teammate passed the certification in June."),
        ("en", "The old system died every Monday."),
        ("en", "My manager worked us to death."),
        ("en", "We lost a colleague to a competitor last spring."),
    ],
)
def test_words_that_only_sound_like_a_death_get_no_condolence(language: str, text: str) -> None:
    assert condolence(text, language) is None


@pytest.mark.parametrize(
    ("language", "lead", "death", "condoled"),
    [
        ("nl", "Vooral het rooster.", "In april is mijn zus overleden, daarna kon ik het niet meer.", "je zus"),
        ("nl", "De groep.", "Vorig jaar overleed er een cliënt van mij.", "die cliënt"),
        ("en", "Mostly the shifts.", "My father died in the spring and nothing felt the same after.", "your father"),
        ("en", "The workload on the unit.", "We lost a resident I had cared for for years.", "the resident"),
    ],
)
def test_the_interviewer_condoles_stays_with_it_and_never_asks_the_cause(
    language: str, lead: str, death: str, condoled: str
) -> None:
    _, _, replies = converse(language, [lead, death, "Het gaat wel." if language == "nl" else "I'm okay."])
    reply = replies[1]
    message = reply.messages[-1]
    assert condoled in message, message
    assert reply.move.kind == "check_in"
    assert [f.kind for f in reply.flags] == ["distress"]
    assert PAUSE[language].search(message)
    for later in replies[1:]:
        assert not CAUSE[language].search(later.messages[-1]), later.messages


def test_a_death_after_an_earlier_check_in_is_condoled_without_a_second_check_in() -> None:
    answers = ["The workload.", "I cried in the car after most shifts.", "I'm okay.", "Then my mum died in March."]
    _, _, replies = converse("en", answers)
    message = replies[-1].messages[-1]
    assert message.startswith("I'm so sorry that your mother died."), message
    assert "How are you doing" not in message
    assert not CAUSE["en"].search(message)


@pytest.mark.parametrize(
    ("language", "answers", "loss"),
    [
        (
            "nl",
            [
                "Mijn vader is in het voorjaar overleden en daarna lukte het werk me niet meer.",
                "Het gaat.",
                "Kunnen we afronden?",
            ],
            r"hoorde: (?:vooral )?je persoonlijke situatie",
        ),
        (
            "en",
            [
                "My mother died in March and I could not keep up with the work after that.",
                "Not so good, honestly.",
                "Can we wrap up?",
            ],
            r"heard: (?:above all )?your personal situation",
        ),
    ],
)
def test_a_loss_told_as_why_they_leave_is_the_main_reason_only_named(
    language: str, answers: list[str], loss: str
) -> None:
    _, _, replies = converse(language, answers)
    summary = replies[-1]
    assert summary.move.kind == "summary", summary.messages
    assert re.search(loss, summary.messages[-1]), summary.messages[-1]
    assert not re.search(r"vader|mother", summary.messages[-1])


def test_a_colleague_s_loss_is_no_reason_of_the_leaver_s_own() -> None:
    _, state, _ = converse("en", ["A resident died on my shift and after that I could not face the ward."])
    assert state.main_reason != "personal"
