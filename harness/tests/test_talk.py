from __future__ import annotations

import pytest

from harness.talk import main, talk


def test_a_simulated_leaver_holds_a_whole_conversation_with_the_interviewer() -> None:
    lines = talk("en-nurse")
    assert sum(line.startswith("Spiegel: ") for line in lines) >= 10
    assert sum(line.startswith("> ") for line in lines) >= 5
    assert lines[-1].startswith("[closed after ")


def test_an_unknown_persona_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["nobody"])
    assert exit_.value.code == 2
    assert "unknown persona 'nobody'; known: nl-verpleegkundige" in capsys.readouterr().err
