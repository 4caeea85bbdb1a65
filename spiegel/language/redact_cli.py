"""Command-line entry for pseudonymisation: ``spiegel redact --lang nl < in.txt > out.txt``.

Plain mode reads all of stdin as one text and writes the redacted text. ``--jsonl`` reads one
``{"text": ...}`` object per line and writes one ``{"text": ..., "spans": [...]}`` per line. In both modes one
Pseudonymiser serves the whole input, so a person keeps the same placeholder throughout.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from spiegel.language.redact import LANGUAGES, Pseudonymiser

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class BadLineError(ValueError):
    """A JSONL input line that cannot be redacted."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (separate so that the CLI wiring can reuse it for help texts)."""
    parser = argparse.ArgumentParser(
        prog="spiegel redact",
        description=(
            "Replace names of people, e-mail addresses, phone numbers, BSN, IBAN, postcodes/addresses, URLs and "
            "@user names with consistent placeholders such as [leidinggevende] or [collega A]. Reads stdin, writes "
            "stdout."
        ),
    )
    parser.add_argument(
        "--lang",
        required=True,
        choices=LANGUAGES,
        help="language of the text: nl (Dutch) or en (English); decides placeholders and word lists",
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read one JSON object {"text": ...} per line and write {"text": ..., "spans": [...]} per line',
    )
    return parser


def _parse_line(line: str) -> str:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadLineError('expected a JSON object like {"text": "..."}')
    text = record.get("text")
    if not isinstance(text, str):
        raise BadLineError('the object needs a "text" field holding a string')
    return text


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the redaction command; returns the exit code (0 fine, 2 bad input; usage errors exit via argparse)."""
    args = build_parser().parse_args(argv)
    source = stdin if stdin is not None else sys.stdin
    sink = stdout if stdout is not None else sys.stdout
    pseudonymiser = Pseudonymiser(args.lang)
    if not args.jsonl:
        sink.write(pseudonymiser.redact(source.read()).text)
        sink.flush()
        return EXIT_OK
    for number, raw in enumerate(source, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue  # blank lines (a trailing newline) carry nothing to redact
        try:
            text = _parse_line(line)
        except BadLineError as error:
            # Nothing is written for the bad line; the lines before it are complete and already flushed.
            sys.stderr.write(f"spiegel redact: line {number}: {error}\n")
            return EXIT_BAD_INPUT
        redaction = pseudonymiser.redact(text)
        out = {
            "text": redaction.text,
            "spans": [{"start": s.start, "end": s.end, "kind": s.kind} for s in redaction.spans],
        }
        sink.write(json.dumps(out, ensure_ascii=False) + "\n")
        sink.flush()
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
