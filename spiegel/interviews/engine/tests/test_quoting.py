"""One gate for the leaver's words in a question (docs/interviewing.md, "Paraphrase, don't paste").

A question quotes a phrase of the leaver only when it is a well-formed, correctly spelled phrase naming a
workplace matter a skilled interviewer would repeat ("het nieuwe rooster", "the takeover"); a figure of speech, a
concrete object lifted out of a story, a typo, a phrase with trailing filler or an odd possessive is never
offered back, and the question says "dat" / "that" or needs no referent. The topic's own label is never offered
back as if the leaver had said it, and the summary never names a point by a bare lifted noun.
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.phrasing import TemplatePhraser
from spiegel.interviews.engine.quoting import meaningful
from spiegel.interviews.engine.state import Move
from spiegel.interviews.engine.summary_words import point

from .helpers import converse

# (language, first answer, words that must not come back in the interviewer's next messages)
LIFTED = [
    ("nl", "Ik zat de hele middag naar het plafond te staren, er was gewoon niks te doen.", "plafond"),
    ("nl", "Het voelde alsof ik in de woestijn stond te roepen, niemand luisterde naar me.", "woestijn"),
    ("nl", "Het schip was al aan het zinken, iedereen zag het maar niemand deed wat.", "schip"),
    ("nl", "Ik voelde me een pion op het schaakbord, ze schoven maar met me.", "schaakbord"),
    ("nl", "De jongens in de werkplaats waren geweldig, maar verder was het niks.", "jongens"),
    ("nl", "De concurrrent betaalt gewoon beter, dus daar ga ik heen.", "concurrrent"),
    ("nl", "De reorganisaite heeft alles kapot gemaakt, daarna was het nooit meer hetzelfde.", "reorganisaite"),
    ("nl", "Het nieuwe planningssysteem bijvoorbeeld, dat liep de hele tijd vast.", "bijvoorbeeld"),
    ("nl", "Ik stond daar maar een beetje tegen de ramen te tikken, de hele dienst lang.", "ramen"),
    ("nl", "Het was alsof de bodem uit de emmer viel, zo ging het die laatste maanden.", "emmer"),
    ("nl", "Ik was de pineut, zoals altijd eigenlijk, het was echt niet leuk meer.", "pineut"),
    ("nl", "Mijn teamleidr hield nooit rekening met wat ik zei.", "teamleidr"),
    ("en", "I spent whole afternoons staring at the ceiling, there was nothing to do.", "ceiling"),
    ("en", "I felt like a number there, nobody even knew my name.", "name"),
    ("en", "You could see the cracks everywhere, the whole thing was falling apart.", "cracks"),
    ("en", "My lads on the floor were brilliant, but the rest was a mess.", "lads"),
    ("en", "The ship was sinking and everyone could see it.", "ship"),
    ("en", "It felt like shouting into the void, nobody ever listened.", "void"),
    ("en", "The competiter simply pays better, so I'm going there.", "competiter"),
    ("en", "The reorganisaton wrecked everything, it was never the same after.", "reorganisaton"),
    ("en", "The new planning system for instance, it kept crashing all day.", "instance"),
    ("en", "The place has really gone downhill over the last two years.", "the place"),
    ("en", "I was banging my head against the wall for months, honestly.", "wall"),
    ("en", "My manger never took me seriously, not once.", "manger"),
]


@pytest.mark.parametrize(("language", "answer", "lifted"), LIFTED)
def test_a_lifted_fragment_is_never_offered_back(language: str, answer: str, lifted: str) -> None:
    _, _, replies = converse(language, [answer, "Dat weet ik niet precies." if language == "nl" else "Not sure."])
    said = " ".join(m for r in replies for m in r.messages).lower()
    assert lifted not in said


# (language, answer, the phrase a skilled interviewer would repeat)
KEPT = [
    ("nl", "Het nieuwe rooster was een ramp, ik werkte elke week over.", "het nieuwe rooster"),
    ("nl", "De reorganisatie was het begin van het einde voor mij.", "de reorganisatie"),
    ("nl", "Het nieuwe planningssysteem bijvoorbeeld, dat liep de hele tijd vast.", "het nieuwe planningssysteem"),
    ("en", "The new rota was a disaster, I worked overtime every week.", "the new rota"),
    ("en", "The takeover changed everything, nobody knew where they stood.", "the takeover"),
    ("en", "The new planning system for instance, it kept crashing all day.", "the new planning system"),
]


@pytest.mark.parametrize(("language", "answer", "phrase"), KEPT)
def test_a_well_formed_workplace_matter_is_still_named(language: str, answer: str, phrase: str) -> None:
    _, _, replies = converse(language, [answer])
    assert phrase in replies[0].messages[-1].lower()


@pytest.mark.parametrize(
    ("language", "phrase", "answers"),
    [
        ("nl", "het nieuwe rooster", ["Het nieuwe rooster was een ramp."]),
        ("nl", "de fusie", ["Na de fusie was alles anders."]),
        ("nl", "je leidinggevende", ["Mijn leidinggevende luisterde nooit."]),
        ("nl", "de kantine", ["De kantine ging dicht."]),
        ("en", "your manager", ["My manager never listened."]),
        ("en", "the merger", ["After the merger everything changed."]),
        ("en", "the forklift certificate", ["They never paid for the forklift certificate."]),
        ("en", "the canteen", ["The canteen closed."]),
    ],
)
def test_the_gate_lets_a_workplace_matter_through(language: str, phrase: str, answers: list[str]) -> None:
    assert meaningful(phrase, language)


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("nl", "de muur"),
        ("nl", "het schip"),
        ("nl", "de concurent"),
        ("nl", "het nieuwe roostersysteem bijvoorbeeld"),
        ("nl", "de jongens"),
        ("nl", "het werk zelf"),
        ("en", "a number"),
        ("en", "the place"),
        ("en", "the cracks"),
        ("en", "your lads"),
        ("en", "the competiter"),
        ("en", "the work itself"),
    ],
)
def test_the_gate_stops_what_names_no_workplace_matter(language: str, phrase: str) -> None:
    assert not meaningful(phrase, language)


def test_no_frame_offers_the_topic_label_back_as_the_leavers_words() -> None:
    # "the work itself" is the interviewer's name for the topic; the leaver only said "the job"
    for language, answers in (
        ("nl", ["Ik ging weg om de baan.", "Gewoon, de baan.", "Weet ik niet.", "Nee."]),
        ("en", ["I left because of the job.", "Just the job.", "Don't know.", "No."]),
    ):
        _, _, replies = converse(language, answers)
        for reply in replies:
            for message in reply.messages:
                assert "het werk zelf." not in message.lower()
                assert "the work itself." not in message.lower()


@pytest.mark.parametrize(
    ("language", "answer", "heading"),
    [
        ("nl", "Ik deed gewoon mijn ding, niks bijzonders.", "het werk zelf"),
        ("en", "I just did my thing, nothing special.", "the work itself"),
    ],
)
@pytest.mark.parametrize("probe", ["example", "moment", "situation", "practice", "effect"])
def test_a_topic_heading_is_never_put_in_a_question_frame(language: str, answer: str, heading: str, probe: str) -> None:
    # "Welk moment rond het werk zelf staat je nog goed bij?": the heading of a topic names no matter
    engine, state, _ = converse(language, [answer])
    move = Move("follow_up", topic="job_content", probe=probe, language=language)
    for wording in TemplatePhraser().candidates(move, state, engine.guide):
        assert heading not in wording.lower()


@pytest.mark.parametrize(
    ("label", "matter", "expected"),
    [
        ("", "the number", ""),
        ("", "de muur", ""),
        ("", "het pickscherm", "het pickscherm"),
        ("", "the new rota", "the new rota"),
        ("je werktijden en diensten", "het schip", "je werktijden en diensten"),
        ("your hours and shifts", "the cracks", "your hours and shifts"),
        ("je werktijden en diensten", "de avonddiensten", "de avonddiensten"),
    ],
)
def test_a_summary_point_is_never_a_bare_lifted_noun(label: str, matter: str, expected: str) -> None:
    assert point(label, matter) == expected


@pytest.mark.parametrize(
    ("language", "answer", "kept"),
    [
        (
            "nl",
            "Het schip was aan het zinken, de muur kwam op me af en de reorganisatie deed de rest.",
            "de reorganisatie",
        ),
        (
            "en",
            "The ship was sinking, the walls were closing in and the reorganisation did the rest.",
            "the reorganisation",
        ),
        ("en", "The place has gone downhill since the takeover, you could see the cracks everywhere.", "the takeover"),
    ],
)
def test_a_figure_of_speech_is_no_thread_to_come_back_to(language: str, answer: str, kept: str) -> None:
    # "Ik wil nog even terugkomen op de muur": what the leaver said in a figure is never a thread of its own
    _, state, replies = converse(language, [answer])
    assert kept in replies[0].messages[-1].lower()
    assert not [t["phrase"] for t in state.threads if t.get("kind") == "matter"]


@pytest.mark.parametrize(
    ("language", "answer", "quote"),
    [
        ("nl", "De concurrent biedt me een vast contract, dat gaf de doorslag.", "een vast contract"),
        ("nl", "Ik kreeg daar eindelijk een eigen werkplek aangeboden.", "een eigen werkplek"),
        ("en", "The other firm offers me a permanent contract, that settled it.", "a permanent contract"),
        ("en", "They offered me a company car on top of it.", "a company car"),
    ],
)
@pytest.mark.parametrize("probe", ["example", "moment", "situation", "recent_example"])
def test_one_thing_offered_has_no_moment_or_example_of_its_own(
    language: str, answer: str, quote: str, probe: str
) -> None:
    # "Je vertelde over een vast contract. Welk moment daarvan staat je nog goed bij?" asks for an occurrence of
    # a thing that does not occur; the question asks plainly instead
    engine, state, _ = converse(language, [answer])
    move = Move("follow_up", topic="conditions", probe=probe, quote=quote, language=language)
    for wording in TemplatePhraser().candidates(move, state, engine.guide):
        assert quote not in wording


@pytest.mark.parametrize(
    ("language", "phrase"),
    [("nl", "het tijdelijk"), ("nl", "het moeilijk"), ("nl", "het onduidelijk")],
)
def test_an_article_with_an_adjective_alone_is_no_phrase(language: str, phrase: str) -> None:
    # "dat het tijdelijk was": "het" is "it" there, and "Ik wil nog even terugkomen op het tijdelijk" is no Dutch
    assert not meaningful(phrase, language)


@pytest.mark.parametrize("phrase", ["het tijdelijke contract", "de onduidelijke planning", "het nieuwe rooster"])
def test_an_adjective_before_its_noun_still_passes(phrase: str) -> None:
    assert meaningful(phrase, "nl")


def test_it_was_temporary_is_no_thread_to_come_back_to() -> None:
    answers = [
        "Vooral de werkdruk, we stonden structureel met te weinig mensen.",
        "Mijn teamleider zei steeds dat het tijdelijk was, maar dat was het nooit.",
        "Het was zwaar.",
        "Nee, verder niet.",
    ]
    _, _, replies = converse("nl", answers)
    said = " ".join(m for r in replies for m in r.messages).lower()
    assert "het tijdelijk " not in said and "het tijdelijk." not in said


@pytest.mark.parametrize(
    ("language", "answers", "heading"),
    [
        (
            "nl",
            [
                "Ik ben verpleegkundige geweest op een afdeling geriatrie, zes jaar.",
                "Vooral de werkdruk. We waren met te weinig, ik zat letterlijk in de pauze nog dossiers bij te werken.",
                "Mijn teamleider zei steeds dat het tijdelijk was, maar dat was het nooit.",
            ],
            "over je vertrek",
        ),
        (
            "en",
            [
                "I was a nurse on a geriatric ward for six years.",
                "Mostly the workload. We were always short-staffed, I was literally updating files in the break.",
                "My team lead kept saying it was temporary, but it never was.",
            ],
            "about your leaving",
        ),
    ],
)
def test_a_return_to_an_unnamed_matter_never_asks_about_the_leaving_as_a_topic(
    language: str, answers: list[str], heading: str
) -> None:
    # "Ik wil je ook iets vragen over je vertrek. Hoe was dat voor jou?" in the middle of the story says nothing
    _, _, replies = converse(language, answers)
    last = replies[-1].messages[-1]
    assert heading not in last.lower()
    assert last.endswith("?")
