"""The checks the every-page browser test applies to a page's text find what they are for, and nothing in a
well-written Dutch page."""

from __future__ import annotations

from tests.support.page_checks import catalogue_phrases, english_on_dutch_page, leaks

DUTCH = (
    "Dossier ZN-2026-003 · Afgerond · Geopend 2 december 2026 · 2 dec. 2026 · 9 dossiers · Je rol hier: "
    "Klantbeheerder · Uitloggen · gemiddeld 4,2 van 5 · naar schatting € 1.291.500 · De werkdruk was te hoog."
)


def test_a_well_written_dutch_page_passes_both_checks() -> None:
    assert leaks(DUTCH) == []
    assert english_on_dutch_page(DUTCH) == []


def test_each_kind_of_internal_string_is_found_once() -> None:
    text = (
        "Zaak 0b9c7c1e-4a52-4d1b-9d55-2c0c6f0b1a2e#1 interviewer en 0b9c7c1e-4a52-4d1b-9d55-2c0c6f0b1a2e, "
        "retention.purged, rol client_viewer, {{ n }}"
    )
    assert leaks(text) == [
        "a uuid: '0b9c7c1e-4a52-4d1b-9d55-2c0c6f0b1a2e'",
        "a message's internal name (#1 interviewer): '#1 interviewer'",
        "a raw event code: 'retention.purged'",
        "a role code: 'client_viewer'",
        "a snake_case identifier: 'client_viewer'",
        "template syntax: '{{'",
        "template syntax: '}}'",
    ]


def test_english_on_a_dutch_page_is_found_by_catalogue_word_date_and_decimal_point() -> None:
    assert "Open a case" in catalogue_phrases()
    found = english_on_dutch_page("Dossiers · Open a case · 9 cases · Geopend 2 Dec 2026 · Sign out · 4.2 van 5")
    assert found == [
        "untranslated: 'Open a case'",
        "English word: 'Sign out'",
        "English word: 'Cases'",
        "English date: '2 Dec 2026'",
        "decimal point: '4.2'",
    ]
