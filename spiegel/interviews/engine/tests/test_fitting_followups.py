"""A follow-up fits what the leaver just said: no "how often" about what never happened, no example asked right
after one was given, reassurance only for a leaver who hesitates, feelings only the leaver's own and at their own
intensity, a loss that weighed most stayed with once, and frames that agree with the leaver's words."""

from __future__ import annotations

import pytest

from spiegel.interviews.engine.fit import agree
from spiegel.interviews.engine.phrasing import TemplatePhraser
from spiegel.interviews.engine.state import Move

from .helpers import converse

# Questions that need an event that happens (how often, when last) or one the leaver has not acted on yet.
NEEDS_AN_EVENT = {"recent_example", "frequency", "own_action"}
ASKS_FOR_AN_EXAMPLE = {"example", "recent_example", "moment", "situation"}


def _last(language: str, answers: list[str]) -> Move:
    _, _, replies = converse(language, answers)
    return replies[-1].move


def _said(language: str, answers: list[str]) -> str:
    _, _, replies = converse(language, answers)
    return " ".join(replies[-1].messages)


# ------------------------------------------------------------------------- 1. no event, or already answered


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["De reorganisatie.", "Baanzekerheid was nooit een probleem."]),
        ("nl", ["Vooral de werkdruk.", "We hadden bijna nooit tijd voor een pauze."]),
        ("nl", ["De ontwikkeling.", "De cursus werd beloofd maar die kwam er nooit."]),
        ("nl", ["Het team.", "Er was nooit iemand die de nieuwe mensen inwerkte."]),
        ("en", ["Mostly development.", "The training was promised but never came."]),
        ("en", ["The pay.", "It was never a problem, the pay was fine compared to elsewhere."]),
        ("en", ["The team.", "Nobody ever helped the new people, not once."]),
        ("en", ["The workload.", "We never had time for a proper break."]),
    ],
)
def test_no_how_often_or_when_last_after_a_negation(language: str, answers: list[str]) -> None:
    assert _last(language, answers).probe not in NEEDS_AN_EVENT


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["De ontwikkeling.", "De cursus werd beloofd maar die kwam er nooit."]),
        ("nl", ["Het salaris.", "De loonsverhoging die me was toegezegd, kwam er nooit."]),
        ("en", ["Mostly development.", "The training was promised but never came."]),
        ("en", ["Mostly development.", "The mentoring they offered me at the start never happened."]),
    ],
)
def test_what_never_came_is_asked_for_its_effect(language: str, answers: list[str]) -> None:
    assert _last(language, answers).probe == "effect"


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("en", ["My manager.", "She shouted at me in front of the team.", "I went to HR and told them about it."]),
        ("en", ["The rota.", "It changed every week.", "I raised it with my team lead twice."]),
        ("nl", ["Mijn leidinggevende.", "Hij schreeuwde tegen me waar het team bij was.", "Ik ben naar HR gegaan."]),
        ("nl", ["Het rooster.", "Het veranderde elke week.", "Ik heb het twee keer bij mijn teamleider aangekaart."]),
    ],
)
def test_what_the_leaver_did_is_not_asked_after_they_told_it(language: str, answers: list[str]) -> None:
    _, _, replies = converse(language, answers)
    assert replies[-1].move.probe not in NEEDS_AN_EVENT
    assert all(r.move.probe != "own_action" for r in replies[-1:])


# ------------------------------------------------------------------------- 2. no example right after one


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["De werkdruk.", "Vorige week dinsdag moest ik bijvoorbeeld drie diensten achter elkaar draaien."]),
        ("nl", ["Het rooster.", "In maart werd mijn rooster drie keer op een dag omgegooid."]),
        ("en", ["The workload.", "For example last Tuesday I had to cover three shifts in a row."]),
        ("en", ["The rota.", "In March my rota was changed three times in one day."]),
        ("en", ["My manager.", "Last month she cancelled my leave the day before I was due to go."]),
    ],
)
def test_no_example_is_asked_right_after_one_was_given(language: str, answers: list[str]) -> None:
    assert _last(language, answers).probe not in ASKS_FOR_AN_EXAMPLE


