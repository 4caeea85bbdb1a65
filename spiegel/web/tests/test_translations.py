"""The Dutch translation is complete and compiled: every interface string has a Dutch text."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"


def _entries() -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every entry of the .po file except the header."""
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current: str | None = None
        fields: dict[str, str] = {}
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], strs, fuzzy))
    return entries


def test_every_interface_string_has_a_dutch_translation() -> None:
    entries = _entries()
    assert len(entries) > 150
    untranslated = [msgid for msgid, strs, _ in entries if not all(strs)]
    fuzzy = [msgid for msgid, _, is_fuzzy in entries if is_fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source() -> None:
    catalogue = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    stale = []
    for msgid, strs, _ in _entries():
        unescaped = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        expected = strs[0].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if catalogue.gettext(unescaped) not in (expected,) and not unescaped.startswith("%(n)s") and len(strs) == 1:
            stale.append(unescaped)
    assert stale == []
