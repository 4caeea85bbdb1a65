"""What the leaver asks about a serious matter and about their own words is honoured on the first ask
(docs/interviewing.md, "What kind of turn is this?"; docs/privacy.md, "What leaves the conversation"):

- declining escalation after a disclosure ("ik wil niet dat dit naar een vertrouwenspersoon gaat") is
  acknowledged and confirmed, with what really happens with what was told; the wish is recorded with the flag;
- "haal dat er maar uit" / "please take that out": the answer is marked private for the mirror, never
  followed up, reflected or summarised, and the leaver is told they will see it as private;
- a request to talk about a topic in the middle of a thread is taken at once, without an apology for a
  repeat or a question that makes the leaver tell again what they told;
- a frame that asks what something meant or what effect it had takes a topic or a situation, never a
  concrete object ("Wat betekende de auto voor jou?").
"""

from __future__ import annotations

import pytest

from spiegel.interviews.engine import ConversationState, load_default_guide
from spiegel.interviews.engine.phrasing import TemplatePhraser
from spiegel.interviews.engine.requests import read_request
from spiegel.interviews.engine.state import Move
from spiegel.interviews.engine.withdrawals import read_withdrawal
from spiegel.interviews.engine.wording import options

from .helpers import converse, to_the_end

DISCLOSURE = {
    "nl": "Mijn leidinggevende maakte steeds seksuele opmerkingen over mijn lichaam en zat aan me.",
    "en": "My manager kept making sexual comments about my body and touched me.",
}
DECLINED = {
    "nl": (
        "Helder, dat respecteer ik: ik meld het nergens. Wel ziet Spiegel dat je dit vertelde, met jouw wens "
        "erbij; de organisatie krijgt je woorden hierover niet te zien. Als je straks ziet wat ik heb genoteerd, "
        "kun je het ook op privé zetten."
    ),
    "en": (
        "Understood, and I respect that: I will not report it anywhere. Spiegel does see that you told me this, "
        "with your wish alongside it; the organisation does not get to see your words about it. When you see what "
        "I noted afterwards, you can also keep it private."
    ),
}
RECORDED = {
    "nl": ("Dat heb ik vastgelegd; een mens kijkt hier zorgvuldig naar.", "het wordt zorgvuldig opgepakt"),
    "en": ("I have recorded that; a person will look at it carefully.", "it will be handled with care"),
}


# ---------------------------------------------------------------------------------- declining escalation


@pytest.mark.parametrize(
    ("language", "wish"),
    [
        ("nl", "Ik wil niet dat dit naar een vertrouwenspersoon gaat."),
        ("nl", "Nee, ik wil er niks mee. Ik wilde het alleen kwijt."),
        ("nl", "Liever niet melden, laat maar rusten."),
        ("nl", "Ik wil niet dat er iets mee gebeurt."),
        ("en", "I don't want this going to some adviser."),
        ("en", "Please don't report it, I just wanted you to know."),
        ("en", "I don't want anything done with it."),
        ("en", "No adviser, no report. Just leave it."),
    ],
)
def test_declining_escalation_is_confirmed_with_what_really_happens(language: str, wish: str) -> None:
    _, state, replies = converse(language, [DISCLOSURE[language], wish])
    assert replies[0].move.kind == "disclosure"
    message = replies[1].messages[0]
    assert message.startswith(DECLINED[language]), message
    assert not any(r in message for r in RECORDED[language])
    assert replies[1].move.kind not in ("disclosure", "disclosure_again")
    # the wish stays with the flag, for the practice to see (disclosures.actions reads it from the answers:
    # the one given in the disclosure step; spiegel/disclosures/tests/test_declined_wish.py)
    assert [f.kind for f in state.flags] == ["disclosure"]
    assert (state.answers[1]["phase"], state.answers[1]["text"]) == ("disclosure", wish)


@pytest.mark.parametrize(
    ("language", "wish"),
    [
        ("nl", "Ik wil wel dat de vertrouwenspersoon het met me bespreekt."),
        ("en", "I'd like the confidential adviser to contact me about it."),
    ],
)
def test_a_wish_for_follow_up_is_not_read_as_declining_it(language: str, wish: str) -> None:
    _, _, replies = converse(language, [DISCLOSURE[language], wish])
    assert DECLINED[language] not in replies[1].messages[0]


@pytest.mark.parametrize(
    ("language", "answers"),
    [
        ("nl", ["Weet ik nog niet.", "Ik wil trouwens niet dat dit naar een vertrouwenspersoon gaat."]),
        ("en", ["Not sure yet.", "By the way, I don't want this going to some adviser."]),
    ],
)
def test_declining_escalation_a_turn_later_is_confirmed_as_well(language: str, answers: list[str]) -> None:
    _, state, replies = converse(language, [DISCLOSURE[language], *answers])
    assert replies[-1].messages[0].startswith(DECLINED[language]), replies[-1].messages
    assert answers[1] in state.disclosure_wishes


