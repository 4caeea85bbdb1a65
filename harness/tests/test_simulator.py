"""The simulated leaver opens up only when followed up, and counts leading and repeated questions."""

from __future__ import annotations

from harness.model import THEMES
from harness.personas import PERSONAS, persona_by_id
from harness.simulator import SimulatedLeaver


def _leaver(persona_id: str) -> SimulatedLeaver:
    return SimulatedLeaver(persona_by_id(persona_id))


def test_opening_question_gets_the_stated_reason_and_no_hidden_fact() -> None:
    leaver = _leaver("nl-verpleegkundige")
    answer = leaver.answer("Welkom. Wat bracht je tot het besluit om te vertrekken?")
    assert answer == "Ik heb een baan gevonden dichter bij huis, met vaste diensten."
    assert leaver.log.revealed == []
    assert leaver.log.surfaced == ["conditions"]


def test_first_question_on_a_topic_gets_the_surface_answer_only() -> None:
    leaver = _leaver("nl-verpleegkundige")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    answer = leaver.answer("Hoe ervoer je de werkdruk?")
    assert answer == "Het was druk, maar dat is overal in de zorg."
    assert leaver.log.revealed == []


def test_follow_up_asking_for_an_example_reveals_the_next_hidden_fact_of_that_topic() -> None:
    leaver = _leaver("nl-verpleegkundige")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Hoe ervoer je de werkdruk?")
    answer = leaver.answer("Kun je een voorbeeld geven van zo'n drukke avond?")
    assert answer.startswith("In de avonddienst stonden we vaak met z'n tweeën voor 28 patiënten.")
    assert leaver.log.revealed == ["nl-verpleegkundige/bezetting"]


def test_hidden_facts_of_a_topic_come_out_one_per_follow_up_then_saturate() -> None:
    leaver = _leaver("nl-verpleegkundige")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Wat maakte dat je bent gaan kijken?")
    leaver.answer("Hoe vaak gebeurde dat?")
    third = leaver.answer("Wat gebeurde er dan precies op zo'n moment?")
    assert leaver.log.revealed == ["nl-verpleegkundige/rooster", "nl-verpleegkundige/invallen"]
    assert third == "Meer valt er eigenlijk niet over te zeggen."


def test_naming_a_topic_again_without_asking_for_anything_concrete_reveals_nothing() -> None:
    leaver = _leaver("en-developer")
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("How was the communication between teams?")
    answer = leaver.answer("And the communication with other teams, how was that overall?")
    assert answer == "Like I said: Communication between teams wasn't always great."
    assert leaver.log.revealed == []


def test_a_probe_on_a_topic_never_discussed_gets_the_surface_not_the_hidden_fact() -> None:
    leaver = _leaver("en-developer")
    leaver.answer("What brought you to the decision to leave?")
    answer = leaver.answer("Can you give an example of how recognition worked in your team?")
    assert answer == "I felt a bit undervalued, which was disappointing."
    assert leaver.log.revealed == []


def test_quoting_the_leavers_own_words_back_counts_as_a_follow_up() -> None:
    leaver = _leaver("en-developer")
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("How did you find working with other teams?")
    answer = leaver.answer("You said 'communication between teams wasn't always great'. Tell me more?")
    assert answer.startswith("Product and engineering planned separately.")
    assert leaver.log.revealed == ["en-developer/dropped-feature"]


def test_a_probe_without_a_topic_follows_up_on_what_the_leaver_just_said() -> None:
    leaver = _leaver("en-teacher")
    leaver.answer("What brought you to the decision to leave?")
    answer = leaver.answer("What made you start looking?")
    assert answer.startswith("I started looking after I was passed over for head of department.")


def test_tell_me_more_without_quoting_or_asking_for_anything_concrete_is_not_a_follow_up() -> None:
    leaver = _leaver("en-teacher")
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("How do you see the processes in the organisation?")
    answer = leaver.answer("Could you tell me a bit more about the processes?")
    assert answer == "Like I said: There was a lot of admin."
    assert leaver.log.revealed == []


def test_a_follow_up_on_another_topic_does_not_reveal_this_topics_facts() -> None:
    leaver = _leaver("nl-ontwikkelaar")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Hoe kijk je aan tegen de processen?")
    answer = leaver.answer("Kun je een voorbeeld geven van hoe je collega's samenwerkten?")
    assert answer == "Met de collega's ging het goed."
    assert leaver.log.revealed == []


