"""Every trigger of docs/interviewing.md, in Dutch and English: the move chosen and the text produced."""

from __future__ import annotations

import itertools

import pytest

from spiegel.interviews.engine import check_question

from .helpers import converse, to_the_end

VAGUE_PROBES = {"example", "moment", "practice", "situation"}


def assert_good_question(reply_text: str, min_words: int = 3) -> None:
    assert reply_text.count("?") == 1
    assert len(reply_text.split()) >= min_words
    assert len(reply_text.split()) <= 35


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [("nl", "Ging wel.", "Weet niet."), ("en", "It was okay.", "Dunno.")],
)
def test_vague_answer_gets_a_concrete_probe_then_a_different_one_then_is_accepted(
    language: str, first: str, second: str
) -> None:
    _, _, replies = converse(language, [first])
    move = replies[0].move
    assert move.kind == "follow_up"
    assert move.probe in VAGUE_PROBES
    assert '"' not in replies[0].messages[0]  # "ging wel" is not worth quoting back
    assert_good_question(replies[0].messages[0])

    _, _, replies = converse(language, ["Het werk zelf." if language == "nl" else "The work itself.", second])
    # a thin answer on a topic: probe; the next thin answer on the same topic: accept and move on
    _, _state, replies = converse(language, [first, second])
    assert replies[1].move.kind == "bridge"
    assert replies[1].move.preface == "accept"
    assert replies[1].move.topic != replies[0].move.topic


@pytest.mark.parametrize(
    ("language", "answers"),
    [("nl", ["Ik weet het niet.", "Prima.", "Geen idee."]), ("en", ["I don't know.", "Fine.", "No idea."])],
)
def test_consecutive_vague_probes_differ_in_kind(language: str, answers: list[str]) -> None:
    _, _, replies = converse(language, answers)
    probes = [r.move.probe for r in replies if r.move.kind == "follow_up"]
    assert len(probes) >= 2
    assert all(a != b for a, b in itertools.pairwise(probes))


@pytest.mark.parametrize(
    ("language", "answer", "quote", "practice_reply"),
    [
        ("nl", "De communicatie.", "de communicatie", "Dat liep gewoon niet lekker."),
        ("en", "The communication.", "the communication", "It just did not go well."),
    ],
)
def test_theme_without_detail_asks_for_practice_then_one_situation(
    language: str, answer: str, quote: str, practice_reply: str
) -> None:
    _, _, replies = converse(language, [answer, practice_reply])
    first = replies[0]
    assert first.move.kind == "follow_up"
    assert first.move.probe == "practice"
    assert first.move.topic == "collaboration"
    # the leaver's complete noun phrase is offered back as part of the sentence, never as a quote
    assert quote in first.messages[0]
    assert '"' not in first.messages[0]
    assert replies[1].move.probe == "situation"
    assert replies[1].move.topic == "collaboration"


@pytest.mark.parametrize(
    ("language", "answer", "then", "phrase"),
    [
        ("nl", "Ik kreeg een mooie kans bij een ander bedrijf.", "Het voelde gewoon goed.", "mooie kans"),
        ("en", "I got a great opportunity elsewhere.", "It just felt right.", "great opportunity"),
    ],
)
def test_socially_easy_reason_asks_what_started_the_search_then_the_decisive_moment(
    language: str, answer: str, then: str, phrase: str
) -> None:
    _, _, replies = converse(language, [answer, then])
    assert replies[0].move.probe == "push_pull"
    assert phrase in replies[0].messages[0]
    assert replies[1].move.probe == "decisive_moment"


@pytest.mark.parametrize(
    ("language", "answer", "feeling"),
    [
        ("nl", "Ik was heel teleurgesteld in hoe het ging met mijn leidinggevende.", "teleurstelling"),
        ("en", "I was really disappointed in how things went with my manager.", "disappointment"),
    ],
)
def test_emotion_is_reflected_in_one_sentence_then_its_cause_asked(language: str, answer: str, feeling: str) -> None:
    _, _, replies = converse(language, [answer])
    move = replies[0].move
    text = replies[0].messages[0]
    assert move.kind == "reflect_and_ask"
    assert move.probe == "cause_of_feeling"
    assert feeling in text
    reflection, question = text.split(". ", 1)
    assert feeling in reflection
    assert question.endswith("?")


@pytest.mark.parametrize(
    ("language", "answer", "confidential"),
    [
        ("nl", "Het was eigenlijk een beetje lastig, ik wil niemand zwartmaken.", "gedeeld"),
        ("en", "It was kind of difficult, I don't want to badmouth anyone.", "shared"),
    ],
)
def test_hedging_is_normalised_with_confidentiality_and_gently_asked_about(
    language: str, answer: str, confidential: str
) -> None:
    _, _, replies = converse(language, [answer])
    move = replies[0].move
    assert move.kind == "reflect_and_ask"
    assert move.probe == "behind_hedge"
    assert move.preface == "hedge"
    assert confidential in replies[0].messages[0]
    assert replies[0].messages[0].count("?") == 1


