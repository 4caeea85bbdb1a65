"""Follow-up craft in both languages: depth, concrete probes, saturation, coverage, threads, safety."""

from __future__ import annotations

import logging

import pytest

from spiegel.interviews.engine import ConversationState, Engine, load_default_guide
from spiegel.interviews.engine.interviewer import _quotable
from spiegel.language.cues import analyse_answer

from .helpers import converse, to_the_end

CONCRETE = {"example", "moment", "situation"}


def _topics_asked(replies: list) -> list[str | None]:  # type: ignore[type-arg]
    return [r.move.topic for r in replies if r.move.target == "topic_question" or r.move.kind == "topic_question"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Meer valt er eigenlijk niet over te zeggen."),
        ("nl", "Nee, daar zit verder niet veel achter."),
        ("en", "There's not much more to say about that, really."),
        ("en", "No, there's not much behind that."),
    ],
)
def test_nothing_more_is_recognised(language: str, text: str) -> None:
    assert analyse_answer(text, language).nothing_more


@pytest.mark.parametrize(
    ("language", "opener", "done"),
    [
        ("nl", "Vooral de werkdruk was te hoog.", "Meer valt er eigenlijk niet over te zeggen."),
        ("en", "Mostly the workload was too high.", "There's not much more to say about that, really."),
    ],
)
def test_nothing_more_moves_on_at_once_without_quoting_filler(language: str, opener: str, done: str) -> None:
    _, _, replies = converse(language, [opener, done])
    assert replies[0].move.kind in ("follow_up", "reflect_and_ask")
    last = replies[1]
    assert last.move.kind == "bridge"
    assert last.move.preface == "accept"
    assert last.move.topic != "workload"
    assert "zeggen" not in last.messages[0] and "to say" not in last.messages[0]


@pytest.mark.parametrize(
    ("language", "thin"),
    [("nl", "De teamleider was oké."), ("en", "Shift manager was okay.")],
)
def test_thin_answer_naming_a_theme_gets_a_concrete_probe(language: str, thin: str) -> None:
    _, _, replies = converse(language, [thin])
    assert replies[0].move.kind == "follow_up"
    assert replies[0].move.probe in CONCRETE


@pytest.mark.parametrize(
    ("language", "thin", "again"),
    [("nl", "Ging wel.", "Gewoon. Zoals ik zei."), ("en", "It was okay.", "Just, you know. Like I said.")],
)
def test_thin_then_thin_uses_two_different_concrete_probes_at_most(language: str, thin: str, again: str) -> None:
    _, _, replies = converse(language, ["Het werk zelf." if language == "nl" else "The work itself.", thin, again])
    probes = [r.move.probe for r in replies if r.move.kind == "follow_up" and r.move.probe in CONCRETE]
    assert len(probes) == len(set(probes))


@pytest.mark.parametrize(
    ("language", "heard", "self_word"),
    [
        ("nl", "Ik hoorde dat er ontslagen zouden vallen.", "zelf"),
        ("en", "I heard there were going to be layoffs.", "yourself"),
        ("en", "It's what people were saying, that was the story going round.", "yourself"),
        ("nl", "Dat zeiden collega's onderling, zo ging dat verhaal rond.", "zelf"),
    ],
)
def test_hearsay_asks_what_the_leaver_saw_or_experienced_themselves(language: str, heard: str, self_word: str) -> None:
    _, _, replies = converse(language, [heard])
    assert replies[0].move.probe == "own_experience"
    assert self_word in replies[0].messages[0].lower()


@pytest.mark.parametrize(
    ("language", "answers", "self_word"),
    [
        (
            "en",
            [
                "Honestly, I was fed up with the hours. And I heard there were going to be layoffs anyway.",
                "I worked six weekends in a row to hit a deadline.",
                "There's not much more to say about that, really.",
            ],
            "yourself",
        ),
        (
            "nl",
            [
                "Ik was helemaal klaar met de uren. En ik hoorde dat er een ontslagronde zou komen.",
                "Ik heb zes weekenden op rij gewerkt voor een deadline.",
                "Meer valt er eigenlijk niet over te zeggen.",
            ],
            "zelf",
        ),
    ],
)
def test_hearsay_in_passing_is_a_thread_that_returns_as_own_experience(
    language: str, answers: list[str], self_word: str
) -> None:
    _, _, replies = converse(language, answers)
    # the first question on what was heard, now or on the way back to it, asks what the leaver saw
    back = [r for r in replies if r.move.topic == "job_security"]
    assert back, [r.messages for r in replies]
    assert back[0].move.probe == "own_experience"
    assert self_word in back[0].messages[0].lower()


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("en", ["We were always short-staffed, and I was tired a lot.", "Last month we ran four nights with two."]),
        ("nl", ["We hadden steeds te weinig mensen, en ik was vaak moe.", "Vorige maand draaiden we vier nachten."]),
    ],
)
def test_a_weighty_thread_in_passing_is_kept_and_returned_to(language: str, answers: list[str]) -> None:
    engine, state, replies = converse(language, answers)
    assert any(t["topic"] == "wellbeing" for t in state.threads) or any(r.move.topic == "wellbeing" for r in replies)
    done = "Meer valt er eigenlijk niet over te zeggen." if language == "nl" else "There's not much more to say."
    rest = to_the_end(engine, state, done)
    assert any(r.move.topic == "wellbeing" for r in [*replies, *rest])
    assert state.topics["wellbeing"].status != "open" or any(r.move.topic == "wellbeing" for r in rest)


