"""The trainer of the learned disclosure reader (``bench/disclosure_model_train.py``) on a tiny set of its own."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import disclosure_model_train as trainer

from spiegel.language import disclosure_model

TINY = [
    trainer.Item(
        "De lift was al weken kapot en een bewoner is erin gevallen; niemand heeft het gemeld.",
        "safety",
        "a",
        "dev",
        "nl",
    ),
    trainer.Item(
        "He kept touching my back in the storeroom although I told him to stop.", "harassment", "a", "dev", "en"
    ),
    trainer.Item(
        "We had to change the dates on the inspection forms before the auditors came.", "integrity", "b", "dev", "en"
    ),
    trainer.Item("Ze kreeg de vaste baan niet omdat ze een hoofddoek draagt.", "discrimination", "b", "dev", "nl"),
    trainer.Item("De koffie op de afdeling was slecht en de printer deed het nooit.", None, "a", "dev", "nl"),
    trainer.Item("I liked my colleagues, the commute was just too long.", None, "b", "dev", "en"),
    trainer.Item("Het rooster kwam altijd te laat. Daar baalde ik van.", None, "s1", "scenario", "nl"),
    trainer.Item("My manager was friendly but rarely had time for a proper one-to-one.", None, "s2", "persona", "en"),
]


def test_the_trainer_fits_a_model_that_reads_its_own_training_sentences() -> None:
    vectors = trainer.Vectors(TINY)
    assert len(vectors.windows[6]) == 3  # two sentences and their pair
    model = trainer.fit(TINY, range(len(TINY)), vectors, c=10.0)
    model.thresholds = {"nl": 0.5, "en": 0.5}
    readings = [model.read(item.text, item.language) for item in TINY]
    assert [r.flagged for r in readings] == [item.kind is not None for item in TINY]
    assert [r.kind for r in readings[:4]] == [item.kind for item in TINY[:4]]
    again = disclosure_model.parse(disclosure_model.dump(model, ["tiny"]))
    assert np.allclose(again.weights, model.weights, atol=1e-5)
    assert model.words  # words seen twice or more ("de", "the", ...) carry a weight
    assert again.words == pytest.approx(model.words, abs=1e-4)


def test_development_sets_and_the_kept_out_part_of_ordinary_text() -> None:
    items = trainer.dev_items("nl")
    assert {item.group for item in items} <= set(trainer.DEV_SETS)
    assert "heldout4" not in trainer.DEV_SETS
    assert "heldout5" not in trainer.DEV_SETS
    assert trainer._kept_out("ho-nl-refusal-001")
    assert sum(trainer._kept_out(f"redaction-nl-{i}") for i in range(300)) in range(70, 130)


def test_the_shipped_weights_say_they_were_made_by_the_trainer() -> None:
    head = disclosure_model.MODEL_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert "bench/disclosure_model_train.py" in head
