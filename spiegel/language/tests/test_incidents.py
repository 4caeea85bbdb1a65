"""Serious disclosures told in ordinary words are recognised; ordinary talk with the same words is not."""

from __future__ import annotations

import pytest

from spiegel.language.cues import analyse_answer
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
        ("Een meneer lag de hele ochtend op de vloer van zijn kamer voordat iemand hem vond.", "nl", "safety"),
        (
            "We had to fill in the fridge temperature logs even though nobody had ever measured anything.",
            "en",
            "integrity",
        ),
        ("De directeur liet zijn privéverbouwing op rekening van de stichting zetten.", "nl", "integrity"),
        ("The boss kept putting his hand on my knee when we were in the car together.", "en", "harassment"),
        ("Hij zei dat ik mijn baan kwijt was als ik naar de vertrouwenspersoon zou stappen.", "nl", "harassment"),
        ("After I turned fifty I was skipped for every training, that was for the youngsters.", "en", "discrimination"),
        ("Een bewoonster kreeg insuline van een ander en is met spoed naar het ziekenhuis gegaan.", "nl", "safety"),
        ("A pupil's father shoved me against my car in the parking lot.", "en", "violence"),
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
        ("A resident fell, we reported it straight away and the family was called.", "en"),
        ("Mijn baas legde een hand op mijn schouder en zei dat hij trots was.", "nl"),
        ("My manager said I would lose my job if the department closed.", "en"),
        ("Mijn manager duwde me echt in de goede richting met mijn opleiding.", "nl"),
        ("My manager really pushed me to finish my degree.", "en"),
        ("Mijn Marokkaanse collega werd teamleider, dat gunde ik haar van harte.", "nl"),
        ("We filled in the fridge temperature logs every morning, it was part of the food safety routine.", "en"),
    ],
)
def test_the_same_words_without_an_incident_are_no_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None
    assert understand(text, Context(language=language)).disclosure is None


def test_a_denied_act_of_violence_is_no_disclosure() -> None:
    assert incident_kind("Ik ben daar nooit geslagen of zo.", "nl") is None
    assert incident_kind("Ik ben daar geslagen door een cliënt.", "nl") == "violence"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die nachtdienst in maart, toen we met z'n tweeën dertig bewoners hadden. Daarna was ik klaar.", "nl"),
        ("That night shift in March when there were two of us for thirty residents. After that I was done.", "en"),
        ("In de avonddienst stonden we vaak met z'n tweeën voor 28 patiënten.", "nl"),
    ],
)
def test_understaffing_alone_is_a_workload_matter_not_a_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None
    assert understand(text, Context(language=language)).disclosure is None


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("We stonden met z'n tweeën voor dertig bewoners, dat is gewoon niet verantwoord.", "nl", "safety"),
        ("There were two of us for thirty residents and a resident fell and lay there for hours.", "en", "safety"),
    ],
)
def test_understaffing_with_a_harm_or_a_judgement_of_danger_is_a_disclosure(
    text: str, language: str, kind: str
) -> None:
    assert incident_kind(text, language) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Er is bij ons nooit een bewoner gevallen.", "nl"),
        ("I was always afraid a resident would fall at night.", "en"),
        ("We kregen een training over wat je moet doen als een cliënt je slaat.", "nl"),
        ("I nearly got hit by a forklift once, but it was my own fault.", "en"),
    ],
)
def test_a_denied_feared_or_hypothetical_event_is_no_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None


def test_a_fall_that_was_reported_and_handled_is_no_disclosure_but_an_unreported_one_is() -> None:
    assert incident_kind("Een bewoner is gevallen, we hebben het netjes gemeld en de familie gebeld.", "nl") is None
    assert incident_kind("Een bewoner is gevallen en de familie is nooit ingelicht.", "nl") == "safety"


def test_a_threat_counts_only_when_it_is_about_speaking_up() -> None:
    assert incident_kind("She said I'd lose my job if I complained to HR.", "en") == "harassment"
    assert incident_kind("She said I'd lose my job if the contract with the client ended.", "en") is None
    assert incident_kind("Hij zei dat ik wel kon vertrekken als ik nog één keer over die fouten begon.", "nl") == (
        "harassment"
    )
    assert incident_kind("My manager said I could go to HR if I had questions about my contract.", "en") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The allowances for unsocial hours were ridiculously low.", "en"),
        ("De werkdruk viel reuze mee, er was tijd voor een praatje met een bewoner.", "nl"),
        ("Unrealistic targets set by people who've never done the job.", "en"),
        ("Sophie said it was my fault, but that wasn't true.", "en"),
        ("De bel op de gang was soms kapot, dan liepen we gewoon wat vaker langs.", "nl"),
    ],
)
def test_ordinary_complaints_with_charged_words_are_no_disclosure(text: str, language: str) -> None:
    assert incident_kind(text, language) is None


def test_a_dutch_negation_after_the_verb_takes_the_event_back() -> None:
    assert incident_kind("Een bewoner viel bijna, maar ik kon hem net op tijd opvangen.", "nl") is None
    assert incident_kind("Een bewoner viel 's nachts en lag tot de ochtend op de grond.", "nl") == "safety"


def test_the_frames_name_only_concepts_they_define() -> None:
    for language in ("nl", "en"):
        assert incident_kind("", language) is None  # loads the frames, which checks every rule's concepts


def test_each_sentence_is_read_on_its_own() -> None:
    # a resident in one sentence and an unreported matter in another are no incident together
    assert incident_kind("De bewoners waren lief. Mijn idee voor het rooster is nooit opgepakt.", "nl") is None


