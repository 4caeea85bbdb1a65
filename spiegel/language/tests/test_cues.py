"""analyse_answer: each signal the interview engine relies on, in Dutch and English."""

from __future__ import annotations

import pytest

from spiegel.language.cues import analyse_answer, detect_language


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "Prima."), ("nl", "Ging wel."), ("nl", "Weet niet."), ("en", "Fine."), ("en", "It was okay, I guess.")],
)
def test_short_vague_answers_are_thin(language: str, text: str) -> None:
    s = analyse_answer(text, language)
    assert s.is_short
    assert s.is_thin


@pytest.mark.parametrize(
    ("language", "text", "markers"),
    [
        ("nl", "Vorige week zei mijn leidinggevende dat ik drie projecten tegelijk moest doen.", 2),
        ("en", "Last week my manager said I had to run 3 projects at once.", 3),
    ],
)
def test_concrete_answers_have_specificity_and_are_not_thin(language: str, text: str, markers: int) -> None:
    s = analyse_answer(text, language)
    assert s.specificity == markers
    assert not s.is_thin


@pytest.mark.parametrize(
    ("language", "text", "theme", "phrase"),
    [
        ("nl", "De communicatie.", "collaboration", "de communicatie"),
        ("nl", "De cultuur.", "culture", "de cultuur"),
        ("en", "The culture.", "culture", "the culture"),
    ],
)
def test_theme_named_without_detail(language: str, text: str, theme: str, phrase: str) -> None:
    s = analyse_answer(text, language)
    assert [(m.theme, m.phrase) for m in s.bare_themes] == [(theme, phrase)]


@pytest.mark.parametrize(
    ("language", "text", "themes"),
    [
        ("nl", "Mijn collega's waren fijn maar de leidinggevenden gaven geen feedback.", ("collaboration", "manager")),
        ("nl", "Ik werd gepest en het startsalaris was laag.", ("culture", "pay")),
        ("en", "The managers ignored the rosters and my salaries were late.", ("manager", "conditions", "pay")),
    ],
)
def test_themes_match_inflections_and_compounds(language: str, text: str, themes: tuple[str, ...]) -> None:
    assert analyse_answer(text, language).themes == themes


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("nl", "Ik kreeg een mooie kans.", "easy"),
        ("nl", "Het was tijd voor iets nieuws.", "easy"),
        ("en", "A great opportunity came up and it was more money.", "easy"),
        ("nl", "Het was eigenlijk een beetje lastig.", "hedge"),
        ("nl", "Ik wil niemand zwartmaken.", "hedge"),
        ("en", "It was kind of difficult.", "hedge"),
        ("nl", "Iedereen deed altijd maar wat.", "general"),
        ("en", "Nobody ever listened, always the same.", "general"),
        ("nl", "Ik hoorde dat er ontslagen vallen.", "hearsay"),
        ("en", "Apparently they are cutting jobs.", "hearsay"),
    ],
)
def test_cue_lists(language: str, text: str, kind: str) -> None:
    s = analyse_answer(text, language)
    found = {"easy": s.easy_reasons, "hedge": s.hedges, "general": s.generalisations, "hearsay": s.hearsay}[kind]
    assert len(found) >= 1


@pytest.mark.parametrize(
    ("language", "text", "group", "phrase"),
    [
        ("nl", "Het was echt frustrerend.", "frustration", "frustrerend"),
        ("nl", "Ik was er klaar mee.", "fed_up", "er klaar mee"),
        ("nl", "Ik was teleurgesteld.", "disappointment", "teleurgesteld"),
        ("en", "I was fed up with it.", "fed_up", "fed up"),
        ("en", "I felt really disappointed.", "disappointment", "disappointed"),
    ],
)
def test_emotions_with_the_phrase_found(language: str, text: str, group: str, phrase: str) -> None:
    e = analyse_answer(text, language).emotions
    assert (e[0].kind, e[0].phrase) == (group, phrase)


@pytest.mark.parametrize(
    ("language", "text", "name", "role"),
    [
        ("nl", "Mijn teamleider Jan gaf nooit feedback.", "Jan", "je teamleider"),
        ("nl", "Meneer De Vries was onaardig.", "De Vries", "die persoon"),
        ("en", "My manager Sarah never replied.", "Sarah", "your manager"),
    ],
)
def test_named_people_and_names_stay_out_of_quotes(language: str, text: str, name: str, role: str) -> None:
    s = analyse_answer(text, language)
    assert (s.named_people[0].phrase, s.named_people[0].context) == (name, role)
    assert all(name not in p for p in s.key_phrases)


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("nl", "Ik werd gepest door mijn collega's.", "harassment"),
        ("nl", "Er was sprake van intimidatie.", "harassment"),
        ("nl", "Dat was gewoon discriminatie.", "discrimination"),
        ("nl", "Hij maakte grappen over mijn afkomst.", "discrimination"),
        ("nl", "Ik zag fraude met de uren.", "integrity"),
        ("nl", "Het werk op de steiger was onveilig.", "safety"),
        ("en", "I was sexually harassed by a client.", "harassment"),
        ("en", "They falsified the test results.", "integrity"),
        ("en", "The machine was dangerous.", "safety"),
    ],
)
def test_serious_disclosures(language: str, text: str, kind: str) -> None:
    assert [d.kind for d in analyse_answer(text, language).disclosures] == [kind]


