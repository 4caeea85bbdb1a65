"""Cover-ups, altered records and retaliation told in plain words are disclosures in the turn they are told;
idioms of effort and figurative violence are not (a blind judge's conversations, 2026-12-03)."""

from __future__ import annotations

import pytest

from spiegel.language.incidents import figures, incident_kind, without_figures
from spiegel.language.tests.flagging import flagged

COVER_UPS = [
    ("nl", "De afdelingsleider zei dat ik die verwisseling van medicijnen niet als incident hoefde te melden."),
    ("nl", "Mijn leidinggevende wilde dat we de valpartij intern afhandelden, zonder melding."),
    ("nl", "Ze vroeg me mijn melding over de kapotte trap weer in te trekken."),
    ("nl", "In de rapportage van die dienst staat nu iets heel anders dan wat ik heb opgeschreven."),
    ("nl", "Iemand heeft de temperatuurlijst achteraf aangepast, zodat de controle goed leek."),
    ("nl", "De beelden van de camera bij de ingang zijn gewist voordat iemand ze kon bekijken."),
    ("en", "My manager said we should keep the mix-up with the insulin in-house and not report it."),
    ("en", "They had the nurse take back her incident report about the fall."),
    ("en", "Someone edited the handover notes afterwards so it looked like the checks were done."),
    ("en", "The entry about the bruises was deleted from her file."),
    ("en", "The supervisor told us not to write the near miss down, it would only cause trouble."),
]

RETALIATION = [
    ("nl", "Nadat ik de fout had gemeld, kreeg ik alleen nog maar weekenddiensten."),
    ("nl", "Sinds ik bij HR heb geklaagd, word ik niet meer uitgenodigd voor het overleg."),
    ("nl", "Ik heb het bij de ondernemingsraad aangekaart. Daarna werden mijn uren ineens gekort."),
    ("en", "After I complained about the overtime, my hours were cut."),
    ("en", "Since I reported the error, I've had the worst shifts every week."),
    ("en", "I raised it with the director. After that I was left out of the planning meetings."),
]

IDIOMS = [
    ("nl", "Met de collega's was het goed, we sloegen ons er samen doorheen."),
    ("nl", "Op een gegeven moment heb ik de knoop doorgehakt."),
    ("nl", "Die nieuwe planningsregel sloeg nergens op."),
    ("nl", "Bij elke wijziging in het rooster was het moord en brand."),
    ("nl", "We sloegen ons door de griepgolf heen met uitzendkrachten."),
    ("en", "Honestly, the night shifts were killing me."),
    ("en", "Shoot me an email if anything comes up after I leave."),
    ("en", "We got slaughtered in the review, and fair enough."),
    ("en", "We always managed to hit the deadline somehow."),
    ("en", "The commute was killing me and the parking was a joke."),
    ("nl", "We hebben ons er met z'n allen doorheen geslagen."),
    ("nl", "In december sloeg de vermoeidheid echt toe."),
    ("en", "The new system knocked us sideways."),
    ("en", "I got hit with a pile of extra work."),
]

# the same verbs told of a blow: an idiom list must not hide them
BLOWS = [
    ("nl", "Toen sloeg hij toe, recht in mijn gezicht."),
    ("nl", "De bewoner sloeg erop los toen ik hem waste."),
    ("nl", "Een bewoner sloeg op mijn hoofd."),
    ("en", "He knocked me out cold."),
    ("en", "I was hit with a chair by a patient."),
    ("en", "They beat him up for complaining."),
]

ORDINARY = [
    ("nl", "Na de reorganisatie kreeg iedereen een nieuw rooster, ik ook."),
    ("nl", "Het verslag werd aangepast nadat iedereen feedback had gegeven."),
    ("nl", "Ik heb de fout in mijn declaratie gemeld en die is netjes gecorrigeerd."),
    ("en", "The rota was changed after the restructure, for everyone."),
    ("en", "I reported the broken kettle and it was replaced the next day."),
    ("en", "After I asked for fewer hours, my hours were reduced as I wanted."),
]


@pytest.mark.parametrize(("language", "text"), COVER_UPS)
def test_a_cover_up_or_altered_record_in_plain_words_is_flagged_in_its_turn(language: str, text: str) -> None:
    assert flagged(text, language) in ("safety", "integrity")


@pytest.mark.parametrize(("language", "text"), RETALIATION)
def test_punishment_after_speaking_up_in_plain_words_is_flagged_as_harassment(language: str, text: str) -> None:
    assert flagged(text, language) == "harassment"


@pytest.mark.parametrize(("language", "text"), IDIOMS)
def test_an_idiom_of_effort_or_figurative_violence_is_no_disclosure(language: str, text: str) -> None:
    assert flagged(text, language) is None


@pytest.mark.parametrize(("language", "text"), BLOWS)
def test_a_blow_told_with_the_verbs_of_an_idiom_is_still_violence(language: str, text: str) -> None:
    assert flagged(text, language) == "violence"


@pytest.mark.parametrize(("language", "text"), ORDINARY)
def test_ordinary_changes_and_reports_with_the_same_words_are_no_disclosure(language: str, text: str) -> None:
    assert flagged(text, language) is None


def test_a_figure_of_speech_is_blanked_but_a_blow_in_the_same_answer_still_counts() -> None:
    text = "We sloegen ons er samen doorheen. Maar een bewoner sloeg me in mijn gezicht."
    assert incident_kind(text, "nl") == "violence"
    assert flagged(text, "nl") == "violence"
    assert "sloegen" not in without_figures(text.lower(), "nl")
    assert figures("this commute is killing me", "en") == [(16, 26)]


def test_retaliation_told_over_two_sentences_is_read_as_one_story() -> None:
    assert incident_kind("Ik heb het toch gemeld. Sindsdien werd ik overal buiten gehouden.", "nl") == "harassment"
    assert incident_kind("Sindsdien werd ik overal buiten gehouden.", "nl") is None
    assert incident_kind("I reported it anyway. After that I was frozen out.", "en") == "harassment"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "nl",
            "Een arts heeft een recept aangepast in het dossier nadat er iets misging, en wij moesten zwijgen.",
        ),
        ("nl", "De tijden in het logboek werden veranderd en we moesten onze mond houden."),
        ("en", "A doctor changed a prescription in the file after something went wrong, and we had to keep quiet."),
        ("en", "The times in the log were changed and we were told to say nothing."),
    ],
)
def test_a_record_changed_with_silence_imposed_is_an_integrity_disclosure(language: str, text: str) -> None:
    assert flagged(text, language) == "integrity"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "De overdracht werd aangepast nadat er een fout in stond, dat ging gewoon netjes."),
        ("nl", "We moesten zwijgen tijdens de overdracht, anders hoorde je niks."),
        ("en", "The handover sheet was updated after someone spotted a mistake, all above board."),
        ("en", "We had to keep quiet in the library area, which was fine."),
    ],
)
def test_a_corrected_record_or_a_quiet_rule_alone_is_no_disclosure(language: str, text: str) -> None:
    assert flagged(text, language) is None
