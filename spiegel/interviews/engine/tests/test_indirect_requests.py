"""What the leaver asks, in the forms people really use (docs/interviewing.md, "What kind of turn is this?"):

- coming to the end said indirectly ("kunnen we naar het eind?", "could we jump to the end?", "I asked whether
  we could wrap up") brings the closing summary, never the next checklist question nor a skipped topic;
- telling what the leaver did not say to someone ("ik heb niet gezegd waarom") is no correction of the
  interviewer; "dat heb ik niet gezegd", "that's not what I said" is.

Taking out a matter named by its content: test_named_withdrawals.py.
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.requests import read_request

from .helpers import converse

OPENER = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    "en": "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
}
YES = {"nl": "Ja, dat klopt.", "en": "Yes, that's right."}


# ------------------------------------------------------------------------------------ coming to the end


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik heb nog maar tien minuten, kunnen we naar het eind?"),
        ("nl", "Mogen we stilaan afronden?"),
        ("nl", "Ik zei net al: laten we afronden."),
        ("nl", "Ik vroeg toch of we konden afronden."),
        ("nl", "Kunnen we naar de samenvatting gaan?"),
        ("nl", "Zullen we er een punt achter zetten?"),
        ("nl", "Ik moet zo weg, kunnen we het kort afsluiten?"),
        ("nl", "Kunnen we stilaan naar het einde gaan?"),
        ("en", "Can we get to the end now?"),
        ("en", "Could we jump to the end?"),
        ("en", "I'm short on time, let's finish up."),
        ("en", "I asked whether we could wrap up."),
        ("en", "Skip to the end, please."),
        ("en", "Can we go straight to the summary?"),
        ("en", "Like I said, can we finish up?"),
        ("nl", "Is het goed als we nu afronden?"),
        ("nl", "Kan het wat sneller? Ik wil naar het einde."),
        ("nl", "Laten we er een punt achter zetten."),
        ("nl", "Ge moogt afronden hoor."),
        ("nl", "Moogt ge het afsluiten?"),
        ("nl", "Ik had al gevraagd om af te ronden."),
        ("en", "Is it okay if we wrap up now?"),
        ("en", "I'd like to get to the end."),
        ("en", "Let's bring this to a close."),
        ("en", "I already asked to wrap up."),
        ("en", "I said I wanted to wrap up."),
    ],
)
def test_coming_to_the_end_said_indirectly_is_a_wrap_up(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "wrap_up", request


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "We moesten elke nacht naar het einde van de gang lopen."),
        ("nl", "Ik vroeg of we de roosters konden afronden voor vrijdag."),
        ("en", "I read the whole report to the end."),
        ("en", "I asked whether we could finish the project early."),
        ("en", "We had to skip to the end of the checklist to get it done."),
        ("en", "I said to my manager that I wanted to stop the night shifts."),
        ("nl", "Ik had al gevraagd om af te ronden met de oude software."),
    ],
)
def test_told_endings_are_no_request(language: str, text: str) -> None:
    assert read_request(text, language) is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik heb nog maar tien minuten, kunnen we naar het eind?"),
        ("nl", "Ik zei net al: laten we afronden."),
        ("en", "Could we jump to the end?"),
        ("en", "I asked whether we could wrap up."),
        ("en", "Skip to the end, please."),
    ],
)
def test_an_indirect_wish_to_finish_brings_the_summary_then_the_close(language: str, text: str) -> None:
    engine, state, replies = converse(language, [OPENER[language], text])
    reply = replies[-1]
    assert reply.move.kind == "summary" and state.phase == "summary" and not reply.closed
    assert engine.respond(state, YES[language]).closed


@pytest.mark.parametrize(
    ("language", "middle", "again"),
    [
        ("nl", "Mijn teamleider luisterde nooit.", "Ik vroeg toch of we konden afronden."),
        ("en", "My manager never listened to us.", "I asked whether we could wrap up."),
    ],
)
def test_a_repeated_wish_to_finish_is_honoured_at_once(language: str, middle: str, again: str) -> None:
    _, state, replies = converse(language, [OPENER[language], middle, again])
    assert replies[-1].move.kind == "summary" and state.phase == "summary"


# ------------------------------------------------------------------------------ what the leaver did not say

NOT_SAID_NOTE = {"nl": "Excuses, dat had ik verkeerd", "en": "Sorry, I had that wrong"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik heb niet gezegd waarom, ik was bang."),
        ("nl", "Ik heb nooit gezegd wat er gebeurd was, ik durfde niet."),
        ("nl", "Ik heb niet gezegd hoe moe ik was."),
        ("en", "I didn't say why, I was scared."),
        ("en", "I never said what had happened, I didn't dare."),
        ("en", "I didn't mention how tired I was."),
    ],
)
def test_telling_what_one_did_not_say_is_no_correction(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is None or request.kind != "not_said"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Dat heb ik niet gezegd."),
        ("nl", "Dat zei ik niet."),
        ("nl", "Dat is niet wat ik zei."),
        ("en", "I never said that."),
        ("en", "That's not what I said."),
        ("en", "I didn't say that."),
    ],
)
def test_a_remark_about_what_the_interviewer_heard_is_a_correction(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is not None and request.kind == "not_said"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik heb niet gezegd waarom, ik was bang."),
        ("en", "I didn't say why, I was scared."),
    ],
)
def test_telling_what_one_did_not_say_gets_no_apology_for_a_mistake(language: str, text: str) -> None:
    _, _, replies = converse(language, [OPENER[language], text])
    reply = replies[-1]
    assert all(NOT_SAID_NOTE[language] not in m for m in reply.messages), reply.messages
    assert reply.move.kind != "correction_ack"
