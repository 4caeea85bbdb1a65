"""Questions about the leaver's own words ("staat dat nog in je aantekeningen?", "who will read this?") get a true
answer from what the product does, then the conversation goes on; "daar ga ik niet over klagen, dat was prima",
"I can't complain about the pay" say it was fine and are no refusal.
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.own_words import read_own_words_question

from .helpers import converse

OPENER = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    "en": "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
}


# --------------------------------------------------------------------------- questions about the leaver's words


@pytest.mark.parametrize(
    ("language", "told", "question", "expected"),
    [
        (
            "nl",
            "Mijn leidinggevende schreeuwde vaak tegen ons in het overleg.",
            "Staat dat over mijn leidinggevende nog in je aantekeningen?",
            "Ja, dat staat in wat ik heb genoteerd.",
        ),
        (
            "nl",
            "Mijn leidinggevende schreeuwde vaak tegen ons in het overleg.",
            "Wat gebeurt er nu met dat verhaal?",
            "Na het gesprek zie je een overzicht van wat ik noteerde",
        ),
        (
            "en",
            "My supervisor often shouted at us in meetings.",
            "Is the part about my supervisor still in your notes?",
            "Yes, that is in what I noted.",
        ),
        (
            "en",
            "My supervisor often shouted at us in meetings.",
            "What happens to what I told you now?",
            "After the conversation you will see an overview of what I noted",
        ),
        ("en", "My supervisor often shouted at us in meetings.", "Who will read this?", "nothing is shared before"),
    ],
)
def test_a_question_about_the_leavers_words_is_answered_truthfully_then_the_conversation_goes_on(
    language: str, told: str, question: str, expected: str
) -> None:
    _, _, replies = converse(language, [OPENER[language], told, question])
    reply = replies[-1]
    assert reply.move.kind == "meta_answer", reply.move
    assert expected in " ".join(reply.messages), reply.messages
    assert reply.messages[-1].endswith("?") and not reply.closed


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Is dat probleem nu weg? Nee, het is er nog steeds."),
        ("nl", "Niemand wist wat er gebeurt met de afdeling."),
        ("en", "Is the problem gone now? No, it is still there."),
        ("en", "Nobody knew what happens to the team after the merger."),
    ],
)
def test_questions_told_in_an_answer_are_no_question_about_the_leavers_words(language: str, text: str) -> None:
    assert read_own_words_question(text, language) is None


@pytest.mark.parametrize(
    ("language", "text", "about"),
    [
        ("nl", "Staat dat over mijn leidinggevende nog in je aantekeningen?", "mijn leidinggevende"),
        ("nl", "Heb je dat over Koen eruit gehaald?", "Koen"),
        ("nl", "Wat gebeurt er nu met dat verhaal?", None),
        ("en", "Is the part about my supervisor still in your notes?", "my supervisor"),
        ("en", "Did you take what I said about Sarah out?", "Sarah"),
        ("en", "What happens to what I told you now?", None),
        ("nl", "Wat doe je met wat ik over mijn leidinggevende zei?", "mijn leidinggevende"),
        ("en", "Did you write down what I said about my manager?", "my manager"),
        ("en", "Is what I said about Tom still in there?", "Tom"),
    ],
)
def test_questions_about_the_leavers_words_are_read_with_what_they_name(
    language: str, text: str, about: str | None
) -> None:
    question = read_own_words_question(text, language)
    assert question is not None and question.about == about, question


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        (
            "nl",
            [
                OPENER["nl"],
                "Mijn leidinggevende dronk vaak op het werk.",
                "Haal dat er maar uit.",
                "Staat dat over mijn leidinggevende nog in je aantekeningen?",
            ],
            "Nee: wat je daarover zei, heb ik eruit gehaald",
        ),
        (
            "en",
            [
                OPENER["en"],
                "My supervisor was often drunk at work.",
                "Please take that out.",
                "Is the part about my supervisor still in your notes?",
            ],
            "No: I took out what you said about it",
        ),
    ],
)
def test_a_question_about_withdrawn_words_says_they_were_taken_out(
    language: str, answers: list[str], expected: str
) -> None:
    _, _, replies = converse(language, answers)
    assert replies[-1].move.kind == "meta_answer"
    assert expected in " ".join(replies[-1].messages), replies[-1].messages


# ------------------------------------------------------------------------------ "no complaints" is no refusal


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Daar ga ik niet over klagen, dat was prima."),
        ("nl", "Ik mag niet klagen over het salaris."),
        ("nl", "Daar heb ik geen klagen over, dat zat goed."),
        ("en", "I can't complain about the pay."),
        ("en", "No complaints there, the pay was fine."),
        ("en", "I won't complain about that, it was fine."),
    ],
)
def test_saying_something_was_fine_is_no_refusal(language: str, text: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    assert replies[-1].move.preface != "refusal", replies[-1].move
    assert replies[-1].move.kind != "refusal_ack"
    assert state.refused == []
    assert state.turn_kinds[-1] != "refusal"


@pytest.mark.parametrize(
    ("language", "text", "theme"),
    [
        ("nl", "Over het salaris mag ik niet klagen.", "pay"),
        ("nl", "Geen klagen over mijn collega's, dat was een fijn team.", "collaboration"),
        ("en", "I can't complain about the pay.", "pay"),
        ("en", "No complaints about my colleagues, they were great.", "collaboration"),
    ],
)
def test_a_matter_called_no_cause_for_complaint_is_not_probed(language: str, text: str, theme: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    move = replies[-1].move
    assert move.topic != theme, move
    assert state.topic(theme).status == "covered"
    assert all(n["polarity"] == "pos" for n in state.notes if n["theme"] == theme)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Over het salaris mag ik niet klagen, maar de roosters waren een ramp."),
        ("en", "I can't complain about the pay, but the rota was a mess."),
    ],
)
def test_no_complaint_then_a_complaint_follows_the_complaint_not_the_fine_matter(language: str, text: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    move = replies[-1].move
    assert move.kind == "follow_up" and move.topic != "pay", move
    assert state.refused == [] and state.topic("pay").status == "covered"


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        (
            "nl",
            [
                OPENER["nl"],
                "Mijn leidinggevende heeft me vastgepakt en betast in het magazijn.",
                "Ik weet het nog niet.",
                "Wat gebeurt er nu met dat verhaal?",
            ],
            "Wat je daarover vertelde, heb ik gemarkeerd, zodat een mens er zorgvuldig naar kijkt. De organisatie "
            "krijgt het nooit woordelijk te zien.",
        ),
        (
            "en",
            [
                OPENER["en"],
                "My manager groped me in the storeroom last year.",
                "I don't know yet.",
                "What happens to that story now?",
            ],
            "I have marked what you told me about it, so that a person looks at it carefully. The organisation "
            "never sees it word for word.",
        ),
        (
            "nl",
            [OPENER["nl"], "Zit dat over mijn teamleider er nog in?"],
            "Daar heb ik niets over genoteerd.",
        ),
        (
            "nl",
            [OPENER["nl"], "Wordt dit naar mijn leidinggevende gestuurd?"],
            "niets wordt gedeeld voordat jij het goedkeurt",
        ),
    ],
)
def test_what_happens_to_a_disclosure_or_to_words_never_said_is_answered_truthfully(
    language: str, answers: list[str], expected: str
) -> None:
    _, _, replies = converse(language, answers)
    assert replies[-1].move.kind == "meta_answer", replies[-1].move
    assert expected in replies[-1].messages[0], replies[-1].messages