# ------------------------------------------------------------------------------------ "take that out"

WITHDRAWN = {
    "nl": (
        "Goed, dat haal ik eruit. Ik gebruik het niet meer in dit gesprek, en als je straks ziet wat ik heb "
        "genoteerd, staat het op privé: het wordt niet gedeeld."
    ),
    "en": (
        "Of course, I'll take that out. I won't use it in this conversation, and when you see what I noted "
        "afterwards, it will be marked private: it is not shared."
    ),
}
LEAD = {
    "nl": "Vooral de werkdruk, we draaiden elke week extra diensten.",
    "en": "Mostly the workload, we did extra shifts every week.",
}
SECRET = {
    "nl": "Mijn teamleider had een relatie met een collega en trok haar altijd voor bij de roosters.",
    "en": "My team lead was seeing a colleague and always gave her the best shifts.",
}


@pytest.mark.parametrize(
    ("language", "request_"),
    [
        ("nl", "Haal dat er maar uit."),
        ("nl", "Wil je dat weglaten? Dat wil ik niet gedeeld hebben."),
        ("nl", "Nee wacht, gebruik dat maar niet."),
        ("en", "Please take that out."),
        ("en", "Can you leave that out? I'd rather it wasn't used."),
        ("en", "Forget I said that, please."),
    ],
)
def test_taking_out_what_was_just_said_marks_it_private_and_never_brings_it_back(language: str, request_: str) -> None:
    engine, state, replies = converse(language, [LEAD[language], SECRET[language], request_])
    assert replies[-1].messages[0].startswith(WITHDRAWN[language]), replies[-1].messages
    assert [a.get("visibility") for a in state.answers] == [None, "private", "private"]
    rest = to_the_end(engine, state, "Verder niets." if language == "nl" else "Nothing else.")
    later = " ".join(m for r in [replies[-1], *rest] for m in r.messages).lower()
    person = "teamleider" if language == "nl" else "team lead"
    assert person not in later


@pytest.mark.parametrize(
    ("language", "answers", "marks"),
    [
        ("nl", [LEAD["nl"], "Mijn teamleider dronk soms onder werktijd. Dat hoeft er niet in."], [None, "private"]),
        (
            "nl",
            [LEAD["nl"], SECRET["nl"], "Haal dat er maar uit. Wat wel telt: het rooster kwam altijd veel te laat."],
            [None, "private", None],
        ),
        ("en", [LEAD["en"], "My team lead sometimes drank at work. Please leave that out."], [None, "private"]),
        (
            "en",
            [LEAD["en"], SECRET["en"], "Please take that out. What does matter: the rota always came far too late."],
            [None, "private", None],
        ),
    ],
)
def test_what_is_taken_out_is_the_answer_the_request_points_at(
    language: str, answers: list[str], marks: list[str | None]
) -> None:
    """Content before the request in the same turn is what it points at; a request first points back, and what
    the leaver says after it is kept."""
    _, state, replies = converse(language, answers)
    assert replies[-1].messages[0].startswith(WITHDRAWN[language]), replies[-1].messages
    assert [a.get("visibility") for a in state.answers] == marks


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Laat mijn leidinggevende hier maar buiten."),
        ("nl", "Ze haalden de nachtdiensten er gewoon uit."),
        ("nl", "Ik moest alles weglaten wat niet in het dossier paste."),
        ("en", "Leave my manager out of this."),
        ("en", "They took the night shifts out of the rota."),
        ("en", "Forget the pay, it was the hours."),
    ],
)
def test_other_talk_of_leaving_things_out_is_no_withdrawal(language: str, text: str) -> None:
    assert read_withdrawal(text, language) is None


# ------------------------------------------------------------------------- a topic asked for mid-thread

THREAD = {
    "nl": [
        "Vooral de werkdruk en de roosters, we draaiden elke week extra diensten.",
        "In december moest ik drie weekenden werken.",
    ],
    "en": [
        "Mostly the workload and the rota, we did extra shifts every week.",
        "In December I had to work three weekends.",
    ],
}


@pytest.mark.parametrize(
    ("language", "ask", "question"),
    [
        ("nl", "Kan ik het over het verlofbeleid hebben?", "Vertel, wat wil je over het verlofbeleid kwijt?"),
        ("nl", "Mag ik nog iets over mijn leidinggevende zeggen?", "Vertel, wat wil je over je leidinggevende kwijt?"),
        ("nl", "Mag ik het ook over de sfeer hebben?", "Vertel, wat wil je over de sfeer kwijt?"),
        ("nl", "Kunnen we het verlofbeleid bespreken?", "Vertel, wat wil je over het verlofbeleid kwijt?"),
        ("en", "Could we discuss the leave policy?", "Go ahead, what would you like to say about the leave policy?"),
        ("en", "Can I talk about the leave policy?", "Go ahead, what would you like to say about the leave policy?"),
        (
            "en",
            "Can we talk about the leave policy now?",
            "Go ahead, what would you like to say about the leave policy?",
        ),
        ("en", "Could I say something about my manager?", "Go ahead, what would you like to say about your manager?"),
    ],
)
def test_a_topic_asked_for_in_the_middle_of_a_thread_is_taken_at_once(language: str, ask: str, question: str) -> None:
    _, _, replies = converse(language, [*THREAD[language], ask])
    assert replies[-1].move.kind == "talk_about"
    assert replies[-1].messages == [question]


