"""The closing summary reads like a skilled interviewer's (docs/interviewing.md, "Paraphrase, don't paste").

Conversations of our own, in both languages and several registers (terse, long, with corrections, with a topic
ruled out, with the main reason said late): the summary names the main reason first, never a topic the leaver
ruled out, never a phrase twice, never a bare noun or a fragment of the leaver's words; a point the leaver
adds goes after the main reason; what the leaver raised again and again is named as they named it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from harness.fragments import bad_fragments
from harness.personas import persona_by_id
from harness.runner import run_conversation
from harness.transport import EngineInterviewer
from spiegel.interviews.engine import Engine, load_default_guide

FILLER = {"nl": "Nee, verder niets.", "en": "No, nothing else."}
SUMMARY_KINDS = ("summary", "summary_check")


@dataclass
class Heard:
    """A conversation to its close: the summary, the read-back after a correction, and every answer."""

    summary: str
    read_back: str | None
    answers: list[str]
    points: list[str]

    @property
    def main(self) -> str:
        """The first point of the summary (before "; besides that")."""
        return _summary_list(self.summary).split(";")[0]

    @property
    def read_back_main(self) -> str:
        assert self.read_back is not None
        listed = re.split(r"(?:now reads|staat er nu): ", self.read_back)[1]
        return re.split(r";|\. ", listed)[0]


def _summary_list(message: str) -> str:
    """The points of a summary message: what stands between "what I heard:" and the question."""
    return message.split(": ", 1)[1].rsplit(". ", 1)[0]


def _heard(language: str, answers: list[str], at_summary: list[str] | None = None) -> Heard:
    engine = Engine(load_default_guide(language))
    state, _ = engine.start()
    queue, replies_to_summary = list(answers), list(at_summary or ["Ja, klopt." if language == "nl" else "Yes."])
    summary, read_back, given = "", None, []
    for _ in range(60):
        last = state.last_move.kind if state.last_move else None
        if last in (*SUMMARY_KINDS, "summary_missing") and replies_to_summary:
            answer = replies_to_summary.pop(0)
        else:
            answer = queue.pop(0) if queue else FILLER[language]
        given.append(answer)
        reply = engine.respond(state, answer)
        state = reply.state
        for message in reply.messages:
            if reply.move.kind == "summary":
                summary = message
            elif reply.move.kind == "summary_check":
                read_back = message
        if reply.closed:
            break
    assert summary, "the conversation reached no summary"
    return Heard(summary, read_back, given, list(state.summary_points))


def _doubled(text: str) -> list[str]:
    """ "your pay (the pay)", "de werkdruk (de werkdruk)": a phrase whose aside repeats its own head word."""
    found = []
    for outer, inner in re.findall(r"([\w' -]+) \(([^)]+)\)", text):
        if inner.lower().split()[-1] in outer.lower().split():
            found.append(f"{outer} ({inner})")
    return found


def _clean(heard: Heard, language: str) -> None:
    """No bad fragment of the leaver's answers, no doubled phrase, in what the summary says and records."""
    for message in (heard.summary, heard.read_back or ""):
        assert bad_fragments(message, heard.answers, language) == [], message
        assert _doubled(message) == [], message
    assert [p for p in heard.points if _doubled(p)] == []
    assert len(heard.points) == len(set(heard.points))


