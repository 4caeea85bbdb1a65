"""understand(): what kind of turn the leaver took and what it means, in Dutch and English, typed as people type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from spiegel.language.cues import THEME_IDS
from spiegel.language.tests.strategies import any_text, languages
from spiegel.language.text import strip_control
from spiegel.language.understanding import (
    DISCLOSURE_KINDS,
    META_TOPICS,
    TURN_KINDS,
    Context,
    Understanding,
    is_matter_phrase,
    understand,
)


def read(text: str, language: str = "nl", **context: str | None) -> Understanding:
    return understand(text, Context(language=language, **context))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------------------
# The examples of issue 11 ("Why")
# ----------------------------------------------------------------------------------------------------------


def test_already_told_is_not_an_answer_to_probe() -> None:
    u = read("Dat heb ik toch al verteld?")
    assert u.kind == "already_told"
    assert u.matter == ()


def test_not_angry_is_read_as_negated_anger() -> None:
    u = read("Ik ben niet boos hoor, praten kan geen kwaad.")
    assert u.kind == "answer"
    assert [(f.name, f.negated) for f in u.feelings] == [("anger", True)]
    assert u.felt == ()


def test_rather_not_talk_about_my_manager_refuses_the_manager() -> None:
    u = read("I'd rather not talk about my manager.", "en")
    assert u.kind == "refusal"
    assert u.refusal_target == "manager"
    assert u.matter == ()


def test_who_will_read_this_is_a_question_about_the_interview() -> None:
    u = read("Who will read this? Will my old manager see it?", "en")
    assert u.kind == "meta_question"
    assert u.meta_topic == "who_reads"
    assert u.matter == ()


def test_booking_revenue_in_the_wrong_quarter_is_an_integrity_disclosure() -> None:
    u = read(
        "My director asked me to book revenue in the wrong quarter so the numbers looked better. "
        "Where can I report that?",
        "en",
    )
    assert u.disclosure == "integrity"


def test_the_real_reason_is_a_decisive_cue_with_its_matter() -> None:
    u = read("Honestly, the real reason is that my team was dissolved in the reorganisation in March.", "en")
    assert u.kind == "answer"
    assert u.decisive
    assert u.matter == ("the reorganisation in March",)


def test_a_correction_of_the_summary_is_a_correction() -> None:
    u = read("Nee, dat klopt niet. Het ging juist om het nieuwe rooster, niet om het salaris.")
    assert u.kind == "correction"
    assert u.correction == "het nieuwe rooster, niet om het salaris"
    assert ("pay", True) in [(t.theme, t.negated) for t in u.themes]


# ----------------------------------------------------------------------------------------------------------
# Kinds of turn, phrased in many ways, informal and with typos
# ----------------------------------------------------------------------------------------------------------

META = [
    ("nl", "wie leest dit eigenlijk", "who_reads"),
    ("nl", "Wie krijgt dit te zien?", "who_reads"),
    ("nl", "krijgt mijn leidinggevende dit te zien?", "who_reads"),
    ("nl", "gaat dit naar mijn oude manager", "who_reads"),
    ("en", "who reads this", "who_reads"),
    ("en", "will my boss see what i say here?", "who_reads"),
    ("en", "Who gets to see my answers?", "who_reads"),
    ("nl", "is dit een robot?", "person_or_computer"),
    ("nl", "praat ik nu met een mens of een computer", "person_or_computer"),
    ("nl", "ben je een echt persoon?", "person_or_computer"),
    ("en", "are you a real person?", "person_or_computer"),
    ("en", "am i talking to a bot", "person_or_computer"),
    ("en", "is this chatgpt?", "person_or_computer"),
    ("nl", "waarom vraag je dat?", "why_ask"),
    ("nl", "waarom wil je dat weten", "why_ask"),
    ("en", "why do you ask?", "why_ask"),
    ("en", "why do u want to know that", "why_ask"),
    ("nl", "is dit anoniem?", "anonymous"),
    ("nl", "blijft dit wel vertrouwelijk", "anonymous"),
    ("nl", "kan dit naar mij herleid worden?", "anonymous"),
    ("en", "is this anonymous", "anonymous"),
    ("en", "Will this be traced back to me?", "anonymous"),
    ("nl", "hoe lang duurt dit nog", "how_long"),
    ("nl", "hoeveel vragen nog?", "how_long"),
    ("nl", "zijn we bijna klaar?", "how_long"),
    ("en", "how long does this take?", "how_long"),
    ("en", "are we nearly done", "how_long"),
    ("en", "how many more questions", "how_long"),
    ("nl", "wat gebeurt er met mijn antwoorden?", "what_next"),
    ("nl", "wat doen jullie hiermee", "what_next"),
    ("en", "what happens next?", "what_next"),
    ("en", "what will you do with my answers", "what_next"),
    ("nl", "kan ik stoppen?", "can_stop"),
    ("nl", "mag ik ook later verder", "can_stop"),
    ("nl", "ik wil stoppen", "can_stop"),
    ("en", "can i stop", "can_stop"),
    ("en", "Can I take a break and finish later?", "can_stop"),
    ("en", "do i have to answer this?", "can_stop"),
    ("nl", "mag ik sommige vragen overslaan?", "can_stop"),
    ("en", "can i skip some questions?", "can_stop"),
    ("nl", "waarvoor dient dit gesprek eigenlijk?", "why_ask"),
    ("en", "what's the point of all this", "why_ask"),
    ("en", "are my colleagues gonna see this?", "who_reads"),
    ("nl", "zie ik de samenvatting nog voordat hij verstuurd wordt?", "what_next"),
]


@pytest.mark.parametrize(("language", "text", "topic"), META)
def test_questions_about_the_interview_are_meta_questions_with_their_topic(
    language: str, text: str, topic: str
) -> None:
    u = read(text, language)
    assert (u.kind, u.meta_topic) == ("meta_question", topic)
    assert u.matter == ()


REFUSALS = [
    ("nl", "daar wil ik het niet over hebben", "previous"),
    ("nl", "Daar wil ik liever niet op ingaan.", "previous"),
    ("nl", "dat houd ik liever voor mezelf", "previous"),
    ("nl", "dat is te persoonlijk", "previous"),
    ("nl", "liever niet", "previous"),
    ("nl", "over mijn teamleider wil ik het niet hebben", "manager"),
    ("nl", "Ik wil het niet over mijn salaris hebben.", "pay"),
    ("nl", "over m'n collega's wil ik niks zeggen", "collaboration"),
    ("nl", "mijn thuissituatie laat ik er liever buiten", "personal"),
    ("en", "leave my manager out of this", "manager"),
    ("en", "i dont want to talk about it", "previous"),
    ("en", "Id rather not go into that.", "previous"),
    ("en", "that's too personal", "previous"),
    ("en", "I'd prefer not to discuss my pay.", "pay"),
    ("en", "i don't wanna talk about my colleagues", "collaboration"),
    ("en", "no comment", "previous"),
]


@pytest.mark.parametrize(("language", "text", "target"), REFUSALS)
def test_a_refusal_names_its_target_or_points_back(language: str, text: str, target: str) -> None:
    u = read(text, language)
    assert (u.kind, u.refusal_target) == ("refusal", target)
    assert u.matter == ()


KINDS = [
    ("nl", "volgende onderwerp", "skip"),
    ("nl", "sla maar over", "skip"),
    ("nl", "kunnen we deze vraag overslaan?", "skip"),
    ("nl", "volgende vraag graag", "skip"),
    ("en", "skip", "skip"),
    ("en", "next question please", "skip"),
    ("en", "can we move on", "skip"),
    ("en", "pass", "skip"),
    ("nl", "zo bedoelde ik het niet", "correction"),
    ("nl", "dat zei ik niet", "correction"),
    ("nl", "Dat heb ik helemaal niet gezegd!", "correction"),
    ("nl", "je begrijpt me verkeerd", "correction"),
    ("en", "thats not what i said", "correction"),
    ("en", "I didn't say that.", "correction"),
    ("en", "you misunderstood me", "correction"),
    ("en", "no, i meant the rota", "correction"),
    ("nl", "dat heb ik toch al verteld", "already_told"),
    ("nl", "zei ik al", "already_told"),
    ("nl", "dat vroeg je net ook al", "already_told"),
    ("nl", "heb ik al gezegd...", "already_told"),
    ("en", "i already told u", "already_told"),
    ("en", "I just said that", "already_told"),
    ("en", "you already asked me that", "already_told"),
    ("en", "as i said", "already_told"),
    ("nl", "snap de vraag niet", "confusion"),
    ("nl", "wat bedoel je?", "confusion"),
    ("nl", "ik begrijp je vraag niet helemaal", "confusion"),
    ("nl", "huh?", "confusion"),
    ("en", "what do you mean", "confusion"),
    ("en", "i don't understand the question", "confusion"),
    ("en", "can you rephrase that?", "confusion"),
    ("en", "sorry?", "confusion"),
    ("nl", "je luistert niet", "complaint"),
    ("nl", "dit is zinloos", "complaint"),
    ("nl", "wat een rare vragen", "complaint"),
    ("nl", "je vraagt steeds hetzelfde", "complaint"),
    ("en", "you're not listening", "complaint"),
    ("en", "this is pointless", "complaint"),
    ("en", "stupid questions", "complaint"),
    ("en", "you keep asking the same thing", "complaint"),
    ("nl", "nee verder niks", "nothing_more"),
    ("nl", "nee", "nothing_more"),
    ("nl", "dat was het wel", "nothing_more"),
    ("nl", "Nee hoor, ik heb niks meer toe te voegen.", "nothing_more"),
    ("en", "no thats all", "nothing_more"),
    ("en", "nothing else", "nothing_more"),
    ("en", "nope", "nothing_more"),
    ("en", "I think I've said everything", "nothing_more"),
]


@pytest.mark.parametrize(("language", "text", "kind"), KINDS)
def test_each_kind_of_turn_is_recognised(language: str, text: str, kind: str) -> None:
    u = read(text, language)
    assert u.kind == kind
    if kind != "correction":
        assert u.matter == ()


MORE_WAYS = [
    ("nl", "blijft dit tussen ons?", "meta_question"),
    ("nl", "ben ik nou met een chatbot aan het praten", "meta_question"),
    ("nl", "kan ik het later afmaken?", "meta_question"),
    ("nl", "dat gaat je niks aan", "refusal"),
    ("nl", "over de reorganisatie zeg ik liever niks", "refusal"),
    ("nl", "die vraag sla ik over", "skip"),
    ("nl", "next", "skip"),
    ("nl", "nee je snapt het niet, het ging om de planning", "correction"),
    ("nl", "zoals ik net al zei", "already_told"),
    ("nl", "die vraag had je al gesteld", "already_told"),
    ("nl", "dit slaat nergens op", "complaint"),
    ("nl", "niks meer aan toe te voegen", "nothing_more"),
    ("en", "who's going to see this?", "meta_question"),
    ("en", "does hr get a copy of this?", "meta_question"),
    ("en", "what do you guys do with this info", "meta_question"),
    ("en", "i'd rather keep that private", "refusal"),
    ("en", "not something i want to get into", "refusal"),
    ("en", "you've got it backwards", "correction"),
    ("en", "we already covered this", "already_told"),
    ("en", "you're just repeating the same questions", "complaint"),
    ("en", "nah that's it", "nothing_more"),
]


@pytest.mark.parametrize(("language", "text", "kind"), MORE_WAYS)
def test_kinds_of_turn_in_more_everyday_wordings(language: str, text: str, kind: str) -> None:
    assert read(text, language).kind == kind


# Written after the rules above were tuned, as a check that they carry over to other wordings.
EVERYDAY = [
    ("nl", "Wordt dit gedeeld met mijn oude afdeling?", "meta_question"),
    ("nl", "Mag mijn manager dit lezen?", "meta_question"),
    ("nl", "zijn jullie van de organisatie zelf of extern?", "meta_question"),
    ("nl", "Ben jij een AI?", "meta_question"),
    ("nl", "Is er iemand die dit live meeleest?", "meta_question"),
    ("nl", "Hoezo wil je dat weten?", "meta_question"),
    ("nl", "wat heb je daar nou aan", "meta_question"),
    ("nl", "Weet mijn werkgever straks dat ik dit gezegd heb?", "meta_question"),
    ("nl", "Hoeveel tijd kost dit nog ongeveer?", "meta_question"),
    ("nl", "hoe lang nog?", "meta_question"),
    ("nl", "Wat gebeurt er na dit gesprek?", "meta_question"),
    ("nl", "Krijgt de organisatie een rapport?", "meta_question"),
    ("nl", "Kan ik op elk moment stoppen?", "meta_question"),
    ("nl", "moet ik alles invullen?", "meta_question"),
    ("nl", "Daar ga ik liever niet op in.", "refusal"),
    ("nl", "Dat wil ik voor me houden.", "refusal"),
    ("nl", "Geen zin om daarover te praten eerlijk gezegd.", "refusal"),
    ("nl", "over mijn gezondheid zeg ik niks", "refusal"),
    ("nl", "Het salaris laat ik liever buiten beschouwing.", "refusal"),
    ("nl", "Pas, daar wil ik niet over praten.", "refusal"),
    ("nl", "Volgende.", "skip"),
    ("nl", "Kunnen we naar een ander onderwerp?", "skip"),
    ("nl", "sla deze maar over", "skip"),
    ("nl", "Nee, je haalt dingen door elkaar.", "correction"),
    ("nl", "Dat is niet helemaal juist, het was juist andersom.", "correction"),
    ("nl", "Nee, niet de directeur, mijn teamleider bedoel ik.", "correction"),
    ("nl", "Dit hebben we al gehad.", "already_told"),
    ("nl", "Heb ik net al uitgelegd toch?", "already_told"),
    ("nl", "zei ik toch net", "already_told"),
    ("nl", "Ik weet niet wat je bedoelt met die vraag.", "confusion"),
    ("nl", "Welke periode bedoel je?", "confusion"),
    ("nl", "Sorry, die vraag snap ik niet.", "confusion"),
    ("nl", "Je stelt steeds dezelfde vragen.", "complaint"),
    ("nl", "Dit voelt heel onpersoonlijk.", "complaint"),
    ("nl", "Ik heb het gevoel dat je niet luistert.", "complaint"),
    ("nl", "Nee, dat was alles.", "nothing_more"),
    ("nl", "Ik kan niks meer bedenken.", "nothing_more"),
    ("nl", "Dat is het wel, denk ik.", "nothing_more"),
    ("en", "Does my old team get to see this?", "meta_question"),
    ("en", "Is this shared with HR?", "meta_question"),
    ("en", "Are you a human or an AI?", "meta_question"),
    ("en", "Who exactly am I talking to?", "meta_question"),
    ("en", "What's this for?", "meta_question"),
    ("en", "Why do you need to know?", "meta_question"),
    ("en", "Will they know it was me?", "meta_question"),
    ("en", "How long will this take?", "meta_question"),
    ("en", "Is there much more?", "meta_question"),
    ("en", "What happens to this afterwards?", "meta_question"),
    ("en", "Will anything actually change because of this?", "meta_question"),
    ("en", "Can I leave this halfway?", "meta_question"),
    ("en", "Do I need to answer everything?", "meta_question"),
    ("en", "I'm not comfortable talking about that.", "refusal"),
    ("en", "Prefer not to say.", "refusal"),
    ("en", "That's private.", "refusal"),
    ("en", "I don't want to get into my health.", "refusal"),
    ("en", "Can we not talk about my team?", "refusal"),
    ("en", "Next one.", "skip"),
    ("en", "Let's go to the next topic.", "skip"),
    ("en", "I'll pass on this one.", "skip"),
    ("en", "No, you've mixed things up.", "correction"),
    ("en", "That's not right, it was the opposite.", "correction"),
    ("en", "No, not the director, my team lead.", "correction"),
    ("en", "We've been over this.", "already_told"),
    ("en", "I mentioned that earlier.", "already_told"),
    ("en", "Already answered that one.", "already_told"),
    ("en", "I'm not sure what you mean by that.", "confusion"),
    ("en", "Which period do you mean?", "confusion"),
    ("en", "Sorry, I don't get it.", "confusion"),
    ("en", "You keep asking the same questions.", "complaint"),
    ("en", "This feels really impersonal.", "complaint"),
    ("en", "I feel like you're not listening.", "complaint"),
    ("en", "No, that's everything.", "nothing_more"),
    ("en", "I can't think of anything else.", "nothing_more"),
    ("en", "That's it I think.", "nothing_more"),
]


EVERYDAY += [
    ("nl", "Hoe weet ik zeker dat dit niet bij mijn baas terechtkomt?", "meta_question"),
    ("nl", "Wat is het doel van dit gesprek eigenlijk?", "meta_question"),
    ("nl", "Staat toch al in mijn eerste antwoord?", "already_told"),
    ("nl", "Ik weet niet goed wat ik daarop moet antwoorden.", "confusion"),
    ("nl", "Waarom vraag je steeds door, ik heb het toch uitgelegd?", "complaint"),
    ("nl", "Meer valt er niet over te zeggen.", "nothing_more"),
    ("en", "How do I know my boss won't see this?", "meta_question"),
    ("en", "What's the goal of this conversation anyway?", "meta_question"),
    ("en", "It's in my first answer.", "already_told"),
    ("en", "I'm not sure how to answer that.", "confusion"),
    ("en", "Why do you keep digging, I already explained it?", "complaint"),
    ("en", "There's nothing more to say about it.", "nothing_more"),
    ("nl", "Wie krijgt straks mijn verhaal te horen?", "meta_question"),
    ("nl", "Gaat dit naar mijn leidinggevende?", "meta_question"),
    ("nl", "Ben ik nu met een computerprogramma bezig?", "meta_question"),
    ("nl", "Waarom stel je die vraag?", "meta_question"),
    ("nl", "Is dit echt vertrouwelijk?", "meta_question"),
    ("nl", "Duurt dit lang?", "meta_question"),
    ("nl", "Wat gebeurt er nu verder mee?", "meta_question"),
    ("nl", "Mag ik ophouden?", "meta_question"),
    ("nl", "Sorry, daar wil ik echt niet op ingaan.", "refusal"),
    ("nl", "Kunnen we verder naar de volgende vraag?", "skip"),
    ("nl", "Nee, zo was het niet.", "correction"),
    ("nl", "Ik heb dat al eerder gezegd.", "already_told"),
    ("nl", "Ik snap niet helemaal wat je vraagt.", "confusion"),
    ("nl", "Je leest niet eens wat ik schrijf.", "complaint"),
    ("nl", "Nee, ik heb verder niets.", "nothing_more"),
    ("en", "Who will hear about what I say?", "meta_question"),
    ("en", "Does this go to my manager?", "meta_question"),
    ("en", "Am I chatting with a program?", "meta_question"),
    ("en", "Why are you asking me that?", "meta_question"),
    ("en", "Is this really confidential?", "meta_question"),
    ("en", "Will this take long?", "meta_question"),
    ("en", "What happens now with all this?", "meta_question"),
    ("en", "May I stop?", "meta_question"),
    ("en", "Sorry, I really don't want to go into that.", "refusal"),
    ("en", "Can we go on to the next question?", "skip"),
    ("en", "No, that's not how it was.", "correction"),
    ("en", "I've said that before.", "already_told"),
    ("en", "I don't quite get what you're asking.", "confusion"),
    ("en", "You don't even read what I write.", "complaint"),
    ("en", "No, I've nothing else.", "nothing_more"),
]


@pytest.mark.parametrize(("language", "text", "kind"), EVERYDAY)
def test_kinds_of_turn_in_wordings_written_after_tuning(language: str, text: str, kind: str) -> None:
    assert read(text, language).kind == kind


def test_ordinary_exit_interview_sentences_are_all_answers() -> None:
    """The 620 hand-written sentences of the redaction evaluation set: stories, never a kind of meta-turn."""
    data = Path(__file__).resolve().parents[1] / "data"
    for language in ("nl", "en"):
        lines = (data / f"redaction_eval_{language}.jsonl").read_text(encoding="utf-8").splitlines()
        kinds = {read(json.loads(line)["text"], language).kind for line in lines if line.strip()}
        assert kinds == {"answer"}


# Safety and tone in wordings written after tuning: "disclosure:<kind>", "distress", "sarcasm", "decisive".
EVERYDAY_ATTRIBUTES = [
    ("nl", "Hij stuurde me steeds berichten met seksuele toespelingen.", "disclosure:harassment"),
    ("nl", "Een collega bleef me na werktijd lastigvallen.", "disclosure:harassment"),
    ("nl", "Ik werd door het hele team buitengesloten en uitgelachen.", "disclosure:harassment"),
    ("nl", "Omdat ik Marokkaans ben kreeg ik altijd de rotklusjes.", "disclosure:discrimination"),
    ("nl", "Na mijn zwangerschap werd mijn contract niet verlengd.", "disclosure:discrimination"),
    ("nl", "Mijn baas liet me bonnetjes declareren die privé waren.", "disclosure:integrity"),
    ("nl", "We moesten in het dossier zetten dat zorg geleverd was terwijl dat niet zo was.", "disclosure:integrity"),
    ("nl", "Er werd geld van de cliënten achterovergedrukt.", "disclosure:integrity"),
    (
        "nl",
        "Er stond vaak maar één verpleegkundige op veertig bewoners, dat was gewoon gevaarlijk.",
        "disclosure:safety",
    ),
    ("nl", "De brandtrap stond altijd vol met spullen.", "disclosure:safety"),
    ("nl", "Een bewoner is gevallen omdat niemand tijd had om te helpen.", "disclosure:safety"),
    ("nl", "Een klant heeft me bij mijn keel gegrepen.", "disclosure:violence"),
    ("nl", "Ik ben met een mes bedreigd door een cliënt.", "disclosure:violence"),
    ("en", "He kept making comments about my body.", "disclosure:harassment"),
    ("en", "My supervisor would corner me in the storeroom.", "disclosure:harassment"),
    ("en", "They never promoted anyone who wasn't white.", "disclosure:discrimination"),
    ("en", "After I told them I was pregnant, my hours were cut.", "disclosure:discrimination"),
    ("en", "We were told to backdate the safety certificates.", "disclosure:integrity"),
    ("en", "My manager was pocketing cash from the till.", "disclosure:integrity"),
    ("en", "They billed clients for work we never did.", "disclosure:integrity"),
    ("en", "The fire exits were blocked for months.", "disclosure:safety"),
    ("en", "We gave insulin without double checks because there was no time.", "disclosure:safety"),
    ("en", "A resident fell because nobody was there to help.", "disclosure:safety"),
    ("en", "A customer grabbed me by the throat.", "disclosure:violence"),
    ("en", "I was threatened with a knife by a client.", "disclosure:violence"),
    ("nl", "ik sliep bijna niet meer", "distress"),
    ("nl", "Ik ben er echt kapot van geweest.", "distress"),
    ("nl", "Ik zat er mentaal helemaal doorheen.", "distress"),
    ("nl", "Ik ben drie maanden thuis geweest met overspannenheid.", "distress"),
    ("nl", "Het gaat eigenlijk nog steeds niet goed met me.", "distress"),
    ("en", "I barely slept for months.", "distress"),
    ("en", "I was completely burnt out by the end.", "distress"),
    ("en", "I was signed off with stress for three months.", "distress"),
    ("en", "I'm still not doing great, to be honest.", "distress"),
    ("en", "I used to cry in the toilets at work.", "distress"),
    ("nl", "Geweldige communicatie hoor, we hoorden alles via de krant.", "sarcasm"),
    ("nl", "Echt fantastisch, drie keer een nieuwe leidinggevende in een jaar.", "sarcasm"),
    ("nl", "Ja heel fijn, elke week een nieuw rooster.", "sarcasm"),
    ("en", "Fantastic planning, the rota came out the night before.", "sarcasm"),
    ("en", "Great support, nobody ever called back.", "sarcasm"),
    ("en", "Oh yeah, super organised, nobody knew anything.", "sarcasm"),
    ("nl", "Wat de doorslag gaf was dat ik geen vast contract kreeg.", "decisive"),
    ("nl", "De hoofdreden was eigenlijk de werkdruk.", "decisive"),
    ("nl", "Het belangrijkste was dat mijn teamleider nooit luisterde.", "decisive"),
    ("en", "The main thing was that I never got a permanent contract.", "decisive"),
    ("en", "What finally made me go was the new rota.", "decisive"),
    ("en", "Honestly, the biggest reason was my manager.", "decisive"),
]


EVERYDAY_ATTRIBUTES += [
    ("nl", "Mijn leidinggevende stuurde 's nachts appjes of ik alleen was.", "disclosure:harassment"),
    ("nl", "Er werden handtekeningen gezet onder controles die nooit gedaan waren.", "disclosure:integrity"),
    ("nl", "De tillift was al maanden kapot en we moesten bewoners zelf tillen.", "disclosure:safety"),
    ("nl", "Een bewoner gooide een stoel naar mijn hoofd.", "disclosure:violence"),
    ("nl", "Ik heb weken gehuild voordat ik ontslag nam.", "distress"),
    ("nl", "Ik kreeg paniekaanvallen op zondagavond.", "distress"),
    ("nl", "Tja, top werkgever, niemand die je ooit bedankte.", "sarcasm"),
    ("nl", "Dat was uiteindelijk de reden dat ik ben vertrokken.", "decisive"),
    ("en", "My manager texted me at night asking if I was alone.", "disclosure:harassment"),
    ("en", "People signed off checks that were never done.", "disclosure:integrity"),
    ("en", "The hoist was broken for months and we had to lift residents by hand.", "disclosure:safety"),
    ("en", "A resident threw a chair at my head.", "disclosure:violence"),
    ("en", "I cried for weeks before I handed in my notice.", "distress"),
    ("en", "I got panic attacks on Sunday evenings.", "distress"),
    ("en", "Yeah, top employer, nobody ever said thanks.", "sarcasm"),
    ("en", "That was in the end the reason I left.", "decisive"),
]


@pytest.mark.parametrize(("language", "text", "attribute"), EVERYDAY_ATTRIBUTES)
def test_safety_and_tone_in_wordings_written_after_tuning(language: str, text: str, attribute: str) -> None:
    u = read(text, language)
    if attribute.startswith("disclosure:"):
        assert u.disclosure == attribute.split(":")[1]
    else:
        assert getattr(u, attribute) is True


def test_an_english_turn_with_words_dutch_shares_stays_english() -> None:
    u = read("We gave insulin without double checks because there was no time.", "en")
    assert (u.language, u.disclosure) == ("en", "safety")


def test_ordinary_sentences_raise_no_disclosure_and_no_sarcasm() -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    for language in ("nl", "en"):
        lines = (data / f"redaction_eval_{language}.jsonl").read_text(encoding="utf-8").splitlines()
        readings = [read(json.loads(line)["text"], language) for line in lines if line.strip()]
        assert [u for u in readings if u.disclosure or u.sarcasm] == []


# Negation and matter in wordings written after tuning: (language, text, feelings, themes, matter or None).
EVERYDAY_MEANING: list[tuple[str, str, list[tuple[str, bool]], list[tuple[str, bool]], tuple[str, ...] | None]] = [
    ("nl", "Ik was niet zozeer boos, eerder teleurgesteld.", [("anger", True), ("disappointment", False)], [], None),
    ("nl", "Gefrustreerd? Nee, dat niet.", [("frustration", True)], [], None),
    ("nl", "Niemand was bang voor de teamleider.", [("fear", True)], [], None),
    ("nl", "Ik voelde me totaal niet gezien.", [("unseen", False)], [], None),
    ("nl", "Ik was juist heel trots op ons team.", [("pride", False)], [], None),
    ("nl", "Het geld speelde geen rol.", [], [("pay", True)], None),
    ("nl", "De werkdruk was het probleem niet.", [], [("workload", True)], None),
    ("nl", "Het had niks met de sfeer te maken.", [], [("culture", True)], None),
    ("nl", "Ik ging niet weg vanwege mijn collega's.", [], [("collaboration", True)], None),
    ("en", "I wasn't really upset about it.", [("sadness", True)], [], None),
    ("en", "None of us were scared of him.", [("fear", True)], [], None),
    ("en", "I never felt appreciated there.", [("appreciated", True)], [], None),
    ("en", "Honestly I was relieved to go.", [("relief", False)], [], None),
    ("en", "Pay was never the issue.", [], [("pay", True)], None),
    ("en", "It's not like the workload was bad.", [], [], None),
    ("en", "My colleagues were not the reason I left.", [], [("collaboration", True)], None),
    ("nl", "De nieuwe planningstool werkte voor geen meter.", [], [], ("de nieuwe planningstool",)),
    ("nl", "Het functioneringsgesprek in januari was een drama.", [], [], ("het functioneringsgesprek in januari",)),
    ("nl", "Vooral de overplaatsing naar Zwolle deed pijn.", [], [], ("de overplaatsing",)),
    ("en", "The restructure in spring changed everything.", [], [], ("the restructure in spring",)),
    ("en", "That appraisal last year was a joke.", [], [], ("that appraisal last year",)),
    ("en", "We had the merger, the layoffs and a new CEO.", [], [], ("the merger", "the layoffs")),
]


@pytest.mark.parametrize(("language", "text", "feelings", "themes", "matter"), EVERYDAY_MEANING)
def test_negation_and_matter_in_wordings_written_after_tuning(
    language: str,
    text: str,
    feelings: list[tuple[str, bool]],
    themes: list[tuple[str, bool]],
    matter: tuple[str, ...] | None,
) -> None:
    u = read(text, language)
    read_feelings = [(f.name, f.negated) for f in u.feelings]
    read_themes = [(t.theme, t.negated) for t in u.themes]
    assert [f for f in feelings if f not in read_feelings] == []
    assert [t for t in themes if t not in read_themes] == []
    if matter is not None:
        assert u.matter == matter


# Chat-style turns written after tuning: no capitals, abbreviations, "nie", "u", "ur".
CHAT = [
    ("en", "who sees this stuff", "meta_question"),
    ("en", "is this being recorded?", "meta_question"),
    ("en", "wait is this a real person", "meta_question"),
    ("en", "how long is this gonna be", "meta_question"),
    ("en", "whats gonna happen with my answers", "meta_question"),
    ("en", "does my boss get to read this", "meta_question"),
    ("en", "can i stop now pls", "meta_question"),
    ("en", "is this anon?", "meta_question"),
    ("en", "rather not get into it", "refusal"),
    ("en", "dont want to talk bout that", "refusal"),
    ("en", "id prefer to leave that", "refusal"),
    ("en", "skip pls", "skip"),
    ("en", "can we do the next one", "skip"),
    ("en", "nah thats not it", "correction"),
    ("en", "no you misunderstood", "correction"),
    ("en", "told u already", "already_told"),
    ("en", "i said that b4", "already_told"),
    ("en", "wdym", "confusion"),
    ("en", "not sure what ur asking", "confusion"),
    ("en", "ur not listening", "complaint"),
    ("en", "these questions are so repetitive", "complaint"),
    ("en", "nah im good", "nothing_more"),
    ("en", "thats all i got", "nothing_more"),
    ("nl", "wie ziet dit allemaal", "meta_question"),
    ("nl", "wordt dit opgenomen?", "meta_question"),
    ("nl", "is dit een echt mens of nie", "meta_question"),
    ("nl", "hoelang nog", "meta_question"),
    ("nl", "wat doen jullie met mn antwoorden", "meta_question"),
    ("nl", "is dit anoniem of nie", "meta_question"),
    ("nl", "wil ik nie over praten", "refusal"),
    ("nl", "liever nie", "refusal"),
    ("nl", "volgende aub", "skip"),
    ("nl", "nee dat bedoelde ik nie", "correction"),
    ("nl", "heb ik al gezegd hoor", "already_told"),
    ("nl", "wat bedoel je nou", "confusion"),
    ("nl", "snap er niks van", "confusion"),
    ("nl", "je luistert gewoon nie", "complaint"),
    ("nl", "nee niks meer", "nothing_more"),
    ("nl", "was het wel zo'n beetje", "nothing_more"),
]


@pytest.mark.parametrize(("language", "text", "kind"), CHAT)
def test_chat_style_turns_written_after_tuning(language: str, text: str, kind: str) -> None:
    assert read(text, language).kind == kind


# Refusals written after tuning, with the topic they close ("previous": what was just talked about).
EVERYDAY_REFUSALS = [
    ("nl", "Over mijn baas wil ik verder niks kwijt.", "manager"),
    ("nl", "De directie laat ik liever buiten dit gesprek.", "manager"),
    ("nl", "Mijn loon gaat je niks aan.", "pay"),
    ("nl", "Over het team heb ik liever geen mening.", "collaboration"),
    ("nl", "Mijn privéleven wil ik hier niet bespreken.", "personal"),
    ("nl", "Over mijn gezondheid ga ik het niet hebben.", "wellbeing"),
    ("nl", "Dat wil ik niet bespreken.", "previous"),
    ("nl", "Daar zeg ik liever niks over.", "previous"),
    ("nl", "Over de reorganisatie wil ik niet praten.", "processes"),
    ("nl", "Over de werkdruk wil ik het niet meer hebben.", "workload"),
    ("en", "I won't discuss my boss.", "manager"),
    ("en", "Leave the director out of it please.", "manager"),
    ("en", "My salary is my business.", "pay"),
    ("en", "I'd rather not talk about the team.", "collaboration"),
    ("en", "My private life stays out of this.", "personal"),
    ("en", "I don't want to talk about my health.", "wellbeing"),
    ("en", "I don't want to discuss that.", "previous"),
    ("en", "Not going there.", "previous"),
    ("en", "I'm not talking about the restructuring.", "processes"),
    ("en", "Don't want to go into the workload thing again.", "workload"),
]


@pytest.mark.parametrize(("language", "text", "target"), EVERYDAY_REFUSALS)
def test_refusals_and_their_targets_in_wordings_written_after_tuning(language: str, text: str, target: str) -> None:
    u = read(text, language)
    assert (u.kind, u.refusal_target) == ("refusal", target)


TYPOS = [
    ("nl", "dat heb k toch al gezegt", "already_told"),
    ("nl", "wie leest dt eigelijk", "meta_question"),
    ("nl", "daar wil k t nie over hebben", "refusal"),
    ("nl", "volgnde onderwerp", "skip"),
    ("nl", "mag ik ff stoppen", "meta_question"),
    ("en", "i alredy told u that", "already_told"),
    ("en", "r u a bot", "meta_question"),
    ("en", "y do u ask", "meta_question"),
    ("en", "nxt topic", "skip"),
]


@pytest.mark.parametrize(("language", "text", "kind"), TYPOS)
def test_chat_spelling_and_typos_are_read_as_meant(language: str, text: str, kind: str) -> None:
    assert read(text, language).kind == kind


@pytest.mark.parametrize(
    ("language", "text", "target"),
    [
        ("nl", "over mijn teamleidr wil ik het niet hebben", "manager"),
        ("en", "i dont wanna talk about my manger", "manager"),
        ("en", "leave my collegues out of it", "collaboration"),
    ],
)
def test_a_misspelt_refusal_target_is_still_found(language: str, text: str, target: str) -> None:
    u = read(text, language)
    assert (u.kind, u.refusal_target) == ("refusal", target)


def test_real_words_are_not_corrected_into_other_words() -> None:
    assert read("who's going to see this?", "en").meta_topic == "who_reads"
    assert [f.name for f in read("We speelden in een band, dat was leuk.").feelings] == []


def test_violence_outweighs_an_earlier_insult() -> None:
    assert read("mijn collega werd uitgescholden door een cliënt en die sloeg haar").disclosure == "violence"


def test_a_noun_after_the_negation_is_not_negated_in_dutch() -> None:
    u = read("er werden diensten niet ingevuld waardoor bewoners alleen zaten")
    assert ("conditions", False) in [(t.theme, t.negated) for t in u.themes]
    assert u.disclosure == "safety"


def test_could_not_stop_crying_is_distress_not_its_denial() -> None:
    assert read("i couldn't stop crying", "en").distress


def test_no_matter_for_what_the_leaver_ruled_out() -> None:
    u = read("Het ging niet om het salaris maar om het nieuwe rooster.")
    assert u.matter == ("het nieuwe rooster",)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("nl", "Uiteindelijk was de druppel dat mijn verlof werd ingetrokken.", ("je verlof",)),
        ("en", "The last straw was them cancelling my approved leave.", ("your approved leave",)),
        ("en", "My manager never listened.", ("your manager",)),
        ("en", "It had nothing to do with my manager.", ()),
    ],
)
def test_matter_named_with_a_possessive_is_offered_in_the_interviewers_voice(
    language: str, text: str, expected: tuple[str, ...]
) -> None:
    u = read(text, language)
    assert u.matter_yours == expected
    assert u.matter == ()


def test_no_matter_that_stops_inside_a_compound() -> None:
    assert read("The new shift pattern was the real reason I left.", "en").matter == ()


def test_a_question_ending_in_not_is_not_sarcasm() -> None:
    assert not read("is this confidential or not", "en").sarcasm


ANSWERS = [
    ("nl", "Mijn collega zei: daar wil ik het niet over hebben, en liep weg."),
    ("nl", "Ik wilde stoppen met de nachtdiensten, maar dat mocht niet."),
    ("en", "I told HR already, twice, and nothing happened."),
    ("en", "We reported it anonymously and nothing was done."),
    ("en", "Can't complain about the pay, it was decent."),
    ("nl", "Mijn manager zei dat ik moest stoppen met klagen over de werkdruk."),
    ("nl", "Ik heb een anonieme melding gedaan over het rooster."),
    ("nl", "Op een gegeven moment wilde ik niet meer naar de nachtdiensten, het was te veel."),
    ("nl", "Ik vond het jammer dat niemand vroeg hoe het ging."),
    ("en", "I filed an anonymous complaint about the rota and nothing happened."),
    ("en", "My boss said I should stop complaining and just do the extra shifts."),
    ("en", "We didn't want to go into the office three days a week."),
    ("en", "Nobody told us what happens next with the department, that was hard."),
    ("en", "The handover between shifts was always rushed."),
    ("nl", "Die week moest ik twee keer mijn pauze overslaan omdat we met te weinig mensen waren."),
]


@pytest.mark.parametrize(("language", "text"), ANSWERS)
def test_stories_that_contain_stop_words_of_other_kinds_remain_answers(language: str, text: str) -> None:
    assert read(text, language).kind == "answer"


def test_a_turn_in_the_other_language_is_understood() -> None:
    u = read("can we skip this one", "nl")
    assert u.kind == "skip"
    assert u.language == "en"


# ----------------------------------------------------------------------------------------------------------
# Negation and hedges over feelings and themes
# ----------------------------------------------------------------------------------------------------------

FEELINGS = [
    ("nl", "Ik ben niet boos hoor", [("anger", True)]),
    ("nl", "Boos was ik niet, wel teleurgesteld.", [("anger", True), ("disappointment", False)]),
    ("nl", "ik was echt woedend", [("anger", False)]),
    ("nl", "ik ben nog nooit zo boos geweest", [("anger", False)]),
    ("nl", "ik voelde me niet gewaardeerd", [("unseen", False)]),
    ("nl", "Ik was er helemaal klaar mee.", [("fed_up", False)]),
    ("en", "nobody was worried", [("fear", True)]),
    ("en", "I wasn't angry, just tired", [("anger", True), ("exhaustion", False)]),
    ("en", "I didn't feel appreciated", [("appreciated", True)]),
    ("en", "I was so frustrated with the planning", [("frustration", False)]),
    ("en", "i was not only angry but also sad", [("anger", False), ("sadness", False)]),
]


@pytest.mark.parametrize(("language", "text", "expected"), FEELINGS)
def test_feelings_carry_their_negation(language: str, text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(f.name, f.negated) for f in read(text, language).feelings] == expected


def test_a_hedge_scopes_over_the_feeling_it_precedes() -> None:
    u = read("ik was een beetje teleurgesteld", "nl")
    assert [(f.name, f.negated, f.hedged) for f in u.feelings] == [("disappointment", False, True)]
    assert u.hedged


THEMES = [
    ("en", "It was not for the money.", ("pay", True)),
    ("en", "Money wasn't the issue.", ("pay", True)),
    ("nl", "Het ging me niet om het geld.", ("pay", True)),
    ("nl", "Het salaris was niet het probleem.", ("pay", True)),
    ("nl", "Het salaris was gewoon te laag.", ("pay", False)),
    ("en", "The workload was crushing.", ("workload", False)),
    ("nl", "Ik ben niet weggegaan om het salaris, maar omdat ik niet kon doorgroeien.", ("pay", True)),
    ("nl", "Ik ben niet weggegaan om het salaris, maar omdat ik niet kon doorgroeien.", ("career", False)),
    ("nl", "Het ging om het rooster, het salaris was bijzaak.", ("pay", True)),
    ("en", "It was the rota; the pay was secondary.", ("pay", True)),
    ("nl", "Ik kreeg nooit feedback van mijn leidinggevende.", ("manager", False)),
    ("en", "I never got a raise in four years.", ("pay", False)),
    ("en", "I didn't get any training at all.", ("career", False)),
    ("en", "It had nothing to do with my manager, she was great.", ("manager", True)),
    ("nl", "Met mijn leidinggevende had het niks te maken.", ("manager", True)),
    ("en", "I didn't leave for the salary, I left because I couldn't progress.", ("pay", True)),
]


@pytest.mark.parametrize(("language", "text", "expected"), THEMES)
def test_themes_carry_their_negation(language: str, text: str, expected: tuple[str, bool]) -> None:
    assert expected in [(t.theme, t.negated) for t in read(text, language).themes]


# ----------------------------------------------------------------------------------------------------------
# Safety: disclosure and distress, whatever the kind of turn
# ----------------------------------------------------------------------------------------------------------

DISCLOSURES = [
    ("nl", "Mijn leidinggevende maakte seksuele opmerkingen en zat aan me.", "harassment"),
    ("nl", "ik werd daar echt gepest", "harassment"),
    ("en", "A colleague kept sexually harassing me.", "harassment"),
    ("en", "I was bullied by my team lead for months", "harassment"),
    ("nl", "Ik werd gediscrimineerd vanwege mijn hoofddoek.", "discrimination"),
    ("nl", "ik kreeg geen promotie omdat ik zwanger was geworden, puur discriminatie", "discrimination"),
    ("en", "I was passed over because I'm a woman.", "discrimination"),
    ("en", "there were racist jokes every day", "discrimination"),
    ("nl", "De directeur liet ons omzet in het verkeerde kwartaal boeken.", "integrity"),
    ("nl", "Er werd gefraudeerd met de declaraties.", "integrity"),
    ("nl", "we moesten de cijfers mooier maken voor de accountant", "integrity"),
    ("en", "They falsified the inspection records.", "integrity"),
    ("en", "my manager took bribes from a supplier", "integrity"),
    ("nl", "Er gingen steeds medicatiefouten mis omdat we onderbezet waren.", "safety"),
    ("nl", "de bezetting was zo laag dat cliënten gevaar liepen", "safety"),
    ("en", "Unsafe staffing put our patients at risk every night.", "safety"),
    ("en", "there were medication errors nobody reported", "safety"),
    ("nl", "Een cliënt heeft me geslagen en niemand deed iets.", "violence"),
    ("nl", "ik ben bedreigd door een bewoner", "violence"),
    ("en", "A patient's relative threatened me and punched a colleague.", "violence"),
]


@pytest.mark.parametrize(("language", "text", "kind"), DISCLOSURES)
def test_serious_disclosures_are_recognised_with_their_kind(language: str, text: str, kind: str) -> None:
    u = read(text, language)
    assert u.disclosure == kind
    assert u.kind == "answer"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Ik ben nooit gepest, de sfeer was prima."),
        ("en", "There was no harassment or anything like that."),
        ("nl", "Het salaris was te laag."),
        ("en", "The rota was published late."),
    ],
)
def test_no_disclosure_where_none_is_made(language: str, text: str) -> None:
    assert read(text, language).disclosure is None


DISTRESS = [
    ("nl", "ik lig wakker van de dienst"),
    ("nl", "ik moest huilen"),
    ("nl", "bijna burn-out"),
    ("nl", "Ik zag elke dienst als een berg tegenop."),
    ("nl", "ik kon er niet meer van slapen"),
    ("nl", "ik zit er echt helemaal doorheen"),
    ("en", "I cried in the car before every shift."),
    ("en", "i couldnt sleep for weeks"),
    ("en", "I was dreading every shift"),
    ("en", "I was close to burnout"),
    ("en", "I had panic attacks on sunday evenings"),
]


@pytest.mark.parametrize(("language", "text"), DISTRESS)
def test_distress_is_recognised_in_any_wording(language: str, text: str) -> None:
    u = read(text, language)
    assert u.distress
    assert not u.thin


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "Ik lag er niet wakker van."), ("en", "I never cried about it"), ("nl", "Het rooster was slecht.")],
)
def test_no_distress_when_it_is_denied_or_absent(language: str, text: str) -> None:
    assert not read(text, language).distress


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "echt top geregeld hier"),
        ("nl", "Lekker dan."),
        ("nl", "geweldig hoor, weer drie diensten achter elkaar"),
        ("en", "yeah right"),
        ("en", "great job management, another reorg"),
        ("en", "Really well organised, not."),
        ("en", "thanks for nothing"),
        ("nl", "Geweldige planning, niemand wist ooit wanneer hij moest werken."),
        ("en", "Lovely management, you'd see them once a year."),
        ("en", "Oh wonderful support, nobody ever picked up the phone."),
    ],
)
def test_sarcasm_is_recognised(language: str, text: str) -> None:
    u = read(text, language)
    assert u.sarcasm
    assert all(f.name not in ("joy", "pride", "relief") for f in u.feelings)


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "De sfeer was echt top, ik ging met plezier naar mijn werk."), ("en", "My team was great.")],
)
def test_sincere_praise_is_not_sarcasm(language: str, text: str) -> None:
    assert not read(text, language).sarcasm


# ----------------------------------------------------------------------------------------------------------
# Matter, decisive cues, thin answers
# ----------------------------------------------------------------------------------------------------------

MATTER = [
    ("nl", "Het nieuwe rooster was een ramp.", ("het nieuwe rooster",)),
    ("nl", "De reorganisatie in maart heeft alles veranderd.", ("de reorganisatie in maart",)),
    ("nl", "Na de fusie werd alles anders, en de nachtdiensten werden langer.", ("de fusie", "de nachtdiensten")),
    ("en", "The night shifts were awful and the new rota came late.", ("the night shifts", "the new rota")),
    ("en", "After the reorganisation nobody knew who decided anything.", ("the reorganisation",)),
    ("en", "There was an incident on the ward and a decision I hated.", ("an incident on the ward", "a decision")),
    ("en", "Overtime every week, that was normal.", ("overtime",)),
]


@pytest.mark.parametrize(("language", "text", "expected"), MATTER)
def test_matter_is_complete_noun_phrases_in_the_leavers_words(
    language: str, text: str, expected: tuple[str, ...]
) -> None:
    assert read(text, language).matter == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Mijn leidinggevende luisterde nooit."),
        ("en", "My manager never listened."),
        ("nl", "Het was gewoon niet leuk meer."),
        ("en", "It just wasn't fun any more."),
    ],
)
def test_no_matter_from_possessives_or_fragments(language: str, text: str) -> None:
    assert read(text, language).matter == ()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "De echte reden was dat mijn team werd opgeheven."),
        ("nl", "Eigenlijk was het de reorganisatie die de doorslag gaf."),
        ("nl", "Dat was de druppel."),
        ("en", "What really tipped it was the new rota."),
        ("en", "That's the point, nobody listened."),
        ("en", "The last straw was the pay freeze."),
        ("nl", "Wat echt de doorslag gaf was de nieuwe planning."),
        ("en", "The point is that nobody ever asked us."),
    ],
)
def test_decisive_cues_are_recognised(language: str, text: str) -> None:
    assert read(text, language).decisive


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "prima"), ("nl", "ging wel"), ("nl", "weet niet"), ("en", "fine"), ("en", "dunno"), ("en", "it was ok")],
)
def test_short_vague_answers_are_thin(language: str, text: str) -> None:
    u = read(text, language)
    assert u.kind == "answer"
    assert u.thin


def test_a_concrete_answer_is_not_thin() -> None:
    assert not read("Vorige week werd het rooster weer twee dagen van tevoren omgegooid.").thin


# ----------------------------------------------------------------------------------------------------------
# Any text at all
# ----------------------------------------------------------------------------------------------------------

_META_WORDS = re.compile(r"\b(?:vraag|vragen|question|questions|interview|gesprek|conversation|robot|computer)\b", re.I)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, languages)
def test_any_text_gives_a_valid_understanding(text: str, language: str) -> None:
    u = understand(text, Context(language=language))
    assert u.kind in TURN_KINDS
    assert u.language in ("nl", "en")
    assert (u.meta_topic is not None) == (u.kind == "meta_question")
    assert u.meta_topic is None or u.meta_topic in META_TOPICS
    assert (u.refusal_target is not None) == (u.kind == "refusal")
    assert u.disclosure is None or u.disclosure in DISCLOSURE_KINDS
    assert all(t.theme in THEME_IDS for t in u.themes)
    assert all(f.name and f.words for f in u.feelings)
    lowered = strip_control(text).lower()  # control characters are no part of the leaver's words
    for phrase in u.matter:
        assert phrase.strip() == phrase and phrase
        assert phrase.lower() in lowered
        assert not _META_WORDS.search(phrase)
        assert is_matter_phrase(phrase, text, u.language)
    for phrase in u.matter_yours:
        pronoun, _, rest = phrase.partition(" ")
        assert pronoun in ("je", "jullie", "your")
        assert rest and rest.lower() in lowered
    if u.kind not in ("answer", "correction"):
        assert u.matter == ()
        assert u.matter_yours == ()
