"""Discrimination and veiled threats told without the word for them (issue 13, the blind judge's missed
leaver): different treatment after or because of a visible or personal ground, a remark about the ground
told as a joke or as what customers prefer, and a threat to the job or contract after speaking up. A neutral
mention of the same ground, or an ordinary fact about a contract or probation, is no disclosure.

A turn is flagged as the engine flags it: the understanding's disclosure or a disclosure cue of the answer."""

from __future__ import annotations

import pytest

from spiegel.language.incidents import incident_kind
from spiegel.language.tests.flagging import flagged


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Sinds ik een hoofddoek draag, doet mijn leidinggevende anders tegen me.", "nl"),
        ("Na mijn coming-out deed mijn chef ineens heel anders tegen me.", "nl"),
        ("Sinds ik een keppeltje draag, word ik niet meer uitgenodigd voor de vrijdagborrel.", "nl"),
        ("De oudere collega's waren de eersten die naar de nachtdienst moesten.", "nl"),
        ("Vanaf de dag dat ik vertelde over mijn chronische ziekte, kreeg ik alleen nog de saaie klussen.", "nl"),
        ("Ze deden mijn accent na zodra ik binnenkwam, en de ploegleider lachte mee.", "nl"),
        ("After I started wearing a hijab, my manager treated me differently.", "en"),
        ("Since I started wearing a kippah, I haven't been invited to a single client lunch.", "en"),
        ("The older ones of us were the first to be moved to nights.", "en"),
        ("The moment they learned I was expecting, my projects were handed to a colleague.", "en"),
        ("Once I told them I have epilepsy, they stopped putting me on the rota for the big events.", "en"),
        ("When I came out as trans my team lead kept calling me by my old name.", "en"),
    ],
)
def test_different_treatment_after_a_visible_or_personal_ground_is_discrimination(text: str, language: str) -> None:
    assert incident_kind(text, language) == "discrimination"
    assert flagged(text, language) == "discrimination"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Klanten zien liever geen hoofddoek aan de kassa, zei mijn leidinggevende.", "nl"),
        ("Ik droeg sinds kort een hoofddoek en hij zei dat gasten een neutrale uitstraling aan de balie willen.", "nl"),
        ("Hij maakte een grapje dat ik vast een bom onder mijn hoofddoek verstopte.", "nl"),
        ("My boss said clients would rather deal with someone without an accent.", "en"),
        ("They said my accent put callers off and moved me to data entry.", "en"),
        ("He joked that I might be hiding a bomb under it, and everyone laughed.", "en"),
    ],
)
def test_a_remark_about_the_ground_told_as_a_joke_or_a_customer_preference_is_discrimination(
    text: str, language: str
) -> None:
    assert incident_kind(text, language) == "discrimination"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mensen die moeilijk doen, halen hun proeftijd niet, zei hij toen ik over het rooster klaagde.", "nl"),
        ("Wie naar de vakbond stapt, hoeft niet op een vast contract te rekenen, zei de chef.", "nl"),
        ("Een week na mijn klacht herinnerde mijn chef me eraan dat mijn contract binnenkort afliep.", "nl"),
        ("Hij zei dat ik goed moest nadenken over mijn verlenging voordat ik naar de vertrouwenspersoon stapte.", "nl"),
        ("She reminded me my contract was up for renewal right after I complained.", "en"),
        ("Anyone who goes to the union can forget about a permanent contract, the manager said.", "en"),
        ("Right after my complaint, my manager told me to think carefully about my future here.", "en"),
        ("He warned me that complainers don't last long here.", "en"),
    ],
)
def test_a_veiled_threat_to_the_job_after_speaking_up_is_harassment(text: str, language: str) -> None:
    assert incident_kind(text, language) == "harassment"
    assert flagged(text, language) == "harassment"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ik droeg een hoofddoek en niemand maakte er een punt van.", "nl"),
        ("Ik ben de oudste van het team, en dat vond ik eigenlijk wel leuk.", "nl"),
        ("Mijn contract liep af en werd niet verlengd; er was simpelweg geen werk meer.", "nl"),
        ("Mijn proeftijd werd verlengd omdat ik mijn targets nog niet haalde.", "nl"),
        ("Mijn contract liep bijna af, dus ik ben gaan solliciteren.", "nl"),
        ("Na mijn klacht over het rooster heeft de planner alles netjes aangepast.", "nl"),
        ("Klanten vonden het fijn dat ik aan de telefoon ook Turks kon spreken.", "nl"),
        ("De jongere collega's kregen de avonddiensten omdat ze dat zelf wilden.", "nl"),
        ("Ik grapte dat de koffieautomaat een tijdbom was.", "nl"),
        ("I was pregnant during my last year there and they were great about it.", "en"),
        ("My probation was extended because I missed targets.", "en"),
        ("My contract ended and wasn't renewed because the project finished.", "en"),
        ("I was pregnant and never asked for anything special.", "en"),
        ("She reminded me my contract was up for renewal so I could decide in time whether to stay.", "en"),
        ("The younger ones were moved to nights because they asked for the extra pay.", "en"),
        ("After I turned 60 they gave my accounts to a colleague I had trained, as planned.", "en"),
        ("We joked that the deadline was a ticking time bomb.", "en"),
        ("Guests prefer a smile at reception, which is fair enough.", "en"),
    ],
)
def test_a_neutral_mention_of_the_ground_or_an_ordinary_contract_fact_is_no_disclosure(
    text: str, language: str
) -> None:
    assert flagged(text, language) is None


@pytest.mark.parametrize(
    "text",
    [
        "You left out my mother's death, that was the main thing.",
        "You left out how my mum's illness weighed on me.",
        "I felt left out after my mother died, nobody asked how I was.",
    ],
)
def test_the_leavers_own_mother_is_no_ground_of_discrimination(text: str) -> None:
    # "my mother" is a relative; being a mother is the ground ("because I'm a mother", "mothers never got promoted")
    assert flagged(text, "en") != "discrimination"


@pytest.mark.parametrize(
    "text",
    [
        "I was left out of every meeting because I am a mother.",
        "Mothers were left out of the promotion round, every single one.",
    ],
)
def test_being_a_mother_is_still_a_ground(text: str) -> None:
    assert flagged(text, "en") == "discrimination"