def test_leading_question_naming_an_unmentioned_reason_is_agreed_with_and_counted_as_planted() -> None:
    leaver = _leaver("nl-verpleegkundige")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    answer = leaver.answer("Was het ook het salaris?")
    assert answer == "Ja, dat ook wel misschien."
    assert [(turn, theme) for turn, theme, _ in leaver.log.planted] == [(2, "pay")]


def test_english_leading_question_about_the_manager_is_counted_as_planted() -> None:
    leaver = _leaver("en-developer")
    leaver.answer("What brought you to the decision to leave?")
    answer = leaver.answer("Did you leave because of your manager?")
    assert answer == "Yes, that too, maybe."
    assert [theme for _, theme, _ in leaver.log.planted] == ["manager"]


def test_open_question_that_frames_an_unmentioned_reason_is_counted_as_planted() -> None:
    leaver = _leaver("nl-leraar")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Welke rol speelde het salaris in je besluit?")
    assert [theme for _, theme, _ in leaver.log.planted] == ["pay"]


def test_offering_back_the_leavers_own_reason_with_or_something_else_is_not_planted() -> None:
    leaver = _leaver("nl-verpleegkundige")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Was het vooral het rooster, of iets anders?")
    assert leaver.log.planted == []


def test_open_guide_questions_plant_nothing() -> None:
    leaver = _leaver("en-nurse")
    for question in (
        "What brought you to the decision to leave?",
        "How did you experience the workload?",
        "How was your relationship with your manager?",
        "Could you tell me something about the pay?",
        "Is there anything about recognition you want to mention?",
    ):
        leaver.answer(question)
    assert leaver.log.planted == []


def test_an_identical_question_is_counted_as_a_repeat() -> None:
    leaver = _leaver("en-teacher")
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("Can you give an example?")
    leaver.answer("How was the atmosphere?")
    leaver.answer("Can you give an example?")
    assert [(turn, q) for turn, q, _ in leaver.log.repeats] == [(4, "Can you give an example?")]


def test_a_near_identical_question_is_counted_as_a_repeat_and_a_different_one_is_not() -> None:
    leaver = _leaver("nl-consultant")
    first = "Wat maakte dat je uiteindelijk bent gaan kijken naar een andere baan?"
    near = "Wat maakte dat je uiteindelijk bent gaan kijken naar een andere baan toe?"  # Jaccard 13/14
    different = "Wat maakte dat je uiteindelijk bent gaan kijken bij een ander bureau?"  # Jaccard 10/15
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer(first)
    leaver.answer(different)
    leaver.answer(near)
    assert [(turn, earlier) for turn, _, earlier in leaver.log.repeats] == [(4, first)]


def test_terse_leaver_opens_up_at_once_when_asked_for_a_concrete_example() -> None:
    leaver = _leaver("en-warehouse")
    leaver.answer("What brought you to the decision to leave?")
    answer = leaver.answer("Can you give an example?")
    assert answer == "They cut the night premium from 25 to 15 percent in March, no consultation."
    assert leaver.log.revealed == ["en-warehouse/night-premium"]


def test_terse_leaver_needs_a_different_kind_of_probe_after_a_soft_one() -> None:
    leaver = _leaver("en-warehouse")
    leaver.answer("What brought you to the decision to leave?")
    first = leaver.answer("What did that look like in practice?")
    same_kind = leaver.answer("And in practice, what did it look like day to day?")
    other_kind = leaver.answer("What caused that, do you think?")
    assert (first, same_kind) == ("Just, you know. Like I said.", "Dunno. It was just like that.")
    assert other_kind == "They cut the night premium from 25 to 15 percent in March, no consultation."
    assert leaver.log.revealed == ["en-warehouse/night-premium"]


def test_refused_topic_is_refused_and_coming_back_to_it_is_counted() -> None:
    leaver = _leaver("nl-leraar")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    refusal = leaver.answer("Hoe was het contact met je leidinggevende?")
    leaver.answer("Hoe ervoer je de werkdruk?")
    again = leaver.answer("Hoe zag de begeleiding door je leidinggevende er in de praktijk uit?")
    assert refusal == "Over de directie wil ik liever niet praten."
    assert again == "Zoals ik zei, daar wil ik het niet over hebben."
    assert leaver.log.refused_revisits == 1


def test_skip_leaver_types_the_skip_words_and_coming_back_is_counted() -> None:
    leaver = _leaver("nl-klantenservice")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    assert leaver.answer("Hoe tevreden was je over je salaris?") == "volgende onderwerp"
    leaver.answer("Hoe ervoer je de werkdruk?")
    leaver.answer("Wat vond je van je loon?")
    assert leaver.log.skipped_revisits == 1


