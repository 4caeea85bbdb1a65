"""Attunement in the moment (docs/interviewing.md, "Triggers and what they call for"): the leaver's own tears
now, a pause, a hesitation, "I've said what I wanted to say" and a lost thread are answered for what they are,
never with a form-filling line and the next topic."""

from __future__ import annotations

import re

import pytest

from spiegel.interviews.engine.attunement_words import read_moment

from .helpers import converse

LEAD = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
    "en": "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
}
SECOND = {
    "nl": "Ik werkte bijna elk weekend en thuis kwam ik nergens meer aan toe, dat heeft me echt opgebroken.",
    "en": "I worked nearly every weekend and had no time left at home, it really wore me down.",
}
LOSS = {
    "nl": "Mijn moeder is in maart overleden en daarna lukte het werk me niet meer.",
    "en": "My mother died in March and I could not keep up with the work after that.",
}
FORM_LINES = re.compile(
    r"I have noted that|I have written that down|Thank you for explaining|Dat heb ik genoteerd|Ik heb het genoteerd"
    r"|Helder, dank je wel|Dank je voor je uitleg|Dat heb ik opgeschreven|let's leave it there|laten we dit zo",
    re.I,
)
OFFER = {
    "nl": (re.compile(r"pauze", re.I), re.compile(r"rustig", re.I), re.compile(r"overslaan|laten rusten", re.I)),
    "en": (re.compile(r"pause|break", re.I), re.compile(r"slowly|calmly", re.I), re.compile(r"skip|leave this", re.I)),
}
PROBING = {
    "nl": re.compile(r"voorbeeld|hoe vaak|welk moment|wat gebeurde|gevolgen", re.I),
    "en": re.compile(r"example|how often|which moment|what happened|consequences", re.I),
}


def _last(language: str, answers: list[str]) -> tuple[str, str]:
    """The last interviewer message and its move kind after ``answers``."""
    _, _, replies = converse(language, answers)
    return replies[-1].messages[-1], replies[-1].move.kind


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("nl", "Sorry, ik word er een beetje emotioneel van.", "tears"),
        ("nl", "Momentje, ik zit hier even te huilen.", "tears"),
        ("nl", "Sorry, ik krijg het even te kwaad.", "tears"),
        ("nl", "Ik weet niet of ik het hier moet zeggen.", "hesitation"),
        ("nl", "Ik twijfel of ik dit wel kan vertellen.", "hesitation"),
        ("nl", "Sorry, ik ben de draad een beetje kwijt.", "lost_thread"),
        ("nl", "Waar hadden we het ook alweer over?", "lost_thread"),
        ("nl", "Ik heb wel gezegd wat ik kwijt wilde.", "said_enough"),
        ("nl", "Ik denk dat ik alles wel gezegd heb.", "said_enough"),
        ("nl", "Ik ben er weer, we kunnen verder.", "ready"),
        ("en", "Sorry, I'm getting a bit teary now.", "tears"),
        ("en", "Give me a second, I'm crying a bit.", "tears"),
        ("en", "Sorry, this is making me emotional.", "tears"),
        ("en", "Not sure I should say this here.", "hesitation"),
        ("en", "I don't know if I can tell you this.", "hesitation"),
        ("en", "Sorry, I've lost the thread a bit.", "lost_thread"),
        ("en", "Where were we again?", "lost_thread"),
        ("en", "I think I've said what I wanted to say now.", "said_enough"),
        ("en", "I think that's everything I wanted to say.", "said_enough"),
        ("en", "Ok, I'm ready.", "ready"),
        ("nl", "Mag ik even een momentje?", "pause"),
        ("nl", "Ik weet eigenlijk niet of ik dit moet vertellen.", "hesitation"),
        ("nl", "Ik vind het lastig om dit hier te zeggen.", "hesitation"),
        ("en", "Can I take a minute?", "pause"),
        ("en", "I don't really know if I should mention this.", "hesitation"),
        ("en", "I'm not entirely sure I want to talk about it.", "hesitation"),
    ],
)
def test_moments_are_read_for_what_they_are(language: str, text: str, kind: str) -> None:
    assert read_moment(text, language) == kind


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Twee collega's zaten in tranen na dat gesprek."),
        ("nl", "Ik heb wel gezegd wat ik kwijt wilde tegen mijn leidinggevende, maar er veranderde niets."),
        ("nl", "Ik wist toen niet of ik het moest melden."),
        ("nl", "Ik raakte de draad kwijt in al die nieuwe systemen."),
        ("en", "Two of my staff were in tears after that meeting."),
        ("en", "I said what I wanted to say to my manager, but nothing changed."),
        ("en", "I wasn't sure I should report it at the time."),
        ("en", "I lost the thread with all those new systems."),
    ],
)
def test_what_is_told_about_then_or_others_is_no_moment(language: str, text: str) -> None:
    assert read_moment(text, language) is None


