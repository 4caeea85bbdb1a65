"""Every text function the conversation, the mirror and the analysis call takes any text a leaver can type, in
both languages, without raising, and keeps its invariants (hypothesis over arbitrary Unicode)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiegel.language.classify import KINDS, POLARITIES, classify, classify_many
from spiegel.language.cues import THEME_IDS, analyse_answer, detect_language, find_themes
from spiegel.language.lemmas import lemma
from spiegel.language.redact import KINDS as REDACTION_KINDS
from spiegel.language.redact import Pseudonymiser, redact
from spiegel.language.statements import draft_statements, is_substantive, repseudonymise, split_sentences
from spiegel.language.tests.strategies import any_text, languages
from spiegel.language.text import has_control, strip_control

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text, languages)
def test_reading_an_answer_never_raises_and_names_only_taxonomy_themes(text: str, language: str) -> None:
    signals = analyse_answer(text, language)
    assert signals.language == language
    assert 0 <= signals.word_count <= len(text)
    assert set(signals.themes) <= set(THEME_IDS)
    assert all(m.theme in THEME_IDS for m in signals.mentions)
    assert set(find_themes(text, language)) <= set(THEME_IDS)
    assert detect_language(text) in (None, "nl", "en")


@SETTINGS
@given(any_text, languages)
def test_a_lemma_is_never_empty_for_a_word(text: str, language: str) -> None:
    for token in text.split():
        assert isinstance(lemma(token, language), str)
        assert lemma(token, language) != "" or token == ""


@SETTINGS
@given(any_text, languages)
def test_redaction_spans_point_into_the_original_in_order(text: str, language: str) -> None:
    result = redact(text, language)
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.original
        assert span.kind in REDACTION_KINDS
        previous_end = span.end
    assert all(span.placeholder in result.text for span in result.spans)


@SETTINGS
@given(st.lists(any_text, max_size=5), languages)
def test_statements_are_drafted_from_any_answers_and_point_into_them(texts: list[str], language: str) -> None:
    answers = [{"topic": None, "phase": "story", "text": t} for t in texts]
    pseudonymiser = Pseudonymiser(language)
    for draft in draft_statements(answers, pseudonymiser):
        source = texts[draft.answer_index]
        assert 0 <= draft.start < draft.end <= len(source)
        assert draft.text.strip()
    for start, end in split_sentences(" ".join(texts)):
        assert 0 <= start <= end
    assert isinstance(is_substantive(" ".join(texts)), bool)
    corrected, _replacements = repseudonymise(" ".join(texts), pseudonymiser)
    assert isinstance(corrected, str)


@SETTINGS
@given(st.lists(any_text, min_size=1, max_size=4), languages)
def test_classification_of_any_text_gives_valid_labels(texts: list[str], language: str) -> None:
    results = classify_many(texts, language)
    assert len(results) == len(texts)
    for result in [*results, classify(texts[0], language)]:
        assert result.kind in KINDS
        for theme in result.themes:
            assert theme.id in THEME_IDS
            assert theme.polarity in POLARITIES
            assert 0.0 <= theme.confidence <= 1.0


@SETTINGS
@given(any_text)
def test_strip_control_leaves_no_control_character_but_tab_and_newline(text: str) -> None:
    cleaned = strip_control(text)
    assert all(ch in "\t\n" or unicodedata.category(ch) != "Cc" for ch in cleaned)
    assert strip_control(cleaned) == cleaned
    assert not has_control(cleaned.replace("\n", "").replace("\t", ""))
