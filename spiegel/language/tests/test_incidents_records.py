"""Falsified records told in ordinary words: being made to write down or sign something untrue."""

from __future__ import annotations

import pytest

from spiegel.language.incidents import incident_kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("De teamleider zei dat ik de tankbeurt als zakelijk moest noteren, terwijl het zijn eigen auto was.", "nl"),
        ("Ik moest de rondgang van de nachtdienst aftekenen, hoewel niemand die ronde had gelopen.", "nl"),
        ("Ze lieten ons de weeklijst ondertekenen waarvan we wisten dat de tijden niet klopten.", "nl"),
        ("In het verslag moesten we opschrijven dat de ouders waren gebeld, maar dat was niet waar.", "nl"),
        ("My team lead told me to mark the pallets as checked when they hadn't been opened.", "en"),
        ("We had to sign the attendance sheet for a fire drill that wasn't what happened at all.", "en"),
        ("I was asked to fill in the cleaning log for the whole ward even though I knew it was false.", "en"),
        ("The owner made us write the breakage down differently from how it went.", "en"),
    ],
)
def test_being_made_to_record_or_sign_something_untrue_is_an_integrity_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) == "integrity"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik moest tekenen voor de sleutels van het magazijn toen ik begon.", "nl"),
        ("Elke vrijdag moest ik mijn uren invullen en dat klopte altijd precies.", "nl"),
        ("Mijn declaratie klopte niet, dus heb ik hem gecorrigeerd en opnieuw ingestuurd.", "nl"),
        ("Ik moest de evaluatie van de cursus invullen en heb alle vakjes aangekruist.", "nl"),
        ("I had to sign for the parcel that came for my manager.", "en"),
        ("I had to fill in the holiday form again because I picked the wrong week, and HR corrected it.", "en"),
        ("I ticked every box on the feedback form because the course was good.", "en"),
        ("I never had to put my name to anything that wasn't true.", "en"),
    ],
)
def test_ordinary_forms_and_signatures_are_no_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None


def test_a_falsified_record_needs_both_the_pressure_to_record_and_the_untruth() -> None:
    assert incident_kind("Ik moest het formulier tekenen, terwijl het niet klopte.", "nl") == "integrity"
    assert incident_kind("Ik moest het formulier tekenen.", "nl") is None
    assert incident_kind("Het formulier klopte niet.", "nl") is None
    assert incident_kind("I had to sign the form when it wasn't true.", "en") == "integrity"
    assert incident_kind("I had to sign the form.", "en") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik moest ook nog allerlei formulieren invullen terwijl ik daar geen tijd voor had.", "nl"),
        ("Ik moest mijn uren invullen terwijl ik nog niet klaar was met mijn ronde.", "nl"),
        ("We moesten elke handeling registreren, hoewel niemand die lijsten ooit las.", "nl"),
        ("I had to fill in all the forms when I didn't have time for the clients.", "en"),
        ("We had to log every call even though nobody ever read the logs.", "en"),
    ],
)
def test_paperwork_told_as_a_workload_complaint_is_no_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None