@pytest.mark.parametrize(
    ("language", "tears"),
    [
        ("nl", "Sorry, ik word er een beetje emotioneel van."),
        ("nl", "Momentje, ik zit hier even te huilen."),
        ("en", "Sorry, I'm getting a bit teary now."),
        ("en", "Give me a second, I'm crying a bit."),
    ],
)
def test_tears_after_the_check_in_get_an_offer_and_no_new_topic(language: str, tears: str) -> None:
    _, state, replies = converse(language, [LOSS[language], tears])
    assert replies[0].move.kind == "check_in"
    reply = replies[-1]
    assert state.current_topic == replies[0].state.current_topic  # no new topic
    message = reply.messages[-1]
    assert reply.move.kind == "hold", message
    assert "?" not in message
    assert not FORM_LINES.search(message)
    pause, slow, skip = OFFER[language]
    assert pause.search(message) and slow.search(message) and skip.search(message), message
    assert [f.kind for f in reply.flags] == ["distress"]


@pytest.mark.parametrize(
    ("language", "tears"),
    [("nl", "Sorry, ik krijg het even te kwaad."), ("en", "Sorry, I'm getting a bit teary now.")],
)
def test_first_tears_mid_answer_get_the_check_in_not_the_next_topic(language: str, tears: str) -> None:
    _, _, replies = converse(language, [LEAD[language], tears])
    reply = replies[-1]
    assert reply.move.kind == "check_in", reply.messages
    assert not FORM_LINES.search(reply.messages[-1])
    assert [f.kind for f in reply.flags] == ["distress"]


@pytest.mark.parametrize(
    ("language", "pause", "same_link"),
    [
        ("nl", "Kunnen we even pauzeren?", "dezelfde link"),
        ("nl", "Ik wil even een pauze.", "dezelfde link"),
        ("en", "Can we pause for a moment?", "same link"),
        ("en", "I need a break for a bit.", "same link"),
    ],
)
def test_a_pause_request_gets_the_pause_text_and_then_waits(language: str, pause: str, same_link: str) -> None:
    message, kind = _last(language, [LEAD[language], pause])
    assert kind == "hold"
    assert same_link in message
    assert "?" not in message


@pytest.mark.parametrize(
    ("language", "pause", "ready", "welcome"),
    [
        ("nl", "Kunnen we even pauzeren?", "We kunnen verder.", r"fijn dat je er weer bent|rustig verder"),
        ("nl", "Ik wil even een pauze.", "Ik ben er weer.", r"fijn dat je er weer bent|rustig verder"),
        ("en", "Can we pause for a moment?", "Ok, I'm ready.", r"welcome back|go on calmly"),
        ("en", "I need a break for a bit.", "I'm back, let's go on.", r"welcome back|go on calmly"),
    ],
)
def test_after_a_pause_the_leaver_resumes_gently_where_we_were(
    language: str, pause: str, ready: str, welcome: str
) -> None:
    _, state, replies = converse(language, [LEAD[language], pause, ready])
    message = replies[-1].messages[-1]
    assert re.search(welcome, message, re.I), message
    assert message.rstrip().endswith("?")
    assert not re.search(r"overslaan|skip", message, re.I)
    assert "skipped" not in {t.status for t in state.topics.values()}


@pytest.mark.parametrize(
    ("language", "enough"),
    [
        ("nl", "Ik heb wel gezegd wat ik kwijt wilde."),
        ("nl", "Ik denk dat ik alles wel gezegd heb."),
        ("en", "I think I've said what I wanted to say now."),
        ("en", "I think that's everything I wanted to say."),
    ],
)
def test_having_said_enough_is_offered_the_end_not_another_probe(language: str, enough: str) -> None:
    message, kind = _last(language, [LEAD[language], SECOND[language], enough])
    assert kind == "offer_wrap_up", message
    assert re.search(r"afronden|round off", message, re.I)
    assert re.search(r"toevoegen|add", message, re.I)
    assert not PROBING[language].search(message)


