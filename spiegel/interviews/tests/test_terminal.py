from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_the_terminal_interview_holds_a_whole_conversation_with_a_simulated_leaver() -> None:
    out = io.StringIO()
    call_command("interview", lang="en", simulate="en-nurse", stdout=out)
    text = out.getvalue()
    assert text.count("Spiegel: ") >= 10
    assert "[closed after" in text.splitlines()[-1]


def test_the_terminal_interview_reads_answers_from_stdin_and_stops_on_quit(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Mostly the workload, we were always short-staffed.", "/quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    out = io.StringIO()
    call_command("interview", lang="en", stdout=out)
    assert out.getvalue().count("Spiegel: ") == 3  # opening, first question, one follow-up


def test_an_unknown_persona_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="unknown persona 'nobody'"):
        call_command("interview", lang="nl", simulate="nobody")
