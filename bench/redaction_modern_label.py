"""Turn the marked modern leaver sentences into the labelled sets that ``bench/redaction.py --file`` scores.

``spiegel/language/data/redaction_{modern,fresh}_{nl,en}.txt`` hold one sentence a line with every person name
marked ``{like this}`` (no title, no possessive ending inside the braces; '#' starts a comment line). This
script drops the braces, computes the names' character offsets and writes the ``.jsonl`` of the same name in
the format of ``redaction_eval_{nl,en}.jsonl`` (identifiers empty, split ``dev``).

Usage: ``.venv/bin/python bench/redaction_modern_label.py``
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "spiegel" / "language" / "data"
MARK = re.compile(r"\{([^{}]+)\}")
SETS = ("modern", "fresh")


def label(marked: str) -> dict[str, str | list[list[int]]]:
    """One record from a marked sentence: the text without braces and the offsets of the marked names."""
    text: list[str] = []
    names: list[list[int]] = []
    position = 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[position : m.start()]
        text.append(before)
        length += len(before)
        names.append([length, length + len(m.group(1))])
        text.append(m.group(1))
        length += len(m.group(1))
        position = m.end()
    text.append(marked[position:])
    plain = "".join(text)
    if "{" in plain or "}" in plain:
        raise ValueError(f"unbalanced braces in: {marked}")
    return {"text": plain, "names": names, "identifiers": [], "split": "dev"}


def main() -> int:
    """Write the jsonl file of every marked text file."""
    for source in [path for set_name in SETS for path in sorted(DATA.glob(f"redaction_{set_name}_*.txt"))]:
        lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines()]
        records = [label(line) for line in lines if line and not line.startswith("#")]
        target = source.with_suffix(".jsonl")
        target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        names = sum(len(r["names"]) for r in records)
        print(f"{target.name}: {len(records)} sentences, {names} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