def test_an_unknown_language_finds_nothing() -> None:
    assert incident_kind("A patient fell and the incident report went nowhere.", "de") is None


def _flagged(text: str, language: str) -> str | None:
    """What the engine would flag: the understanding's kind, else the first of the answer cues' kinds."""
    cues = analyse_answer(text, language).disclosures
    return understand(text, Context(language=language)).disclosure or (cues[0].kind if cues else None)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Het enige geweld dat ik daar zag was op het zaalvoetbaltoernooi van de zaak.", "nl"),
        ("The only violence I ever saw there was at the five-a-side on Fridays.", "en"),
        ("Een cliënt werd agressief door een blaasontsteking, dat werd gemeld en zijn medicatie is aangepast.", "nl"),
        ("A resident kicked me during personal care, it was reported and my manager was brilliant about it.", "en"),
        ("De noodknop in de badkamer was een week defect, toen is hij vervangen.", "nl"),
    ],
)
def test_a_word_list_finding_in_sport_or_dealt_with_is_defused(text: str, language: str) -> None:
    assert _flagged(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Een cliënt schopte me, het werd gemeld maar er is nooit iets mee gedaan.", "nl", "violence"),
        ("A resident kicked me, it was reported but nothing came of it.", "en", "violence"),
        ("Een collega sloeg me in de kantine.", "nl", "violence"),
    ],
)
def test_an_act_that_was_reported_and_went_nowhere_is_still_flagged(text: str, language: str, kind: str) -> None:
    assert _flagged(text, language) == kind


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        (
            "Een collega heeft een nietmachine naar mijn hoofd gegooid toen ik nee zei.",
            "nl",
            "violence",
        ),
        ("A client scratched my arms until they bled and nobody checked on me.", "en", "violence"),
        ("The foreman shoved a temp down the stairs after an argument.", "en", "violence"),
        ("De chef heeft me bij de klanten uitgemaakt voor vuile hoer.", "nl", "harassment"),
        ("She kept texting me at night about my body and what she wanted to do with me.", "en", "harassment"),
        (
            "De eigenaar liet ons de klantgegevens doorsturen naar het bedrijf van zijn broer.",
            "nl",
            "integrity",
        ),
        ("Whoever complained about the rota had their pay docked that month.", "en", "integrity"),
        (
            "Ze zeiden dat mijn collega haar hoofddoek af moest doen om bij de klanten te mogen werken.",
            "nl",
            "discrimination",
        ),
        ("Once they found out I'm gay I was not rostered on the children's ward any more.", "en", "discrimination"),
        ("In de keuken zat een stopcontact met blote draden, dat is maanden zo gebleven.", "nl", "safety"),
        ("The van had no working brakes and we were told to do the deliveries anyway.", "en", "safety"),
        ("The manager told us to write it up as a skin condition when a resident got burnt.", "en", "safety"),
    ],
)
def test_an_act_told_as_actor_act_and_victim_is_a_disclosure_of_its_kind(text: str, language: str, kind: str) -> None:
    assert _flagged(text, language) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("De leidinggevende pakte me bij mijn arm om me de nieuwe pauzeruimte te laten zien.", "nl"),
        ("My colleague finally threw in the towel and moved to another care home.", "en"),
        ("Als vrouw in de techniek werd ik daar juist heel serieus genomen.", "nl"),
        ("We typed the hours in all at once after the outage, the controller had said that was fine.", "en"),
        ("Een bewoner kreeg de verkeerde koffie, hij wilde eigenlijk thee.", "nl"),
        ("I put the wrong date on an invoice once and told my manager straight away, no problem at all.", "en"),
        ("The skin condition of one resident needed daily cream, which we always did.", "en"),
        ("Mijn skills werden daar echt gewaardeerd, ook bij de agressietraining.", "nl"),
    ],
)
def test_the_same_kind_of_words_without_an_act_against_someone_are_no_disclosure(text: str, language: str) -> None:
    assert _flagged(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("Als ge daarmee naar de inspectie gaat, zorg ik dat ge nergens nog aan de slag raakt.", "nl", "harassment"),
        ("Once I said I was expecting, my hours were cut from thirty to ten.", "en", "discrimination"),
        ("We moesten de controlelijsten vooraf aftekenen, ook als we de ruimte niet gedaan hadden.", "nl", "integrity"),
        ("The council gave every job to the same contractor without any quotes from others.", "en", "integrity"),
        ("Ze hebben een bewoner met een aanval op de gang laten liggen tot de nachtdienst kwam.", "nl", "safety"),
        (
            "The supervisor had her sign a form saying she slipped after a forklift crushed her foot against a rack.",
            "en",
            "safety",
        ),
    ],
)
def test_a_disclosure_in_other_words_of_the_same_frames_is_flagged(text: str, language: str, kind: str) -> None:
    assert _flagged(text, language) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A child tripped in the garden and cut her knee, we filled in the accident form straight away.", "en"),
        ("Een kleuter viel van de glijbaan en had een dikke lip, zijn moeder is meteen gebeld.", "nl"),
        ("We always used the same supplier for paper, they were cheap and quick.", "en"),
        ("Mijn uren werden teruggebracht toen ik zelf om minder werk vroeg.", "nl"),
    ],
)
def test_a_minor_injury_dealt_with_or_an_ordinary_choice_is_no_disclosure(text: str, language: str) -> None:
    assert _flagged(text, language) is None
