"""Serious disclosures told in ordinary words are recognised; ordinary talk with the same words is not."""

from __future__ import annotations

import pytest

from spiegel.language.incidents import incident_kind
from spiegel.language.understanding import Context, understand


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Een cliënt is gevallen en de melding is nergens gebleven.", "nl", "safety"),
        ("A patient fell and the incident report went nowhere.", "en", "safety"),
        ("Ik moest omzet in het verkeerde kwartaal boeken.", "nl", "integrity"),
        ("I was told to book revenue in the wrong quarter.", "en", "integrity"),
        ("Toen ik zwanger was kreeg ik ineens geen nieuw contract meer.", "nl", "discrimination"),
        ("A customer grabbed me by the throat behind the counter.", "en", "violence"),
        ("Hij stuurde me 's avonds berichten die ik echt niet wilde krijgen.", "nl", "harassment"),
    ],
)
def test_an_incident_in_ordinary_words_is_a_disclosure_of_its_kind(text: str, language: str, kind: str) -> None:
    assert incident_kind(text, language) == kind
    assert understand(text, Context(language=language)).disclosure == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik viel bijna in slaap tijdens de vergadering.", "nl"),
        ("The report went to my manager and she liked it.", "en"),
        ("We moesten de omzetcijfers elk kwartaal presenteren aan de directie.", "nl"),
        ("The incident procedure worked well, reports were always picked up.", "en"),
        ("Ik ben een keer van de fiets gevallen op weg naar mijn werk.", "nl"),
    ],
)
def test_the_same_words_without_an_incident_are_no_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None
    assert understand(text, Context(language=language)).disclosure is None


def test_a_denied_act_of_violence_is_no_disclosure() -> None:
    assert incident_kind("Ik ben daar nooit geslagen of zo.", "nl") is None
    assert incident_kind("Ik ben daar geslagen door een cliënt.", "nl") == "violence"


def test_each_sentence_is_read_on_its_own() -> None:
    # a resident in one sentence and an unreported matter in another are no incident together
    assert incident_kind("De bewoners waren lief. Mijn idee voor het rooster is nooit opgepakt.", "nl") is None


def test_an_unknown_language_finds_nothing() -> None:
    assert incident_kind("A patient fell and the incident report went nowhere.", "de") is None
