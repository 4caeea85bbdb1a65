"""The mirror check on simulated leavers (issue 13): few statements, no non-content, none under five words."""

from __future__ import annotations

from harness.mirror_check import TARGET, mirror_of
from harness.personas import PERSONAS
from spiegel.language.statements import MIN_STATEMENT_WORDS, word_count


def test_a_simulated_leavers_mirror_has_few_statements_all_content_and_none_short() -> None:
    terse = next(p for p in PERSONAS if p.name == "Kevin")  # answers in fragments: "Druk.", "Ging wel."
    run = mirror_of(terse)
    assert TARGET[0] <= len(run.statements) <= TARGET[1]
    assert run.non_content == []
    assert all(word_count(s.text) >= MIN_STATEMENT_WORDS for s in run.statements)
    # Turns the leaver meant as "nothing more" or a confirmation never become statements.
    meant_nothing = {i for i, k in enumerate(run.turn_kinds) if k in ("saturated", "nothing_else", "confirm")}
    assert meant_nothing
    assert not any(src.answer_index in meant_nothing for s in run.statements for src in s.sources)
