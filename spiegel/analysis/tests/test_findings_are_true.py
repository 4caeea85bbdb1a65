"""Findings that are true (issue 13): a fact is one concrete, checkable sentence, corroborated only by other
leavers who say the same thing in their own words; quotes are not repeated; a neutral answer to the
interviewer's question about a theme is no emerging topic."""

from __future__ import annotations

import pytest
from django.test import Client

from spiegel.analysis.actions import cluster_statements
from spiegel.analysis.clustering import Item, cluster_facts
from spiegel.analysis.facts import checkable, different_facts, is_concrete, quantities, same_anchor
from spiegel.analysis.insights.advice import quotes_of
from spiegel.analysis.models import ClusterKind, StatementCluster
from spiegel.analysis.queries import insights
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.queries import Access
from tests.support.builders import build_analysed_case, build_org, build_user

# One fact (evening staffing) in three leavers' own words, and another fact (the appraisal) in two.
EVENING = (
    "In de avonddienst stonden we vaak met z'n tweeën voor 28 bewoners.",
    "Op een gewone avond stond ik met één collega voor de hele afdeling van 28 mensen.",
    "'s Avonds waren we met twee man voor 28 bewoners, meer was er niet.",
)
# Quoted in the organisation's view (the evening staffing above is read as a safety disclosure, never quoted).
BOARD = (
    "De bestuurder is in twee jaar één keer op onze afdeling geweest.",
    "In twee jaar heb ik de bestuurder maar één keer op de afdeling gezien.",
    "In twee jaar tijd is de bestuurder één keer bij ons op de afdeling geweest.",
)
APPRAISAL = (
    "Mijn functioneringsgesprek is twee keer verzet en uiteindelijk nooit doorgegaan.",
    "Het functioneringsgesprek werd twee keer uitgesteld en is nooit gehouden.",
)


def test_three_leavers_telling_one_fact_in_their_own_words_are_one_fact_of_three() -> None:
    items = [Item(group=f"leaver-{n}", text=text, language="nl") for n, text in enumerate(EVENING)]
    items.append(Item(group="leaver-9", text=APPRAISAL[0], language="nl"))
    [fact] = cluster_facts(items)
    assert (sorted(fact.members), fact.groups) == ([0, 1, 2], 3)


def test_one_leaver_telling_a_fact_three_times_corroborates_nothing() -> None:
    items = [Item(group="leaver-1", text=text, language="nl") for text in EVENING]
    assert cluster_facts(items) == []


def test_the_same_words_from_several_leavers_are_one_wording_and_corroborate_nothing() -> None:
    items = [Item(group=f"leaver-{n}", text=EVENING[0], language="nl") for n in range(5)]
    assert cluster_facts(items) == []


def test_sentences_that_name_different_numbers_are_different_facts() -> None:
    items = [
        Item(group="a", text="In de avonddienst stonden we met z'n tweeën voor 28 bewoners.", language="nl"),
        Item(group="b", text="In de avonddienst stonden we met z'n drieën voor 40 bewoners.", language="nl"),
    ]
    assert cluster_facts(items) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Het was gewoon te druk, elke dienst weer.", "nl"),
        ("Het salaris was te laag voor wat er van je gevraagd werd.", "nl"),
        ("Ik voelde me na tien jaar nog steeds niet gezien door de leiding.", "nl"),
        ("Management didn't really care about us at all.", "en"),
    ],
)
def test_a_feeling_or_a_general_complaint_is_not_a_fact(text: str, language: str) -> None:
    assert is_concrete(text, language) is False


@pytest.mark.parametrize(
    ("text", "language"),
    [(EVENING[0], "nl"), (APPRAISAL[1], "nl"), ("The air conditioning in the office was broken all summer.", "en")],
)
def test_a_sentence_with_a_quantity_or_a_time_is_a_fact(text: str, language: str) -> None:
    assert is_concrete(text, language) is True


def _org(k: int = 3) -> Organisation:
    org = build_org()
    Organisation.objects.filter(pk=org.pk).update(min_group_size=k)
    org.refresh_from_db()
    return org


