"""The entries of a gettext catalogue (.po file), read the one way the tests need them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$')


@dataclass(frozen=True)
class PoEntry:
    """One entry: its fields (msgctxt, msgid, msgid_plural, msgstr or msgstr[N]) as written, still escaped, with
    their continuation lines joined; and whether it is marked fuzzy."""

    fields: dict[str, str]
    fuzzy: bool

    @property
    def key(self) -> str:
        """The msgid, or "context\x04msgid" for an entry with a context: the key gettext's catalogue knows it by."""
        context = f"{self.fields['msgctxt']}\x04" if "msgctxt" in self.fields else ""
        return context + self.fields["msgid"]

    @property
    def translations(self) -> list[str]:
        """The msgstr, or every msgstr[N] of a plural entry."""
        return [value for name, value in self.fields.items() if name.startswith("msgstr")]


def po_entries(path: Path) -> list[PoEntry]:
    """Every entry of the .po file except its header (the entry whose msgid is empty)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        fields: dict[str, str] = {}
        current = ""
        for line in lines:
            match = _FIELD.match(line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
            entries.append(PoEntry(fields, fuzzy))
    return entries