@pytest.mark.parametrize(
    ("language", "enough", "yes"),
    [
        ("nl", "Ik heb wel gezegd wat ik kwijt wilde.", "Ja, laten we afronden."),
        ("nl", "Ik denk dat ik alles wel gezegd heb.", "Nee, verder niets."),
        ("en", "I think I've said what I wanted to say now.", "Yes, let's round off."),
        ("en", "I think that's everything I wanted to say.", "No, nothing else."),
    ],
)
def test_rounding_off_after_the_offer_brings_the_summary(language: str, enough: str, yes: str) -> None:
    _, _, replies = converse(language, [LEAD[language], SECOND[language], enough, yes])
    assert replies[-1].move.kind == "summary", replies[-1].messages


@pytest.mark.parametrize(
    ("language", "more"),
    [
        ("nl", "Eigenlijk nog één ding: het salaris was ook gewoon te laag voor dit werk."),
        ("en", "Actually one more thing: the pay was also far too low for this kind of work."),
    ],
)
def test_something_to_add_after_the_offer_is_heard_as_an_answer(language: str, more: str) -> None:
    enough = {"nl": "Ik heb wel gezegd wat ik kwijt wilde.", "en": "I think I've said what I wanted to say now."}
    _, _, replies = converse(language, [LEAD[language], SECOND[language], enough[language], more])
    reply = replies[-1]
    assert reply.move.kind not in ("summary", "offer_wrap_up", "hold"), reply.messages
    assert reply.messages[-1].rstrip().endswith("?")


@pytest.mark.parametrize(
    ("language", "hesitation", "consent"),
    [
        ("nl", "Ik weet niet of ik het hier moet zeggen.", r"toestemming|goedkeurt"),
        ("nl", "Ik twijfel of ik dit wel kan vertellen.", r"toestemming|goedkeurt"),
        ("en", "Not sure I should say this here.", r"consent|approv"),
        ("en", "I don't know if I can tell you this.", r"consent|approv"),
    ],
)
def test_hesitation_gets_reassurance_and_no_push(language: str, hesitation: str, consent: str) -> None:
    message, kind = _last(language, [LEAD[language], hesitation])
    assert kind == "hold", message
    assert re.search(consent, message, re.I)
    assert re.search(r"per uitspraak|statement by statement", message)
    assert not PROBING[language].search(message)
    assert "?" not in message


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("nl", "Mijn teamleider kwam nooit voor ons op als de planning weer eens misliep."),
        ("en", "My team lead never stood up for us when the planning went wrong again."),
    ],
)
def test_after_a_hesitation_what_is_told_is_heard(language: str, told: str) -> None:
    hesitation = {"nl": "Ik weet niet of ik het hier moet zeggen.", "en": "Not sure I should say this here."}
    _, _, replies = converse(language, [LEAD[language], hesitation[language], told])
    reply = replies[-1]
    assert reply.move.kind != "hold"
    assert reply.messages[-1].rstrip().endswith("?")


@pytest.mark.parametrize(
    ("language", "lost", "where"),
    [
        ("nl", "Sorry, ik ben de draad een beetje kwijt.", r"We hadden het over"),
        ("nl", "Waar hadden we het ook alweer over?", r"We hadden het over"),
        ("en", "Sorry, I've lost the thread a bit.", r"We were talking about"),
        ("en", "Where were we again?", r"We were talking about"),
    ],
)
def test_a_lost_thread_gets_a_gentle_reorientation(language: str, lost: str, where: str) -> None:
    message, kind = _last(language, [LEAD[language], SECOND[language], lost])
    assert kind == "confusion_ack"
    assert re.search(where, message), message
    # an open question about it, never a probe whose "then" points at nothing any more
    assert re.search(r"daar nog over vertellen|still like to say about it", message), message
    assert not FORM_LINES.search(message)
    assert message.rstrip().endswith("?")
    assert message.count("?") == 1


