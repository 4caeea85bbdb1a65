"""Explicit requests of the leaver are honoured (docs/interviewing.md): to stop the interview, to talk about
something of their own choosing, to correct the closing summary, and "I never said that"."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine import ConversationState, Engine, EngineReply, load_default_guide
from spiegel.interviews.engine.requests import read_request, stop_choice, summary_remark

from .helpers import converse

OPENER = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    "en": "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
}
NEUTRAL = {
    "nl": "Daar heb ik verder niet veel over te zeggen, dat ging wel.",
    "en": "Not much to say about that really, it was all right.",
}


# ------------------------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik wil nu graag stoppen met het gesprek."),
        ("nl", "Kunnen we het hierbij laten?"),
        ("nl", "Sorry, maar ik wil niet meer."),
        ("nl", "Ik wil het gesprek nu meteen beëindigen."),
        ("nl", "Ik wil stoppen."),
        ("nl", "/stoppen"),
        ("en", "I'd like to stop the conversation here, please."),
        ("en", "Honestly, that's enough for me."),
        ("en", "I want to end it."),
        ("en", "I don't want to go on with this interview."),
        ("en", "Let's end it here."),
        ("en", "/quit"),
    ],
)
def test_a_request_to_end_the_interview_is_read_as_stop(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "stop"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik wil stoppen met dit onderwerp."),
        ("nl", "Kunnen we over deze vraag ophouden?"),
        ("en", "Can we stop talking about this topic?"),
        ("en", "I'd like to end this part, next question please."),
    ],
)
def test_stopping_a_topic_is_a_skip_not_the_end_of_the_interview(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "skip"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Mag ik even pauze nemen? Dan ga ik straks verder."),
        ("nl", "Ik wil graag later verder."),
        ("en", "Could I take a break and finish this later?"),
        ("en", "I need to pause, my kid just came home."),
    ],
)
def test_a_wish_to_continue_later_is_read_as_pause(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "pause"


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "Stop."), ("nl", "Kunnen we hiermee stoppen?"), ("en", "enough"), ("en", "Can we stop with this?")],
)
def test_a_bare_stop_is_unsure_between_the_topic_and_the_interview(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "unsure"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik wilde stoppen met de weekenddiensten, maar dat werd afgewezen."),
        ("nl", "Ik wil niet meer in de zorg werken."),
        ("nl", "Mag ik tussendoor stoppen als het me te veel wordt?"),
        ("nl", "Op het laatst was ik er echt klaar mee."),
        ("en", "I wanted to stop working weekends and they said no."),
        ("en", "I want to finish my nursing degree first."),
        ("en", "Can I stop at any time if I want to?"),
        ("en", "A decent raise would have been enough for me."),
        ("en", "That's it, nothing more to add."),
        ("nl", "Pauze nemen was er op de groep nooit bij."),
        ("nl", "Toen zei ik tegen haar: ik wil stoppen."),
        ("en", "He told me: let's end it here, and walked out."),
        ("en", "I told my manager I want to stop doing nights."),
        ("en", "I wanted to take a break that week and my manager said no."),
    ],
)
def test_talk_about_stopping_something_else_is_no_request(language: str, text: str) -> None:
    assert read_request(text, language) is None


@pytest.mark.parametrize(
    ("language", "text", "about"),
    [
        ("nl", "Ik wil het eigenlijk hebben over mijn teamleider.", "mijn teamleider"),
        ("nl", "Kunnen we het over het rooster hebben?", "het rooster"),
        ("nl", "Wat ik echt kwijt wil, gaat over de inwerkperiode.", "de inwerkperiode"),
        ("en", "I'd really like to talk about the night shifts.", "the night shifts"),
        ("en", "What I actually want to say is about my team lead, she's why I left.", "my team lead"),
        ("en", "Can we talk about Sandra?", "Sandra"),
    ],
)
def test_a_wish_to_talk_about_something_names_it(language: str, text: str, about: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "talk_about" and request.about == about


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Dat heb ik helemaal niet gezegd."),
        ("nl", "Over mijn leidinggevende heb ik het niet gehad."),
        ("en", "I never mentioned the pay."),
        ("en", "I didn't say anything about my colleagues."),
    ],
)
def test_saying_something_was_not_said_is_read_as_not_said(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "not_said"


@pytest.mark.parametrize(
    ("language", "text", "choice"),
    [
        ("nl", "Het hele gesprek graag.", "stop"),
        ("nl", "Alleen dit onderwerp.", "skip"),
        ("nl", "afronden", "stop"),
        ("en", "Just skip the topic.", "skip"),
        ("en", "End the whole thing, please.", "stop"),
        ("en", "Hmm, let me think.", None),
    ],
)
def test_the_answer_to_stop_or_skip_is_read(language: str, text: str, choice: str | None) -> None:
    assert stop_choice(text, language) == choice


@pytest.mark.parametrize(
    ("language", "text", "remark"),
    [
        ("nl", "Je bent het belangrijkste vergeten.", "missing"),
        ("nl", "Er ontbreekt iets belangrijks.", "missing"),
        ("en", "You missed the most important part.", "missing"),
        ("en", "Something's missing there.", "missing"),
        ("nl", "De collega's waren trouwens prima.", "fine"),
        ("en", "The team was actually fine.", "fine"),
        ("en", "Yes, that's right.", None),
        ("nl", "Klopt, je bent niks vergeten.", None),
        ("en", "No, I don't think you missed anything.", None),
        ("en", "Nothing is missing, thanks.", None),
        ("nl", "Dat is goed zo.", None),
    ],
)
def test_remarks_on_the_summary_are_read(language: str, text: str, remark: str | None) -> None:
    found = summary_remark(text, language)
    assert (found.kind if found else None) == remark


@pytest.mark.parametrize(
    ("language", "text", "subject"),
    [
        ("nl", "Ja, maar de werkdruk viel eigenlijk wel mee.", "de werkdruk"),
        ("en", "Yes, the summary is good, and the pay was fine actually.", "the pay"),
        ("en", "Mostly right, though my manager wasn't the problem.", "my manager"),
    ],
)
def test_what_was_fine_is_what_stands_before_it_in_its_clause(language: str, text: str, subject: str) -> None:
    found = summary_remark(text, language)
    assert found is not None and (found.kind, found.sentence) == ("fine", subject)


def test_agreeing_with_the_summary_takes_nothing_out() -> None:
    engine, state = _at_summary("en", [OPENER["en"]])
    assert any("workload" in p for p in state.summary_points)
    reply = engine.respond(state, "Yes, that summary is good, the workload was the main thing.")
    assert reply.closed
    assert "workload" in reply.state.summary_points[0]
    assert not re.search(r"leave .* out|take .* out", reply.messages[0])


# ------------------------------------------------------------------------------------------- the engine


def _at_summary(language: str, before: list[str]) -> tuple[Engine, ConversationState]:
    engine, state, _ = converse(language, before)
    for _ in range(40):
        if state.phase == "summary":
            return engine, state
        state = engine.respond(state, NEUTRAL[language]).state
    raise AssertionError("never reached the summary")


@pytest.mark.parametrize(
    ("language", "text", "review"),
    [
        ("nl", "Ik wil nu echt stoppen met dit gesprek.", r"goedkeur|bekijk|zie je|beslis"),
        ("en", "I'd like to end the interview here, please.", r"approve|review|see|decide"),
    ],
)
def test_a_stop_request_closes_with_thanks_and_the_review_step(language: str, text: str, review: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    last = replies[-1]
    assert last.closed and state.closed
    message = last.messages[0]
    assert "?" not in message
    assert re.search(r"dank|thank", message, re.IGNORECASE)
    assert re.search(review, message, re.IGNORECASE)
    # nothing said is lost: both answers are kept for the mirror
    assert [a["text"] for a in state.answers] == [OPENER[language], text]


def test_a_stop_request_in_the_closing_questions_ends_there_too() -> None:
    engine, state, _ = converse("en", [OPENER["en"]])
    at_stay = engine.respond(engine.wrap_up(state), "", skip_topic=True)
    assert at_stay.state.phase == "stay" and not at_stay.closed
    reply = engine.respond(at_stay.state, "I want to stop now.")
    assert reply.closed


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_unsure_stop_is_asked_once_and_the_answer_decides(language: str) -> None:
    engine, state, replies = converse(language, [OPENER[language], "Stop."])
    asked = replies[-1].messages[0]
    assert not replies[-1].closed
    assert re.search(r"afronden|end", asked) and re.search(r"onderwerp|topic", asked)
    skipped = engine.respond(state, "Alleen dit onderwerp." if language == "nl" else "Only this topic.")
    assert not skipped.closed
    assert skipped.state.topic("workload").status == "skipped"
    again = engine.respond(skipped.state, "Stop.")
    assert again.closed, "the choice is asked once; after that a bare stop ends the interview"


def test_after_the_stop_or_skip_question_choosing_the_whole_conversation_closes_it() -> None:
    engine, state, _ = converse("nl", [OPENER["nl"], "Genoeg."])
    reply = engine.respond(state, "Het hele gesprek, ik ben er klaar mee.")
    assert reply.closed


@pytest.mark.parametrize(
    ("language", "wish", "about"),
    [
        ("nl", "Ik wil het eigenlijk hebben over mijn teamleider.", r"\bje teamleider\b"),
        ("en", "Actually I want to talk about the night shifts.", r"\bthe night shifts\b"),
    ],
)
def test_the_next_question_is_about_what_the_leaver_wants_to_talk_about(language: str, wish: str, about: str) -> None:
    _, _, replies = converse(language, [OPENER[language], wish])
    question = replies[-1].messages[0]
    assert re.search(about, question, re.IGNORECASE)
    assert question.rstrip().endswith("?")
    assert not replies[-1].closed


def test_a_wish_to_talk_about_something_unquotable_is_asked_plainly() -> None:
    _, _, replies = converse(
        "en", [OPENER["en"], "I want to talk about how things went when Sandra came in, honestly."]
    )
    assert replies[-1].messages[0].endswith("Go ahead, what would you like to say about that?")


@pytest.mark.parametrize(
    ("language", "wish", "role", "name"),
    [
        ("nl", "Ik wil het hebben over mijn teamleider Joost, hij is de echte reden.", r"\bje teamleider\b", "Joost"),
        ("en", "Can we talk about Dana, my supervisor, she's why I went looking?", r"\byour supervisor\b", "Dana"),
        ("en", "I want to talk about Wes, my team lead, honestly.", r"\byour team lead\b", "Wes"),
    ],
)
def test_a_person_the_leaver_wants_to_talk_about_is_named_by_role_not_by_name(
    language: str, wish: str, role: str, name: str
) -> None:
    _, state, replies = converse(language, [OPENER[language], wish])
    question = replies[-1].messages[0]
    assert re.search(role, question) and name not in question
    assert state.current_topic == "manager"


def test_a_wish_to_talk_about_a_refused_topic_opens_it_again() -> None:
    engine, state, _ = converse("en", [OPENER["en"], "I'd rather not talk about the workload."])
    assert "workload" in state.refused
    reply = engine.respond(state, "Actually, I do want to talk about the workload after all.")
    assert "workload" not in reply.state.refused
    assert re.search(r"workload", reply.messages[0], re.IGNORECASE)


@pytest.mark.parametrize(
    ("language", "text", "said_back"),
    [
        ("nl", "Nee, de werkdruk viel eigenlijk wel mee.", r"haal ik .*eruit|laat ik .*weg"),
        ("en", "The workload was fine actually.", r"leave .* out|take .* out"),
    ],
)
def test_a_point_the_leaver_calls_fine_is_taken_out_of_the_summary_and_said_back(
    language: str, text: str, said_back: str
) -> None:
    engine, state = _at_summary(language, [OPENER[language]])
    assert any(re.search(r"werkdruk|workload", p) for p in state.summary_points)
    reply = engine.respond(state, text)
    assert reply.move.kind == "summary_check" and not reply.closed
    assert re.search(said_back, reply.messages[0], re.IGNORECASE)
    assert not any(re.search(r"werkdruk|workload", p) for p in reply.state.summary_points)


@pytest.mark.parametrize(
    ("language", "missing", "what"),
    [
        ("nl", "Je mist het belangrijkste.", "Het ging vooral om het nieuwe rooster."),
        ("en", "You've left out what mattered most.", "It was mostly about the new rota."),
    ],
)
def test_when_something_is_missing_the_interviewer_asks_what_before_closing(
    language: str, missing: str, what: str
) -> None:
    engine, state = _at_summary(language, [OPENER[language]])
    asked = engine.respond(state, missing)
    assert not asked.closed
    assert asked.messages[0].rstrip().endswith("?")
    closed = engine.respond(asked.state, what)
    assert closed.move.kind == "summary_check" and not closed.closed
    assert re.search(r"rooster|rota", closed.messages[0], re.IGNORECASE)
    assert re.search(r"rooster|rota", closed.state.summary_points[0])


def test_a_missing_point_told_in_the_same_breath_is_said_back_at_once() -> None:
    engine, state = _at_summary("en", [OPENER["en"]])
    reply = engine.respond(state, "You left out the biggest thing: the way the reorganisation was handled.")
    assert reply.move.kind == "summary_check" and not reply.closed
    assert re.search(r"reorganisation", reply.messages[0])
    assert re.search(r"reorganisation", reply.state.summary_points[0])


@pytest.mark.parametrize(
    ("language", "before", "denial"),
    [
        (
            "en",
            "Mostly the pay. My salary stayed the same while everything got more expensive.",
            "I didn't mention my manager.",
        ),
        (
            "nl",
            "Vooral het salaris. Alles werd duurder, maar mijn loon bleef gelijk.",
            "Mijn leidinggevende heb ik niet genoemd.",
        ),
    ],
)
def test_saying_something_was_not_said_is_a_correction_not_a_refusal(language: str, before: str, denial: str) -> None:
    _, state, replies = converse(language, [before, denial])
    last: EngineReply = replies[-1]
    assert "manager" not in state.refused
    assert last.understood is not None and last.understood.kind == "correction"
    assert re.search(r"sorry|excuses|excuus|apolog", last.messages[0], re.IGNORECASE)
    assert not re.search(r"respecteer|respect|komen we niet|won't come back", last.messages[0], re.IGNORECASE)
    assert state.corrections


@pytest.mark.parametrize(
    ("language", "text", "said"),
    [
        ("nl", "Kan ik een pauze nemen en later verder?", r"later|bewaard"),
        ("en", "Can we pause here and continue later?", r"later|kept"),
    ],
)
def test_a_pause_says_how_to_come_back_and_does_not_end_the_interview(language: str, text: str, said: str) -> None:
    _, state, replies = converse(language, [OPENER[language], text])
    message = replies[-1].messages[0]
    assert not replies[-1].closed and not state.closed
    assert re.search(said, message, re.IGNORECASE)
    assert "?" not in message  # the pause asks nothing: it waits for the leaver
    back = {"nl": "Ik ben er weer.", "en": "I'm back."}[language]
    _, _, resumed = converse(language, [OPENER[language], text, back])
    assert resumed[-1].messages[0].rstrip().endswith("?")  # the question that was waiting, when they come back


def test_stop_from_the_terminal_gives_a_closing_line() -> None:
    engine = Engine(load_default_guide("nl"))
    state, _ = engine.start()
    state = engine.respond(state, OPENER["nl"]).state
    reply = engine.stop(state)
    assert reply.closed and re.search(r"dank", reply.messages[0], re.IGNORECASE)
    assert engine.stop(reply.state).messages == []


@pytest.mark.parametrize(
    ("language", "opener", "correction", "out", "first"),
    [
        (
            "nl",
            "Vooral mijn leidinggevende, die luisterde nooit, en de werkdruk.",
            "Niet helemaal: mijn leidinggevende was wel oké, het probleem was het bestuur.",
            "leidinggevende",
            "het bestuur",
        ),
        (
            "en",
            "Mostly my manager, she never listened, and the workload.",
            "Not really, my manager was alright, the problem was the board.",
            "manager",
            "the board",
        ),
    ],
)
def test_a_point_called_fine_with_the_real_problem_named_is_swapped_and_both_said_back(
    language: str, opener: str, correction: str, out: str, first: str
) -> None:
    engine, state = _at_summary(language, [opener])
    reply = engine.respond(state, correction)
    assert reply.move.kind == "summary_check" and not reply.closed
    assert re.search(out, reply.messages[0]) and first in reply.messages[0]
    assert reply.state.summary_points[0] == first
    assert not any(out in p for p in reply.state.summary_points)


@pytest.mark.parametrize(
    ("language", "opener", "remark", "out"),
    [
        (
            "nl",
            "Vooral de werkdruk en mijn leidinggevende, die nooit tijd voor ons had.",
            "Mijn leidinggevende was eigenlijk prima, maar je mist het belangrijkste.",
            "leidinggevende",
        ),
        (
            "en",
            "Mostly the workload and my manager, who never had time for us.",
            "My manager was fine really, but you missed the biggest thing.",
            "manager",
        ),
    ],
)
def test_a_point_called_fine_is_taken_out_and_what_is_missing_is_still_asked(
    language: str, opener: str, remark: str, out: str
) -> None:
    engine, state = _at_summary(language, [opener])
    reply = engine.respond(state, remark)
    assert not reply.closed
    message = reply.messages[0]
    assert out in message and message.rstrip().endswith("?")
    assert not re.search(r"belangrijkste\.|biggest thing\.", message)
    assert not any(out in p for p in reply.state.summary_points)
