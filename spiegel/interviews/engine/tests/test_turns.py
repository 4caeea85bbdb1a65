"""Every kind of turn gets its own handling before any follow-up (docs/interviewing.md), in both languages."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine import CaseContext, ConversationState, Engine, EngineReply, load_default_guide

from .helpers import to_the_end

OPENER = {
    "nl": "Vooral mijn leidinggevende, die gaf nooit feedback en was er eigenlijk nooit.",
    "en": "Mostly my manager, she never gave any feedback and was hardly ever around.",
}
WORKLOAD = {
    "nl": "Vooral de werkdruk. We liepen elke dienst achter de feiten aan.",
    "en": "The workload mostly. We were always behind, every single shift.",
}
NEUTRAL = {"nl": "Dat weet ik niet zo goed.", "en": "I'm not sure, really."}
PROBING = {
    "nl": re.compile(r"voorbeeld|welk moment|hoe vaak|wat gebeurde er precies", re.IGNORECASE),
    "en": re.compile(r"example|which moment|how often|what exactly happened", re.IGNORECASE),
}


def run(
    language: str, answers: list[str], context: CaseContext | None = None
) -> tuple[Engine, ConversationState, list[EngineReply]]:
    engine = Engine(load_default_guide(language), context=context)
    reply = engine.begin()
    state = reply.state
    replies: list[EngineReply] = []
    for answer in answers:
        reply = engine.respond(state, answer)
        replies.append(reply)
        state = reply.state
    return engine, state, replies


@pytest.mark.parametrize(
    ("language", "question", "expected"),
    [
        ("nl", "Wie leest dit eigenlijk? Krijgt mijn oude leidinggevende dit te zien?", ("goedkeurt", "7")),
        ("en", "Who will read this? Will my old manager see it?", ("approve", "7")),
        ("nl", "Ben jij een echt persoon of een computer?", ("computerprogramma",)),
        ("en", "Am I talking to a real person or a computer?", ("computer program",)),
    ],
)
def test_a_question_about_the_interview_is_answered_from_the_case_then_the_question_comes_again(
    language: str, question: str, expected: tuple[str, ...]
) -> None:
    context = CaseContext(organisation="Zorggroep Noord", min_group_size=7)
    engine = Engine(load_default_guide(language), context=context)
    begun = engine.begin()
    reply = engine.respond(begun.state, question)
    text = reply.messages[0]
    assert reply.understood is not None and reply.understood.kind == "meta_question"
    assert all(e in text for e in expected)
    assert text.count("?") == 1
    assert reply.move.kind == "meta_answer" and reply.move.target == "open"
    # the pending question again, in other words: not the same sentence
    assert begun.messages[-1] not in text
    assert reply.state.turn_kinds == ["meta_question"]


@pytest.mark.parametrize(
    ("language", "refusal", "never"),
    [
        ("nl", "Daar wil ik het liever niet over hebben.", r"leidinggevende|teamleider"),
        ("en", "I'd rather not talk about that.", r"manager"),
    ],
)
def test_a_refusal_of_what_was_just_said_closes_that_topic_for_good(language: str, refusal: str, never: str) -> None:
    engine, state, replies = run(language, [OPENER[language], refusal])
    assert replies[1].understood is not None and replies[1].understood.kind == "refusal"
    assert state.refused == ["manager"]
    later = to_the_end(engine, state, NEUTRAL[language])
    said = [replies[1].messages[0]] + [m for r in later for m in r.messages]
    assert not any(re.search(never, m, re.IGNORECASE) for m in said)
    assert later[-1].closed
    assert not any("manager" in p or "leidinggevende" in p for p in later[-1].state.summary_points)


@pytest.mark.parametrize(
    ("language", "refusal"),
    [("nl", "Over mijn salaris wil ik het niet hebben."), ("en", "I don't want to talk about my pay.")],
)
def test_a_refusal_that_names_a_topic_closes_that_one_not_the_current(language: str, refusal: str) -> None:
    _, state, _ = run(language, [WORKLOAD[language], refusal])
    assert state.refused == ["pay"]
    assert state.topics["pay"].status == "refused"
    assert state.topics["workload"].status != "refused"


@pytest.mark.parametrize(
    ("language", "told"), [("nl", "Dat heb ik toch al verteld?"), ("en", "I already told you that.")]
)
def test_already_told_gets_an_apology_and_a_move_on_never_a_probe(language: str, told: str) -> None:
    _, _, replies = run(language, [WORKLOAD[language], told])
    text = replies[1].messages[0]
    assert replies[1].move.kind == "already_told_ack"
    assert re.search("sorry|excuses", text, re.IGNORECASE)
    assert replies[1].move.topic != "workload"
    assert not PROBING[language].search(text)


@pytest.mark.parametrize(("language", "confused"), [("nl", "Wat bedoel je?"), ("en", "What do you mean?")])
def test_confusion_gets_the_same_question_again_in_simpler_words(language: str, confused: str) -> None:
    _, _, replies = run(language, [confused])
    text = replies[0].messages[0]
    assert replies[0].move.kind == "confusion_ack" and replies[0].move.target == "open"
    assert replies[0].move.simple
    assert re.search("weg|vertrek" if language == "nl" else "leav", text, re.IGNORECASE)


@pytest.mark.parametrize(
    ("language", "complaint"), [("nl", "Je luistert gewoon niet."), ("en", "You're not listening at all.")]
)
def test_a_complaint_gets_an_apology_fewer_probes_and_what_matters_most(language: str, complaint: str) -> None:
    _, state, replies = run(language, [WORKLOAD[language], complaint])
    text = replies[1].messages[0]
    assert state.calm
    assert re.search("sorry|excuses", text, re.IGNORECASE)
    assert re.search("belangrijkste|het meest|liefst" if language == "nl" else "most", text, re.IGNORECASE)
    assert not PROBING[language].search(text)


@pytest.mark.parametrize(
    ("language", "correction", "new", "old"),
    [
        (
            "nl",
            "Nee, zo bedoelde ik het niet. Het ging niet om het geld, het ging om de waardering.",
            "waardering",
            "salaris",
        ),
        ("en", "No, that's not what I meant. It wasn't the money, it was not feeling appreciated.", "apprec", "pay"),
    ],
)
def test_a_correction_is_acknowledged_recorded_and_followed_on_the_corrected_content(
    language: str, correction: str, new: str, old: str
) -> None:
    first = "Het salaris was gewoon te laag." if language == "nl" else "The pay was just too low."
    _, state, replies = run(language, [first, correction])
    text = replies[1].messages[0]
    assert replies[1].move.kind == "correction_ack"
    assert len(state.corrections) == 1
    assert new in text.lower()
    question = text.split(". ")[-1]
    assert old not in question.lower()


@pytest.mark.parametrize(
    ("language", "say", "must"),
    [
        (
            "nl",
            "Mijn directeur vroeg me om omzet in het verkeerde kwartaal te boeken. Waar kan ik dat melden?",
            ("vertrouwenspersoon", "Klokkenluiders", "integriteit@lindeveld.nl", "Regeling melden"),
        ),
        (
            "en",
            "A director asked me to book revenue in the wrong quarter. Where can I report that?",
            ("confidential adviser", "whistleblowers", "integriteit@lindeveld.nl", "Regeling melden"),
        ),
    ],
)
def test_an_integrity_disclosure_names_the_options_that_fit_and_the_organisations_own(
    language: str, say: str, must: tuple[str, ...]
) -> None:
    context = CaseContext(contact="integriteit@lindeveld.nl", reporting_procedure="de Regeling melden")
    _, state, replies = run(language, [say], context)
    reply = replies[0]
    assert [(f.kind, f.topic) for f in reply.flags] == [("disclosure", "integrity")]
    assert all(m in reply.messages[0] for m in must)
    assert reply.messages[0].count("?") == 1
    assert not PROBING[language].search(reply.messages[0])
    assert state.phase == "disclosure"


@pytest.mark.parametrize(
    ("language", "say", "must"),
    [
        ("nl", "Een collega gaf bewust verkeerde medicatie aan een cliënt en dat werd verzwegen.", "incident"),
        ("en", "A colleague gave a patient the wrong medication on purpose and it was covered up.", "incident"),
    ],
)
def test_a_patient_safety_disclosure_points_to_the_incident_procedure(language: str, say: str, must: str) -> None:
    _, _, replies = run(language, [say])
    assert [f.kind for f in replies[0].flags] == ["disclosure"]
    assert must in replies[0].messages[0].lower()


@pytest.mark.parametrize(
    ("language", "say", "check"),
    [
        ("nl", "Ik lig al maanden wakker van dat werk.", "hoe gaat het nu met je"),
        ("en", "I've been lying awake for months because of that job.", "how are you doing"),
    ],
)
def test_distress_gets_one_warm_sentence_a_check_in_and_a_pause_and_no_probing(
    language: str, say: str, check: str
) -> None:
    engine, state, replies = run(language, [WORKLOAD[language], say])
    reply = replies[1]
    assert [f.kind for f in reply.flags] == ["distress"]
    assert check in reply.messages[0].lower()
    assert not PROBING[language].search(reply.messages[0])
    again = engine.respond(state, say)
    assert [f.kind for f in again.flags] == ["distress"]
    assert not re.search("al vastgelegd|already recorded|on record", again.messages[0], re.IGNORECASE)
    assert again.messages[0] != reply.messages[0]


@pytest.mark.parametrize(
    ("language", "say", "thread"),
    [
        ("nl", "Maar de echte reden was dat mijn team werd opgeheven.", "team"),
        ("en", "But the real reason was that my team was dissolved.", "team"),
    ],
)
def test_a_decisive_cue_is_followed_before_the_guide_and_leads_the_summary(
    language: str, say: str, thread: str
) -> None:
    engine, state, replies = run(language, [WORKLOAD[language], say])
    reply = replies[1]
    assert reply.move.kind == "follow_up"
    assert thread in reply.messages[0].lower()
    assert state.main_reason == reply.move.topic
    later = to_the_end(engine, state, NEUTRAL[language])
    assert later[-1].closed
    summary = later[-1].state.summary_points
    assert summary and thread in summary[0].lower()


@pytest.mark.parametrize(
    ("language", "sarcasm"),
    [
        ("nl", "Echt top geregeld hier, drie keer in een week een ander rooster."),
        ("en", "Oh it was brilliant, three managers in one year."),
    ],
)
def test_sarcasm_is_never_answered_as_good_news(language: str, sarcasm: str) -> None:
    _, _, replies = run(language, [sarcasm])
    assert replies[0].understood is not None and replies[0].understood.sarcasm
    assert not re.search("fijn|goed om te horen|good to hear|glad|great", replies[0].messages[0], re.IGNORECASE)
    assert replies[0].move.kind != "reflect_and_ask"