WARM = {
    "nl": re.compile(r"dank je dat je dit vertelt|klinkt zwaar|wat naar", re.I),
    "en": re.compile(r"I can hear|sounds hard|I.m sorry", re.I),
}


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", [LEAD["nl"], "Ik voelde me er heel alleen door."]),
        ("nl", [LEAD["nl"], SECOND["nl"]]),
        ("nl", [LEAD["nl"], "Dat deed echt pijn, ik voelde me waardeloos."]),
        ("en", [LEAD["en"], "It just made me feel very alone."]),
        ("en", [LEAD["en"], SECOND["en"]]),
        ("en", [LEAD["en"], "That hurt, honestly, I felt completely worthless."]),
        ("nl", [LEAD["nl"], "Ik voelde me totaal niet gesteund."]),
        ("en", [LEAD["en"], "I just didn't feel supported at all."]),
    ],
)
def test_a_heavy_feeling_is_acknowledged_warmly_before_the_next_question(language: str, answers: list[str]) -> None:
    message, kind = _last(language, answers)
    assert kind not in ("check_in", "hold"), message
    assert WARM[language].search(message), message
    assert not FORM_LINES.search(message)


ACCEPT_FORMS = {
    "nl": re.compile(r"Goed, dank je|dan laten we dit zo|dan ga ik verder|Prima, dan gaan we door", re.I),
    "en": re.compile(r"All right, thank you|let's leave it there|I'll move on|Okay, let's go on", re.I),
}
TOLD_FINE = {
    "nl": [
        "Vooral de werkdruk, we draaiden elke week extra diensten omdat er niemand bij kwam.",
        "Ik werkte bijna elk weekend en thuis kwam ik nergens meer aan toe.",
        "Het gebeurde elke week, meer dan een jaar lang, er was nooit een rustige week.",
        "Er veranderde niets, ze zeiden dat er geen budget was.",
        "Het werk zelf was prima, ik vond de taken en de cliënten heel fijn, daar geen klachten over.",
        "Mijn leidinggevende was prima, ze was eerlijk en altijd bereikbaar, geen probleem met haar.",
        "Daar heb ik verder geen voorbeeld van, het was gewoon een goede leidinggevende.",
        "De samenwerking was goed, mijn collega's waren fijn en we hielpen elkaar waar het kon.",
    ],
    "en": [
        "Mostly the workload, we kept doing extra shifts every week because nobody new was hired.",
        "I worked nearly every weekend and had no time left at home.",
        "It happened every single week for over a year, there was never a quiet week.",
        "Nothing changed, they said there was no budget.",
        "The work itself was fine, I liked the tasks and the patients a lot, no complaints there at all.",
        "My manager was fine, she was fair and always approachable, no problem with her at all.",
        "I don't have an example of that, she was simply a good manager.",
        "Teamwork was good, my colleagues were lovely and we helped each other out whenever we could.",
    ],
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_substantive_answer_is_never_waved_off(language: str) -> None:
    _, _, replies = converse(language, TOLD_FINE[language])
    for answer, reply in zip(TOLD_FINE[language], replies, strict=False):
        if len(answer.split()) >= 10:
            assert not ACCEPT_FORMS[language].search(reply.messages[-1]), (answer, reply.messages[-1])


@pytest.mark.parametrize(
    ("language", "heavy"),
    [
        ("nl", "Niets eigenlijk, ik voelde me er gewoon waardeloos."),
        ("en", "Nothing really, it just made me feel worthless."),
    ],
)
def test_a_heavy_feeling_in_the_closing_questions_is_acknowledged_warmly(language: str, heavy: str) -> None:
    skip = {"nl": "Volgende onderwerp.", "en": "Next topic."}[language]
    engine, state, _ = converse(language, [LEAD[language]])
    for _ in range(15):
        if state.phase == "stay":
            break
        state = engine.respond(state, skip).state
    assert state.phase == "stay"
    message = engine.respond(state, heavy).messages[-1]
    assert WARM[language].search(message), message
    assert not FORM_LINES.search(message)


@pytest.mark.parametrize(
    ("language", "told", "thanks"),
    [
        ("nl", "Mijn teamleider kwam nooit voor ons op als de planning weer eens misliep.", r"toevertrouwt"),
        ("en", "My team lead never stood up for us when the planning went wrong again.", r"trusting me"),
    ],
)
def test_what_is_told_after_a_hesitation_is_thanked_for_the_trust(language: str, told: str, thanks: str) -> None:
    hesitation = {"nl": "Ik weet niet of ik het hier moet zeggen.", "en": "Not sure I should say this here."}
    message, _ = _last(language, [LEAD[language], hesitation[language], told])
    assert re.search(thanks, message), message
