"""How the interviewer meets emotion and serious disclosures (docs/interviewing.md, "Triggers"): care on the
first clear signal and never the same check-in twice; a disclosure answered in proportion, with an independent
channel where the organisation itself is implicated; a lock on the incident only, never on its theme."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine import CaseContext, Engine, load_default_guide

from .helpers import converse, to_the_end

PROBING = {
    "nl": re.compile(r"wat gebeurde|wanneer was|welk moment|voorbeeld|hoe vaak|welke gevolgen|wat deed je", re.I),
    "en": re.compile(r"what happened|when was|which moment|example|how often|consequences|what did you do", re.I),
}
CHECK_IN = {
    "nl": re.compile(r"hoe gaat het (nu )?met je|hoe is het (nu )?met je|hoe voel je je", re.I),
    "en": re.compile(r"how are you (doing|feeling)|how are you now|how do you feel", re.I),
}
PAUSE = {
    "nl": re.compile(r"pauze|even stoppen|later verder|neem gerust de tijd", re.I),
    "en": re.compile(r"pause|break|continue later|take your time", re.I),
}


@pytest.mark.parametrize(
    ("language", "lead", "signal"),
    [
        ("nl", "Vooral de werkdruk op de groep.", "Een bewoner overleed op mijn dienst, ik voel me nog schuldig."),
        ("nl", "Het rooster en de drukte.", "Die avond met die jongen, dat vond ik echt heel zwaar."),
        ("nl", "De drukte, vooral op de spoedpost.", "Ik word er nu nog steeds emotioneel van als ik eraan denk."),
        ("en", "Mostly the pressure on the ward.", "A client passed away on my shift and I still blame myself."),
        ("en", "The workload, honestly.", "That night with the boy, it broke me."),
        ("en", "The rota and the pressure.", "Sorry, I still get emotional when I talk about it."),
    ],
)
def test_the_first_clear_sign_of_emotion_gets_care_and_no_probe(language: str, lead: str, signal: str) -> None:
    _, _, replies = converse(language, [lead, signal])
    reply = replies[-1]
    assert reply.move.kind == "check_in", reply.messages
    assert [f.kind for f in reply.flags] == ["distress"]
    message = reply.messages[-1]
    assert CHECK_IN[language].search(message)
    assert PAUSE[language].search(message)
    assert not PROBING[language].search(message)


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        (
            "nl",
            [
                "Vooral de werkdruk, we stonden steeds met te weinig mensen.",
                "Een cliënt is toen overleden en ik denk nog vaak: had ik eerder moeten gaan kijken.",
                "Het gaat wel, we kunnen verder.",
                "Ik sliep er weken slecht van, ik lag elke nacht wakker.",
            ],
        ),
        (
            "en",
            [
                "Mainly the workload, we were always two people short.",
                "A resident died that week and I still feel guilty about it.",
                "I'm alright, let's carry on.",
                "I couldn't sleep for weeks after that, I lay awake every night.",
            ],
        ),
    ],
)
def test_a_later_sign_of_distress_is_acknowledged_without_the_same_check_in(language: str, answers: list[str]) -> None:
    _, _, replies = converse(language, answers)
    assert replies[1].move.kind == "check_in"
    later = replies[-1]
    assert [f.kind for f in later.flags] == ["distress"]
    assert later.move.kind != "check_in"
    message = later.messages[-1]
    assert not CHECK_IN[language].search(message)
    assert later.move.kind not in ("follow_up", "reflect_and_ask")
    assert not PROBING[language].search(message)
    warm = {"nl": r"zwaar|raakt|vervelend|begrijpelijk", "en": r"hard|sorry|affects|understandable"}[language]
    assert re.search(warm, message, re.I)


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        (
            "nl",
            [
                "Vooral de sfeer in het team, die was erg gespannen de laatste tijd.",
                "Mijn collega's waren wel fijn. Bij mijn afscheid kreeg ik een boek met briefjes van iedereen.",
            ],
        ),
        (
            "en",
            [
                "Mostly the atmosphere in the team, it had become very tense.",
                "My own colleagues were lovely though. At my leaving drinks they gave me a card signed by everyone.",
            ],
        ),
    ],
)
def test_a_pleasant_moment_is_not_asked_for_its_effect(language: str, answers: list[str]) -> None:
    _, _, replies = converse(language, answers)
    last = replies[-1]
    assert last.move.probe not in ("effect", "own_action", "cause", "consequence"), last.messages
    assert not re.search(r"gevolgen|effect|wat deed jij|consequences|what did you do", last.messages[-1], re.I)


DISCLOSURES = {
    "nl": "Een collega viel van een steiger zonder hekwerk, en de leiding liet ons tekenen dat hij onvoorzichtig was.",
    "en": "A coworker fell from scaffolding without a guard rail, and management had us sign that he was careless.",
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_disclosure_is_called_serious_with_options_consent_and_the_practitioner(language: str) -> None:
    engine = Engine(load_default_guide(language), context=CaseContext(organisation="Bouwbedrijf Delta"))
    lead = "Vooral de sfeer." if language == "nl" else "Mostly the culture."
    _, _, replies = converse(language, [lead, DISCLOSURES[language]], engine)
    reply = replies[-1]
    assert reply.move.kind == "disclosure"
    message = reply.messages[-1]
    if language == "nl":
        assert "ernstig" in message
        assert re.search(r"toestemming|alleen .* als jij", message)
        assert re.search(r"onafhankelijke adviseur|adviseur van", message)
    else:
        assert "serious" in message
        assert re.search(r"consent|only .* if you", message)
        assert re.search(r"independent adviser|adviser at", message)
    assert not PROBING[language].search(message)


@pytest.mark.parametrize(
    ("language", "answer", "external", "internal"),
    [
        ("nl", DISCLOSURES["nl"], r"Arbeidsinspectie", r"incidentprocedure van de organisatie"),
        (
            "nl",
            "Mijn teamleider zat aan me, en toen ik het meldde zei HR dat ik het maar moest laten rusten.",
            r"vertrouwenspersoon buiten|externe vertrouwenspersoon",
            r"vertrouwenspersoon van de organisatie",
        ),
        (
            "nl",
            "De directeur liet ons uren schrijven die nooit gewerkt waren, en de controller dekte het toe.",
            r"Huis voor Klokkenluiders",
            r"meldprocedure van de organisatie",
        ),
        ("en", DISCLOSURES["en"], r"regulator|inspectorate|independent", r"organisation's incident procedure"),
        (
            "en",
            "My team lead groped me, and when I reported it HR told me to drop it.",
            r"independent|outside the organisation",
            r"organisation's confidential adviser",
        ),
    ],
)
def test_where_the_organisation_is_implicated_the_channel_is_independent(
    language: str, answer: str, external: str, internal: str
) -> None:
    _, _, replies = converse(language, [answer])
    reply = replies[-1]
    assert reply.move.kind == "disclosure", reply.messages
    assert re.search(external, reply.messages[-1])
    assert not re.search(internal, reply.messages[-1])


@pytest.mark.parametrize(
    ("language", "answers", "external"),
    [
        (
            "nl",
            [
                "Een collega viel van de hoogwerker omdat de beveiliging al maanden kapot was.",
                "Ik vertrouw die interne meldprocedure eerlijk gezegd niet meer.",
            ],
            r"Arbeidsinspectie|buiten de organisatie",
        ),
        (
            "en",
            [
                "A rack in the warehouse had been broken for months, and when it collapsed a colleague broke his leg.",
                "Honestly I don't trust their internal reporting process.",
            ],
            r"independent|outside the organisation|regulator",
        ),
    ],
)
def test_distrust_of_the_internal_procedure_is_acknowledged_with_an_independent_channel(
    language: str, answers: list[str], external: str
) -> None:
    _, _, replies = converse(language, answers)
    assert replies[0].move.kind == "disclosure", replies[0].messages
    message = replies[1].messages[-1]
    assert re.search(external, message), message
    assert re.search(r"begrijp|understand", message, re.I)


@pytest.mark.parametrize(
    ("language", "answers", "manager_answer", "colleague_answer"),
    [
        (
            "nl",
            [
                "Vooral mijn leidinggevende.",
                "Hij heeft een keer een collega in het magazijn geslagen, dat heb ik zelf gezien.",
                "Ik wil dat iemand ernaar kijkt, zonder mijn naam.",
            ],
            "Verder plande mijn leidinggevende de diensten altijd pas op vrijdag, dus je wist nooit waar je stond.",
            "Mijn collega Sanne heeft me het eerste jaar heel goed ingewerkt.",
        ),
        (
            "en",
            [
                "Mostly my manager.",
                "He once hit a colleague in the stockroom, I saw it myself.",
                "I want someone to look at it, but without my name.",
            ],
            "Apart from that my manager only ever planned the rota on Friday, so you never knew where you stood.",
            "My colleague Sanne trained me really well in my first year.",
        ),
    ],
)
def test_after_a_disclosure_only_the_incident_is_closed_not_its_theme_or_names(
    language: str, answers: list[str], manager_answer: str, colleague_answer: str
) -> None:
    engine, state, replies = converse(language, answers)
    assert replies[1].move.kind == "disclosure"
    about_manager = engine.respond(state, manager_answer)
    assert about_manager.move.preface != "disclosure_again", about_manager.messages
    assert about_manager.move.kind in ("follow_up", "reflect_and_ask"), about_manager.messages
    about_colleague = engine.respond(about_manager.state, colleague_answer)
    assert about_colleague.move.preface != "disclosure_again", about_colleague.messages
    back = engine.respond(about_colleague.state, answers[1])
    assert back.move.preface == "disclosure_again"
    assert back.move.kind not in ("follow_up", "reflect_and_ask")


@pytest.mark.parametrize(
    ("language", "answers", "real", "neutral"),
    [
        (
            "nl",
            [
                "Vooral de reistijd, het is anderhalf uur per dag.",
                "Een collega raakte gewond toen een stelling omviel, en de leiding liet ons zeggen dat hij uitgleed.",
                "Dat is eigenlijk de echte reden dat ik wegga, meer dan de reistijd.",
            ],
            r"belangrijkste reden",
            r"veiligheid",
        ),
        (
            "en",
            [
                "Mostly the commute, it's ninety minutes a day.",
                "And a colleague got hurt when a rack came down, and management told us to say he had slipped.",
                "That's the real reason I'm leaving, more than the commute.",
            ],
            r"main reason",
            r"safety",
        ),
    ],
)
def test_the_real_reason_after_a_disclosure_is_taken_as_the_main_reason_and_summed_up_neutrally(
    language: str, answers: list[str], real: str, neutral: str
) -> None:
    engine, state, replies = converse(language, answers)
    assert replies[1].move.kind == "disclosure", replies[1].messages
    assert re.search(real, replies[2].messages[-1], re.I), replies[2].messages
    assert state.main_reason == "conditions"
    answer = "Niets bijzonders." if language == "nl" else "Nothing in particular."
    rest = to_the_end(engine, state, answer)
    summaries = [r.messages[-1] for r in rest if r.move.target == "summary" or r.move.kind == "summary"]
    assert summaries, [r.messages for r in rest]
    assert re.search(neutral, summaries[-1], re.I)
    assert "uitgleed" not in summaries[-1] and "slipped" not in summaries[-1]


@pytest.mark.parametrize(
    ("language", "answers", "real"),
    [
        (
            "nl",
            [
                "Vooral de drukte op de groep.",
                "Een collega viel van een ladder zonder borging, en de chef liet ons tekenen dat hij niet oplette.",
                "Die interne meldprocedure vertrouw ik niet.",
                "Dat is eigenlijk de echte reden dat ik vertrek.",
            ],
            r"belangrijkste reden",
        ),
        (
            "en",
            [
                "Mostly how busy the ward was.",
                "A coworker fell off a ladder with no safety line, and the boss had us sign that he was careless.",
                "I don't trust their internal procedure.",
                "Honestly, that's the real reason I'm going.",
            ],
            r"main reason",
        ),
    ],
)
def test_the_real_reason_is_heard_also_a_turn_after_the_wish(language: str, answers: list[str], real: str) -> None:
    _, state, replies = converse(language, answers)
    assert replies[1].move.kind == "disclosure", replies[1].messages
    assert re.search(r"begrijp|understand", replies[2].messages[-1])
    assert re.search(real, replies[3].messages[-1]), replies[3].messages
    assert state.main_reason == "conditions"


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        (
            "nl",
            [
                "Vooral de nachtdiensten en het rooster.",
                "Een man van de nachtploeg is vorig jaar overleden na een val, ik word er nog emotioneel van.",
                "Het gaat wel, ga maar door.",
                "De ploegleider liet ons daarna een verklaring tekenen dat de trap gekeurd was. Dat was niet zo.",
                "Ik wil dat iemand onafhankelijk kijkt.",
                "Dat is eigenlijk de echte reden dat ik wegga.",
            ],
        ),
        (
            "en",
            [
                "Mostly the night shifts and the rota.",
                "A man from the night crew died after a fall last year, I still get emotional about it.",
                "I'm alright, go on.",
                "The shift lead then made us sign a statement that the stairs had been checked. They hadn't.",
                "I want someone independent to look at it.",
                "That's the real reason I'm going.",
            ],
        ),
    ],
)
def test_a_cover_up_in_plain_words_is_met_as_serious_and_no_note_repeats_a_sentence(
    language: str, answers: list[str]
) -> None:
    _, state, replies = converse(language, answers)
    assert replies[1].move.kind == "check_in"
    assert replies[3].move.kind == "disclosure", replies[3].messages
    assert [f.kind for f in replies[3].flags] == ["disclosure"]
    assert re.search(r"buiten de organisatie|outside", replies[3].messages[-1])
    # the answer after the check-in began with "Thank you."; the real reason is still said back
    assert re.search(r"belangrijkste reden|main reason", replies[5].messages[-1]), replies[5].messages
    said = [s.strip() for m in state.said for s in re.split(r"(?<=[.?!])\s+", m)]
    assert len(said) == len(set(said))


@pytest.mark.parametrize(
    ("language", "answers", "body"),
    [
        (
            "nl",
            [
                "Vooral het rooster.",
                "Een collega gaf een cliënt de verkeerde medicatie en de manager liet ons zeggen dat de familie "
                "het had gedaan.",
                "Ik vertrouw die interne meldprocedure niet.",
            ],
            "Inspectie Gezondheidszorg en Jeugd",
        ),
        (
            "nl",
            [
                "Vooral de werkdruk.",
                "Er viel een stelling om en een collega brak zijn been, en we moesten van de chef zeggen dat hij "
                "gestruikeld was.",
                "Ik vertrouw de interne procedure niet, die is van dezelfde mensen.",
            ],
            "Arbeidsinspectie",
        ),
    ],
)
def test_an_independent_channel_named_once_is_not_named_again_as_another_body(
    language: str, answers: list[str], body: str
) -> None:
    _, _, replies = converse(language, answers)
    assert replies[1].move.kind == "disclosure", replies[1].messages
    named, after = replies[1].messages[-1], replies[2].messages[-1]
    assert body in named, named
    assert re.search(r"begrijp", after), after
    assert "Arbeidsinspectie" not in after and "Inspectie Gezondheidszorg" not in after, after
    assert "instanties die ik net noemde" in after, after
