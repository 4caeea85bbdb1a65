"""Splitting answers into mirror statements (spiegel.language.statements)."""

from __future__ import annotations

from spiegel.language.redact import Pseudonymiser
from spiegel.language.statements import draft_statements, is_substantive, repseudonymise, split_sentences


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