# ------------------------------------------------------------------------- 3. reassurance only for hesitation


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["De werkdruk.", "Ik was wel een beetje moe soms."]),
        ("nl", ["Het rooster.", "Die roosters waren gewoon slecht, punt. Ik ben er klaar mee."]),
        ("nl", ["Het salaris.", "Het salaris was een beetje laag vergeleken met andere zorginstellingen."]),
        ("en", ["The workload.", "I was a bit tired at the end of most weeks."]),
        ("en", ["The rota.", "The rota was a bit of a mess, and frankly I was fed up with it."]),
        ("en", ["The pay.", "The pay was a little low for the hours we worked."]),
    ],
)
def test_no_reassurance_when_the_leaver_does_not_hesitate(language: str, answers: list[str]) -> None:
    move = _last(language, answers)
    assert move.preface != "hedge"
    assert move.probe != "behind_hedge"


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["Het team.", "Ik weet niet of ik dit mag zeggen, maar de sfeer in het team was niet goed."]),
        ("nl", ["Mijn leidinggevende.", "Tja, hoe zeg ik dit... mijn leidinggevende had zijn favorieten."]),
        ("en", ["The team.", "I'm not sure I should say this, but the atmosphere in the team was bad."]),
        ("en", ["My manager.", "Well, how do I put this... my manager had his favourites."]),
    ],
)
def test_reassurance_when_the_leaver_hesitates(language: str, answers: list[str]) -> None:
    assert _last(language, answers).preface == "hedge"


# ------------------------------------------------------------------------- 4. feelings: own, at own intensity


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("en", ["The workload.", "Two of my staff were in tears last week."]),
        ("en", ["My manager.", "My colleague was crying after the meeting with her."]),
        ("nl", ["Het team.", "Twee collega's zaten in tranen na het overleg."]),
        ("nl", ["De werkdruk.", "Een collega van mij huilde na elke nachtdienst."]),
    ],
)
def test_someone_elses_tears_are_not_the_leavers_distress(language: str, answers: list[str]) -> None:
    assert _last(language, answers).kind != "check_in"


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("en", ["The workload.", "I was in tears after the meeting last week."]),
        ("nl", ["De werkdruk.", "Ik zat in tranen na het overleg van vorige week."]),
        # tears told without anyone are the leaver's own
        ("en", ["The workload.", "Could not sleep anymore, crying every night, close to burnout."]),
        ("nl", ["De werkdruk.", "Niet meer slapen, elke avond in tranen, bijna een burn-out."]),
    ],
)
def test_the_leavers_own_tears_get_the_check_in(language: str, answers: list[str]) -> None:
    assert _last(language, answers).kind == "check_in"


@pytest.mark.parametrize(
    ("language", "answers", "inflated"),
    [
        ("en", ["The workload.", "I was a little tired by Friday, nothing serious."], "exhaust"),
        ("en", ["The workload.", "I was a bit tired at the end of most weeks."], "exhaust"),
        ("nl", ["De werkdruk.", "Ik was wel een beetje moe soms."], "uitput"),
        ("nl", ["De werkdruk.", "Op vrijdag was ik een beetje moe, meer niet."], "uitput"),
    ],
)
def test_a_little_tired_is_not_reflected_as_exhaustion(language: str, answers: list[str], inflated: str) -> None:
    assert inflated not in _said(language, answers).lower()


# ------------------------------------------------------------------------- 6. frames agree with the words


def _wordings(language: str, probe: str, quote: str) -> list[str]:
    """Every wording of a follow-up on ``quote``, in a conversation where the leaver said those words."""
    engine, state, _ = converse(language, [f"Vooral {quote}." if language == "nl" else f"Mostly {quote}."])
    move = Move("follow_up", topic="workload", probe=probe, quote=quote, language=language)
    return TemplatePhraser().candidates(move, state, engine.guide)


@pytest.mark.parametrize(
    ("language", "probe", "quote", "broken"),
    [
        ("nl", "effect", "de kinderen", "betekende de kinderen"),
        ("nl", "effect", "de nachtdiensten", "betekende de nachtdiensten"),
        ("nl", "effect", "de nieuwe roosters", "had de nieuwe roosters"),
        ("nl", "effect", "de wisselende diensten", "had de wisselende diensten"),
    ],
)
def test_no_frame_with_a_singular_verb_for_plural_words(language: str, probe: str, quote: str, broken: str) -> None:
    found = _wordings(language, probe, quote)
    assert any(quote in c for c in found), found
    assert found
    assert not any(broken in c for c in found), found


@pytest.mark.parametrize(
    ("language", "probe", "quote", "fine"),
    [
        ("nl", "effect", "de kinderen", "Wat betekenden de kinderen voor jou?"),
        ("nl", "effect", "de nieuwe roosters", "Wat betekenden de nieuwe roosters voor jou?"),
        ("nl", "effect", "het rooster", "Wat betekende het rooster voor jou?"),
        ("nl", "effect", "de keuken", "Wat betekende de keuken voor jou?"),
    ],
)
def test_a_well_formed_frame_is_still_offered(language: str, probe: str, quote: str, fine: str) -> None:
    found = _wordings(language, probe, quote)
    assert any(fine in c for c in found), found