@pytest.mark.django_db
def test_a_statement_with_two_facts_counts_for_each_and_each_fact_is_quoted_as_one_sentence() -> None:
    org = _org(k=3)
    opening = "Ik ga weg omdat het op de afdeling niet meer ging."
    build_analysed_case(org, (opening, f"{BOARD[0]} {APPRAISAL[0]}"), language="nl")
    build_analysed_case(org, (opening, BOARD[1]), language="nl")
    build_analysed_case(org, (opening, f"{BOARD[2]} {APPRAISAL[1]}"), language="nl")
    assert cluster_statements(str(org.id))["fact"] == 2
    facts = insights(Access(organisation=org, role=Role.CLIENT_VIEWER)).facts
    # Three leavers for the board, two (fewer than k: not counted out loud) for the appraisal.
    assert sorted((f.leavers.value or 0, f.leavers.suppressed) for f in facts) == [(0, True), (3, False)]
    # Each fact is quoted as its own sentence, never as the statement that holds both.
    assert sorted((f.quote in BOARD, f.quote in APPRAISAL) for f in facts) == [(False, True), (True, False)]


@pytest.mark.django_db
def test_a_fact_one_leaver_repeats_is_not_shown_as_corroborated() -> None:
    org = _org()
    build_analysed_case(org, ("Ik ga weg vanwege de leiding.", *BOARD), language="nl")
    build_analysed_case(org, ("Ik ga weg vanwege mijn leidinggevende.", APPRAISAL[0]), language="nl")
    build_analysed_case(org, ("Ik ga weg vanwege het rooster.", "Het rooster was altijd laat."), language="nl")
    cluster_statements(str(org.id))
    assert insights(Access(organisation=org, role=Role.CLIENT_VIEWER)).facts == []


@pytest.mark.django_db
def test_the_same_sentences_in_another_order_are_quoted_once() -> None:
    org = _org()
    statements = []
    for text in (f"{BOARD[0]} {APPRAISAL[0]}", f"{APPRAISAL[0]} {BOARD[0]}"):
        case = build_analysed_case(org, ("Ik ga weg vanwege de leiding.",), language="nl")
        statement = Statement.objects.get(interview=case.interview)
        statement.text = text  # one statement each, as a leaver's edit in the mirror could make it
        statement.save(update_fields=["text"])
        statements.append(str(statement.pk))
    assert quotes_of(statements, 3) == [f"{BOARD[0]} {APPRAISAL[0]}"]


@pytest.mark.django_db
def test_a_neutral_answer_to_a_question_about_a_theme_is_no_emerging_topic() -> None:
    org = _org()
    neutral = "Het zorgwerk zelf deed ik met veel plezier, daar lag het niet aan."
    cases = [build_analysed_case(org, (neutral,), language="nl") for _ in range(3)]
    for case in cases:
        Statement.objects.filter(interview=case.interview).update(themes=[], topic="job_content", phase="guide")
    cluster_statements(str(org.id))
    assert not StatementCluster.objects.filter(organisation=org, kind=ClusterKind.EMERGING).exists()
    # The same words where no question put them under a theme are a topic several leavers raise.
    Statement.objects.filter(interview__in=[c.interview for c in cases]).update(topic="", phase="story")
    cluster_statements(str(org.id))
    assert StatementCluster.objects.filter(organisation=org, kind=ClusterKind.EMERGING).count() == 1


@pytest.mark.django_db
def test_the_dashboard_quotes_a_fact_once_under_its_advice_and_not_again_in_the_list() -> None:
    org = _org(k=3)
    org.average_salary = 40000
    org.save(update_fields=["average_salary"])
    for wording in (
        *APPRAISAL,
        "Twee keer werd mijn functioneringsgesprek afgezegd, daarna is het er nooit meer van gekomen.",
    ):
        build_analysed_case(
            org, ("Ik ga weg vanwege mijn leidinggevende, die er nooit voor ons was.", wording), language="nl"
        )
    cluster_statements(str(org.id))
    shown = insights(Access(organisation=org, role=Role.CLIENT_VIEWER))
    [fact] = shown.facts
    assert fact.theme in {a.theme for a in shown.advice}
    client = Client()
    client.force_login(build_user(org, Role.CLIENT_VIEWER))
    page = client.get(f"/o/{org.slug}/dashboard/").content.decode()
    assert fact.quote is not None and page.count(fact.quote) == 1


