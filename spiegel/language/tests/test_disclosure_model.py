"""The learned disclosure reader: its file format, the shipped weights, and what it adds to the rules."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from spiegel.language import disclosure_model
from spiegel.language.understanding import Context, understand


@pytest.fixture(autouse=True)
def _shipped_model_afterwards() -> Iterator[None]:
    yield
    disclosure_model.reset()


def _weights(flag_bias: float, kind: int) -> np.ndarray:
    weights = np.zeros((len(disclosure_model.INPUTS), len(disclosure_model.COLUMNS)))
    weights[0, 0] = flag_bias
    weights[0, 1 + kind] = 1.0
    return weights


def test_a_model_written_by_dump_reads_back_with_its_thresholds_and_weights() -> None:
    weights = _weights(0.5, 2)
    weights[7, 3] = -0.25
    model = disclosure_model.DisclosureModel(weights, {"nl": 0.9, "en": 0.8}, {"w=melding": 0.75})
    again = disclosure_model.parse(disclosure_model.dump(model, ["made by hand"]))
    assert again.thresholds == {"nl": 0.9, "en": 0.8}
    assert np.allclose(again.weights, weights)
    assert again.words == {"w=melding": 0.75}


def test_words_and_word_pairs_add_to_the_flag_scaled_by_how_many_a_window_has() -> None:
    model = disclosure_model.DisclosureModel(_weights(0.0, 0), {"nl": 0.5}, {"w=gevallen": 2.0, "p=is gevallen": 1.0})
    assert disclosure_model.ngrams("Zij is GEVALLEN.") == ["w=zij", "w=is", "w=gevallen", "p=zij is", "p=is gevallen"]
    assert model.word_score("Zij is gevallen") == pytest.approx(3.0 / np.sqrt(5))
    again = disclosure_model.parse(disclosure_model.dump(model, []))
    assert again.words == {"w=gevallen": 2.0, "p=is gevallen": 1.0}


def test_a_model_file_with_other_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="columns"):
        disclosure_model.parse("# columns flag harassment\nb\t0.1\t0.2\n")


def test_the_most_telling_window_decides_probability_and_kind() -> None:
    weights = _weights(0.0, 0)
    weights[1, 0] = 4.0  # the first embedding dimension pushes towards a disclosure
    weights[2, 1 + 3] = 9.0  # the second towards safety
    model = disclosure_model.DisclosureModel(weights, {"nl": 0.9})
    vectors = np.zeros((2, 512))
    vectors[1, 0], vectors[1, 1] = 1.0, 1.0
    reading = model.reading(vectors, ["eerste zin", "tweede zin"], "nl")
    assert reading.probability == pytest.approx(1 / (1 + np.exp(-4.0)))
    assert (reading.kind, reading.flagged) == ("safety", True)
    assert not model.reading(vectors, ["first", "second"], "en").flagged  # no threshold for the language


def test_an_answer_is_read_in_sentences_and_pairs_of_sentences() -> None:
    assert disclosure_model.windows("Een. Twee! Drie?") == ["Een.", "Twee!", "Drie?", "Een. Twee!", "Twee! Drie?"]
    assert disclosure_model.windows("  Alleen deze zin  ") == ["Alleen deze zin"]
    assert disclosure_model.windows("   ") == []


def test_the_shipped_model_loads_with_a_threshold_per_language() -> None:
    model = disclosure_model.load()
    assert model is not None
    assert set(model.thresholds) == {"nl", "en"}
    assert all(0.5 <= t < 1.0 for t in model.thresholds.values())


# Our own sentences, written for these tests (not taken from any data set): incidents in ordinary words.
CLEAR = [
    (
        "Een collega brak haar pols op de natte trap en we moesten zeggen dat ze thuis was gevallen.",
        "nl",
        "safety",
    ),
    (
        "The supervisor made me sign a statement that the forklift accident was my own fault, which it wasn't.",
        "en",
        "safety",
    ),
    ("The finance lead had us invoice hours for consultants who never worked on the project.", "en", "integrity"),
    (
        "Mijn chef pakte me op het kerstfeest bij mijn middel en zei dat ik mee moest naar zijn kamer.",
        "nl",
        "harassment",
    ),
]

NEAR = [
    ("Mijn leidinggevende gaf het team de schuld toen we de planning niet haalden, niet eerlijk.", "nl"),
    ("The deadline slipped and my manager was annoyed with all of us in the stand-up.", "en"),
    ("We hadden te weinig mensen op de afdeling en ik was elke avond doodmoe.", "nl"),
    ("I fell off my bike on the way home once, nothing to do with work.", "en"),
]


@pytest.mark.parametrize(("text", "language", "kind"), CLEAR)
def test_an_incident_in_ordinary_words_is_flagged_with_its_kind(text: str, language: str, kind: str) -> None:
    assert understand(text, Context(language=language)).disclosure == kind


@pytest.mark.parametrize(("text", "language"), NEAR)
def test_an_ordinary_complaint_is_not_flagged(text: str, language: str) -> None:
    assert understand(text, Context(language=language)).disclosure is None
    reading = disclosure_model.read(text, language)
    assert reading is not None and not reading.flagged


def test_without_a_model_the_understanding_falls_back_to_the_rules() -> None:
    disclosure_model.use(None)
    assert disclosure_model.read("Wat dan ook.", "nl") is None
    assert understand("Een cliënt is gevallen en de melding is nergens gebleven.", Context(language="nl")).disclosure
