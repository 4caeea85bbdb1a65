from __future__ import annotations

import io

import pytest
from django.core.management import call_command


def _typed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    answers = iter(lines)

    def read(prompt: str = "") -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", read)


def test_the_terminal_interview_holds_a_whole_conversation_until_it_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    _typed(monkeypatch, ["Mostly the workload, we were always short-staffed.", *["/skip"] * 40])
    out = io.StringIO()
    call_command("interview", lang="en", stdout=out)
    text = out.getvalue()
    assert text.count("Spiegel: ") >= 10
    assert "[closed after" in text.splitlines()[-1]


def test_the_terminal_interview_reads_answers_from_stdin_and_stops_on_quit(monkeypatch: pytest.MonkeyPatch) -> None:
    _typed(monkeypatch, ["Mostly the workload, we were always short-staffed.", "/quit", "Never read."])
    out = io.StringIO()
    call_command("interview", lang="en", stdout=out)
    text = out.getvalue()
    assert text.count("Spiegel: ") == 4  # opening, first question, one follow-up, the closing line
    closing = text.split("Spiegel: ")[-1]
    assert "Thank you" in closing and "approved" in closing and "?" not in closing
    assert text.splitlines()[-1].endswith("[closed after 1 answers]")


def test_the_terminal_interview_ends_quietly_when_the_input_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    _typed(monkeypatch, [])
    out = io.StringIO()
    call_command("interview", lang="nl", stdout=out)
    assert out.getvalue().count("Spiegel: ") == 2  # opening and first question, then the end of input
    assert "[closed after" not in out.getvalue()