def test_serious_disclosure_records_whether_options_were_offered_and_counts_further_probing() -> None:
    leaver = _leaver("en-lab-technician")
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("How was the atmosphere in the lab?")
    disclosure = leaver.answer("What happened that made you uncomfortable?")
    leaver.answer(
        "Thank you for telling me. You can take this to the confidential adviser. What would you like us to do with it?"
    )
    leaver.answer("Can you describe exactly what the atmosphere was like after that?")
    assert disclosure.startswith("My supervisor asked me twice to sign off batch results")
    assert leaver.log.disclosure_options_offered is True
    assert leaver.log.probes_after_disclosure == 1


def test_same_questions_give_the_same_answers() -> None:
    questions = [
        "What brought you to the decision to leave?",
        "What made you start looking?",
        "How was the workload?",
        "You said you were tired a lot. What did that look like in practice?",
    ]
    runs = []
    for _ in range(2):
        leaver = _leaver("en-nurse")
        runs.append([leaver.answer(q) for q in questions])
    assert runs[0] == runs[1]
    assert runs[0][3] == (
        "For six months I slept maybe four hours after a night shift, and in the end my GP signed me off "
        "for two weeks with exhaustion."
    )


def test_personas_cover_both_languages_themes_and_traits() -> None:
    languages = [p.language for p in PERSONAS]
    traits = {t for p in PERSONAS for t in p.traits}
    topics = {t.topic for p in PERSONAS for t in p.threads} | {r.theme for p in PERSONAS for r in p.true_reasons}
    assert len(PERSONAS) >= 12
    assert languages.count("nl") >= 6 and languages.count("en") >= 6
    assert len({p.id for p in PERSONAS}) == len(PERSONAS)
    assert all(2 <= len(p.hidden_facts) <= 4 for p in PERSONAS)
    assert topics >= set(THEMES) - {"retirement"}
    assert traits >= {
        "terse",
        "hedging",
        "named_person",
        "generalisation",
        "hearsay",
        "emotion",
        "refusal",
        "serious_disclosure",
        "skip",
    }
    assert all(p.thread(p.stated_topic) is not None for p in PERSONAS)


def test_hearsay_leaver_tells_what_they_saw_only_when_asked_for_that_or_a_concrete_moment() -> None:
    leaver = _leaver("en-consultant")
    leaver.answer("What brought you to the decision to leave?")
    leaver.answer("How did you experience the workload?")
    vague = leaver.answer("You said you heard there were going to be layoffs. What did you mean by that?")
    seen = leaver.answer("What did you see yourself of those layoffs?")
    assert vague == "It's what people were saying, that was the story going round."
    assert seen.startswith("What I saw myself: two of the four people in my intake were let go")
    assert leaver.log.revealed == ["en-consultant/cohort"]


def test_how_would_you_describe_is_an_open_question_not_a_probe() -> None:
    leaver = _leaver("en-lab-technician")
    leaver.answer("What brought you to the decision to leave?")
    answer = leaver.answer("How would you describe the atmosphere at work?")
    assert answer == "There were things going on in the lab I wasn't comfortable with."
    assert leaver.log.revealed == []


def test_asking_what_the_leaver_wants_done_after_a_disclosure_is_not_probing() -> None:
    leaver = _leaver("nl-klantenservice")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Hoe was de sfeer?")
    leaver.answer("Wat gebeurde er toen?")
    answer = leaver.answer(
        "Wat je vertelt is ernstig. Een vertrouwenspersoon kan je helpen. Wat moet er volgens jou mee gebeuren?"
    )
    assert answer == "Ik wil dat het in het verslag komt, maar zonder mijn naam erbij."
    assert leaver.log.probes_after_disclosure == 0
    assert leaver.log.disclosure_options_offered is True


def test_asking_which_occurrence_stayed_with_the_leaver_is_a_moment_probe() -> None:
    leaver = _leaver("nl-verpleegkundige")
    leaver.answer("Wat bracht je tot het besluit om te vertrekken?")
    leaver.answer("Hoe ervoer je de werkdruk?")
    answer = leaver.answer("Welke avond met zo'n drukte staat je nog het meest bij?")
    assert answer.startswith("In de avonddienst stonden we vaak met z'n tweeën voor 28 patiënten.")
