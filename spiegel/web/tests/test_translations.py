"""The Dutch translation is complete and compiled: every interface string has a Dutch text."""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.po import po_entries

SPIEGEL = Path(__file__).resolve().parents[2]
LOCALE = SPIEGEL / "locale" / "nl" / "LC_MESSAGES"
PLAYBOOK = SPIEGEL / "analysis" / "playbook" / "playbook.json"
# The project's catalogue and the apps' own (copilot, disclosures): Django reads them all.
CATALOGUES = sorted(SPIEGEL.glob("**/locale/nl/LC_MESSAGES/django.po"))


def _entries(catalogue: Path | None = None) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for every entry of a .po file (all of them by default) except the header. An entry
    with a context has the msgid "context\x04msgid", the key gettext's catalogue knows it by."""
    paths = CATALOGUES if catalogue is None else [catalogue]
    return [(entry.key, entry.translations, entry.fuzzy) for path in paths for entry in po_entries(path)]


def test_every_interface_string_has_a_dutch_translation() -> None:
    entries = _entries()
    assert len(entries) > 150
    untranslated = [msgid for msgid, strs, _ in entries if not all(strs)]
    fuzzy = [msgid for msgid, _, is_fuzzy in entries if is_fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("source", CATALOGUES, ids=lambda p: str(p.relative_to(SPIEGEL)))
def test_the_compiled_catalogue_matches_the_source(source: Path) -> None:
    catalogue = gettext.GNUTranslations(source.with_suffix(".mo").open("rb"))
    stale = []
    for msgid, strs, _ in _entries(source):
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


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext (dev.py setup installs it)")
def test_every_text_marked_for_translation_in_the_code_has_a_dutch_entry(tmp_path: Path) -> None:
    """Django's makemessages over a copy of the code finds every marked text; each must be in a catalogue.
    (The catalogue test above only checks the entries that exist: a text added to a template without an entry
    showed in English on Dutch pages, like "4 cases" in the case list.)"""
    copy = tmp_path / "spiegel"
    shutil.copytree(
        SPIEGEL,
        copy,
        ignore=lambda folder, names: [
            n for n in names if n in ("__pycache__", "static", "media") or n.endswith((".mo", ".jsonl", ".onnx"))
        ],
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-obsolete", "--settings=spiegel.settings"],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=True,
        capture_output=True,
    )
    known = {msgid for msgid, _, _ in _entries()}
    found = {
        msgid for path in sorted(copy.glob("**/locale/nl/LC_MESSAGES/django.po")) for msgid, _, _ in _entries(path)
    }
    assert sorted(found - known) == []
