"""Reading NER corpora and scoring a redactor on them (spiegel.language.ner_corpus), on small own fixtures."""

from __future__ import annotations

from pathlib import Path

from spiegel.language import ner_corpus
from spiegel.language.redact import TITLES, Pseudonymiser


def test_entities_reads_iob1_and_iob2_and_splits_adjacent_b_tags() -> None:
    tags = ["O", "I-PER", "I-PER", "O", "B-PER", "B-PER", "I-PER", "B-LOC", "I-PER"]
    assert ner_corpus.entities(tags) == [(1, 3, "per"), (4, 5, "per"), (5, 7, "per"), (7, 8, "loc"), (8, 9, "per")]


def test_detokenise_attaches_punctuation_clitics_and_handles() -> None:
    text, spans = ner_corpus.detokenise(["Ask", "@", "anna", ",", "it", "'s", "Bob", "(", "ok", ")", "."])
    assert text == "Ask @anna, it's Bob (ok)."
    assert [text[s:e] for s, e in spans] == ["Ask", "@", "anna", ",", "it", "'s", "Bob", "(", "ok", ")", "."]


def _write_dutch(path: Path, sentences: int) -> None:
    lines: list[str] = []
    for i in range(sentences):
        lines += ["Gisteren O", "sprak O", "Jan B-PER", "Pieterse I-PER", "in O", "Utrecht B-LOC"]
        lines += [f"woord{j} O" for j in range(ner_corpus.PASSAGE_MIN)]
        lines.append(f"einde{i}. O")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_dutch_stream_is_cut_into_passages_and_the_last_thirty_percent_is_held_out(tmp_path: Path) -> None:
    corpus = tmp_path / "nl.bio"
    _write_dutch(corpus, 10)
    passages = ner_corpus.dutch_passages(corpus)
    assert len(passages) == 10
    assert [p.split for p in passages] == ["dev"] * 7 + ["heldout"] * 3
    assert passages[0].text.startswith("Gisteren sprak Jan Pieterse in Utrecht woord0")
    assert [passages[0].text[s:e] for s, e in passages[0].names] == ["Jan Pieterse"]
    assert ner_corpus.dutch_passages(corpus) == passages  # deterministic


def test_english_train_and_dev_are_development_and_test_is_held_out(tmp_path: Path) -> None:
    post = "Thanks\tO\n@\tO\nmaria\tB-person\nfor\tO\nLondon\tB-location\n\n"
    for name in ner_corpus.ENGLISH_DEV_FILES:
        (tmp_path / name).write_text(post * 2, encoding="utf-8")
    (tmp_path / ner_corpus.ENGLISH_HELDOUT_FILE).write_text(post, encoding="utf-8")
    passages = ner_corpus.english_passages(tmp_path)
    assert [p.split for p in passages] == ["dev"] * 4 + ["heldout"]
    assert passages[0].text == "Thanks @maria for London"
    assert [passages[0].text[s:e] for s, e in passages[0].names] == ["maria"]


def test_score_counts_found_names_and_wrongly_redacted_words(tmp_path: Path) -> None:
    corpus = tmp_path / "nl.bio"
    corpus.write_text(
        "Mevrouw O\nAnna B-PER\nde I-PER\nBoer I-PER\nwoonde O\nin O\nZwolle B-LOC\nbij O\nKees B-PER\n. O\n",
        encoding="utf-8",
    )
    (passage,) = ner_corpus.dutch_passages(corpus)
    text = passage.text
    # A redactor that replaces "Anna de Boer", the title before it, and "Zwolle", but not "Kees".
    spans = [
        (text.index("Mevrouw"), text.index("Boer") + 4, "person"),
        (text.index("Zwolle"), text.index("Zwolle") + 6, "person"),
    ]
    errors: list[str] = []
    result = ner_corpus.score([passage], lambda _text: spans, titles=TITLES, errors=errors)
    assert (result.names, result.names_found) == (2, 1)
    # other words: woonde, in, Zwolle, bij ("Mevrouw" is a title before a name and is not counted)
    assert (result.other_words, result.other_words_redacted) == (4, 1)
    assert result.redacted_by_type == {"loc": 1}
    assert [e.split()[0] for e in errors] == ["MISS", "OVER"]


def test_score_runs_the_real_pseudonymiser_on_a_fixture(tmp_path: Path) -> None:
    corpus = tmp_path / "nl.bio"
    lines = ["Ik O", "sprak O", "met O", "mevrouw O", "Jansen B-PER", "over O", "het O", "rooster O", ". O"]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    passages = ner_corpus.dutch_passages(corpus)

    def spans(text: str) -> list[tuple[int, int, str]]:
        return [(s.start, s.end, s.kind) for s in Pseudonymiser("nl").redact(text).spans]

    result = ner_corpus.score(passages, spans, titles=TITLES)
    assert (result.names, result.names_found, result.other_words_redacted) == (1, 1, 0)