@pytest.mark.parametrize(
    ("language", "answer", "example"),
    [
        ("nl", "De planning was er nooit op tijd als het druk was.", "Vorige week nog, op dinsdag."),
        ("en", "The planning was never ready in time when it was busy.", "Last week, on Tuesday."),
    ],
)
def test_generalisation_asks_for_a_recent_example_then_how_often(language: str, answer: str, example: str) -> None:
    _, _, replies = converse(language, [answer, example])
    assert replies[0].move.probe == "recent_example"
    assert any(w in replies[0].messages[0] for w in (("laatst", "recent") if language == "nl" else ("last", "recent")))
    assert '"' not in replies[0].messages[0]
    assert replies[1].move.probe == "frequency"
    assert ("vaak" if language == "nl" else "often") in replies[1].messages[0]


@pytest.mark.parametrize(
    ("language", "answer", "own"),
    [
        ("nl", "Ik hoorde dat er ontslagen gaan vallen.", ("zelf", "eigen")),
        ("en", "I heard that there will be layoffs.", ("yourself", "your own")),
    ],
)
def test_hearsay_asks_what_they_saw_themselves(language: str, answer: str, own: tuple[str, str]) -> None:
    _, _, replies = converse(language, [answer])
    text = replies[0].messages[0]
    assert replies[0].move.probe == "own_experience"
    assert replies[0].move.topic == "job_security"
    assert any(word in text for word in own)
    # in the interviewer's own words: nothing of what was heard is pasted back
    assert '"' not in text
    assert ("ontslagen" not in text.lower()) and ("layoffs" not in text.lower())


@pytest.mark.parametrize(
    ("language", "earlier", "now"),
    [
        ("nl", "De sfeer was heel goed.", "De sfeer was slecht."),
        ("en", "The atmosphere was really good.", "The atmosphere was bad."),
    ],
)
def test_contradiction_puts_both_sides_side_by_side_in_own_words(language: str, earlier: str, now: str) -> None:
    _, _, replies = converse(language, [earlier, now])
    move = replies[1].move
    text = replies[1].messages[0]
    assert move.kind == "contradiction"
    # both sides in the interviewer's words: the topic, earlier and now; nothing pasted
    assert ("de sfeer" if language == "nl" else "the atmosphere") in text.lower()
    assert ("eerder" if language == "nl" else "earlier") in text.lower()
    assert '"' not in text
    assert earlier.rstrip(".").lower() not in text.lower()


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        ("nl", "De werkdruk was te hoog en mijn salaris was ook laag, en ik had weinig contact met mijn collega's."),
        ("en", "The workload was too high and my salary was low, and I had little contact with my colleagues."),
    ],
)
def test_several_threads_follow_one_and_return_to_the_others(language: str, answer: str) -> None:
    engine, state, replies = converse(language, [answer])
    assert replies[0].move.topic == "workload"
    assert [t["topic"] for t in state.threads] == ["pay", "collaboration"]
    later = to_the_end(engine, state, "Geen idee." if language == "nl" else "No idea.")
    returned = [r.move for r in later if r.move.target == "return_thread"]
    assert [m.topic for m in returned] == ["pay", "collaboration"]
    assert all(m.quote for m in returned)


@pytest.mark.parametrize(
    ("language", "answer", "role", "name"),
    [
        ("nl", "Mijn teamleider Jan deed moeilijk.", "je teamleider", "Jan"),
        ("en", "My manager Sarah was difficult.", "your manager", "Sarah"),
    ],
)
def test_named_person_is_asked_about_behaviour_and_effect_without_the_name(
    language: str, answer: str, role: str, name: str
) -> None:
    _, _, replies = converse(language, [answer])
    assert replies[0].move.probe == "behaviour_effect"
    assert role in replies[0].messages[0]
    assert name not in replies[0].messages[0]


@pytest.mark.parametrize(
    ("language", "answer", "adviser"),
    [
        ("nl", "Ik werd gepest door een collega en niemand deed er iets aan.", "vertrouwenspersoon"),
        ("en", "I was sexually harassed by a colleague and nobody did anything.", "confidential adviser"),
    ],
)
def test_serious_disclosure_stops_probing_explains_options_asks_wishes_and_flags(
    language: str, answer: str, adviser: str
) -> None:
    _, state, replies = converse(language, [answer])
    reply = replies[0]
    assert reply.move.kind == "disclosure"
    assert adviser in reply.messages[0]
    assert [f.kind for f in reply.flags] == ["disclosure"]
    assert state.flags == reply.flags
    assert reply.flags[0].excerpt.startswith(answer[:15])

    engine, state, replies = converse(
        language, [answer, "Ik wil dat het gemeld wordt." if language == "nl" else "I want it reported."]
    )
    after = replies[1]
    # the wish said back in plain words (test_disclosure_wish_kinds.py) instead of a bare "recorded"
    assert after.move.preface is None
    assert after.messages[0].startswith("Helder: je wilt dat" if language == "nl" else "Understood: you want")
    assert state.disclosure_wishes == [state.answers[1]["text"]]
    # the disclosed topic is never probed for detail afterwards
    disclosed = reply.move.topic
    rest = to_the_end(engine, state, "Weet ik niet." if language == "nl" else "I don't know.")
    assert all(r.move.topic != disclosed for r in rest)