@pytest.mark.parametrize(
    ("language", "text"),
    [("nl", "Ik ben nooit gepest."), ("nl", "Er was geen discriminatie."), ("en", "I was never bullied.")],
)
def test_negated_disclosures_are_not_disclosures(language: str, text: str) -> None:
    assert analyse_answer(text, language).disclosures == ()


@pytest.mark.parametrize(
    ("language", "text", "what"),
    [
        ("nl", "Daar wil ik niet over praten.", "refusal"),
        ("nl", "Dat is te persoonlijk.", "refusal"),
        ("en", "I'd rather not say.", "refusal"),
        ("nl", "Ik moet er nog van huilen.", "distress"),
        ("en", "It's still painful.", "distress"),
    ],
)
def test_refusal_and_distress(language: str, text: str, what: str) -> None:
    s = analyse_answer(text, language)
    assert (s.refusal is not None, s.distress is not None) == (what == "refusal", what == "distress")


@pytest.mark.parametrize(
    ("language", "text", "skip"),
    [
        ("nl", "Volgende onderwerp.", True),
        ("nl", "Sla deze vraag over.", True),
        ("en", "Next topic please.", True),
        ("en", "skip", True),
        ("en", "I often had to skip lunch because the team was understaffed and nobody cared.", False),
    ],
)
def test_skip_requests_only_in_short_answers(language: str, text: str, skip: bool) -> None:
    assert analyse_answer(text, language).skip_request is skip


@pytest.mark.parametrize(
    ("language", "text", "skip"),
    [
        # "pas" (only, not until) and "pass", "skip", "move on" inside a short account are no request to skip
        ("nl", "Ik werk hier pas twee jaar.", False),
        ("nl", "Dat hoorde ik pas later.", False),
        ("nl", "Ze belden pas na een week terug.", False),
        ("nl", "Pas toen ik ziek werd, luisterden ze.", False),
        ("nl", "Ik pas niet in dat team.", False),
        ("en", "We had to move on without a handover.", False),
        ("en", "They passed me over twice.", False),
        ("en", "I would skip lunch most days.", False),
        ("en", "Pass the blame, that was the culture.", False),
        ("en", "The company wanted to move on quickly.", False),
        # ... and said as a request, they are
        ("nl", "Pas.", True),
        ("nl", "Ik pas.", True),
        ("nl", "pas maar", True),
        ("nl", "Ik pas voor deze vraag.", True),
        ("en", "Pass.", True),
        ("en", "I'll pass.", True),
        ("en", "I'd rather pass on that one.", True),
        ("en", "Can we move on?", True),
        ("en", "Let's move on please.", True),
        ("en", "Skip this one.", True),
        ("en", "Can we skip that?", True),
    ],
)
def test_pass_skip_and_move_on_are_a_request_only_when_said_as_one(language: str, text: str, skip: bool) -> None:
    assert analyse_answer(text, language).skip_request is skip


def test_several_threads_and_key_phrases() -> None:
    s = analyse_answer("De werkdruk was te hoog en mijn salaris was ook laag.", "nl")
    assert s.several_threads
    assert s.key_phrases[:2] == ("de werkdruk was te hoog", "mijn salaris was ook laag")
    assert [m.polarity for m in s.mentions] == ["neg", "neg"]


def test_dont_know_is_counted_for_fatigue() -> None:
    assert analyse_answer("Weet ik niet, geen idee.", "nl").dont_know == 2


def test_detect_language() -> None:
    assert detect_language("Wat heb je daar zelf van gezien?") == "nl"
    assert detect_language("What did you see of that yourself?") == "en"
    assert detect_language("ok") is None


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        analyse_answer("Bonjour", "fr")


@pytest.mark.parametrize(
    ("language", "text", "themes"),
    [
        # money the organisation lacks for staff is not the leaver's pay; the place one works is not collaboration
        ("nl", "De teamleider zei dat er geen geld was voor extra mensen.", {"manager"}),
        ("nl", "Ik trok het niet meer op de afdeling.", set()),
        ("en", "My manager said there was no money for extra staff.", {"manager"}),
        ("en", "I couldn't cope any more in my department.", set()),
        # ... and money and departments still count where they are the matter
        ("nl", "Het ging me niet om het geld.", {"pay"}),
        ("nl", "Bij mijn nieuwe werkgever ga ik meer geld verdienen.", {"pay"}),
        ("nl", "De samenwerking tussen de afdelingen liep stroef.", {"collaboration"}),
        ("en", "It wasn't about the money.", {"pay"}),
        ("en", "I will earn more money at the new place.", {"pay"}),
        ("en", "Communication between teams was poor.", {"collaboration"}),
        ("en", "I needed the money to pay my rent.", {"pay"}),
        ("nl", "Ik had het geld nodig voor mijn huur.", {"pay"}),
    ],
)
def test_money_and_the_department_are_a_theme_only_where_they_are_the_matter(
    language: str, text: str, themes: set[str]
) -> None:
    assert {m.theme for m in analyse_answer(text, language).mentions} == themes
