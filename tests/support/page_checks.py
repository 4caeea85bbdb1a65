"""What a page people read must not show (issue 15): internal strings that leaked from the code, and English left
on a Dutch page. Both work on a page's visible text (Playwright's `inner_text("body")`)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from spiegel.tenancy.models import Role
from spiegel.web.audit_labels import EVENT_LABELS
from tests.support.po import po_entries

CATALOGUE = Path(__file__).resolve().parents[2] / "spiegel" / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# The first word of every audit code ("case" of "case.opened"): a code with one of these in front is raw.
_EVENT_PREFIXES = sorted({code.split(".")[0] for code in EVENT_LABELS} | {"interview", "retention", "report"})

LEAKS: dict[str, re.Pattern[str]] = {
    "a uuid": re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE),
    "a message's internal name (#1 interviewer)": re.compile(r"#\d+ (?:interviewer|leaver|system)\b"),
    "a raw event code": re.compile(rf"\b(?:{'|'.join(_EVENT_PREFIXES)})\.[a-z_]+\b"),
    "a role code": re.compile(rf"\b(?:{'|'.join(r.value for r in Role if '_' in r.value)})\b"),
    "a snake_case identifier": re.compile(r"(?<![\w/.@-])[a-z]+(?:_[a-z]+)+\b(?![\w/.@-])"),
    "template syntax": re.compile(r"\{\{|\{%|%\}|\}\}"),
}


def leaks(text: str) -> list[str]:
    """What in the text is an internal string: '<kind>: <the string>' for each."""
    found = []
    for kind, pattern in LEAKS.items():
        found += [f"{kind}: {match.group(0)!r}" for match in pattern.finditer(text)]
    return list(dict.fromkeys(found))


# English interface words that are never Dutch, checked as whole words (the catalogue below finds sentences).
ENGLISH_WORDS = (
    "Sign out",
    "Sign in",
    "Settings",
    "Cases",
    "Search",
    "Save",
    "Cancel",
    "Previous",
    "Language",
    "Audit log",
    "API keys",
    "Organisations",
    "My conversations",
    "Two-step sign-in",
    "Skip to content",
    "Department",
    "Page",
    "the",
    "and",
    "with",
    "not",
)
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{[^}]*\}|<[^>]*>|\\n")


def _unquote(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


@cache
def catalogue_phrases() -> tuple[str, ...]:
    """English phrases of the catalogue (parts of msgids between placeholders, of two words or more) whose Dutch
    text is different: any of them on a Dutch page is an untranslated string."""
    phrases: set[str] = set()
    for entry in po_entries(CATALOGUE):
        dutch = " ".join(_unquote(v) for v in entry.translations)
        for key in ("msgid", "msgid_plural"):
            for part in _PLACEHOLDER.split(_unquote(entry.fields.get(key, ""))):
                phrase = " ".join(part.split()).strip(" .,:;!?()'\"…-–—")
                if len(phrase.split()) >= 2 and len(phrase) >= 10 and phrase not in dutch:
                    phrases.add(phrase)
    return tuple(sorted(phrases))


# A date written the English way: Dutch months are lower case ("2 dec. 2026", "2 december 2026").
ENGLISH_DATE = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{4}\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b"
)


# A decimal with a point ("4.2"): Dutch writes a comma ("4,2"); "1.291.500" (thousands) is not one.
ENGLISH_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d{1,2}(?![\w.,])")


def english_on_dutch_page(text: str) -> list[str]:
    """English left on a page that should read Dutch: catalogue phrases, the interface words above (in any case:
    '9 cases'), dates written the English way, decimals with a point."""
    flat = " ".join(text.split())
    found = [f"untranslated: {phrase!r}" for phrase in catalogue_phrases() if phrase in flat]
    found += [
        f"English word: {word!r}"
        for word in ENGLISH_WORDS
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", flat, re.IGNORECASE)
    ]
    found += [f"English date: {match.group(0)!r}" for match in ENGLISH_DATE.finditer(flat)]
    found += [f"decimal point: {match.group(0)!r}" for match in ENGLISH_DECIMAL.finditer(flat)]
    return list(dict.fromkeys(found))
