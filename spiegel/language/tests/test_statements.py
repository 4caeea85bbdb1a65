"""Splitting answers into mirror statements (spiegel.language.statements)."""

from __future__ import annotations

from spiegel.language.redact import Pseudonymiser
from spiegel.language.statements import (
    draft_statements,
    generalise,
    is_substantive,
    recognisable,
    repseudonymise,
    split_sentences,
)


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_split_at_full_stops_but_not_after_abbreviations_or_initials() -> None:
    text = "De roosters kwamen laat, bijv. twee dagen vooraf. J. de Vries wist ervan! Niemand deed iets."
    assert pieces(text) == [
        "De roosters kwamen laat, bijv. twee dagen vooraf.",
        "J. de Vries wist ervan!",
        "Niemand deed iets.",
    ]


def test_a_line_break_ends_a_sentence_and_a_lower_case_continuation_does_not() -> None:
    assert pieces("Te veel werk\nTe weinig mensen... en geen tijd.") == [
        "Te veel werk",
        "Te weinig mensen... en geen tijd.",
    ]


def test_answers_that_say_nothing_are_not_statements() -> None:
    assert is_substantive("Nee, niets meer.") is False
    assert is_substantive("No, nothing else really.") is False
    assert is_substantive("Next topic, please.") is False
    assert is_substantive("Het rooster was altijd te laat.") is True


def test_each_sentence_becomes_a_statement_with_names_replaced_and_its_topic_and_phase() -> None:
    answers: list[dict[str, str | None]] = [
        {
            "topic": None,
            "phase": "opening",
            "text": "Mijn leidinggevende Kees de Vries gaf nooit feedback. Ik heb drie jaar geen gesprek gehad.",
        },
        {"topic": "workload", "phase": "story", "text": "Nee, niets meer."},
        {"topic": None, "phase": "advice_change", "text": "Maak het rooster vier weken vooruit. Echt waar."},
    ]
    drafts = draft_statements(answers, Pseudonymiser("nl"))
    assert [(d.answer_index, d.phase, d.topic, d.text) for d in drafts] == [
        (0, "opening", None, "Mijn leidinggevende [leidinggevende] gaf nooit feedback."),
        (0, "opening", None, "Ik heb drie jaar geen gesprek gehad."),
        (2, "advice_change", None, "Maak het rooster vier weken vooruit. Echt waar."),
    ]
    assert [(r.placeholder, r.original) for r in drafts[0].replacements] == [("[leidinggevende]", "Kees de Vries")]
    assert (drafts[1].start, drafts[1].end) == (54, 90)


def test_a_person_keeps_one_placeholder_across_answers_and_corrections() -> None:
    pseudonymiser = Pseudonymiser("en")
    drafts = draft_statements(
        [{"topic": None, "phase": "story", "text": "My colleague Sarah Jones carried the whole team for years."}],
        pseudonymiser,
    )
    assert drafts[0].text == "My colleague [colleague A] carried the whole team for years."
    text, added = repseudonymise("My colleague [colleague A] and Tom Baker carried the whole team.", pseudonymiser)
    assert text == "My colleague [colleague A] and [person A] carried the whole team."
    assert [(r.placeholder, r.original) for r in added] == [("[person A]", "Tom Baker")]


def test_words_the_leaver_restored_are_not_replaced_again() -> None:
    pseudonymiser = Pseudonymiser("nl")
    first = pseudonymiser.redact("Ik werkte met Jeroen van Dijk aan het rooster.")
    assert first.text == "Ik werkte met [persoon A] aan het rooster."
    again = pseudonymiser.redact("Ik werkte met Jeroen van Dijk aan het rooster.", keep=["Jeroen van Dijk"])
    assert again.text == "Ik werkte met Jeroen van Dijk aan het rooster."


# ------------------------------------------------------------------------------------------ two-minute mirror


def drafted(answers: list[tuple[str | None, str, str]], language: str = "nl") -> list[str]:
    rows: list[dict[str, str | None]] = [{"topic": t, "phase": p, "text": x} for t, p, x in answers]
    return [d.text for d in draft_statements(rows, Pseudonymiser(language))]


def test_turns_that_are_not_content_never_become_statements() -> None:
    assert (
        drafted(
            [
                ("workload", "guide", "Nee, daar zit verder niet veel achter."),
                ("workload", "guide", "Meer valt er eigenlijk niet over te zeggen."),
                ("workload", "guide", "Ik snap de vraag niet helemaal."),
                ("workload", "guide", "Dat heb ik al verteld."),
                ("workload", "guide", "Weet ik niet."),
                ("workload", "guide", "Volgende vraag graag."),
                ("workload", "guide", "Daar wil ik liever niets over zeggen."),
                ("workload", "guide", "Wat een rare vragen stel je."),
                (None, "summary", "Ja, dat klopt wel."),
                (None, "anything_else", "Nee, ik denk dat ik alles wel heb gezegd."),
            ]
        )
        == []
    )
    assert (
        drafted(
            [
                ("pay", "guide", "There's not much more to say about that, really."),
                ("pay", "guide", "I already told you that."),
                ("pay", "guide", "Can we skip this?"),
                (None, "summary", "Yes, that's about right."),
            ],
            "en",
        )
        == []
    )


