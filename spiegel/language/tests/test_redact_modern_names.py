"""Names of people who work in the Netherlands, Belgium and the UK today, written the way leavers type in a chat:
lower case, a surname alone, possessives, lists, capitals; and the ordinary words that look like them."""

from __future__ import annotations

import pytest

from spiegel.language.redact import Redaction, redact


def persons(result: Redaction) -> list[str]:
    return [s.original for s in result.spans if s.kind == "person"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Gündoğdu zei dat mijn contract niet verlengd werd.", ["Gündoğdu"]),
        ("Ik heb het nog met Abdeslam El Hamdaoui besproken.", ["Abdeslam El Hamdaoui"]),
        ("Ait Moussa van de planning gaf me steeds de late diensten.", ["Ait Moussa"]),
        ("Mijn begeleider was Soerinder Jagessar, hij was geweldig.", ["Soerinder Jagessar"]),
        ("Karijodikromo werkte al dertig jaar in de kas.", ["Karijodikromo"]),
        ("Rignald Winklaar en Shanira Isenia zijn ook weg.", ["Rignald Winklaar", "Shanira Isenia"]),
        ("Przemysław Zawadzki deed het werk van drie man.", ["Przemysław Zawadzki"]),
        ("Ik kon het goed vinden met Loredana Ungureanu.", ["Loredana Ungureanu"]),
        ("Tsvetelina Yordanova hielp me met de papieren.", ["Tsvetelina Yordanova"]),
        ("Mijn coach Halyna Honcharenko snapte het wel.", ["Halyna Honcharenko"]),
        ("Pattiasina zei dat er geen geld was voor opleiding.", ["Pattiasina"]),
        ("Sowmya Hegde was de beste tester die we hadden.", ["Sowmya Hegde"]),
        ("Yaa Asiedu en Olamide Akinola waren de enigen die bleven.", ["Yaa Asiedu", "Olamide Akinola"]),
        ("Winta Woldemariam sprak nog geen Nederlands en werd overgeslagen.", ["Winta Woldemariam"]),
        ("Dieumerci Kabongo van de nachtploeg stopte ook.", ["Dieumerci Kabongo"]),
        ("Raghad Kassem kreeg als eerste een vast contract.", ["Raghad Kassem"]),
    ],
)
def test_dutch_sentences_name_colleagues_of_many_origins(text: str, names: list[str]) -> None:
    assert persons(redact(text, "nl")) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Chaudhry said my contract would not be renewed.", ["Chaudhry"]),
        ("I raised it with Shahzad Qureshi twice.", ["Shahzad Qureshi"]),
        ("Mehwish from payroll never replied.", ["Mehwish"]),
        ("Przemysław Zawadzki did the work of three people.", ["Przemysław Zawadzki"]),
        ("I got on well with Loredana Ungureanu.", ["Loredana Ungureanu"]),
        ("Adwoa Frimpong and Kelechi Nwafor were the only ones who stayed.", ["Adwoa Frimpong", "Kelechi Nwafor"]),
        ("Tinashe Moyo on the night shift quit as well.", ["Tinashe Moyo"]),
        ("My mentor Sowmya Hegde was brilliant.", ["Sowmya Hegde"]),
        ("Hibo Warsame could not get a permanent contract.", ["Hibo Warsame"]),
        ("Kemar Beckford and Latoya Dacres left the same week.", ["Kemar Beckford", "Latoya Dacres"]),
        ("Yesenia Maldonado ran the warehouse on her own.", ["Yesenia Maldonado"]),
        ("Halyna Honcharenko had been a doctor in Kharkiv.", ["Halyna Honcharenko"]),
    ],
)
def test_english_sentences_name_colleagues_of_many_origins(text: str, names: list[str]) -> None:
    assert persons(redact(text, "en")) == names


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Met de Bulgaren en de Roemenen sprak ik Engels.", "nl"),
        ("Ze spraken onderling Tigrinya of Arabisch.", "nl"),
        ("Oekraïners kregen geen vast contract.", "nl"),
        ("The Romanian and Bulgarian crews shared a van.", "en"),
        ("I spoke Urdu with the Bangladeshi drivers.", "en"),
        ("Ukrainians never got permanent contracts.", "en"),
        ("De cao van Sligro is beter.", "nl"),
    ],
)
def test_nationalities_languages_and_employers_are_no_names(text: str, language: str) -> None:
    assert redact(text, language).spans == []


@pytest.mark.parametrize(
    "text", ["Rotas always came out late.", "Forklifts were always broken.", "Appraisals never happened."]
)
def test_an_english_plural_of_an_ordinary_word_at_a_sentence_start_is_no_name(text: str) -> None:
    assert redact(text, "en").spans == []


def test_a_lower_case_name_on_no_list_right_after_a_role_word_is_a_name() -> None:
    assert persons(redact("de nieuwe teamleider wambersie was heel anders", "nl")) == ["wambersie"]
    assert persons(redact("my lead tendekai was nothing like the old one", "en")) == ["tendekai"]


def test_a_lower_case_ordinary_word_after_a_role_word_stays() -> None:
    assert redact("mijn leidinggevende was nooit aanwezig", "nl").spans == []
    assert redact("my manager never showed up", "en").spans == []


