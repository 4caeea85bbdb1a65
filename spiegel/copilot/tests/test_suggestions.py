"""The co-pilot's suggestions on a person's notes: Spiegel's own understanding and turn policy read each note as
if the leaver had said it (docs/interviewing.md), while the person leads the topics. Cases in Dutch and English.

Each case states what the craft asks for after the last note — the kind of suggestion and a word that shows it
is the right probe — not the engine's exact sentence."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from spiegel.copilot.suggest import CLOSING_TOPICS, STORY, Copilot, NoteInput
from spiegel.interviews.engine import CaseContext, load_default_guide

CONTEXT = CaseContext(organisation="Zorggroep Noord", practice="De Wit", min_group_size=5, mode="interviewer")


def _copilot(language: str) -> Copilot:
    return Copilot(load_default_guide(language), CONTEXT)


def _notes(*items: tuple[str, str, str]) -> list[NoteInput]:
    return [NoteInput(key=f"n{i}", topic=topic, kind=kind, text=text) for i, (topic, kind, text) in enumerate(items)]


@dataclass(frozen=True)
class Case:
    name: str
    language: str
    notes: tuple[tuple[str, str, str], ...]
    kind: str  # the kind of suggestion: follow_up, move_on, warning
    words: tuple[str, ...] = ()  # one of these is in the suggested question (lower case)
    warning: str | None = None  # disclosure or distress


CASES = [
    # A socially easy reason: what made them start looking at all (push versus pull).
    Case("easy reason", "nl", (("", "note", "Kreeg een mooie kans bij een ander bedrijf"),), "follow_up", ("kijken",)),
    Case("easy reason", "en", (("", "note", "Got a great opportunity at another company"),), "follow_up", ("looking",)),
    # A feeling: reflect it and ask what caused it.
    Case(
        "emotion",
        "nl",
        (("manager", "note", "Vond het heel frustrerend hoe de leidinggevende met planning omging"),),
        "follow_up",
        ("frustratie",),
    ),
    Case(
        "emotion",
        "en",
        (("manager", "note", "Found it really frustrating how the manager handled the planning"),),
        "follow_up",
        ("frustration",),
    ),
    # Vague: a concrete moment or example.
    Case("vague", "nl", (("workload", "note", "Ging wel"),), "follow_up", ("moment", "voorbeeld")),
    Case("vague", "en", (("workload", "note", "It was fine"),), "follow_up", ("moment", "example")),
    # A generalisation: one recent example.
    Case(
        "generalisation",
        "nl",
        (("workload", "note", "We moesten altijd overwerken, iedereen"),),
        "follow_up",
        ("laatst", "voorbeeld"),
    ),
    Case(
        "generalisation",
        "en",
        (("workload", "note", "We always had to work overtime, everyone did"),),
        "follow_up",
        ("last", "example"),
    ),
    # Hearsay: what did they see or experience themselves.
    Case(
        "hearsay",
        "nl",
        (("collaboration", "note", "Ik hoorde dat het andere team ook klaagde over de overdracht"),),
        "follow_up",
        ("zelf",),
    ),
    Case(
        "hearsay",
        "en",
        (("collaboration", "note", "I heard that the other team complained about the handover too"),),
        "follow_up",
        ("yourself", "you see", "you experience"),
    ),
    # A decisive cue: follow that thread.
    Case(
        "decisive cue",
        "nl",
        (("", "note", "De echte reden was de reorganisatie van vorig jaar"),),
        "follow_up",
        ("reorganisatie",),
    ),
    Case(
        "decisive cue",
        "en",
        (("", "note", "The real reason was the reorganisation last year"),),
        "follow_up",
        ("reorganisation",),
    ),
    # Hedging: normalise, confidentiality, what is behind it.
    Case(
        "hedging",
        "nl",
        (("pay", "note", "Ik wil niemand zwartmaken, maar het was eigenlijk een beetje raar"),),
        "follow_up",
        ("erachter", "vrij"),
    ),
    Case(
        "hedging",
        "en",
        (("pay", "note", "I don't want to blame anyone, but it was actually a bit odd"),),
        "follow_up",
        ("behind", "freely", "confiden"),
    ),
    # A serious disclosure: stop probing, the options, what they want done.
    Case(
        "harassment",
        "nl",
        (("culture", "note", "Een collega maakte steeds seksueel getinte opmerkingen"),),
        "warning",
        ("vertrouwenspersoon",),
        "disclosure",
    ),
    Case(
        "harassment",
        "en",
        (("culture", "note", "A colleague kept making sexual remarks to her"),),
        "warning",
        ("confidential adviser",),
        "disclosure",
    ),
    Case(
        "integrity",
        "nl",
        (("processes", "note", "Ze zag dat de manager declaraties vervalste, fraude dus"),),
        "warning",
        ("huis voor klokkenluiders",),
        "disclosure",
    ),
    Case(
        "integrity",
        "en",
        (("processes", "note", "Saw the manager falsify expense claims, fraud really"),),
        "warning",
        ("huis voor klokkenluiders",),
        "disclosure",
    ),
    # Distress: check in first, offer a pause.
    Case(
        "distress",
        "nl",
        (("workload", "note", "Ik sliep niet meer en huilde elke avond, bijna burn-out"),),
        "warning",
        ("pauze",),
        "distress",
    ),
    Case(
        "distress",
        "en",
        (("workload", "note", "Could not sleep anymore, crying every night, close to burnout"),),
        "warning",
        ("break",),
        "distress",
    ),
    # A refusal typed as words: the topic is closed and the conversation moves on.
    Case(
        "refusal in words",
        "nl",
        (("manager", "note", "Over mijn leidinggevende wil ik het niet hebben"),),
        "move_on",
    ),
    Case("refusal in words", "en", (("manager", "note", "I'd rather not talk about my manager"),), "move_on"),
    # A refusal marked with the shortcut after a note on another topic: move on.
    Case(
        "refusal marked",
        "nl",
        (("manager", "note", "Leidinggevende gaf nooit feedback"), ("pay", "refusal", "")),
        "move_on",
    ),
    Case(
        "refusal marked",
        "en",
        (("manager", "note", "The manager never gave feedback"), ("pay", "refusal", "")),
        "move_on",
    ),
    # A skip marked with the shortcut: move on.
    Case("skip marked", "nl", (("", "note", "Ik wilde meer uitdaging"), ("pay", "skip", "")), "move_on"),
    Case("skip marked", "en", (("", "note", "I wanted more of a challenge"), ("pay", "skip", "")), "move_on"),
    # Several threads in one note: one is followed now, the others go on the list.
    Case(
        "several threads",
        "nl",
        (("", "note", "Het rooster, de verhuizing en mijn opleiding speelden allemaal mee"),),
        "follow_up",
        ("rooster",),
    ),
    Case(
        "several threads",
        "en",
        (("", "note", "The rota, the move and my training all played a part"),),
        "follow_up",
        ("rota",),
    ),
    # The disclosure stays on the list of warnings when the conversation goes on to another topic.
    Case(
        "after a disclosure",
        "nl",
        (
            ("culture", "note", "Een collega maakte steeds seksueel getinte opmerkingen"),
            ("workload", "note", "De werkdruk was ook te hoog, veel diensten"),
        ),
        "move_on",
    ),
    Case(
        "after a disclosure",
        "en",
        (
            ("culture", "note", "A colleague kept making sexual remarks to her"),
            ("workload", "note", "The workload was too high as well, many shifts"),
        ),
        "move_on",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.language}-{c.name}" for c in CASES])
def test_the_suggestion_after_a_note_is_what_the_craft_asks_for(case: Case) -> None:
    found, _replay = _copilot(case.language).suggest(_notes(*case.notes))
    assert found.next_kind == case.kind
    question = found.next_question.lower()
    assert question
    if case.words:
        assert any(word in question for word in case.words), question
    assert (found.current_warning.kind if found.current_warning else None) == case.warning
    if case.warning:
        assert found.current_warning is not None
        assert found.current_warning.handling == found.next_question
        assert found.current_warning.note == f"n{len(case.notes) - 1}"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Het voelde alsof niemand echt luisterde, dat was zo frustrerend"),
        ("en", "It felt like nobody really listened, it was so frustrating"),
    ],
)
def test_a_literal_quote_is_read_like_the_same_words_in_a_note(language: str, text: str) -> None:
    copilot = _copilot(language)
    quote = copilot.suggest(_notes(("culture", "quote", text)))[0]
    note = copilot.suggest(_notes(("culture", "note", text)))[0]
    assert quote.next_question and quote.next_question == note.next_question
    assert quote.topics == note.topics


def test_there_are_at_least_thirty_cases_in_both_languages() -> None:
    assert len(CASES) >= 30
    assert {c.language for c in CASES} == {"nl", "en"}
    assert sum(c.language == "nl" for c in CASES) == sum(c.language == "en" for c in CASES)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_marked_refusal_closes_only_the_topic_it_was_marked_on(language: str) -> None:
    copilot = _copilot(language)
    found, replay = copilot.suggest(
        _notes(("manager", "note", "Leidinggevende gaf nooit feedback, heel frustrerend"), ("pay", "refusal", ""))
    )
    status = {t.id: t.status for t in found.topics}
    assert (status["pay"], status["manager"]) == ("refused", "covered")
    assert "pay" in replay.state.refused and "manager" not in replay.state.refused
    assert "pay" not in found.not_covered


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_topic_counts_as_covered_only_when_a_note_was_made_on_it(language: str) -> None:
    copilot = _copilot(language)
    found, _replay = copilot.suggest(
        _notes(("", "note", "Ik wilde meer uitdaging in mijn werk"), ("workload", "skip", ""))
    )
    status = {t.id: t.status for t in found.topics}
    assert status[STORY] == "covered"
    assert status["workload"] == "skipped"
    guide_topics = [t.id for t in load_default_guide(language).ordered_topics()]
    assert found.not_covered == [t for t in guide_topics if t != "workload"] + list(CLOSING_TOPICS)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_without_notes_nothing_is_suggested_and_every_topic_is_open(language: str) -> None:
    found, replay = _copilot(language).suggest([])
    assert (found.next_kind, found.next_question, found.current_warning, replay.count) == ("", "", None, 0)
    assert all(t.status == "open" and t.notes == 0 for t in found.topics)


@pytest.mark.parametrize(
    ("language", "story", "thread"),
    [
        (
            "en",
            "I am leaving because my manager never gave feedback and the workload was far too high",
            "The workload",
        ),
        (
            "nl",
            "Ik ga weg omdat mijn leidinggevende nooit feedback gaf en de werkdruk veel te hoog was",
            "De werkdruk",
        ),
    ],
)
def test_a_second_reason_named_in_passing_stays_an_open_thread_until_a_note_is_made_on_its_topic(
    language: str, story: str, thread: str
) -> None:
    copilot = _copilot(language)
    first = copilot.suggest(_notes(("", "note", story)))[0]
    # the follow-up is on the first reason; the second waits as a thread, named once
    assert first.next_kind == "follow_up"
    assert first.threads == [thread]
    on_manager = copilot.suggest(_notes(("", "note", story), ("manager", "note", "Three years without feedback")))[0]
    assert on_manager.threads == [thread]
    on_workload = copilot.suggest(_notes(("", "note", story), ("workload", "note", "Always understaffed")))[0]
    assert on_workload.threads == []


def test_empty_notes_are_not_read() -> None:
    copilot = _copilot("nl")
    with_empty = copilot.suggest(_notes(("", "note", "Kreeg een mooie kans"), ("", "note", "   ")))[0]
    without = copilot.suggest(_notes(("", "note", "Kreeg een mooie kans")))[0]
    assert with_empty.to_dict() == without.to_dict()


def test_resuming_from_the_kept_reading_gives_the_same_suggestions_as_reading_everything() -> None:
    copilot = _copilot("en")
    notes = _notes(
        ("", "note", "Got a great opportunity elsewhere"),
        ("manager", "note", "The manager never gave feedback, really frustrating"),
        ("culture", "note", "A colleague kept making sexual remarks to her"),
        ("workload", "note", "Always overtime, every week"),
        ("pay", "refusal", ""),
    )
    _first, kept = copilot.suggest(notes[:3])
    resumed, resumed_replay = copilot.suggest(notes, kept)
    fresh, fresh_replay = copilot.suggest(notes)
    assert resumed.to_dict() == fresh.to_dict()
    assert resumed_replay.state.to_dict() == fresh_replay.state.to_dict()
    # a reading made of other notes is not used
    changed = [notes[0], NoteInput("n1", "Something else entirely", "manager"), *notes[2:]]
    assert copilot.suggest(changed, kept)[1].digest == copilot.suggest(changed)[1].digest


def test_a_long_conversation_never_makes_the_engine_close_on_its_own() -> None:
    copilot = _copilot("nl")
    topics = [t.id for t in load_default_guide("nl").ordered_topics()]
    notes = [
        NoteInput(
            f"n{i}", f"Over {topics[i % len(topics)]}: het ging om de planning en het overleg", topics[i % len(topics)]
        )
        for i in range(60)
    ]
    found, replay = copilot.suggest(notes)
    assert replay.state.closed is False
    assert found.next_question