@pytest.mark.parametrize(
    ("language", "frame", "quote", "agreed"),
    [
        ("en", "What was {q} like?", "the night shifts", "What were {q} like?"),
        ("en", "How has {q} changed?", "the rota", "How has {q} changed?"),
        (
            "en",
            "Which example of {q} has stayed with you most?",
            "the shifts",
            "Which example of {q} has stayed with you most?",
        ),
        ("en", "How has {q} changed?", "the new rules", "How have {q} changed?"),
        ("nl", "Hoe was {q} voor jou?", "de collega's", "Hoe waren {q} voor jou?"),
        ("nl", "Hoe was {q} voor jou?", "het werken in ploegen", "Hoe was {q} voor jou?"),
    ],
)
def test_a_frames_verb_agrees_with_the_leavers_words(language: str, frame: str, quote: str, agreed: str) -> None:
    assert agree(frame, quote, language) == agreed


# ------------------------------------------------------------------------- 2b. no example of one single matter


@pytest.mark.parametrize(
    ("language", "quote", "broken"),
    [
        ("nl", "de onregelmatigheidstoeslag", "voorbeeld van de onregelmatigheidstoeslag"),
        ("nl", "de baanzekerheid", "voorbeeld van de baanzekerheid"),
        ("nl", "het vertrek", "voorbeeld van het vertrek"),
        ("en", "the job security", "example of the job security"),
        ("en", "the allowance", "example of the allowance"),
    ],
)
def test_no_example_of_one_single_matter(language: str, quote: str, broken: str) -> None:
    found = _wordings(language, "example", quote)
    assert found
    assert not any(broken in c for c in found), found


@pytest.mark.parametrize(
    ("language", "quote", "fine"),
    [
        ("nl", "de nachtdiensten", "Welk voorbeeld van de nachtdiensten is je het meest bijgebleven?"),
        ("en", "the night shifts", "Which example of the night shifts has stayed with you most?"),
    ],
)
def test_an_example_of_what_recurs_is_still_asked(language: str, quote: str, fine: str) -> None:
    assert fine in _wordings(language, "example", quote)


@pytest.mark.parametrize(
    ("language", "answers", "never"),
    [
        ("nl", ["Mijn vertrek.", "Gewoon, het werd tijd."], "je vertrek"),
        ("en", ["My leaving.", "It was just time."], "your leaving"),
    ],
)
def test_the_leaving_itself_is_no_thread_to_come_back_to(language: str, answers: list[str], never: str) -> None:
    _, _, replies = converse(language, answers)
    assert not any(never in m for r in replies for m in r.messages)


# ------------------------------------------------------------------------- more: never a problem, superlatives


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["Het salaris.", "Over het salaris had ik nooit klachten, dat was prima geregeld."]),
        ("nl", ["De werktijden.", "De werktijden waren nooit een probleem voor mij."]),
        ("en", ["The pay.", "I never had any complaints about the pay, it was fine."]),
        ("en", ["The workload.", "The workload was never a problem for me."]),
    ],
)
def test_never_a_problem_about_the_topic_is_not_probed(language: str, answers: list[str]) -> None:
    move = _last(language, answers)
    assert move.kind != "follow_up" or move.topic != _last(language, answers[:1]).topic


@pytest.mark.parametrize(
    ("language", "answers", "broken"),
    [
        ("nl", ["Mijn moeder werd ziek en ik moest voor haar zorgen, dat woog het zwaarst."], "het zwaarst"),
        ("nl", ["De reorganisatie vond ik het ergst, en het rooster."], "het ergst"),
        ("en", ["The reorganisation was the worst, and the rota."], "the worst"),
    ],
)
def test_a_superlative_is_no_matter_to_name(language: str, answers: list[str], broken: str) -> None:
    _, _, replies = converse(language, [*answers, "Dat weet ik niet." if language == "nl" else "I don't know."])
    assert not any(
        f"over {broken}" in m or f"mentioned {broken}" in m or f"noemde eerder {broken}" in m
        for r in replies
        for m in r.messages
    )


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["Mijn moeder werd ziek en ik moest voor haar zorgen, dat woog het zwaarst."]),
        ("en", ["My dad got ill and I had to care for him, that weighed most."]),
    ],
)
def test_an_illness_at_home_that_weighed_most_is_stayed_with(language: str, answers: list[str]) -> None:
    assert _last(language, answers).probe == "that_period"


@pytest.mark.parametrize(
    ("language", "answers", "inflated"),
    [
        (
            "en",
            ["The rota.", "I was a bit tired at the end of most weeks, nothing serious.", "The pay was fine.", "Fine."],
            "exhaust",
        ),
        (
            "nl",
            ["Het rooster.", "Ik was wel een beetje moe soms, verder niks.", "Het salaris was prima.", "Prima."],
            "uitput",
        ),
    ],
)
def test_a_little_tired_is_not_come_back_to_as_exhaustion(language: str, answers: list[str], inflated: str) -> None:
    _, _, replies = converse(language, answers)
    assert not any(inflated in m.lower() for r in replies for m in r.messages)