WAREHOUSE = {
    "en": [
        "The pick-rate screen. Every hour my numbers went up on a big screen in front of everyone.",
        "When I was slow on one pick because a pallet was broken, the team leader pointed at the screen.",
        "I also asked three times for the forklift certificate and it was refused every time.",
        "The pick-rate screen made every shift feel like a race I was losing.",
        "They said the forklift certificate was not in the budget, but others got it.",
    ],
    "nl": [
        "Het pickscherm. Elk uur kwamen mijn cijfers op een groot scherm voor iedereen.",
        "Toen ik een keer trager was door een kapotte pallet, wees de teamleider naar het scherm.",
        "Ik heb ook drie keer gevraagd om het heftruckcertificaat en dat werd steeds geweigerd.",
        "Door het pickscherm voelde elke dienst als een wedstrijd die ik verloor.",
        "Ze zeiden dat het heftruckcertificaat niet in het budget zat, maar anderen kregen het wel.",
    ],
}


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [("en", "the pick-rate screen", "the forklift certificate"), ("nl", "het pickscherm", "het heftruckcertificaat")],
)
def test_the_things_a_leaver_raised_again_and_again_are_named_and_the_first_leads(
    language: str, first: str, second: str
) -> None:
    heard = _heard(language, WAREHOUSE[language])
    assert first in heard.main
    assert second in _summary_list(heard.summary)
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        ("en", ["Honestly the thing is the pay.", "The pay was far below the market."], "your pay"),
        ("nl", ["Het salaris. Het salaris lag ver onder de markt."], "je salaris"),
        ("nl", ["De werkdruk, elke dienst te weinig mensen."], "de werkdruk"),
        ("en", ["There was a case with a client who complained, and my manager took his side."], "your manager"),
    ],
)
def test_the_main_reason_is_named_once_not_doubled_by_the_leavers_own_word(
    language: str, answers: list[str], expected: str
) -> None:
    heard = _heard(language, answers)
    assert heard.main.removeprefix("above all ").removeprefix("vooral ") == expected
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        ("nl", ["Een situatie met een collega."], "de samenwerking"),
        ("en", ["A situation with a colleague."], "working with others"),
    ],
)
def test_a_bare_or_indefinite_noun_never_stands_for_the_main_reason(
    language: str, answers: list[str], expected: str
) -> None:
    heard = _heard(language, answers)
    assert heard.main.removeprefix("above all ").removeprefix("vooral ") == expected
    assert not re.search(r"\b(?:a|an|een)\s", _summary_list(heard.summary))
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "ruled_out", "main"),
    [
        (
            "en",
            ["The pay was fine, that's not why I'm leaving. It was the night shifts, four in a row every week."],
            "pay",
            "the night shifts",
        ),
        (
            "nl",
            ["Mijn salaris was prima, daar lag het niet aan. Het was de werkdruk, elke dienst te weinig mensen."],
            "salaris",
            "de werkdruk",
        ),
    ],
)
def test_a_topic_ruled_out_in_the_story_never_appears_in_the_summary(
    language: str, answers: list[str], ruled_out: str, main: str
) -> None:
    heard = _heard(language, answers)
    assert main in heard.main
    assert ruled_out not in heard.summary.lower()
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "correction", "ruled_out", "main"),
    [
        (
            "en",
            ["Mostly the pay, I could earn more elsewhere.", "My manager never gave me feedback either."],
            "No, the pay is not why I'm leaving. It was my manager who never listened.",
            "pay",
            "your manager",
        ),
        (
            "nl",
            ["Vooral het salaris, elders verdien ik meer.", "En mijn leidinggevende gaf nooit feedback."],
            "Nee, niet vooral salaris. Het ging om mijn leidinggevende die nooit luisterde.",
            "salaris",
            "je leidinggevende",
        ),
        (
            "en",
            ["The workload, and my manager never listened to us about it."],
            "Not quite. My manager is not why I'm leaving, it was the workload.",
            "manager",
            "the workload",
        ),
        (
            "nl",
            ["De werkdruk, en mijn leidinggevende luisterde er nooit naar."],
            "Nee, mijn leidinggevende is niet waarom ik wegga. Het was de werkdruk.",
            "leidinggevende",
            "de werkdruk",
        ),
    ],
)
def test_after_a_correction_a_ruled_out_point_is_gone_and_the_main_reason_leads(
    language: str, answers: list[str], correction: str, ruled_out: str, main: str
) -> None:
    heard = _heard(language, answers, [correction])
    assert heard.read_back is not None
    assert heard.read_back_main.removeprefix("above all ").removeprefix("vooral ") == main
    assert ruled_out not in heard.read_back.lower()
    assert all(ruled_out not in p.lower() for p in heard.points)
    _clean(heard, language)


