"""Ordinary complaints told with charged words are no serious disclosure (issue 13, the blind judges' false
flags): a manager's humiliating criticism, understaffing told as a situation, paperwork while short of staff.
Each is a disclosure only with what makes it one: a threat, a protected ground, retaliation for speaking up,
exclusion by the group (bullying), something that happened to someone, a record that is untrue.

A turn is flagged as the engine flags it: the understanding's disclosure or a disclosure cue of the answer."""

from __future__ import annotations

import pytest

from spiegel.language.tests.flagging import flagged


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mijn manager zegde onze één-op-één gesprekken af en gaf me kritiek waar het team bij was.", "nl"),
        ("Het is vernederend, eerlijk gezegd. Klein, maar het stapelt zich op.", "nl"),
        ("Ze kleineerde ons in het werkoverleg, niks was ooit goed genoeg.", "nl"),
        ("Ik voelde me vernederd toen hij mijn planning waar iedereen bij was afkraakte.", "nl"),
        ("Mijn voorstel werd belachelijk gemaakt in het teamoverleg; dat deed pijn.", "nl"),
        ("My manager cancelled our one-to-ones and criticised me in front of the team.", "en"),
        ("It's humiliating, honestly. Small, but it adds up.", "en"),
        ("She belittled people in meetings, nothing was ever good enough for her.", "en"),
        ("I felt humiliated when he tore my plan apart in front of everyone.", "en"),
        ("He ridiculed my report in the team meeting, which really stung.", "en"),
        ("It was humiliating to be passed over for the job after ten years.", "en"),
    ],
)
def test_a_managers_humiliating_criticism_is_a_complaint_not_a_disclosure(text: str, language: str) -> None:
    assert flagged(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Hij vernederde me waar iedereen bij was en dreigde me te ontslaan als ik naar HR ging.", "nl", "harassment"),
        ("Ze kleineerde me en zei dat ik mijn mond moest houden, anders kon ik vertrekken.", "nl", "harassment"),
        ("Sinds ik een klacht indiende maakte mijn chef me bij elke overdracht belachelijk.", "nl", "harassment"),
        ("Hij maakte me belachelijk om mijn hoofddoek, waar de hele ploeg bij stond.", "nl", "discrimination"),
        ("Ik werd door mijn collega's buitengesloten en bij elke pauze uitgelachen.", "nl", "harassment"),
        ("The whole team left me out and laughed at me behind my back.", "en", "harassment"),
        ("He humiliated me in front of everyone and threatened to sack me if I went to HR.", "en", "violence"),
        ("She belittled me and told me to keep my mouth shut or I'd be out.", "en", "harassment"),
        ("Ever since I complained about the rota my manager ridiculed me at every handover.", "en", "harassment"),
        ("He ridiculed my accent in front of the team and passed me over because of it.", "en", "discrimination"),
    ],
)
def test_humiliation_with_a_threat_a_ground_retaliation_or_exclusion_is_still_a_disclosure(
    text: str, language: str, kind: str
) -> None:
    assert flagged(text, language) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vorige maand stond ik alleen met twintig bewoners op de avonddienst.", "nl"),
        ("In het weekend stond ik in mijn eentje op de afdeling met achttien patiënten.", "nl"),
        ("Ik draaide de nachtdienst alleen met alle cliënten van de gang, dat was te veel werk.", "nl"),
        ("I was alone with twenty residents on the evening shift.", "en"),
        ("At weekends I was on my own on the ward with eighteen patients.", "en"),
        ("i did nights by myself with the whole corridor of clients, it was just too much work", "en"),
    ],
)
def test_understaffing_told_as_a_situation_is_workload_not_a_disclosure(text: str, language: str) -> None:
    assert flagged(text, language) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik stond alleen met twintig bewoners en een mevrouw is gevallen; niemand had het gezien.", "nl"),
        ("I was alone with twenty residents and a man fell and lay on the floor for an hour.", "en"),
        ("Ik stond alleen met twintig bewoners, dat was gewoon niet verantwoord.", "nl"),
        ("I was alone with twenty residents, which was simply unsafe.", "en"),
    ],
)
def test_understaffing_with_an_event_or_a_judgement_of_danger_is_a_safety_disclosure(text: str, language: str) -> None:
    assert flagged(text, language) == "safety"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We moesten alles noteren, terwijl er niemand was om de telefoon op te nemen.", "nl"),
        ("Als er iets gebeurde moesten we het noteren, terwijl we al geen tijd hadden om te eten.", "nl"),
        ("Alles moest in het systeem worden genoteerd, terwijl er maar één collega op de vloer stond.", "nl"),
        ("We had to write everything down, while there was nobody to answer the phone.", "en"),
        ("I had to sign off every round while also doing the phones and the call bells.", "en"),
        ("If anything happened we had to write it up, when we didn't even have time to eat.", "en"),
    ],
)
def test_paperwork_while_short_of_staff_is_workload_not_integrity(text: str, language: str) -> None:
    assert flagged(text, language) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik moest de schade als slijtage noteren, terwijl het door een fout van de ploegleider kwam.", "nl"),
        ("We moesten noteren dat de ronde gelopen was, terwijl niemand de ronde had gelopen.", "nl"),
        ("My boss made me sign off the cleaning checks when they hadn't been done.", "en"),
    ],
)
def test_a_record_made_untrue_is_still_an_integrity_disclosure(text: str, language: str) -> None:
    assert flagged(text, language) == "integrity"
