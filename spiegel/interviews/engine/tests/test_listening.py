"""What a skilled interviewer does with what the leaver just said (the lead's read-aloud conversations)."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import load_default_guide
from spiegel.interviews.engine.guide import Guide

from .helpers import converse, to_the_end


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Soms lag ik er wakker van."),
        ("nl", "Ik lag er nachten wakker van."),
        ("en", "I couldn't sleep because of it."),
    ],
)
def test_lying_awake_in_the_past_tense_gets_a_check_in_and_a_distress_flag(language: str, answer: str) -> None:
    opener = {"nl": "Vooral de werkdruk, elke dienst te weinig mensen.", "en": "Mostly the workload, every shift."}
    _, _, replies = converse(language, [opener[language], answer])
    last = replies[-1]
    assert [f.kind for f in last.flags] == ["distress"]
    assert last.state.phase == "check_in"


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        (
            "nl",
            "Mijn directeur vroeg me twee keer om omzet van januari nog in december te boeken, "
            "zodat de jaarcijfers klopten voor de bank.",
        ),
        ("en", "My director asked me to put revenue from January into December so the bank was happy."),
    ],
)
def test_booking_revenue_in_another_month_is_an_integrity_disclosure(language: str, answer: str) -> None:
    _, _, replies = converse(language, [answer])
    assert [(f.kind, f.topic) for f in replies[-1].flags] == [("disclosure", "integrity")]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_intro_promises_a_link_to_the_case_not_a_name(language: str) -> None:
    guide: Guide = load_default_guide(language)
    intro = guide.intro.lower()
    assert "naam" not in intro and "name" not in intro
    assert ("afdeling en functie" if language == "nl" else "department and role") in intro


DECISIVE = {
    "nl": "Nou, eigenlijk was het de reorganisatie. Ons team werd opgeheven en ik moest naar een andere afdeling.",
    "en": "Honestly, it was the reorganisation. Our team was dissolved and I had to move to another department.",
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_eigenlijk_naming_the_real_reason_is_followed_not_normalised_as_a_hedge(language: str) -> None:
    _, _, replies = converse(language, [DECISIVE[language]])
    text = " ".join(replies[-1].messages)
    assert replies[-1].understood is not None and replies[-1].understood.decisive
    assert "lastig om te zeggen" not in text and "hard to say" not in text.lower()
    assert "reorganis" in text.lower()


@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("nl", "Dat was in maart. We hoorden het via een mail, niemand had het met ons besproken."),
        ("en", "That was in March. We heard it in an email, nobody had ever discussed it with us."),
    ],
)
def test_after_the_leaver_says_when_the_next_question_asks_the_effect_not_the_time(language: str, when: str) -> None:
    _, _, replies = converse(language, [DECISIVE[language], when])
    question = replies[-1].messages[-1].lower()
    assert not any(w in question for w in ("wanneer", "laatste keer", "when", "last time", "hoe vaak", "how often"))
    assert any(w in question for w in ("effect", "gevolgen", "impact"))


@pytest.mark.parametrize(
    ("language", "feeling", "reflected", "negated"),
    [
        (
            "nl",
            "Ik voelde me niet serieus genomen. Boos ben ik niet hoor, meer teleurgesteld.",
            "teleurstelling",
            "boosheid",
        ),
        ("en", "I felt I wasn't taken seriously. I'm not angry, more disappointed.", "disappointment", "anger"),
    ],
)
def test_the_stated_feeling_is_reflected_and_its_cause_asked_never_the_negated_one(
    language: str, feeling: str, reflected: str, negated: str
) -> None:
    _, _, replies = converse(language, [DECISIVE[language], feeling])
    text = " ".join(replies[-1].messages).lower()
    assert text.count(reflected) == 2  # named once in the reflection, once in the question about its cause
    assert negated not in text


@pytest.mark.parametrize(
    ("language", "correction", "expected"),
    [
        (
            "nl",
            "Zo bedoelde ik het niet. Het ging niet om het werk zelf, het ging om hoe het besloten werd.",
            "Het ging je dus om hoe het besloten werd. Hoe werd het besloten?",
        ),
        (
            "en",
            "That's not what I meant. It wasn't the work itself, it was about how it was decided.",
            "So it was about how it was decided. How was it decided?",
        ),
        (
            "en",
            "that's not what I said. I said the shifts were the problem, not the work itself.",
            "So it was about the shifts.",
        ),
    ],
)
def test_a_correction_that_gives_the_corrected_content_is_followed_on_it(
    language: str, correction: str, expected: str
) -> None:
    _, state, replies = converse(language, [DECISIVE[language], correction])
    assert replies[-1].understood is not None and replies[-1].understood.kind == "correction"
    assert expected in replies[-1].messages[-1]
    assert state.corrections


@pytest.mark.parametrize(
    ("language", "answer", "role"),
    [
        ("en", "Honestly it was mostly my manager. She never gave feedback and took credit for our work.", "manager"),
        ("nl", "Eerlijk gezegd vooral mijn leidinggevende. Ze gaf nooit feedback.", "leidinggevende"),
    ],
)
def test_a_generalisation_about_a_person_is_asked_back_as_behaviour_and_its_effect(
    language: str, answer: str, role: str
) -> None:
    _, _, replies = converse(language, [answer])
    question = replies[-1].messages[-1]
    assert role in question
    assert " it?" not in question and "laatste keer" not in question


@pytest.mark.parametrize(
    ("language", "pull", "push", "named"),
    [
        (
            "en",
            "I'm moving to home care, it fits better with my kids' school.",
            "Early shifts started at seven. I asked three times to start later and was refused.",
            "your hours and shifts",
        ),
        (
            "nl",
            "Ik verhuis naar Groningen, dichter bij mijn familie.",
            "De vroege diensten begonnen om zeven uur. Ik vroeg drie keer om later te beginnen en dat werd geweigerd.",
            "de vroege diensten",  # the leaver's own thing, more precise than the label
        ),
    ],
)
def test_the_push_behind_a_pull_is_the_main_reason_the_summary_names_first(
    language: str, pull: str, push: str, named: str
) -> None:
    engine, state, replies = converse(language, [pull, push])
    assert state.main_reason == "conditions"
    replies = to_the_end(engine, state, "Nee, verder niets." if language == "nl" else "No, nothing else.")
    summary = next(m for r in replies if r.move.kind == "summary" for m in r.messages)
    points = summary.split(":", 1)[1]
    assert named in points.split(",")[0]


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        (
            "nl",
            [DECISIVE["nl"], "De werkdruk was wel hoog, vooral de avonddiensten met te weinig mensen."],
            "de avonddiensten met te weinig mensen",
        ),
        (
            "en",
            [DECISIVE["en"], "The workload was high, especially the evening shifts with too few people."],
            "the evening shifts with too few people",
        ),
    ],
)
def test_a_matter_the_leaver_singles_out_is_followed_in_their_words(
    language: str, answers: list[str], expected: str
) -> None:
    _, state, replies = converse(language, answers)
    assert state.current_topic == "workload"
    assert expected in replies[-1].messages[-1]


def test_a_pronoun_with_a_verb_form_or_an_indefinite_thing_is_never_a_thread_to_come_back_to() -> None:
    _, state, _ = converse(
        "nl",
        [DECISIVE["nl"], "Dat was in maart. We hoorden het via een mail, niemand had het met ons besproken."],
    )
    phrases = {t["phrase"] for t in state.threads}
    assert "een mail" not in phrases and "jullie besproken" not in phrases and "ons besproken" not in phrases


def test_a_new_story_on_the_disclosed_matters_theme_is_not_taken_for_a_return_to_the_disclosure() -> None:
    answers = [
        "Honestly it was mostly my manager. She never gave feedback and took credit for our work.",
        "I'd rather not talk about my manager.",
        "Who will read this? Will my old manager see it?",
        "ok. The pay was fine, it wasn't about the money.",
        "My director asked me to book revenue in the wrong quarter. Where can I report that?",
        "I want it to be looked into, but I don't want my name on it.",
        "The workload was crazy, I was dreading every shift and crying in the car.",
        "A bit better now, thanks.",
        "that's not what I said. I said the shifts were the problem, not the work itself.",
        "What really tipped it was the night rota they introduced in spring.",
        "We were three people for a whole floor, every night, for months.",
        "We raised it in the team meeting twice. Nothing changed, so after the summer I started applying elsewhere.",
        "Among the nurses it was good. We kept each other going.",
        "A colleague once swapped her Saturday with me so I could go to my sister's wedding.",
    ]
    _, _, replies = converse("en", answers)
    assert [f.kind for f in replies[4].flags] == ["disclosure"]
    assert replies[-1].move.preface != "disclosure_again"
    assert "won't go further" not in replies[-1].messages[-1]


def test_after_it_happened_once_how_often_is_not_asked_and_no_clause_is_quoted_as_a_thing() -> None:
    _, _, replies = converse(
        "en",
        [
            "I just fancied a change, to be honest.",
            "I started looking after I was passed over for head of department. "
            "The post went to an external candidate and nobody told me why.",
            "It happened once, in June. Once was enough.",
        ],
    )
    assert "the post went" not in replies[1].messages[-1]
    assert "noticed it" not in replies[1].messages[-1]
    assert "how often" not in replies[2].messages[-1].lower()


@pytest.mark.parametrize(
    ("language", "answer", "items"),
    [
        (
            "nl",
            "Ik had last van de nachtdiensten, de ploegwissels en het gebrek aan inwerken van nieuwe mensen.",
            ["de nachtdiensten", "de ploegwissels", "het gebrek aan inwerken van nieuwe mensen"],
        ),
        (
            "en",
            "I struggled with the night shifts, the shift changes and new people never being trained.",
            ["the night shifts", "the shift changes", "new people never being trained"],
        ),
    ],
)
def test_every_thing_named_in_one_list_is_followed_or_come_back_to_by_its_whole_name(
    language: str, answer: str, items: list[str]
) -> None:
    engine, state, replies = converse(language, [answer])
    later = to_the_end(engine, state, "Niets." if language == "nl" else "Nothing.")
    said = " ".join(m for r in [*replies, *later] for m in r.messages)
    assert [item for item in items if item not in said] == []


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("en", ["The workload mostly. We were always behind, every single shift.", "fine"]),
        ("nl", ["Vooral de werkdruk. We liepen altijd achter, elke dienst weer.", "prima"]),
    ],
)
def test_a_terse_fine_after_when_did_it_last_happen_gets_a_concrete_question_not_how_often(
    language: str, answers: list[str]
) -> None:
    _, state, replies = converse(language, answers)
    assert replies[-1].move.probe in ("example", "moment", "situation")
    assert "mostly" not in " ".join(t["phrase"] for t in state.threads)
