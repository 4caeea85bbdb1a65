"""The ten leavers of issue 11: questions back, corrections, distress, sarcasm; the prober baseline; new metrics."""

from __future__ import annotations

from collections import Counter

from harness.baseline import ExampleProber
from harness.metrics import aggregate, count_bad_fragments, measure, summary_names
from harness.personas import PERSONAS, persona_by_id
from harness.personas_more import MORE_PERSONAS
from harness.report import miss_report
from harness.runner import run_all, run_conversation
from harness.simulator import SimulatedLeaver
from harness.transport import BaselineInterviewer, EngineInterviewer, ProberInterviewer


def _leaver(persona_id: str) -> SimulatedLeaver:
    return SimulatedLeaver(persona_by_id(persona_id))


def test_ten_new_personas_half_dutch_half_english_each_with_its_way_of_talking() -> None:
    assert len(MORE_PERSONAS) == 10
    assert Counter(p.language for p in MORE_PERSONAS) == {"nl": 5, "en": 5}
    assert all(p in PERSONAS for p in MORE_PERSONAS)
    traits = {t for p in MORE_PERSONAS for t in p.traits}
    assert traits >= {
        "terse",
        "asks_back",
        "corrects",
        "sarcasm",
        "integrity",
        "several_threads",
        "refusal",
        "distress",
        "decisive_late",
        "other_language",
    }
    english_in_dutch = persona_by_id("en-engineer-in-nl")
    assert (english_in_dutch.language, english_in_dutch.language_of_interview) == ("en", "nl")


def test_a_question_back_at_the_opening_is_asked_and_an_answer_to_it_is_recorded() -> None:
    leaver = _leaver("nl-assistente")
    asked = leaver.answer("Wat heeft je tot het besluit gebracht om te vertrekken?")
    stated = leaver.answer(
        "Dit is een computerprogramma; niets wordt gedeeld voordat jij het goedkeurt. Wat bracht je tot je vertrek?"
    )
    assert asked == "Wie leest dit eigenlijk? Krijgt de praktijkhouder dit letterlijk te zien?"
    assert stated == "Ik ga op de poli van het ziekenhuis werken, daar is het rustiger."
    assert leaver.log.questions_back == [(1, True)]


def test_an_ignored_question_back_is_recorded_and_the_pending_topic_is_answered_next() -> None:
    leaver = _leaver("nl-assistente")
    leaver.answer("Wat heeft je tot het besluit gebracht om te vertrekken?")
    leaver.answer("Wat bracht je tot je vertrek?")
    asked = leaver.answer("Hoe was het contact met je leidinggevende?")
    surface = leaver.answer("Hoe ging dat dan?")
    assert asked == "Is dit echt anoniem? We zijn maar met z'n vieren in de praktijk."
    assert surface == "De praktijkhouder was wel aardig, maar er veranderde niks."
    assert leaver.log.questions_back == [(1, False), (3, False)]


def test_a_correction_is_made_once_and_counts_as_followed_only_when_the_next_question_takes_it_up() -> None:
    followed = _leaver("en-account-manager")
    followed.answer("What brought you to the decision to leave?")
    correction = followed.answer("What made the workload too much?")
    followed.answer("Sorry, I misunderstood. How did your manager treat the team?")
    assert correction.startswith("No, that's not what I meant.")
    assert (followed.log.correction_turn, followed.log.correction_followed) == (2, True)

    ignored = _leaver("en-account-manager")
    ignored.answer("What brought you to the decision to leave?")
    ignored.answer("What made the workload too much?")
    ignored.answer("How did you feel about your pay?")
    assert ignored.log.correction_followed is False


def _to_distress(leaver: SimulatedLeaver) -> str:
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("Can you give an example of a heavy night?")
    return leaver.answer("What happened then, exactly?")


def test_distress_met_with_a_check_in_is_answered_and_handled() -> None:
    leaver = _leaver("en-icu-nurse")
    distress = _to_distress(leaver)
    reply = leaver.answer("That sounds really hard. How are you doing now?")
    assert distress.startswith("I started crying in the car")
    assert reply == "I'm okay now, thanks for asking. Talking about it actually helps."
    result_log = leaver.log
    assert (result_log.distress_checked_in, result_log.probes_after_distress) == (True, 0)