@pytest.mark.parametrize(
    ("language", "story", "done", "topic"),
    [
        (
            "en",
            "In the spring the regional director toured the store with an estate agent, and nobody would tell us why.",
            "There's not much more to say about that, really.",
            "manager",
        ),
        (
            "nl",
            "In het voorjaar liep de regiodirecteur met een makelaar door de winkel, en niemand zei waarom.",
            "Meer valt er eigenlijk niet over te zeggen.",
            "manager",
        ),
    ],
)
def test_a_keyword_in_passing_does_not_cover_a_guide_topic(language: str, story: str, done: str, topic: str) -> None:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    replies = []
    for answer in ["Ik wilde iets stabielers." if language == "nl" else "I wanted something more stable.", story]:
        reply = engine.respond(state, answer)
        replies.append(reply)
        state = reply.state
    replies += to_the_end(engine, state, done)
    assert topic in _topics_asked(replies)


@pytest.mark.parametrize(
    ("language", "opener", "rich"),
    [
        (
            "nl",
            "Eerlijk gezegd vond ik de werkdruk vooral frustrerend.",
            "Ik had een klas van 31 leerlingen, waarvan zes met een eigen handelingsplan.",
        ),
        (
            "en",
            "Honestly, the workload was mostly frustrating.",
            "I had a class of 31 pupils, six of them with their own support plan.",
        ),
    ],
)
def test_an_answer_with_new_concrete_material_gets_another_follow_up_of_another_kind(
    language: str, opener: str, rich: str
) -> None:
    _, _, replies = converse(language, [opener, rich])
    assert replies[1].move.kind in ("follow_up", "reflect_and_ask")
    assert replies[1].move.topic == "workload"
    assert replies[1].move.probe != replies[0].move.probe


@pytest.mark.parametrize(
    ("language", "lead", "disclosure", "again"),
    [
        (
            "nl",
            "De sfeer in het team was niet altijd prettig.",
            "Een teamleider maakte grappen over mijn afkomst en noemde me 'onze terrorist'.",
            "Zoals ik al zei: de sfeer in het team was niet altijd prettig.",
        ),
        (
            "en",
            "There were things going on in the lab I wasn't comfortable with.",
            "My supervisor asked me to sign off results for tests that hadn't been run yet.",
            "Like I said: there were things going on in the lab I wasn't comfortable with.",
        ),
    ],
)
def test_after_a_disclosure_the_matter_is_never_probed_again(
    language: str, lead: str, disclosure: str, again: str
) -> None:
    wish = "Ik wil dat het in het verslag komt." if language == "nl" else "I'd like it on record."
    engine, state, replies = converse(language, [lead, disclosure, wish])
    assert replies[1].move.kind == "disclosure"
    assert state.incidents
    # every later answer returning to the matter is acknowledged, never probed
    later = to_the_end(engine, state, again)
    for r in later:
        assert r.move.kind not in ("follow_up", "reflect_and_ask", "contradiction"), r.messages
        assert not (r.move.target == "return_thread" and r.move.topic in state.sensitive_topics)
    assert any(r.move.preface == "disclosure_again" for r in later)


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("er eigenlijk niet over te zeggen", False),
        ("not much more to say", False),
        ("de opleiding tot intern begeleider", True),
        ("were always short-staffed", True),
    ],
)
def test_only_substantive_phrases_are_quoted(phrase: str, ok: bool) -> None:
    assert (_quotable(phrase, "nl") is not None) is ok


@pytest.mark.parametrize(
    ("language", "word", "theme"),
    [
        ("nl", "begeleider", None),
        ("nl", "teamleider", "manager"),
        ("en", "tired", "wellbeing"),
        ("nl", "moe", "wellbeing"),
        ("en", "stable", "job_security"),
    ],
)
def test_theme_words(language: str, word: str, theme: str | None) -> None:
    themes = analyse_answer(f"de {word}" if language == "nl" else f"the {word}", language).themes
    assert (themes[0] if themes else None) == theme


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "Prima."),
        ("nl", "Ik weet het niet."),
        ("nl", "Meer valt er eigenlijk niet over te zeggen."),
        ("en", "Fine."),
        ("en", "I don't know."),
        ("en", "No, there's not much behind that."),
        ("nl", "Mijn partner en de kinderen, we gaan verhuizen."),
        ("en", "My partner and the kids, we are moving."),
    ],
)
def test_every_message_passes_the_checks_without_a_logged_fallback(
    language: str, answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    with caplog.at_level(logging.WARNING, logger="spiegel.interviews.engine.interviewer"):
        replies = to_the_end(engine, state, answer)
    assert replies[-1].closed
    assert not [r for r in caplog.records if "no template passed" in r.getMessage()]
    assert len(replies) + 1 <= 35


def test_new_state_fields_round_trip() -> None:
    _, state, _ = converse(
        "en",
        [
            "There were things going on in the lab I wasn't comfortable with.",
            "My supervisor asked me to sign off results for tests that hadn't been run yet.",
        ],
    )
    restored = ConversationState.from_dict(state.to_dict())
    assert restored.to_dict() == state.to_dict()
    assert restored.disclosed_kinds == ["integrity"]
    assert restored.sensitive_words
