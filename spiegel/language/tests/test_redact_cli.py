"""Behaviour of the ``spiegel redact`` entry function (spiegel.language.redact_cli.main)."""

from __future__ import annotations

import io
import json

import pytest

from spiegel.language.redact_cli import main


def run(argv: list[str], stdin: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_plain_mode_redacts_all_of_stdin_with_one_consistent_mapping() -> None:
    code, out = run(["--lang", "nl"], "Mijn leidinggevende Sandra belde 06-12345678.\nSandra zei niets.\n")
    assert code == 0
    assert out == "Mijn leidinggevende [leidinggevende] belde [telefoonnummer].\n[leidinggevende] zei niets.\n"


def test_jsonl_mode_writes_text_and_spans_per_line_and_keeps_placeholders_across_lines() -> None:
    code, out = run(["--lang", "en", "--jsonl"], '{"text": "My manager Sarah left."}\n{"text": "Sarah called."}\n')
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"text": "My manager [manager] left.", "spans": [{"start": 11, "end": 16, "kind": "person"}]},
        {"text": "[manager] called.", "spans": [{"start": 0, "end": 5, "kind": "person"}]},
    ]


def test_jsonl_mode_skips_blank_lines() -> None:
    code, out = run(["--lang", "nl", "--jsonl"], '{"text": "Hoi"}\n\n')
    assert code == 0
    assert out == '{"text": "Hoi", "spans": []}\n'


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("not json", "line 2: not valid JSON"),
        ('["a list"]', "line 2: expected a JSON object"),
        ('{"txt": "typo"}', 'line 2: the object needs a "text" field'),
        ('{"text": 42}', 'line 2: the object needs a "text" field'),
    ],
)
def test_a_bad_jsonl_line_stops_with_its_line_number_and_exit_code_2(
    bad_line: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["--lang", "nl", "--jsonl"], f'{{"text": "Met Jeroen."}}\n{bad_line}\n{{"text": "Later."}}\n')
    assert code == 2
    assert out == '{"text": "Met [persoon A].", "spans": [{"start": 4, "end": 10, "kind": "person"}]}\n'
    assert message in capsys.readouterr().err


def test_lang_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run([], "text")
    assert exit_info.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_help_describes_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["--help"], "")
    help_text = capsys.readouterr().out
    assert "language of the text" in help_text
    assert 'read one JSON object {"text": ...} per line' in help_text