def test_probing_after_distress_is_counted() -> None:
    leaver = _leaver("en-icu-nurse")
    _to_distress(leaver)
    leaver.answer("What do you think caused that, exactly?")
    assert (leaver.log.distress_checked_in, leaver.log.probes_after_distress) == (False, 1)


def test_taking_sarcasm_at_face_value_is_counted() -> None:
    leaver = _leaver("nl-sarcastisch")
    leaver.answer("Wat heeft je tot het besluit gebracht om te vertrekken?")
    sarcastic = leaver.answer("Hoe was het contact met je leidinggevende?")
    leaver.answer("Fijn om te horen. Hoe ervoer je de werkdruk?")
    assert sarcastic == "Geweldige leiding hoor, die zag je alleen als er iets mis was."
    assert leaver.log.sarcasm_misread == 1


def test_the_prober_asks_for_an_example_after_every_question_and_then_closes() -> None:
    prober = ExampleProber("en")
    opening = prober.start()
    asked = [prober.respond("...")[0][0] for _ in range(5)]
    assert opening[-1] == "What is your reason for leaving?"
    assert asked == [
        "Can you give an example?",
        "How did you find the content of your job?",
        "Can you give an example?",
        "How was your relationship with your manager?",
        "Can you give an example?",
    ]
    for _ in range(21):
        messages, closed = prober.respond("...")
    assert (messages, closed) == (["Thank you for your answers."], True)


def test_the_prober_finds_more_hidden_facts_than_the_sheet_but_repeats_itself() -> None:
    prober = aggregate(run_all(ProberInterviewer()))
    sheet = aggregate(run_all(BaselineInterviewer()))
    assert prober.hidden_uncovered > sheet.hidden_uncovered == 0
    assert prober.repeats > 0 == sheet.repeats
    assert prober.planted == 0


def test_a_summary_names_the_main_reason_only_when_its_theme_is_in_it() -> None:
    transcript = [
        ("interviewer", "Wat bracht je tot je vertrek?"),
        ("leaver", "Het rooster."),
        ("interviewer", "Ik vat kort samen wat ik hoorde: het rooster dat steeds veranderde. Klopt dat?"),
    ]
    assert summary_names(transcript, "conditions") is True
    assert summary_names(transcript, "pay") is False
    assert summary_names(transcript[:2], "conditions") is False


def test_bad_fragments_are_counted_over_the_whole_transcript() -> None:
    transcript = [
        ("interviewer", "What brought you to the decision to leave?"),
        ("leaver", "Who will read this? Will my old manager see it?"),
        ("interviewer", 'Tell me about a moment when "old manager see it" really showed.'),
        ("leaver", "Nothing else."),
        ("interviewer", "You mentioned your old manager. What happened?"),
    ]
    assert count_bad_fragments(transcript) == 1


def test_the_sheet_has_nothing_to_handle_and_names_no_main_reason() -> None:
    m = measure(run_conversation(persona_by_id("en-icu-nurse"), BaselineInterviewer()))
    assert (m.distress_handled, m.disclosure_handled, m.summary_names_main) == (None, None, False)
    assert m.bad_fragments == 0


def test_the_engine_pastes_no_bad_fragment_into_any_simulated_conversation() -> None:
    results = run_all(EngineInterviewer())
    bad = {m.persona_id: m.bad_fragments for m in map(measure, results) if m.bad_fragments}
    assert bad == {}


def test_the_miss_report_names_unanswered_questions_back_and_a_summary_without_the_main_reason() -> None:
    report = miss_report([run_conversation(persona_by_id("nl-assistente"), BaselineInterviewer())])
    assert "- did not answer the question about the interview at turn 1." in report
    assert "- did not answer the question about the interview at turn 3." in report
    assert "- the closing summary does not name the main reason (`workload`)." in report
