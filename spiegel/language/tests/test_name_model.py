"""The learned name model: its file format, its scores, and how the redactor combines it with the rules."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from spiegel.language import name_model
from spiegel.language.redact import Pseudonymiser


@pytest.fixture(autouse=True)
def _shipped_models_afterwards() -> Iterator[None]:
    yield
    name_model.reset()


def _word(text: str, *, rule: bool = False) -> name_model.Word:
    return name_model.Word(
        text=text, low=text.lower(), sentence_start=False, kind="", frequency=0, flags=frozenset(), rule=rule, gap=" "
    )


def test_a_model_file_gives_threshold_veto_and_weights() -> None:
    model = name_model.parse("# made by hand\n# threshold 0.3\n# veto 0.05\nb\t-1.5\nw=zoltar\t4.0\n")
    assert (model.threshold, model.veto) == (0.3, 0.05)
    assert model.weights == {"b": -1.5, "w=zoltar": 4.0}


def test_the_probability_is_the_logistic_of_the_weights_of_the_features_present() -> None:
    model = name_model.NameModel({"b": -1.5, "w=zoltar": 4.0}, threshold=0.5)
    zoltar, other = model.probabilities([_word("Zoltar"), _word("huis")])
    assert zoltar == pytest.approx(1 / (1 + math.exp(-2.5)))
    assert other == pytest.approx(1 / (1 + math.exp(1.5)))
    assert model.names([_word("Zoltar"), _word("huis")]) == [True, False]


def test_a_word_the_rules_took_needs_only_to_clear_the_veto() -> None:
    model = name_model.NameModel({"b": -3.0}, threshold=0.5, veto=0.02)  # p = 0.047 for every word
    assert model.names([_word("Quorblat", rule=True), _word("Quorblat")]) == [True, False]


def test_a_word_the_rules_miss_is_replaced_when_the_model_takes_it() -> None:
    text = "Het plan van Tafel was goed."
    name_model.use("nl", None)
    assert Pseudonymiser("nl").redact(text).text == text  # an ordinary word after 'van': the rules pass
    name_model.use("nl", name_model.NameModel({"b": -8.0, "w=tafel": 10.0}, threshold=0.5))
    assert Pseudonymiser("nl").redact(text).text == "Het plan van [persoon A] was goed."


def test_a_word_the_model_takes_next_to_a_name_joins_that_name() -> None:
    name_model.use("nl", name_model.NameModel({"b": -8.0, "w=groen": 10.0}, threshold=0.5))
    redaction = Pseudonymiser("nl").redact("Ik sprak met Sandra Groen over het rooster.")
    assert redaction.text == "Ik sprak met [persoon A] over het rooster."
    assert [span.original for span in redaction.spans] == ["Sandra Groen"]


def test_the_model_can_drop_an_unlisted_word_the_rules_took_without_context() -> None:
    text = "Toen kwam Quorblat binnen."
    name_model.use("nl", None)
    assert Pseudonymiser("nl").redact(text).text == "Toen kwam [persoon A] binnen."
    name_model.use("nl", name_model.NameModel({"b": -8.0}, threshold=0.5, veto=0.1))
    assert Pseudonymiser("nl").redact(text).text == text


def test_the_model_cannot_drop_listed_names_nor_names_after_a_title_or_role() -> None:
    name_model.use("nl", name_model.NameModel({"b": -8.0}, threshold=0.5, veto=0.1))
    redaction = Pseudonymiser("nl").redact("Ik sprak mevrouw Van der Meer, collega Quorblat en Sandra.")
    assert redaction.text == "Ik sprak [persoon A], collega [collega A] en [persoon B]."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_shipped_model_of_each_language_loads_with_a_threshold_between_zero_and_one(language: str) -> None:
    model = name_model.load(language)
    assert model is not None
    assert 0 < model.veto < model.threshold < 1
    assert len(model.weights) > 1000


def test_a_model_file_may_give_a_strong_bar() -> None:
    model = name_model.parse("# threshold 0.1\n# veto 0.01\n# strong 0.6\nb\t-1.0\n")
    assert (model.threshold, model.veto, model.strong) == (0.1, 0.01, 0.6)
    assert name_model.parse("# threshold 0.1\nb\t-1.0\n").strong == 1.0  # no strong bar: never


def test_a_word_without_a_telling_capital_must_clear_the_strong_bar() -> None:
    model = name_model.NameModel({"b": -1.0}, threshold=0.1, strong=0.5)  # p = 0.27 for every word
    words = [_word("quorbel"), _word("quorbel")]
    assert model.names(words, strict=[False, True]) == [True, False]


def test_a_model_file_may_give_its_own_bar_for_lower_case_first_names() -> None:
    model = name_model.parse("# threshold 0.1\n# veto 0.01\n# strong 0.6\n# first 0.2\nb\t-1.0\n")
    assert (model.strong, model.first) == (0.6, 0.2)
    assert name_model.parse("# threshold 0.1\n# strong 0.6\nb\t-1.0\n").first == 0.6  # none given: the strong bar
    words = [_word("quorbel"), _word("quorbel"), _word("quorbel")]  # p = 0.27 for every word
    assert model.names(words, strict=[0, 1, 2]) == [True, False, True]


def test_a_lower_case_first_name_and_a_rare_lower_case_word_meet_their_own_bars() -> None:
    weights = {"b": -8.0, "w=john": 10.0, "w=quorbel": 10.0}  # p = 0.88 for both
    name_model.use("en", name_model.NameModel(weights, threshold=0.5, strong=0.95, first=0.8))
    assert Pseudonymiser("en").redact("then john met quorbel").text == "then [person A] met quorbel"
    name_model.use("en", name_model.NameModel(weights, threshold=0.5, strong=0.8, first=0.95))
    assert Pseudonymiser("en").redact("then john met quorbel").text == "then john met [person A]"


def test_a_rare_lower_case_word_is_replaced_only_when_the_model_is_sure_at_the_strong_bar() -> None:
    text = "had coffee with quorbel yesterday"
    name_model.use("en", name_model.NameModel({"b": -8.0, "w=quorbel": 10.0}, threshold=0.5))
    assert Pseudonymiser("en").redact(text).text == text  # no strong bar: lower case is left to the rules
    name_model.use("en", name_model.NameModel({"b": -8.0, "w=quorbel": 10.0}, threshold=0.5, strong=0.8))
    assert Pseudonymiser("en").redact(text).text == "had coffee with [person A] yesterday"


def test_a_lower_case_listed_first_name_that_is_also_a_common_word_may_be_taken_at_the_strong_bar() -> None:
    text = "john says its cuz im overtired"
    name_model.use("en", name_model.NameModel({"b": -8.0, "w=john": 10.0}, threshold=0.5))
    assert Pseudonymiser("en").redact(text).text == text  # no strong bar: lower case is left to the rules
    name_model.use("en", name_model.NameModel({"b": -8.0, "w=john": 10.0}, threshold=0.5, strong=0.8))
    assert Pseudonymiser("en").redact(text).text == "[person A] says its cuz im overtired"


def test_a_lower_case_first_name_on_the_ambiguous_list_is_never_taken_by_the_model() -> None:
    weights = {"b": -8.0, "w=patience": 20.0, "w=said": 20.0}
    name_model.use("en", name_model.NameModel(weights, threshold=0.1, strong=0.1))
    text = "I admire her patience."
    assert Pseudonymiser("en").redact(text).text == text
    assert Pseudonymiser("en").redact("Bill said no.").text == "[person A] said no."  # "Said" is on a name list