@pytest.mark.parametrize(
    ("language", "ask", "question"),
    [
        (
            "nl",
            "Kunnen we het over de roosters hebben? Die noemde ik net al.",
            "Je noemde de roosters al. Wat wil je daar verder over kwijt?",
        ),
        (
            "nl",
            "Ik wil nog even terug naar de roosters.",
            "Je noemde de roosters al. Wat wil je daar verder over kwijt?",
        ),
        (
            "en",
            "Can we get back to the rota, I already mentioned it.",
            "You mentioned the rota already. What else would you like to say about it?",
        ),
        (
            "en",
            "Can we go back to the rota for a moment?",
            "You mentioned the rota already. What else would you like to say about it?",
        ),
    ],
)
def test_a_topic_told_of_before_is_taken_up_without_an_apology_or_asking_it_again(
    language: str, ask: str, question: str
) -> None:
    _, _, replies = converse(language, [*THREAD[language], ask])
    assert replies[-1].move.kind == "talk_about"
    assert replies[-1].messages == [question]


@pytest.mark.parametrize(
    ("language", "ask", "answer"),
    [
        ("nl", "Kunnen we het over de roosters hebben?", "Ze kwamen altijd pas een week van tevoren."),
        ("en", "Can I talk about the leave policy?", "You could never take leave in summer, you had to pass."),
    ],
)
def test_the_answer_to_the_asked_for_topic_is_heard_as_an_answer(language: str, ask: str, answer: str) -> None:
    _, state, replies = converse(language, [*THREAD[language], ask, answer])
    assert replies[-1].move.kind in ("follow_up", "reflect_and_ask"), replies[-1].messages
    assert state.turn_kinds[-1] == "answer"


# ------------------------------------------------------------------------ meaning frames and objects


def _first_question(language: str, quote: str, probe: str = "effect", topic: str = "pay") -> list[str]:
    """The wordings of an effect follow-up on ``quote``, after an answer in which the leaver said it."""
    guide = load_default_guide(language)
    said = {"nl": f"Het ging vooral om {quote}, daar liep het mis.", "en": f"It was {quote}, that went wrong."}[
        language
    ]
    state = ConversationState(language=language, answers=[{"topic": topic, "phase": "story", "text": said}])
    move = Move("follow_up", topic=topic, probe=probe, quote=quote, language=language)
    return TemplatePhraser().candidates(move, state, guide)


@pytest.mark.parametrize(
    ("language", "thing"),
    [
        ("nl", "de auto"),
        ("nl", "de leaseauto"),
        ("nl", "de laptop"),
        ("en", "the car"),
        ("en", "the company phone"),
        ("en", "the laptop"),
    ],
)
def test_a_concrete_object_is_never_put_in_a_meaning_or_effect_frame(language: str, thing: str) -> None:
    candidates = _first_question(language, thing)
    assert candidates
    assert not any(thing in c for c in candidates), candidates
    assert candidates[0] in [o for o in options(language, "probes", "effect") if "{q}" not in o]


@pytest.mark.parametrize(
    ("language", "matter", "frame"),
    [
        ("nl", "de reorganisatie", "Wat betekende de reorganisatie voor jou?"),
        ("en", "the night rota", "What did the night rota mean for you?"),
    ],
)
def test_a_situation_or_topic_still_fits_the_meaning_frame(language: str, matter: str, frame: str) -> None:
    assert frame in _first_question(language, matter, topic="organisation")


@pytest.mark.parametrize(("language", "wish"), [("nl", "Haal dat er maar uit."), ("en", "Please take that out.")])
def test_taking_out_a_disclosure_in_the_wish_step_is_confirmed_as_declining_and_made_private(
    language: str, wish: str
) -> None:
    _, state, replies = converse(language, [DISCLOSURE[language], wish])
    assert replies[-1].messages[0].startswith(DECLINED[language]), replies[-1].messages
    assert [a.get("visibility") for a in state.answers] == ["private", "private"]
    assert [f.kind for f in state.flags] == ["disclosure"]  # the practice still sees that it was told


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "We moesten de roosters bespreken met de teamleider."),
        ("nl", "Ik wil terug naar mijn oude afdeling."),
        ("en", "I want to go back to university."),
        ("en", "We could never discuss the rota with anyone."),
    ],
)
def test_telling_about_a_matter_is_no_request_to_talk_about_it(language: str, text: str) -> None:
    request = read_request(text, language)
    assert request is None or request.kind != "talk_about"
