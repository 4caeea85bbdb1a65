"""Behaviour of the classifier command line (spiegel.language.classify_cli)."""

from __future__ import annotations

import io
import json

import pytest

from spiegel.language.classify_cli import main


def _run(argv: list[str], text: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_jsonl_in_gives_one_json_object_per_line_out() -> None:
    code, out, err = _run(
        ["--lang", "nl", "--jsonl"],
        '{"text": "Mijn nieuwe baan betaalt veel beter."}\n\n{"text": "Ik hoorde dat er een reorganisatie komt."}\n',
    )
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 2
    assert set(lines[0]) == {"themes", "kind"}
    assert lines[0]["themes"][0]["id"] == "pay"
    assert lines[0]["themes"][0]["polarity"] == "pull"
    assert set(lines[0]["themes"][0]) == {"id", "polarity", "confidence"}
    assert lines[1]["kind"] == "hearsay"


def test_plain_lines_are_statements() -> None:
    code, out, _ = _run(["--lang", "en"], "The workload was far too high.\nI'd suggest shorter meetings.\n")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["themes"][0]["id"] == "workload"
    assert lines[1]["kind"] == "suggestion"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 2: not valid JSON"),
        ('["a list"]', 'line 2: expected a JSON object like {"text": "..."}'),
        ('{"txt": "typo"}', 'line 2: "text" is missing or not a string'),
        ('{"text": 42}', 'line 2: "text" is missing or not a string'),
    ],
)
def test_bad_line_is_named_on_stderr_and_nothing_is_written(line: str, message: str) -> None:
    code, out, err = _run(["--lang", "en", "--jsonl"], '{"text": "fine"}\n' + line + "\n")
    assert code == 2
    assert out == ""
    assert err.startswith(f"spiegel classify: {message}")


def test_language_is_required_and_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run([], "x\n")[0] == 2
    assert _run(["--lang", "de"], "x\n")[0] == 2
    assert "--lang" in capsys.readouterr().err


def test_help_describes_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["--help"], "")[0] == 0
    help_text = capsys.readouterr().out
    assert "--lang {nl,en}" in help_text
    assert "language of the statements" in help_text
    assert "--jsonl" in help_text
    assert "read one JSON object" in help_text


def test_empty_input_writes_nothing() -> None:
    assert _run(["--lang", "nl", "--jsonl"], "") == (0, "", "")
