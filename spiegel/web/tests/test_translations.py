"""The Dutch translation is complete and compiled: every interface string has a Dutch text."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES"
PLAYBOOK = Path(__file__).resolve().parents[2] / "analysis" / "playbook" / "playbook.json"


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


def _dutch_strings(node: object) -> list[str]:
    """Every Dutch text of a nested playbook structure (the values under an "nl" key)."""
    if isinstance(node, dict):
        found = [str(v) for k, v in node.items() if k == "nl" and isinstance(v, str)]
        return found + [s for k, v in node.items() if k != "nl" for s in _dutch_strings(v)]
    if isinstance(node, list):
        return [s for item in node for s in _dutch_strings(item)]
    return []


def test_the_dutch_interface_addresses_its_reader_as_je_never_as_u() -> None:
    """Spiegel says "je" to leavers and staff alike (the leaver's pages, the dashboard, the PDF report): a formal
    "u"/"uw" in one sentence next to "je" in the next reads as two products."""
    playbook = json.loads((PLAYBOOK).read_text(encoding="utf-8"))
    texts = [" ".join(strs) for _, strs, _ in _entries()] + _dutch_strings(playbook)
    formal = [text for text in texts if re.search(r"\b(?:u|uw|U|Uw)\b(?!\.\w)", text)]
    assert formal == []
    assert sum(1 for text in texts if re.search(r"\b(?:je|jouw|Je|Jouw)\b", text)) > 50