def test_a_fragment_gets_the_questions_context_in_the_leavers_voice() -> None:
    assert drafted([(None, "stay_when", "Uiterlijk na de zomer.")]) == [
        "Het had uiterlijk na de zomer moeten veranderen."
    ]
    assert drafted([(None, "stay", "Een rooster dat vier weken van tevoren vaststaat.")]) == [
        "Om te blijven had ik dit nodig gehad: een rooster dat vier weken van tevoren vaststaat."
    ]
    assert drafted([("manager", "guide", "Ging wel.")]) == ["Het contact met mijn leidinggevende ging wel."]
    assert drafted([(None, "stay_when", "About a year ago, when things started to grate.")], "en") == [
        "It should have changed about a year ago, when things started to grate."
    ]


def test_every_statement_has_at_least_five_words() -> None:
    texts = drafted(
        [
            (None, "opening", "Ander werk. Vast contract."),
            ("workload", "guide", "Druk."),
            ("pay", "guide", "Salaris was oké."),
            ("collaboration", "guide", "Collega's waren oké."),
        ]
    )
    assert texts == [
        "Ik vertrek vanwege ander werk, vast contract.",
        "Het werk was druk voor mij.",
        "Salaris was oké voor mij.",
        "Collega's waren oké voor mij.",
    ]


def test_a_follow_up_about_the_same_matter_joins_the_statement_and_keeps_both_sources() -> None:
    rows: list[dict[str, str | None]] = [
        {"topic": "workload", "phase": "guide", "text": "We waren bijna elke dienst onderbezet op de afdeling."},
        {"topic": "workload", "phase": "guide", "text": "Vooral in het weekend."},
    ]
    (only,) = draft_statements(rows, Pseudonymiser("nl"))
    assert only.text == "We waren bijna elke dienst onderbezet op de afdeling. Vooral in het weekend."
    assert [(s.answer_index, s.words) for s in only.sources] == [
        (0, "We waren bijna elke dienst onderbezet op de afdeling."),
        (1, "Vooral in het weekend."),
    ]


def test_the_same_point_made_twice_is_one_statement() -> None:
    assert drafted(
        [
            (None, "advice_keep", "Maak het rooster eerder en bel mensen niet op hun vrije dag."),
            (None, "advice_change", "Maak het rooster eerder en bel mensen niet op hun vrije dag."),
        ]
    ) == ["Maak het rooster eerder en bel mensen niet op hun vrije dag."]


def test_a_health_sentence_stands_apart_so_it_never_locks_the_rest_out_of_sharing() -> None:
    assert drafted(
        [
            (
                "workload",
                "story",
                "De werkdruk was enorm hoog, we waren altijd onderbezet. Ik sliep slecht en raakte overspannen.",
            )
        ]
    ) == ["De werkdruk was enorm hoog, we waren altijd onderbezet.", "Ik sliep slecht en raakte overspannen."]


def test_what_a_colleague_could_recognise_is_found_and_put_in_general_words() -> None:

    text = "When I fixed the outage on Black Friday at three in the morning, nobody thanked me."
    assert recognisable(text, "en") == ["date", "incident"]
    assert generalise(text, "en") == "When I fixed an incident on a busy day at an odd hour, nobody thanked me."
    assert recognisable("Ik was de enige verpleegkundige op de afdeling met die opleiding.", "nl") == ["role"]
    assert recognisable("Het werk zelf vond ik prima, de sfeer ook.", "nl") == []
    assert recognisable("We were short most days, and nobody listened.", "en") == []


def test_a_time_fragment_answering_a_when_question_becomes_the_leavers_sentence() -> None:
    rows: list[dict[str, str | None]] = [
        {
            "topic": "workload",
            "phase": "guide",
            "text": "Vorige week nog.",
            "question": "Je vertelde over het rooster. Wanneer gebeurde dat voor het laatst?",
        }
    ]
    assert [d.text for d in draft_statements(rows, Pseudonymiser("nl"))] == [
        "Dat gebeurde vorige week nog voor het laatst."
    ]
    rows = [{"topic": "workload", "phase": "guide", "text": "Just before the summer.", "question": "When was that?"}]
    assert [d.text for d in draft_statements(rows, Pseudonymiser("en"))] == ["That was just before the summer."]
