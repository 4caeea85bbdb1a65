"""The fragment check: the bad questions of issue 11 are caught, paraphrases and whole phrases pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.fragments import bad_fragments

BAD = [
    ('Wat deed "dat heb ik toch al verteld" met jou?', ["Dat heb ik toch al verteld?"]),
    (
        'Tell me about a moment when "old manager see it" really showed.',
        ["Who will read this? Will my old manager see it?"],
    ),
    ('Let me sum up what I heard: "old manager see it".', ["Who will read this? Will my old manager see it?"]),
    ('Wat deed "ik ben niet boos hoor" met jou?', ["Ik ben niet boos hoor, praten kan geen kwaad."]),
    (
        'Bij "het salaris was gewoon te laag voor wat": welk moment komt dan als eerste bij je op?',
        ["Het salaris was gewoon te laag voor wat we moesten doen."],
    ),
    (
        'Hoe merkte je "mijn teamleider wil ik het niet hebben" in je dagelijkse werk?',
        ["Over mijn teamleider wil ik het niet hebben."],
    ),
    (
        'I would like to come back to "my boss out of this please". What did you mean by that?',
        ["Leave my boss out of this please."],
    ),
    ('Wat deed "het nieuwe" met jou?', ["Het nieuwe rooster was een ramp."]),
    ("Tell me about a moment when old manager see it really showed.", ["Will my old manager see it?"]),
    ("Je vertelde over mijn teamleider. Wat gebeurde er toen?", ["Mijn teamleider deed raar."]),
    ('Earlier you said "single shift". Tell me a bit more about that.', ["We were always behind, every single shift."]),
    (
        'Tell me about a moment when "wasn\'t stressed or anything" really showed.',
        ["I wasn't stressed or anything, just bored with the work."],
    ),
    (
        'Je zei "waarom wil je dat eigenlijk weten". Wat is daar een concreet voorbeeld van?',
        ["Waarom wil je dat eigenlijk weten?"],
    ),
]

GOOD = [
    ("Je vertelde over het nieuwe rooster. Wat gebeurde er toen?", ["Het nieuwe rooster was echt een ramp voor mij."]),
    (
        "You mentioned the reorganisation last year. What happened then?",
        ["The reorganisation last year changed everything for our team."],
    ),
    ("Tell me more about the new rota. What changed for you?", ["the new rota changed everything"]),
    ('Tell me more about "the new rota".', ["Honestly the new rota was the worst part."]),
    ("Wat maakte de nachtdienst in maart zo zwaar?", ["Die nachtdienst in maart was zwaar."]),
    ("Je had geen tijd meer voor je patiënten. Hoe was dat voor je?", ["Ik had geen tijd meer voor mijn patiënten."]),
    ("Sorry, dat had je al verteld. Hoe was de samenwerking met je collega's?", ["Dat heb ik toch al verteld?"]),
    ("That's fine, we'll leave that. How did you experience the workload?", ["I'd rather not talk about my manager."]),
    ('You can say "next" to skip a topic. What brought you to the decision to leave?', ["next"]),
    ("Hoe ervoer je de werkdruk?", ["De werkdruk was gewoon veel te hoog."]),
    (
        "Ik vat kort samen wat ik hoorde: het salaris en het rooster. Wat wil je aanvullen?",
        ["Het salaris was te laag, en het rooster was ook niet fijn."],
    ),
    ("It is very normal to be careful here. What is behind that for you?", ["No, there's not much behind that."]),
]


@pytest.mark.parametrize(("question", "answers"), BAD)
def test_a_cut_out_or_meta_fragment_is_reported(question: str, answers: list[str]) -> None:
    assert len(bad_fragments(question, answers)) == 1


@pytest.mark.parametrize(("question", "answers"), GOOD)
def test_a_paraphrase_or_a_whole_phrase_passes(question: str, answers: list[str]) -> None:
    assert bad_fragments(question, answers) == []


def test_the_reasons_name_what_is_wrong() -> None:
    (told,) = bad_fragments('Wat deed "dat heb ik toch al verteld" met jou?', ["Dat heb ik toch al verteld?"])
    assert told.startswith('"dat heb ik toch al verteld": ')
    assert "quotes meta-talk (al verteld)" in told
    assert "first person" in told
    (manager,) = bad_fragments(
        'Tell me about a moment when "old manager see it" really showed.', ["Will my old manager see it?"]
    )
    assert "starts inside a phrase (cut after 'my')" in manager


def test_a_quote_that_is_not_from_an_answer_is_not_judged() -> None:
    assert bad_fragments('Zeg gerust "volgende" als je een onderwerp wilt overslaan.', ["Het ging om de sfeer."]) == []


def test_no_answers_means_nothing_to_paste() -> None:
    assert bad_fragments('Wat deed "dat" met jou?', []) == []
    assert bad_fragments("", ["iets"]) == []


@given(st.text(max_size=120), st.lists(st.text(max_size=120), max_size=3))
def test_any_unicode_gives_a_list_of_reasons(question: str, answers: list[str]) -> None:
    found = bad_fragments(question, answers)
    assert all(isinstance(f, str) and ": " in f for f in found)


def test_a_quoted_function_word_is_reported_as_cut() -> None:
    assert bad_fragments("„Wat” is dit?", ["Wat is dit nou?"]) == [
        "\"Wat\": starts inside a phrase (on 'wat'); ends inside a phrase (on 'wat')"
    ]


# A reflection frame ("You mentioned X.", "Je vertelde over X.", "About X:") offers X back as a thing the leaver
# named. X must be a definite, whole noun phrase of the leaver's: not a clause, not cut before the rest of its
# phrase, not one of many ("a course"), and a question about its cause or how often it happened needs an event.
REFLECTION_BAD = [
    ("You mentioned the other firm offers. What effect did that have on you?", ["The other firm offers more money."]),
    ("Je noemde de nieuwe baan betaalt. Hoe zag dat er in de praktijk uit?", ["De nieuwe baan betaalt gewoon beter."]),
    ("About a course: which example comes to mind first?", ["They never offered me a course in three years."]),
    ("Je vertelde over een cursus. Wat is daar een concreet voorbeeld van?", ["Ik heb nooit een cursus gekregen."]),
    ("Over de techniek: welk voorbeeld komt als eerste bij je op?", ["Het salaris was prima voor de techniek."]),
    ("You mentioned the kitchen. What do you think caused that?", ["I mostly worked in the kitchen at night."]),
    ("Je vertelde over het kantoor. Hoe vaak kwam dat voor?", ["Ik zat vooral op het kantoor in Utrecht."]),
    ("You mentioned the team lead quit. What did that look like in practice?", ["Then the team lead quit."]),
    ("Earlier you mentioned the depot manager shouted. What did that look like?", ["The depot manager shouted."]),
]

REFLECTION_GOOD = [
    ("You mentioned the night shifts. What effect did that have on you?", ["The night shifts were killing me."]),
    ("Je vertelde over het nieuwe rooster. Hoe zag dat er in de praktijk uit?", ["Het nieuwe rooster klopte nooit."]),
    ("You mentioned the merger. What do you think caused that?", ["After the merger nothing was the same."]),
    ("Je vertelde over de verhuizing. Hoe vaak kwam dat voor?", ["Door de verhuizing had ik twee uur reistijd."]),
    ("You mentioned your pay. What did that look like in practice?", ["My pay had not gone up in years."]),
    ("Je noemde je salaris. Hoe zag dat er in de praktijk uit?", ["Mijn salaris bleef achter, vond ik."]),
    ("Earlier you mentioned the planning software. What did that look like?", ["I hated the planning software."]),
]


@pytest.mark.parametrize(("question", "answers"), REFLECTION_BAD)
def test_a_reflection_of_a_clause_a_cut_phrase_or_a_thing_asked_as_an_event_is_reported(
    question: str, answers: list[str]
) -> None:
    assert len(bad_fragments(question, answers)) == 1


@pytest.mark.parametrize(("question", "answers"), REFLECTION_GOOD)
def test_a_reflection_of_a_whole_definite_phrase_passes(question: str, answers: list[str]) -> None:
    assert bad_fragments(question, answers) == []


def test_a_reflection_problem_says_what_is_wrong() -> None:
    (course,) = bad_fragments("About a course: which example comes to mind first?", ["I never got a course."])
    assert "offers back an indefinite phrase ('a course')" in course
    (offers,) = bad_fragments("You mentioned the firm offers. What happened then?", ["The firm offers bigger bonuses."])
    assert "puts a clause where a noun belongs; cut before 'bigger'" in offers
    (kitchen,) = bad_fragments("You mentioned the kitchen. What do you think caused that?", ["I was in the kitchen."])
    assert "asks what caused a thing that is no event ('the kitchen')" in kitchen


# Saying back "earlier" / "eerder": the phrase must still be a whole phrase that names a matter, not the rest of a
# clause ("pays"), an adjective that lost its noun ("het tijdelijk"), or a word that names nothing ("het eind").
EARLIER_BAD = [
    (
        "Eerder had je het ook over het tijdelijk. Hoe zag dat er in de praktijk uit?",
        ["Ik vond het tijdelijk wel prima, maar niet voor altijd."],
        "offers back an adjective without its noun ('het tijdelijk')",
    ),
    (
        "Je noemde eerder het lastig. Hoe zag dat eruit?",
        ["Ik vond het lastig om dat te zeggen."],
        "offers back an adjective without its noun ('het lastig')",
    ),
    (
        "You said earlier that pays. What did that look like for you?",
        ["I want a job that pays."],
        "offers back the rest of a clause ('pays')",
    ),
    (
        "Eerder had je het ook over het eind. Welk voorbeeld staat je daarvan bij?",
        ["Aan het eind van de maand was het geld op."],
        "offers back a word that names no matter ('het eind')",
    ),
    (
        "Earlier you mentioned a case. What did that look like?",
        ["It was a case of too little staff."],
        "offers back a word that names no matter ('a case')",
    ),
    (
        "Earlier you said the careless. How did you notice that?",
        ["Sometimes the careless get promoted."],
        "offers back an adjective without its noun ('the careless')",
    ),
]

EARLIER_GOOD = [
    ("Je zei eerder dat het rooster steeds veranderde. Hoe merkte je dat?", ["Het rooster steeds veranderde, echt."]),
    ("You said earlier that the pay was low. How did you notice that?", ["Honestly the pay was low."]),
    ("Eerder had je het ook over het tijdelijke contract. Hoe zag dat eruit?", ["Het tijdelijke contract liep af."]),
    ("Earlier you mentioned the overtime. What did that look like?", ["The overtime was endless."]),
]


@pytest.mark.parametrize(("question", "answers", "reason"), EARLIER_BAD)
def test_saying_back_earlier_words_reports_a_clause_rest_a_lone_adjective_or_an_empty_word(
    question: str, answers: list[str], reason: str
) -> None:
    (found,) = bad_fragments(question, answers)
    assert reason in found


@pytest.mark.parametrize(("question", "answers"), EARLIER_GOOD)
def test_saying_back_earlier_a_whole_phrase_or_a_reported_clause_passes(question: str, answers: list[str]) -> None:
    assert bad_fragments(question, answers) == []


def test_saying_back_a_phrase_with_a_demonstrative_passes() -> None:
    answers = ["Met die nieuwe planningssoftware ging alles mis."]
    assert (
        bad_fragments("Ik wil nog even terugkomen op die nieuwe planningssoftware. Wat gebeurde daar?", answers) == []
    )
