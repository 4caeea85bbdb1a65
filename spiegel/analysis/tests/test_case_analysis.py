"""The rules that turn one interview's shared statements into ranked reasons (Django-free)."""

from __future__ import annotations

from typing import Any

from spiegel.analysis.case_analysis import SharedStatement, derive


def _s(n: int, phase: str, text: str, themes: list[dict[str, Any]] | None = None, topic: str = "") -> SharedStatement:
    return SharedStatement(id=f"s{n}", phase=phase, themes=themes or [], kind="experience", text=text, topic=topic)


def _reasons(*statements: SharedStatement) -> list[tuple[str, str]]:
    return [(r.theme, r.polarity) for r in derive(statements).reasons]


def test_an_opportunity_named_without_a_theme_is_a_career_pull() -> None:
    assert _reasons(_s(1, "opening", "An opportunity came up that I couldn't say no to.")) == [("career", "pull")]
    assert _reasons(_s(1, "opening", "Na zes jaar was het gewoon tijd voor iets nieuws.")) == [("career", "pull")]


def test_an_offer_for_more_interesting_work_is_a_job_content_pull() -> None:
    reasons = _reasons(_s(1, "opening", "I got an offer from a company working with more interesting technology."))
    assert reasons == [("job_content", "pull")]


def test_leaving_to_study_is_a_personal_pull_not_a_career_step() -> None:
    career = [{"id": "career", "polarity": "pull", "confidence": 0.63}]
    assert _reasons(_s(1, "opening", "Ik ga een opleiding doen, hbo-verpleegkunde.", career)) == [("personal", "pull")]
    assert _reasons(_s(1, "opening", "I'm going back to university to do a master's.")) == [("personal", "pull")]


def test_a_weak_guess_does_not_hide_the_pull_its_words_name() -> None:
    """The classifier's 0.15 "career" for "an opportunity" is no reason (below MIN_CONFIDENCE); the pull's own
    words still make it one, as they do when the classifier read nothing."""
    weak_career = [{"id": "career", "polarity": "push", "confidence": 0.15}]
    opportunity = _s(1, "opening", "An opportunity came up that I couldn't say no to.", weak_career)
    assert _reasons(opportunity) == [("career", "pull")]
    weak_personal = [{"id": "personal", "polarity": "pull", "confidence": 0.21}]
    study = _s(1, "opening", "Ik ga een opleiding doen, hbo-verpleegkunde.", weak_personal)
    assert _reasons(study) == [("personal", "pull")]
    assert derive([study]).reasons[0].weight == 1.0


def test_wanting_something_more_stable_turns_the_security_theme_into_a_pull() -> None:
    security = [{"id": "job_security", "polarity": "push", "confidence": 0.67}]
    assert _reasons(_s(1, "opening", "I wanted something more stable.", security)) == [("job_security", "pull")]


def test_a_job_closer_to_home_is_about_the_workplace_not_personal_circumstances() -> None:
    reasons = _reasons(_s(1, "opening", "Ik heb een baan gevonden dichter bij huis."))
    assert reasons == [("conditions", "pull")]


def test_pull_words_outside_the_answer_to_why_they_leave_change_nothing() -> None:
    workload = [{"id": "workload", "polarity": "push", "confidence": 0.9}]
    assert _reasons(_s(1, "guide", "Something new every week, and always short-staffed.", workload)) == [
        ("workload", "push")
    ]


def test_how_to_handle_a_disclosure_and_what_to_keep_are_no_reasons() -> None:
    recognition = [{"id": "recognition", "polarity": "push", "confidence": 0.84}]
    content = [{"id": "job_content", "polarity": "push", "confidence": 0.45}]
    assert _reasons(_s(1, "disclosure", "I'd like it on record, but without my name attached.", recognition)) == []
    assert _reasons(_s(1, "advice_keep", "Listen to the people who actually do the work.", content)) == []
    # The same advice given as what should change does point at something.
    assert _reasons(_s(1, "advice_change", "Listen to the people who actually do the work.", content)) == [
        ("job_content", "push")
    ]


def test_an_answer_that_says_there_is_nothing_behind_it_gets_no_theme_from_the_topic() -> None:
    assert _reasons(_s(1, "guide", "No, there's not much behind that.", topic="manager")) == []
    assert _reasons(_s(1, "guide", "He'd shout your pick rate across the floor.", topic="manager")) == [
        ("manager", "push")
    ]


def test_a_theme_named_only_to_say_it_was_fine_is_no_reason() -> None:
    pay = [{"id": "pay", "polarity": "push", "confidence": 0.98}]
    assert _reasons(_s(1, "guide", "The pay was reasonable.", pay)) == []
    assert _reasons(_s(1, "guide", "The pay was reasonable, but never went up.", pay)) == [("pay", "push")]