@pytest.mark.django_db
def test_the_other_wordings_of_a_fact_are_not_quoted_again_on_the_page() -> None:
    org = _org(k=3)
    org.average_salary = 40000
    org.save(update_fields=["average_salary"])
    wordings = (
        *APPRAISAL,
        "Twee keer werd mijn functioneringsgesprek afgezegd, daarna is het er nooit meer van gekomen.",
    )
    for wording in wordings:
        # The fact is the leaver's main reason: its statement is what the advice and the quotes would quote.
        build_analysed_case(org, (wording,), language="nl")
    cluster_statements(str(org.id))
    client = Client()
    client.force_login(build_user(org, Role.CLIENT_VIEWER))
    page = client.get(f"/o/{org.slug}/dashboard/").content.decode()
    assert sorted(page.count(w) for w in wordings) == [0, 0, 1]


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("Mijn proeftijd werd met een kwartaal verlengd.", "Mijn proeftijd werd met drie maanden verlengd.", "nl"),
        ("The review was moved to after half a year.", "The review was moved to after six months.", "en"),
        ("Binnen twaalf maanden vertrokken vijf collega's.", "Binnen een jaar vertrokken vijf collega's.", "nl"),
        ("The lift was out of order for four weeks.", "The lift was out of order for a month.", "en"),
    ],
)
def test_one_length_of_time_in_other_units_is_the_same_quantity(a: str, b: str, language: str) -> None:
    assert different_facts(checkable(a, language), checkable(b, language)) is False
    assert same_anchor(checkable(a, language), checkable(b, language)) is True


@pytest.mark.parametrize(
    ("a", "b", "language"),
    [
        ("De teamleider zegde het overleg vier keer af.", "De teamleider was vier maanden afwezig.", "nl"),
        ("The lift was out of order for five months.", "The lift was out of order for six months.", "en"),
        ("De lonen werden in april te laat betaald.", "De lonen werden in oktober te laat betaald.", "nl"),
        ("The canteen was closed all spring for works.", "The canteen was closed all autumn for works.", "en"),
        ("In de nachtdienst stond ik met twee collega's.", "In de avonddienst stond ik met twee collega's.", "nl"),
    ],
)
def test_other_counts_lengths_or_moments_are_never_the_same_fact(a: str, b: str, language: str) -> None:
    assert different_facts(checkable(a, language), checkable(b, language)) is True


def test_numbers_written_as_words_are_read_as_their_digits() -> None:
    assert quantities("Er waren achtentwintig bewoners en zeventien collega's.", "nl") == {"28", "17"}
    assert quantities("Twenty-eight residents and seventeen of us.", "en") == {"28", "17"}


def test_every_month_says_how_often_and_names_no_length_of_time() -> None:
    assert quantities("Het rooster veranderde elke maand.", "nl") == set()
    assert quantities("The rota changed every month.", "en") == set()


# One fact told with the length of time in other units, and a fact about the same thing with another count.
PROBATION = (
    "Mijn proeftijd werd zonder uitleg met een kwartaal verlengd.",
    "Ze hebben mijn proeftijd nog eens drie maanden verlengd, zonder reden.",
    "Na mijn proeftijd kreeg ik geen vast contract maar nog drie maanden extra, zonder uitleg.",
)
PROBATION_OTHER = "Mijn proeftijd werd drie keer besproken maar nooit beoordeeld."


def test_one_fact_told_in_other_units_is_one_fact_and_the_same_number_of_times_is_not_joined() -> None:
    items = [
        Item(group=f"leaver-{n}", text=text, language="nl") for n, text in enumerate((*PROBATION, PROBATION_OTHER))
    ]
    [fact] = cluster_facts(items)
    assert (sorted(fact.members), fact.groups) == ([0, 1, 2], 3)


def test_a_length_of_time_is_written_in_months_whatever_unit_the_leaver_used() -> None:
    assert quantities("Binnen twaalf maanden vertrokken er vijf.", "nl") == {"12mo", "5"}
    assert quantities("Binnen een jaar vertrokken er vijf.", "nl") == {"12mo", "5"}
    assert quantities("The refit took four weeks and then three more months.", "en") == {"1mo", "3mo"}
    assert quantities("The lift was out of order for ten days.", "en") == {"10d"}