MEETINGS = {
    "en": ["My manager never listened to what we said in meetings."],
    "nl": ["Mijn leidinggevende luisterde nooit naar wat we in het overleg zeiden."],
}


@pytest.mark.parametrize(
    ("language", "addition", "main", "added"),
    [
        ("en", "Also the pay was missing.", "your manager", "your pay"),
        ("nl", "Ook het salaris ontbrak.", "je leidinggevende", "je salaris"),
        ("en", "You forgot the pay as well.", "your manager", "your pay"),
        ("nl", "Je bent ook het salaris vergeten.", "je leidinggevende", "je salaris"),
    ],
)
def test_a_point_the_leaver_adds_comes_after_the_main_reason(
    language: str, addition: str, main: str, added: str
) -> None:
    heard = _heard(language, MEETINGS[language], [addition])
    assert heard.read_back is not None
    assert heard.read_back_main.removeprefix("above all ").removeprefix("vooral ") == main
    assert added in heard.read_back.split(";", 1)[1]
    assert heard.points[0] == main
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "main"),
    [
        (
            "en",
            [
                "I wanted something new.",
                "The hours were long.",
                "The real reason was the reorganisation last spring, when my whole department was merged.",
            ],
            "the reorganisation",
        ),
        (
            "nl",
            [
                "Ik wilde iets nieuws.",
                "De dagen waren lang.",
                "De echte reden was de reorganisatie vorig voorjaar, toen mijn hele afdeling werd samengevoegd.",
            ],
            "de reorganisatie",
        ),
    ],
)
def test_a_main_reason_said_late_still_leads_the_summary(language: str, answers: list[str], main: str) -> None:
    heard = _heard(language, answers)
    assert main in heard.main
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "expected"),
    [
        (
            "en",
            ["Workload.", "Too much work.", "Don't know.", "No.", "Fine.", "Nothing.", "No."],
            "Let me sum up what I heard: above all the workload",
        ),
        (
            "nl",
            ["Werkdruk.", "Te veel.", "Weet niet.", "Nee.", "Prima.", "Niks.", "Nee."],
            "Ik vat kort samen wat ik hoorde: vooral de werkdruk",
        ),
    ],
)
def test_terse_answers_give_a_modest_theme_phrase_first(language: str, answers: list[str], expected: str) -> None:
    heard = _heard(language, answers)
    assert heard.summary.startswith(expected)
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "missing", "follow"),
    [
        ("en", ["My manager never listened to us."], "You missed something.", "No, nothing else."),
        ("nl", ["Mijn leidinggevende luisterde nooit naar ons."], "Je hebt iets gemist.", "Nee, verder niets."),
    ],
)
def test_a_reply_that_names_nothing_is_never_pasted_into_the_summary(
    language: str, answers: list[str], missing: str, follow: str
) -> None:
    heard = _heard(language, answers, [missing, follow])
    assert follow not in heard.points
    assert all(follow not in m for m in (heard.read_back or "",))
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "confirm", "thing"),
    [
        (
            "en",
            ["What really tipped it was the night rota they introduced in spring."],
            "Yes, that's right. The night rota was the main thing.",
            "the night rota",
        ),
        (
            "nl",
            [
                "Wat echt de doorslag gaf, was het nachtrooster dat ze in het voorjaar invoerden.",
                "En mijn leidinggevende gaf nooit feedback.",
            ],
            "Ja, klopt. Het nachtrooster was het belangrijkste.",
            "het nachtrooster",
        ),
    ],
)
def test_a_thing_confirmed_as_the_main_one_is_named_once_and_first(
    language: str, answers: list[str], confirm: str, thing: str
) -> None:
    """Said back after the confirmation when that changed the summary, else as the summary already had it."""
    heard = _heard(language, answers, [confirm])
    last = heard.read_back or heard.summary
    listed = re.split(r"(?:now reads|staat er nu|what I heard|wat ik hoorde): ", last)[1]
    assert thing in listed.split(";")[0]
    assert listed.count(thing) == 1, last
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "withdraw", "gone"),
    [("en", "Please take that out.", "forklift"), ("nl", "Haal dat er maar uit.", "heftruck")],
)
def test_a_thing_from_an_answer_the_leaver_took_out_is_not_counted_again(
    language: str, withdraw: str, gone: str
) -> None:
    heard = _heard(language, [*WAREHOUSE[language], withdraw])
    assert gone not in heard.summary.lower()
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "ruled_out"),
    [
        (
            "en",
            [
                "Mostly the pay.",
                "Actually, the pay is not why I'm leaving. It's the planning, a different rota every week.",
            ],
            "pay",
        ),
        (
            "nl",
            [
                "Vooral het salaris.",
                "Nou, eigenlijk is het salaris niet waarom ik wegga. Het is de planning, elke week een ander rooster.",
            ],
            "salaris",
        ),
    ],
)
def test_a_first_reason_the_leaver_later_rules_out_is_not_in_the_summary(
    language: str, answers: list[str], ruled_out: str
) -> None:
    heard = _heard(language, answers)
    assert ruled_out not in heard.summary.lower()
    assert all(ruled_out not in p.lower() for p in heard.points)
    _clean(heard, language)