@pytest.mark.parametrize(
    ("language", "refusal", "distress"),
    [
        ("nl", "Daar wil ik niet over praten.", "Ik moet er nog steeds van huilen, het doet pijn."),
        ("en", "I don't want to talk about that.", "I'm crying, it's still painful."),
    ],
)
def test_refusal_is_acknowledged_and_never_returned_to_and_distress_gets_a_check_in(
    language: str, refusal: str, distress: str
) -> None:
    opener = "Vooral mijn leidinggevende." if language == "nl" else "Mostly my manager."
    engine, state, replies = converse(language, [opener, refusal])
    assert replies[0].move.topic == "manager"
    assert replies[1].move.kind == "refusal_ack"
    assert replies[1].move.topic != "manager"
    assert replies[1].flags == []
    assert not replies[1].closed
    rest = to_the_end(engine, state, "Prima." if language == "nl" else "Fine.")
    assert all(r.move.topic != "manager" for r in rest)

    # distress: one warm acknowledgement and a check-in with the offer of a pause, before anything else
    engine, state, replies = converse(language, [opener, distress])
    assert replies[1].move.kind == "check_in"
    assert [f.kind for f in replies[1].flags] == ["distress"]
    text = replies[1].messages[0].lower()
    assert ("hoe gaat het nu met je" if language == "nl" else "how are you") in text
    assert ("pauze" if language == "nl" else "break") in text
    assert text.count("?") == 1
    rest = to_the_end(engine, state, "Het gaat wel." if language == "nl" else "I'm okay.")
    assert all(r.move.topic != "manager" for r in rest)


@pytest.mark.parametrize(("language", "skip"), [("nl", "volgende onderwerp"), ("en", "next topic")])
def test_skip_request_skips_the_topic_and_does_not_end_the_interview(language: str, skip: str) -> None:
    opener = "Vooral de werkdruk." if language == "nl" else "Mostly the workload."
    _, state, replies = converse(language, [opener, skip])
    assert replies[1].move.kind == "skip_ack"
    assert not replies[1].closed
    assert state.topics["workload"].status == "skipped"
    assert replies[1].move.topic not in (None, "workload")


@pytest.mark.parametrize(
    ("language", "answer"),
    [
        (
            "nl",
            "Vorige maand moest ik drie weekenden werken omdat er twee mensen ontbraken, "
            "daardoor was ik veel minder thuis.",
        ),
        ("en", "Last month I had to work three weekends because two people were missing, so I was home much less."),
    ],
)
def test_saturated_topic_moves_on_with_a_short_bridge(language: str, answer: str) -> None:
    opener = "Vooral de werkdruk." if language == "nl" else "Mostly the workload."
    first = "Dat was echt te veel." if language == "nl" else "It was just too much."
    _, state, replies = converse(language, [opener, first, answer])
    # example (last month, three weekends), cause (because) and effect (so I) are all known
    assert set(state.topics["workload"].known) == {"example", "cause", "effect"}
    last = replies[-1]
    assert last.move.kind == "bridge"
    assert last.move.topic != "workload"
    preface = last.messages[0].split(". ")[0] if ". " in last.messages[0] else ""
    assert 1 <= len(preface.split()) <= 8


@pytest.mark.parametrize(("language", "near"), [("nl", ("bijna", "paar vragen")), ("en", ("almost", "few more"))])
def test_fatigue_says_the_end_is_near_and_skips_optional_topics(language: str, near: tuple[str, str]) -> None:
    dont_know = "Weet ik niet." if language == "nl" else "I don't know."
    opener = (
        "Ik vond het werk zelf niet meer uitdagend genoeg na al die jaren."
        if language == "nl"
        else "I no longer found the work itself challenging enough after all those years."
    )
    engine, _state, replies = converse(language, [opener, dont_know, dont_know, dont_know])
    tired = [r for r in replies if r.move.preface == "near_end"]
    assert len(tired) == 1
    assert any(n in tired[0].messages[0] for n in near)
    assert tired[0].state.fatigue
    rest = to_the_end(engine, tired[0].state, dont_know)
    assert all(r.move.topic not in ("conditions", "job_security") for r in rest)
    assert rest[-1].closed


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_trigger_reply_passes_the_question_checks_of_its_own_state(language: str) -> None:
    _engine, _state, replies = converse(
        language,
        ["Ik kreeg een mooie kans." if language == "nl" else "I got a great opportunity."],
    )
    reply = replies[0]
    # checked against the state before the message was added
    previous = reply.state.copy()
    previous.said = previous.said[:-1]
    assert check_question(reply.messages[0], reply.move, previous) == []