def test_a_title_used_as_a_noun_before_in_or_te_takes_no_place_with_it() -> None:
    assert redact("She had been a doctor in Kharkiv.", "en").spans == []
    assert redact("Hij was dokter in Aleppo voordat hij hier kwam.", "nl").spans == []


def test_a_given_name_that_is_also_a_month_counts_before_another_name() -> None:
    assert persons(redact("Mei Ling in HR was kind to me.", "en")) == ["Mei Ling"]


def test_lower_case_van_in_english_is_a_vehicle() -> None:
    assert redact("The night crew shared a van.", "en").spans == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Will from HR said I should accept it.", ["Will"]),
        ("Grace from payroll sorted it out in the end.", ["Grace"]),
        ("my lead priya got it", ["priya"]),
        ("Roos van de receptie heeft me gesteund.", ["Roos"]),
        ("collega burak wist het ook", ["burak"]),
    ],
)
def test_a_name_that_is_also_a_word_counts_next_to_a_department_or_role(text: str, names: list[str]) -> None:
    language = "nl" if " van de " in text or "collega" in text else "en"
    assert persons(redact(text, language)) == names


def test_a_department_written_as_a_compound_after_van_de_is_no_surname() -> None:
    assert persons(redact("Nguyen van de IT-afdeling loste alles snel op.", "nl")) == ["Nguyen"]
    assert persons(redact("Ik sprak Kees van der Heijden-Bakker gisteren.", "nl")) == ["Kees van der Heijden-Bakker"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hryhorenko heeft me ingewerkt.", ["Hryhorenko"]),
        ("Ik had een conflict met Agyekum over mijn uren.", ["Agyekum"]),
        ("Tesfalem sprak nog geen Nederlands.", ["Tesfalem"]),
        ("Samsodien, mijn teamleider, wist altijd alles.", ["Samsodien"]),
    ],
)
def test_a_dutch_name_on_no_list_with_a_person_cue_around_it_stays_a_name(text: str, names: list[str]) -> None:
    assert persons(redact(text, "nl")) == names


def test_languages_of_colleagues_are_no_names() -> None:
    assert redact("Mijn collega's spraken Papiaments met elkaar.", "nl").spans == []
    assert redact("My colleagues spoke Patois with each other.", "en").spans == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kromowidjojo was mijn eerste teamleider.", ["Kromowidjojo"]),
        ("Al-Rawi en Darwish werkten op de nachtploeg.", ["Al-Rawi", "Darwish"]),
        ("Yusra's team kreeg alle leuke projecten.", ["Yusra"]),
        ("Samsodien van de receptie wist altijd alles.", ["Samsodien"]),
    ],
)
def test_a_dutch_name_on_no_list_with_a_role_department_possessive_or_arabic_article_stays_a_name(
    text: str, names: list[str]
) -> None:
    assert persons(redact(text, "nl")) == names


def test_a_country_joined_to_another_place_or_with_a_department_word_stays() -> None:
    assert redact("Pruissen en Oostenrijk sloten een verbond.", "nl").spans == []
    assert redact("Het gebouw van de receptie was nieuw.", "nl").spans == []


def test_a_dutch_name_on_no_list_before_a_verb_of_doing_stays_a_name() -> None:
    assert persons(redact("Zhenyu deed altijd de late dienst.", "nl")) == ["Zhenyu"]


def test_weekdays_in_the_plural_are_no_names() -> None:
    assert redact("Working Sundays suddenly became mandatory.", "en").spans == []
    assert redact("Ik moest alle Zondagen werken.", "nl").spans == []


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("ilse, burak en kim zijn allemaal weg", "nl", ["ilse", "burak", "kim"]),
        ("de planner, mevrouw ramdin, was nooit bereikbaar", "nl", ["mevrouw ramdin"]),
        ("ik heb het aan meneer yilmaz gevraagd", "nl", ["meneer yilmaz"]),
        ("en ook met mevrouw el amrani van hr", "nl", ["mevrouw el amrani"]),
        ("roos van de receptie wist het ook", "nl", ["roos"]),
        ("priya, tunde and kasia all left", "en", ["priya", "tunde", "kasia"]),
        ("i asked mr okafor twice", "en", ["mr okafor"]),
        ("ask grace from payroll", "en", ["grace"]),
    ],
)
def test_names_typed_in_lower_case_in_a_list_after_a_title_or_before_a_department(
    text: str, language: str, names: list[str]
) -> None:
    assert persons(redact(text, language)) == names


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ik heb hoop en vertrouwen in het team", "nl"),
        ("mevrouw zei dat het goed was", "nl"),
        ("meneer de directeur was er niet", "nl"),
        ("mevrouw van de kantine was aardig", "nl"),
        ("zal mevrouw de groot hertogin komen", "nl"),
        ("i miss you all already", "en"),
        ("will and mark my words", "en"),
        ("prices rose in the shop", "en"),
    ],
)
def test_lower_case_words_in_those_places_that_are_no_names_stay(text: str, language: str) -> None:
    assert redact(text, language).spans == []