@pytest.mark.parametrize(
    ("language", "answers", "correction", "expected"),
    [
        (
            "en",
            [
                "My manager, the team leader, and the night shifts.",
                "The night shifts were killing me, three weeks of nights in a row.",
            ],
            "No, the night shifts were the real reason, not my manager.",
            "So it now reads: above all the night shifts.",
        ),
        (
            "nl",
            [
                "Mijn leidinggevende, en de nachtdiensten.",
                "De nachtdiensten sloopten me, drie weken achter elkaar nachten.",
            ],
            "Nee, de nachtdiensten waren de echte reden, niet mijn leidinggevende.",
            "Dan staat er nu: vooral de nachtdiensten.",
        ),
    ],
)
def test_a_correction_read_back_names_the_thing_without_its_theme_again(
    language: str, answers: list[str], correction: str, expected: str
) -> None:
    heard = _heard(language, answers, [correction])
    assert heard.read_back is not None and expected in heard.read_back
    _clean(heard, language)


def test_a_thing_told_as_the_example_of_the_main_reason_stands_beside_it() -> None:
    """The simulated warehouse leaver: "better money elsewhere", then the night premium cut (asked about the pay)
    and wanting it back: the pay with the night premium beside it, not as a separate point."""
    result = run_conversation(persona_by_id("en-warehouse"), EngineInterviewer())
    summary = next(t for role, t in result.transcript if role == "interviewer" and t.startswith("Let me sum up"))
    assert summary.startswith("Let me sum up what I heard: above all your pay (the night premium); besides that,")
    assert summary.count("night premium") == 1


@pytest.mark.parametrize(
    ("language", "answers", "aside"),
    [
        (
            "nl",
            [
                "Het salaris. Mijn salaris lag ver onder de markt.",
                "In maart schrapten ze de nachttoeslag, zonder overleg.",
                "Door de nachttoeslag draaide ik nog nachten.",
            ],
            "(de nachttoeslag)",
        ),
    ],
)
def test_a_thing_told_with_a_theme_of_its_own_is_not_put_beside_another_topic(
    language: str, answers: list[str], aside: str
) -> None:
    heard = _heard(language, answers)
    assert aside not in heard.summary
    assert "de nachttoeslag" in heard.summary
    _clean(heard, language)
