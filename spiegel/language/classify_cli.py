"""Command line for the statement classifier (wired as ``spiegel classify`` elsewhere).

Reads statements from standard input and writes one JSON object per statement to standard output::

    {"themes": [{"id": "pay", "polarity": "pull", "confidence": 0.93}], "kind": "fact"}

Input is one plain-text statement per line, or with ``--jsonl`` one ``{"text": ...}`` object per line.
Blank lines are skipped. All input is validated before anything is written: a bad line prints
``line N: ...`` on standard error and exits with status 2, with no output.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from spiegel.language.classify import Classification, classify_many

__all__ = ["main", "to_json"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class _InputError(ValueError):
    """A line of input that cannot be classified; the message names the line."""


def to_json(classification: Classification) -> dict[str, object]:
    """The JSON-ready form of a classification, as written by the command line."""
    return {
        "themes": [{"id": t.id, "polarity": t.polarity, "confidence": t.confidence} for t in classification.themes],
        "kind": classification.kind,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spiegel classify",
        description="Tag exit-interview statements with taxonomy themes, polarity and kind (offline).",
    )
    parser.add_argument(
        "--lang",
        required=True,
        choices=("nl", "en"),
        help="language of the statements: nl (Dutch) or en (English)",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read one JSON object {"text": "..."} per line instead of one plain-text statement per line',
    )
    return parser


def _read(stream: TextIO, jsonl: bool) -> list[str]:
    texts: list[str] = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        if not jsonl:
            texts.append(line.strip())
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _InputError(f"line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise _InputError(f'line {number}: expected a JSON object like {{"text": "..."}}')
        text = obj.get("text")
        if not isinstance(text, str):
            raise _InputError(f'line {number}: "text" is missing or not a string')
        texts.append(text)
    return texts


def main(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the classifier command line; returns the exit status (0 ok, 2 bad input or usage)."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code) if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        texts = _read(stdin, args.jsonl)
    except _InputError as exc:
        print(f"spiegel classify: {exc}", file=stderr)
        return EXIT_BAD_INPUT
    for result in classify_many(texts, args.lang):
        stdout.write(json.dumps(to_json(result), ensure_ascii=False) + "\n")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
