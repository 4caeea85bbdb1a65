"""Behaviour of the rule-based pseudonymiser (spiegel.language.redact)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spiegel.language.redact import KINDS, Pseudonymiser, Redaction, Span, redact


def persons(result: Redaction) -> list[str]:
    return [s.original for s in result.spans if s.kind == "person"]


def kinds(result: Redaction) -> list[tuple[str, str]]:
    return [(s.kind, s.original) for s in result.spans]


# -- identifiers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail naar j.vandijk@gmail.com graag.", "Mail naar [e-mailadres] graag."),
        ("Bel 06-12345678 maar.", "Bel [telefoonnummer] maar."),
        ("Bel +31 6 2345 6789 maar.", "Bel [telefoonnummer] maar."),
        ("Bel 030 - 123 45 67 maar.", "Bel [telefoonnummer] maar."),
        ("BSN 725763863.", "BSN [BSN]."),
        ("BSN 123.456.782 klopt.", "BSN [BSN] klopt."),
        ("Rekening NL91 ABNA 0417 1643 00 graag.", "Rekening [IBAN] graag."),
        ("Rekening NL44INGB7847766477.", "Rekening [IBAN]."),
        ("Adres Lindelaan 14, 3521 BK Utrecht.", "Adres [postcode], [postcode] Utrecht."),
        ("Zie https://intranet.voorbeeld.nl/hr/vertrek.", "Zie [URL]."),
        ("Zie www.werkenbij.nl voor meer.", "Zie [URL] voor meer."),
    ],
)
def test_dutch_identifiers_are_replaced_by_their_placeholder(text: str, expected: str) -> None:
    assert redact(text, "nl").text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Email a.b@example.co.uk now.", "Email [email address] now."),
        ("Call 07700 900123 today.", "Call [phone number] today."),
        ("Call +44 20 7946 0958 today.", "Call [phone number] today."),
        ("Call (555) 123-4567 today.", "Call [phone number] today."),
        ("Account GB29NWBK60161331926819 please.", "Account [IBAN] please."),
        ("I lived at 22 Church Street in Oxford.", "I lived at [postcode] in Oxford."),
        ("Postcode CB2 1TN it is.", "Postcode [postcode] it is."),
    ],
)
def test_english_identifiers_are_replaced_by_their_placeholder(text: str, expected: str) -> None:
    assert redact(text, "en").text == expected


def test_a_nine_digit_number_failing_the_eleven_test_is_not_a_bsn() -> None:
    result = redact("Het ordernummer was 123456789 en BSN 123456782.", "nl")
    assert kinds(result) == [("bsn", "123456782")]
    assert result.text == "Het ordernummer was 123456789 en BSN [BSN]."


def test_an_iban_with_a_wrong_check_digit_is_left_alone() -> None:
    assert redact("Rekening NL92ABNA0417164300.", "nl").spans == []


def test_dates_amounts_and_years_are_not_phone_numbers() -> None:
    text = "Op 12-03-2024 kreeg ik € 3.500, in 2023 werkte ik 38 uur."
    assert redact(text, "nl").spans == []


def test_a_phone_number_followed_by_another_number_keeps_only_the_phone_number() -> None:
    result = redact("Bel 06-12345678 38 keer.", "nl")
    assert kinds(result) == [("phone", "06-12345678")]


# -- person names --------------------------------------------------------------------------------------


def test_surname_particles_belong_to_the_name() -> None:
    result = redact("Ik sprak Kees van den Berg en Jan ter Horst.", "nl")
    assert persons(result) == ["Kees van den Berg", "Jan ter Horst"]


def test_titles_and_capitalised_particles_are_replaced_with_the_name() -> None:
    result = redact("Ik sprak meneer Jansen, mevrouw De Boer en dr. Bakker.", "nl")
    assert persons(result) == ["meneer Jansen", "mevrouw De Boer", "dr. Bakker"]


def test_english_titles_take_the_name_with_them() -> None:
    assert persons(redact("I met Mr Smith and Dr. Okafor.", "en")) == ["Mr Smith", "Dr. Okafor"]


def test_initials_before_a_surname_are_part_of_the_name() -> None:
    result = redact("J. de Vries en A.M. Kramer tekenden.", "nl")
    assert persons(result) == ["J. de Vries", "A.M. Kramer"]


def test_a_first_name_alone_is_a_name() -> None:
    assert persons(redact("Ik had een conflict met Jeroen.", "nl")) == ["Jeroen"]


def test_names_at_the_start_of_a_sentence_are_found() -> None:
    assert persons(redact("Sandra zei niets. Fatima wel.", "nl")) == ["Sandra", "Fatima"]


def test_english_possessive_stays_outside_the_span() -> None:
    result = redact("Sarah's team was great.", "en")
    assert result.text == "[person A]'s team was great."


def test_dutch_possessive_s_stays_outside_the_span() -> None:
    result = redact("Pieters aanpak werkte niet.", "nl")
    assert result.text == "[persoon A]s aanpak werkte niet."


def test_a_surname_before_an_adverb_is_replaced_whole_without_a_glued_suffix() -> None:
    result = redact("Toen kwam tuinman Bos langs.", "nl")
    assert result.text == "Toen kwam tuinman [persoon A] langs."
    assert persons(result) == ["Bos"]


def test_lower_case_surname_particles_in_a_list_or_after_a_title_are_part_of_the_name() -> None:
    result = redact("Aanwezig: Kalff, van Hasselt en ten Cate. De heer van Hulst sprak.", "nl")
    assert persons(result) == ["Kalff", "van Hasselt", "ten Cate", "heer van Hulst"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("De heeren Romein en v. d. Goot, aanvragers om concessie, zijn gehoord.", "v. d. Goot"),
        ("Getekend: C. v. d. Wenden, secretaris.", "C. v. d. Wenden"),
        ("Te bekomen bij mejuffrouw T. van die Ven, Melkmarkt te Zwolle.", "T. van die Ven"),
        ("Ik had een gesprek met J. vau Hemert over de planning.", "J. vau Hemert"),
    ],
)
def test_abbreviated_or_misprinted_particles_between_initials_and_a_surname_are_part_of_the_name(
    text: str, name: str
) -> None:
    assert name in persons(redact(text, "nl"))


@pytest.mark.parametrize("text", ["De kosten zijn v. d. gemeente.", "Zie blz. 4 v. d. nota, bijlage 2."])
def test_abbreviated_particles_before_an_ordinary_word_stay(text: str) -> None:
    assert redact(text, "nl").text == text


def test_a_preposition_before_a_first_name_stays_outside_the_name() -> None:
    assert redact("Een mail van Pieter kwam niet.", "nl").text == "Een mail van [persoon A] kwam niet."


@pytest.mark.parametrize(
    "text",
    ["Scholingsdagen zijn er te weinig.", "Inschaling was slecht geregeld.", "Scholingsdagen. Inschaling. Inwerking."],
)
def test_dutch_nouns_made_from_verbs_and_compounds_at_a_sentence_start_are_no_names(text: str) -> None:
    assert redact(text, "nl").text == text


def test_names_of_many_origins_are_found() -> None:
    text = "Met Mohammed, Ayşe, Krzysztof, Sharmila, Kwame en Priya ging het goed."
    assert persons(redact(text, "nl")) == ["Mohammed", "Ayşe", "Krzysztof", "Sharmila", "Kwame", "Priya"]


def test_a_name_that_is_also_a_word_counts_mid_sentence_and_after_a_role() -> None:
    result = redact("Ik sprak met Roos. Mijn collega Bas was er ook.", "nl")
    assert persons(result) == ["Roos", "Bas"]


def test_a_word_that_is_also_a_name_at_sentence_start_is_left_alone() -> None:
    assert redact("Will you tell me? Mark my words.", "en").spans == []
    assert redact("Ben je er morgen? Wil je koffie?", "nl").spans == []


def test_an_ambiguous_name_at_sentence_start_counts_when_a_speech_verb_follows() -> None:
    assert persons(redact("Bill said no.", "en")) == ["Bill"]
    assert persons(redact("Roos zei nee.", "nl")) == ["Roos"]


def test_an_unknown_capitalised_word_after_met_is_taken_as_a_person() -> None:
    assert persons(redact("Ik werkte met Zwanenburgius samen.", "nl")) == ["Zwanenburgius"]


@pytest.mark.parametrize(
    "text",
    [
        "In januari kregen we een nieuw rooster via AFAS.",
        "We overlegden via Teams en Outlook.",
        "Het MT besloot dat HR naar Den Haag verhuist.",
        "Op het hoofdkantoor in Den Bosch wisten ze niets.",
        "De Albert Heijn zocht ook mensen.",
        "Gisteren was het druk. Toen ging alles mis.",
        "Met Kerst en tijdens de Ramadan was het rustig.",
        "Ik heb een baan gevonden in Amersfoort bij de ING.",
    ],
)
def test_dutch_capitalised_non_names_are_left_alone(text: str) -> None:
    assert redact(text, "nl").spans == []


@pytest.mark.parametrize(
    "text",
    [
        "In April I was off sick.",
        "During Ramadan and at Christmas it was quiet.",
        "We used Slack, Teams and Outlook in London on Monday.",
        "I've explained everything. Don't worry.",
        "The Victoria office handled complaints.",
    ],
)
def test_english_capitalised_non_names_are_left_alone(text: str) -> None:
    assert redact(text, "en").spans == []


# -- placeholders: roles and consistency -----------------------------------------------------------------


def test_the_same_person_keeps_the_role_placeholder_by_first_name_and_by_title_and_surname() -> None:
    p = Pseudonymiser("nl")
    first = p.redact("Mijn leidinggevende Piet de Vries was streng. Piet zei dat ik te laat was.")
    later = p.redact("Later sprak ik meneer De Vries nog.")
    assert first.text == "Mijn leidinggevende [leidinggevende] was streng. [leidinggevende] zei dat ik te laat was."
    assert later.text == "Later sprak ik [leidinggevende] nog."


def test_colleagues_get_letters_and_others_become_persons() -> None:
    p = Pseudonymiser("nl")
    result = p.redact("Met mijn collega Jeroen en collega Fatma ging het goed, maar Henk deed moeilijk.")
    assert (
        result.text
        == "Met mijn collega [collega A] en collega [collega B] ging het goed, maar [persoon A] deed moeilijk."
    )
    assert p.redact("Jeroen vond dat ook.").text == "[collega A] vond dat ook."


def test_stated_roles_become_the_placeholder() -> None:
    result = redact("De teamleider, Bas, en de directeur, mevrouw Van der Linden, waren er niet.", "nl")
    assert result.text == "De teamleider, [teamleider], en de directeur, [directeur], waren er niet."


def test_a_role_after_the_name_counts_too() -> None:
    assert redact("Marloes, mijn leidinggevende, belde.", "nl").text == "[leidinggevende], mijn leidinggevende, belde."
    assert redact("Chantal van HR belde.", "nl").text == "[HR-medewerker] van HR belde."


def test_english_roles_and_letters() -> None:
    p = Pseudonymiser("en")
    assert p.redact("My manager Sarah Jones said no.").text == "My manager [manager] said no."
    assert p.redact("Ms Jones agreed with my colleague Tom and with Dan.").text == (
        "[manager] agreed with my colleague [colleague A] and with [person A]."
    )


def test_a_second_person_with_the_same_role_gets_a_letter() -> None:
    result = redact("Mijn eerste teamleider Henk was anders dan mijn teamleider Ruud.", "nl")
    assert result.text == "Mijn eerste teamleider [teamleider] was anders dan mijn teamleider [teamleider B]."


def test_initials_that_do_not_match_a_known_first_name_are_a_different_person() -> None:
    p = Pseudonymiser("nl")
    p.redact("Piet de Vries was mijn leidinggevende.")
    assert p.redact("J. de Vries tekende.").text == "[persoon B] tekende."


def test_the_mapping_round_trips_through_json() -> None:
    p = Pseudonymiser("nl")
    p.redact("Mijn leidinggevende Sandra Bakker en collega Jeroen.")
    restored = Pseudonymiser("nl", mapping=json.loads(json.dumps(p.to_dict())))
    assert restored.to_dict() == p.to_dict()
    assert restored.redact("Sandra en Jeroen en Henk.").text == "[leidinggevende] en [collega A] en [persoon A]."


def test_a_mapping_of_another_language_is_refused() -> None:
    mapping = Pseudonymiser("nl").to_dict()
    with pytest.raises(ValueError, match="language"):
        Pseudonymiser("en", mapping=mapping)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        Pseudonymiser("de")


def test_spans_point_into_the_original_text() -> None:
    text = "Bel Sandra op 06-12345678."
    result = redact(text, "nl")
    assert result.spans == [
        Span(4, 10, "person", "[persoon A]", "Sandra"),
        Span(14, 25, "phone", "[telefoonnummer]", "06-12345678"),
    ]
    assert all(text[s.start : s.end] == s.original for s in result.spans)


def test_empty_text_gives_an_empty_redaction() -> None:
    assert redact("", "en") == Redaction(text="", spans=[])


# -- robustness ------------------------------------------------------------------------------------------

_PIECES = ["Piet ", "de ", "Van ", "meneer ", "Mr ", "J. ", "06-12345678 ", "NL91ABNA0417164300 ", "www.", "'s "]
_alphabet = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'’-+@/()\n\t\"éöşıł", *_PIECES]
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_alphabet, max_size=60).map("".join) | st.text(max_size=200), language=st.sampled_from(["nl", "en"])
)
def test_redact_never_crashes_and_spans_are_well_formed(text: str, language: str) -> None:
    result = Pseudonymiser(language).redact(text)
    previous_end = 0
    rebuilt = []
    for span in result.spans:
        assert 0 <= previous_end <= span.start < span.end <= len(text)
        assert span.kind in KINDS
        assert span.original == text[span.start : span.end]
        rebuilt.append(text[previous_end : span.start] + span.placeholder)
        previous_end = span.end
    assert "".join(rebuilt) + text[previous_end:] == result.text


# -- names that no list knows (frequency list, capitals, handles) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Afgelopen jaar zat Wambersie in het projectteam.", "Wambersie"),
        ("De offerte is nagekeken door KWAKERNAAK en mij.", "KWAKERNAAK"),
        ("In het overleg zaten Sichterman, van Dorsser en ik.", "van Dorsser"),
        ("ik sprak met fatima over het rooster", "fatima"),
        ("De heer Oudejans kwam niet opdagen.", "Oudejans"),
    ],
)
def test_dutch_names_that_are_on_no_list_are_replaced(text: str, name: str) -> None:
    result = redact(text, "nl")
    assert name in persons(result) or any(name in p for p in persons(result))
    assert name not in result.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Honestly the rota that Okonkwo made was a mess.", "Okonkwo"),
        ("I spoke with tanya about the rota.", "tanya"),
        ("Talking to Hillary never helped.", "Hillary"),
    ],
)
def test_english_names_that_are_on_no_list_are_replaced(text: str, name: str) -> None:
    result = redact(text, "en")
    assert name not in result.text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Werkdruk was het grootste probleem, en de Planning kwam altijd te laat.", "nl"),
        ("Het UWV en de CAO kwamen ter sprake.", "nl"),
        ("I always admired her patience on the staff forum.", "en"),
        ("Jan 14 was the deadline for the report.", "en"),
        ("Gonna miss the team, it's been a great ride.", "en"),
    ],
)
def test_ordinary_words_with_capitals_stay(text: str, language: str) -> None:
    assert redact(text, language).spans == []


def test_a_user_name_is_replaced_like_an_identifier() -> None:
    result = redact("Ik had @jdevries al een bericht gestuurd, mail ook naar piet@voorbeeld.nl.", "nl")
    assert kinds(result) == [("handle", "@jdevries"), ("email", "piet@voorbeeld.nl")]
    assert result.text == "Ik had [gebruikersnaam] al een bericht gestuurd, mail ook naar [e-mailadres]."


def test_a_misread_de_heer_in_old_print_still_opens_a_name() -> None:
    result = redact("Daarna sprak de beer Wolterbeek over de begroting.", "nl")
    assert persons(result) == ["beer Wolterbeek"]
    assert redact("Ik heb de beer in de dierentuin gezien.", "nl").spans == []


def test_a_maiden_name_after_geb_belongs_to_the_name() -> None:
    result = redact("Overleden: Maria Brinkhuis geb. Veldkamp, in den ouderdom van 70 jaren.", "nl")
    assert persons(result) == ["Maria Brinkhuis geb. Veldkamp"]


def test_a_name_in_capitals_keeps_its_particles_and_surname_in_capitals() -> None:
    result = redact("Verkoping ten verzoeke van HENDRIK VAN DER STOEP te Kampen.", "nl")
    assert persons(result) == ["HENDRIK VAN DER STOEP"]


def test_a_surname_split_by_ocr_into_a_lower_case_tail_is_replaced_whole() -> None:
    assert persons(redact("De heer Schimmel penninck verklaarde zich voor het plan.", "nl")) == [
        "heer Schimmel penninck"
    ]


def test_an_abbreviated_first_name_is_read_like_an_initial() -> None:
    assert persons(redact("Getekend: H. Th. van Roosmalen, secretaris.", "nl")) == ["H. Th. van Roosmalen"]
    assert persons(redact("Ingezonden door G. Ph. Kortenhoeven te Deventer.", "nl")) == ["G. Ph. Kortenhoeven"]


def test_listed_first_names_that_are_ordinary_english_words_stay_in_lower_case() -> None:
    result = redact("Noor said the forum helped, and I admire her patience.", "en")
    assert persons(result) == ["Noor"]
