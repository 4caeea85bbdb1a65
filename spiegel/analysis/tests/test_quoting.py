"""An organisation's view never shows the same words twice: equal words, the same sentences in another order,
a shared whole sentence, or a word or two changed are one quote (issue 13, "quotes are de-duplicated")."""

from __future__ import annotations

import pytest

from spiegel.analysis.quoting import Quoted


def test_the_same_words_with_other_case_and_punctuation_are_one_quote() -> None:
    quoted = Quoted(["Het rooster kwam pas een week van tevoren."])
    assert quoted.take("het rooster kwam pas een week van tevoren") is False


def test_the_same_two_sentences_in_another_order_are_one_quote() -> None:
    quoted = Quoted(
        [
            "Ik heb drie jaar om een hogere inschaling gevraagd en die kwam er niet. "
            "De onregelmatigheidstoeslag werd twee maanden te laat uitbetaald."
        ]
    )
    assert (
        quoted.take(
            "De onregelmatigheidstoeslag werd twee maanden te laat uitbetaald. "
            "Ik heb drie jaar om een hogere inschaling gevraagd en die kwam er niet."
        )
        is False
    )


def test_a_quote_that_repeats_a_whole_sentence_already_shown_is_not_shown_again() -> None:
    quoted = Quoted(["Ik was per dienst zeker een uur kwijt aan rapporteren in het elektronisch dossier."])
    assert (
        quoted.take(
            "Het registreren kostte veel tijd. "
            "Ik was per dienst zeker een uur kwijt aan rapporteren in het elektronisch dossier."
        )
        is False
    )


def test_one_word_changed_in_a_long_quote_is_the_same_quote() -> None:
    quoted = Quoted(["Mijn teamleider zat op een andere locatie en kwam maar één keer per maand op de afdeling."])
    assert (
        quoted.take("Mijn teamleider zat op een andere locatie en kwam maar één keer per maand op onze afdeling.")
        is False
    )


@pytest.mark.parametrize(
    "other",
    [
        "Het registreren in het cliëntdossier kostte me elke dienst ruim een uur.",
        "Mijn teamleider had vier afdelingen tegelijk en was bijna nooit bij ons.",
    ],
)
def test_another_wording_or_another_matter_is_a_new_quote(other: str) -> None:
    quoted = Quoted(["Ik was per dienst zeker een uur kwijt aan rapporteren in het elektronisch dossier."])
    assert quoted.take(other) is True
    assert quoted.take(other) is False
