"""Benchmark of the pseudonymiser: person-name recall and precision, over-redaction and throughput.

Reads the labelled sets ``spiegel/language/data/redaction_eval_{nl,en}.jsonl`` and reports, per language
and split (``dev`` is what the rules were tuned on, ``heldout`` was never looked at while tuning):

- name recall: a labelled name counts as found if all its characters are covered by a person span;
- name precision: share of person spans that overlap a labelled name;
- over-redaction: share of the other words (not part of a labelled name or identifier) that end up inside
  any redacted span; a title right before a name ("meneer", "Mr") is redacted on purpose and not counted;
- identifier recall: labelled identifiers covered by a span of the same kind;
- throughput: sentences per second through ``redact()`` with a fresh pseudonymiser per sentence.

Usage: ``.venv/bin/python bench/redaction.py [--lang nl en] [--split dev heldout] [--errors] [--write-docs]``;
``--without-model`` scores the rules alone, without the learned name model.

With ``--file PATH [PATH ...]`` it scores other labelled sets in the same line format instead, such as the
modern leaver sentences ``spiegel/language/data/redaction_modern_{nl,en}.jsonl`` (names of people working
in the Netherlands, Belgium and the UK today, chat-style writing): each file's language is its name's suffix
``_nl``/``_en``, or the one ``--lang`` given; every record is scored whatever its split, one row per file:
``.venv/bin/python bench/redaction.py --file spiegel/language/data/redaction_modern_nl.jsonl
spiegel/language/data/redaction_modern_en.jsonl [--errors]``.

With ``--corpus`` it scores real text that nobody on the project wrote instead: the Dutch newspaper corpus
(CC0) and the English WNUT-17 corpus (CC BY 4.0) from ``shared/data/ner`` next to the repository (or
``--corpus-dir``/``SPIEGEL_NER_DIR``). The split rules are in ``spiegel/language/ner_corpus.py``; ``dev`` is
what rules may be tuned on, ``heldout`` is measured only for the reported figure:
``.venv/bin/python bench/redaction.py --corpus --split dev [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiegel.language import name_model, ner_corpus  # noqa: E402
from spiegel.language import redact as redact_module  # noqa: E402
from spiegel.language.redact import PARTICLES, TITLES, Pseudonymiser  # noqa: E402

DATA = ROOT / "spiegel" / "language" / "data"
DOCS = ROOT / "docs" / "benchmarks.md"
WORD = re.compile(r"\w+")
BEGIN, END = "<!-- section: redaction -->", "<!-- end: redaction -->"
CORPUS_BEGIN, CORPUS_END = "<!-- section: redaction-corpus -->", "<!-- end: redaction-corpus -->"
EXIT_NO_CORPUS = 2
EXIT_NO_LANGUAGE = 2


@dataclass
class Score:
    """Counts for one language and split."""

    sentences: int = 0
    names: int = 0
    names_found: int = 0
    person_spans: int = 0
    person_spans_correct: int = 0
    other_words: int = 0
    other_words_redacted: int = 0
    identifiers: int = 0
    identifiers_found: int = 0

    def recall(self) -> float:
        return self.names_found / self.names if self.names else 1.0

    def precision(self) -> float:
        return self.person_spans_correct / self.person_spans if self.person_spans else 1.0

    def over_redaction(self) -> float:
        return self.other_words_redacted / self.other_words if self.other_words else 0.0

    def identifier_recall(self) -> float:
        return self.identifiers_found / self.identifiers if self.identifiers else 1.0


def load(language: str, path: Path | None = None) -> list[dict[str, object]]:
    """The labelled records of one language (the project's own sentences, or the file at ``path``)."""
    path = path or DATA / f"redaction_eval_{language}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def file_language(path: Path, chosen: list[str] | None) -> str | None:
    """The language of a labelled file: the one ``--lang`` given, else its name's suffix ``_nl``/``_en``."""
    if chosen and len(chosen) == 1:
        return chosen[0]
    for language in ("nl", "en"):
        if path.stem.endswith(f"_{language}"):
            return language
    return None


def run_files(args: argparse.Namespace) -> int:
    """Score labelled files given with ``--file``: one row per file, all of its records."""
    rows: list[tuple[str, str, Score, float | None]] = []
    errors: list[str] = []
    for name in args.file:
        path = Path(name)
        language = file_language(path, args.lang)
        if language is None:
            print(f"{name}: give --lang nl or --lang en, or end the file name in _nl or _en", file=sys.stderr)
            return EXIT_NO_LANGUAGE
        file_errors: list[str] = []
        rows.append((language, path.name, score(language, load(language, path), file_errors), None))
        errors += [f"[{path.name}] {e}" for e in file_errors]
    print(table(rows))
    if args.errors:
        print("\n".join(errors))
    return 0


def covered(mask: list[bool], text: str, start: int, end: int) -> bool:
    """True when every non-space character of text[start:end] is inside a span."""
    return all(mask[i] for i in range(start, end) if not text[i].isspace())


def score(language: str, records: list[dict[str, object]], errors: list[str]) -> Score:
    """Score one language's records, appending human-readable misses to ``errors``."""
    result = Score()
    for record in records:
        text = str(record["text"])
        names = [tuple(pair) for pair in record["names"]]  # type: ignore[attr-defined]
        identifiers = [tuple(item) for item in record["identifiers"]]  # type: ignore[attr-defined]
        redaction = Pseudonymiser(language).redact(text)
        result.sentences += 1
        person_mask = [False] * len(text)
        any_mask = [False] * len(text)
        for span in redaction.spans:
            for i in range(span.start, span.end):
                any_mask[i] = True
                if span.kind == "person":
                    person_mask[i] = True
        for start, end in names:
            result.names += 1
            if covered(person_mask, text, start, end):
                result.names_found += 1
            else:
                errors.append(f"MISS  {text[start:end]!r:28} in: {text}")
        for span in redaction.spans:
            if span.kind != "person":
                continue
            result.person_spans += 1
            if any(span.start < end and start < span.end for start, end in names):
                result.person_spans_correct += 1
            else:
                errors.append(f"FALSE {span.original!r:28} in: {text}")
        for start, end, kind in identifiers:
            result.identifiers += 1
            kind_mask = [False] * len(text)
            for span in redaction.spans:
                if span.kind == kind:
                    for i in range(span.start, span.end):
                        kind_mask[i] = True
            if covered(kind_mask, text, start, end):
                result.identifiers_found += 1
            else:
                errors.append(f"IDMIS {text[start:end]!r:28} ({kind}) in: {text}")
        labelled = [(s, e) for s, e in names] + [(s, e) for s, e, _k in identifiers]
        name_starts = {s for s, _e in names}
        for m in WORD.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in labelled):
                continue
            # A title directly before a labelled name is redacted on purpose (it reveals gender).
            rest = text[m.end() :]
            gap = len(rest) - len(rest.lstrip(". "))
            if m.group().lower() in TITLES and (m.end() + gap) in name_starts:
                continue
            result.other_words += 1
            if any(any_mask[i] for i in range(m.start(), m.end())):
                result.other_words_redacted += 1
                errors.append(f"OVER  {m.group()!r:28} in: {text}")
    return result


def throughput(language: str, texts: list[str], rounds: int) -> float:
    """Sentences per second through a fresh pseudonymiser per sentence (the lists are loaded beforehand)."""
    Pseudonymiser(language).redact("warm-up")
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            Pseudonymiser(language).redact(text)
    return rounds * len(texts) / (time.perf_counter() - started)


def ablate_own_names() -> None:
    """Make the redactor read empty hand-written name lists, to see how much recall rests on them."""
    original_words, original_lines = redact_module._words, redact_module._lines

    def words(path: Path) -> list[str]:
        return [] if path.name.startswith("own_") else original_words(path)

    def lines(path: Path) -> list[str]:
        return [] if path.name.startswith("own_") else original_lines(path)

    redact_module._words = words
    redact_module._lines = lines
    redact_module._lexicon.cache_clear()


def table(rows: list[tuple[str, str, Score, float | None]]) -> str:
    """A Markdown table of the scores."""
    lines = [
        "| language | split | sentences | names | name recall | name precision | other words redacted | "
        "identifier recall | sentences/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for language, split, s, speed in rows:
        lines.append(
            f"| {language} | {split} | {s.sentences} | {s.names} | {s.recall():.1%} | {s.precision():.1%} | "
            f"{s.over_redaction():.2%} ({s.other_words_redacted}/{s.other_words}) | "
            f"{s.identifier_recall():.0%} ({s.identifiers_found}/{s.identifiers}) | "
            f"{'' if speed is None else f'{speed:,.0f}'} |"
        )
    return "\n".join(lines)


def write_docs(markdown: str, command: str) -> None:
    """Replace only the redaction section of docs/benchmarks.md."""
    content = DOCS.read_text(encoding="utf-8")
    before, rest = content.split(BEGIN, 1)
    _old, after = rest.split(END, 1)
    section = (
        f"{BEGIN}\n## Pseudonymisation: person-name recall and over-redaction\n\n"
        f"Command: `{command}`\n\n{markdown}\n{END}"
    )
    DOCS.write_text(before + section + after, encoding="utf-8")


def corpus_dir(explicit: str | None) -> Path | None:
    """Where the NER corpora are: the option, ``SPIEGEL_NER_DIR``, or ``shared/data/ner`` beside the repo."""
    import os

    candidates = [Path(explicit)] if explicit else []
    if os.environ.get("SPIEGEL_NER_DIR"):
        candidates.append(Path(os.environ["SPIEGEL_NER_DIR"]))
    candidates += [parent / "shared" / "data" / "ner" for parent in (ROOT.parent, ROOT.parent.parent)]
    for candidate in candidates:
        if (candidate / ner_corpus.DUTCH_FILE).is_file() and (candidate / ner_corpus.ENGLISH_HELDOUT_FILE).is_file():
            return candidate
    return None


def corpus_passages(directory: Path, language: str) -> list[ner_corpus.Passage]:
    """The passages of one language's corpus, both splits."""
    if language == "nl":
        return ner_corpus.dutch_passages(directory / ner_corpus.DUTCH_FILE)
    return ner_corpus.english_passages(directory)


def corpus_table(rows: list[tuple[str, str, ner_corpus.Score]]) -> str:
    """A Markdown table of corpus scores."""
    lines = [
        "| language | corpus | split | passages | words | person names | name recall | other words redacted | "
        "of which as a person | of which LOC / ORG / other entity / no entity | words/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for language, split, s in rows:
        corpus = "Europeana KB newspapers (CC0)" if language == "nl" else "WNUT-17 (CC BY 4.0)"
        by = s.redacted_by_type
        loc = by.get("loc", 0) + by.get("location", 0)
        org = by.get("org", 0) + by.get("corporation", 0)
        entity = sum(v for k, v in by.items() if k != "O") - loc - org
        speed = s.tokens / s.seconds if s.seconds else 0.0
        lines.append(
            f"| {language} | {corpus} | {split} | {s.passages} | {s.tokens} | {s.names} | {s.recall():.1%} | "
            f"{s.over_redaction():.2%} ({s.other_words_redacted}/{s.other_words}) | "
            f"{s.over_redaction_as_person():.2%} ({s.other_words_as_person}) | "
            f"{loc} / {org} / {entity} / {by.get('O', 0)} | {speed:,.0f} |"
        )
    return "\n".join(lines)


def run_corpus(args: argparse.Namespace) -> int:
    """Score the pseudonymiser on the real-text NER corpora."""
    directory = corpus_dir(args.corpus_dir)
    if directory is None:
        print(
            "The NER corpora are not here: expected shared/data/ner beside the repository (or --corpus-dir, "
            f"or SPIEGEL_NER_DIR) with {ner_corpus.DUTCH_FILE} and the WNUT-17 files. They are development "
            "data and are not shipped with Spiegel.",
            file=sys.stderr,
        )
        return EXIT_NO_CORPUS
    splits = [s for s in (args.split or ["dev"]) if s != "all"] or ["dev"]
    rows: list[tuple[str, str, ner_corpus.Score]] = []
    errors: list[str] = []
    for language in args.lang:
        passages = corpus_passages(directory, language)
        for split in splits:

            def spans(text: str, language: str = language) -> list[tuple[int, int, str]]:
                return [(s.start, s.end, s.kind) for s in Pseudonymiser(language).redact(text).spans]

            split_errors: list[str] = []
            result = ner_corpus.score(
                [p for p in passages if p.split == split],
                spans,
                titles=TITLES,
                particles=PARTICLES,
                errors=split_errors,
                clock=time.perf_counter,
            )
            rows.append((language, split, result))
            errors += [f"[{language}/{split}] {e}" for e in split_errors]
    markdown = corpus_table(rows)
    print(markdown)
    if args.errors:
        print("\n".join(errors))
    if args.write_docs:
        command = ".venv/bin/python bench/redaction.py --corpus --split " + " ".join(splits) + " --write-docs"
        content = DOCS.read_text(encoding="utf-8")
        before, rest = content.split(CORPUS_BEGIN, 1)
        _old, after = rest.split(CORPUS_END, 1)
        DOCS.write_text(
            f"{before}{CORPUS_BEGIN}\nCommand: `{command}`\n\n{markdown}\n{CORPUS_END}{after}", encoding="utf-8"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print (and optionally write) the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--lang", nargs="+", choices=["nl", "en"], default=None, help="languages to score (default both)"
    )
    parser.add_argument(
        "--split",
        nargs="+",
        choices=["dev", "heldout", "all"],
        default=None,
        help="which part of the labelled set to score (dev: tuned on; heldout: never tuned on); default all three, "
        "with --corpus only dev",
    )
    parser.add_argument("--errors", action="store_true", help="print every miss, false person and over-redaction")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the sentences for the throughput figure")
    parser.add_argument(
        "--write-docs", action="store_true", help="write the table into docs/benchmarks.md (redaction section only)"
    )
    parser.add_argument(
        "--without-own-names",
        action="store_true",
        help="ablation: ignore own_first.txt/own_last.txt (the hand-written lists) and use only the Faker lists",
    )
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="score the real-text NER corpora (Dutch newspapers, English WNUT-17) instead of the own sentences",
    )
    parser.add_argument("--corpus-dir", help="folder with the NER corpora (default: shared/data/ner beside the repo)")
    parser.add_argument(
        "--without-model",
        action="store_true",
        help="ablation: the rules alone, without the learned name model (spiegel/language/name_model.py)",
    )
    parser.add_argument(
        "--file",
        nargs="+",
        metavar="PATH",
        help="score these labelled jsonl files instead (language from --lang or the file name's _nl/_en)",
    )
    args = parser.parse_args(argv)
    if args.file and (args.write_docs or args.corpus):
        parser.error("--file scores other sets; it goes with neither --write-docs nor --corpus")
    if args.without_model and args.write_docs:
        parser.error("--without-model is an ablation; its figures are not written into the docs")
    if args.without_model:
        for language in ("nl", "en"):
            name_model.use(language, None)
    if args.without_own_names:
        ablate_own_names()
    if args.file:
        return run_files(args)
    args.lang = args.lang or ["nl", "en"]
    if args.corpus:
        return run_corpus(args)
    if args.split is None:
        args.split = ["dev", "heldout", "all"]
    rows: list[tuple[str, str, Score, float | None]] = []
    errors: list[str] = []
    for language in args.lang:
        records = load(language)
        for split in args.split:
            chosen = [r for r in records if split == "all" or r.get("split") == split]
            split_errors: list[str] = []
            result = score(language, chosen, split_errors)
            speed = throughput(language, [str(r["text"]) for r in chosen], args.rounds) if split == "all" else None
            rows.append((language, split, result, speed))
            if split != "all":
                errors += [f"[{language}/{split}] {e}" for e in split_errors]
    markdown = table(rows)
    print(markdown)
    if args.errors:
        print("\n".join(errors))
    if args.write_docs:
        ablate_own_names()
        ablation = table(
            [
                (lang, split, score(lang, [r for r in load(lang) if r.get("split") == split], []), None)
                for lang in args.lang
                for split in ("dev", "heldout")
            ]
        )
        write_docs(
            markdown
            + "\n\nThroughput: one fresh `Pseudonymiser` per sentence, word lists already loaded, "
            + f"{args.rounds} passes; 2-core development machine.\n\n"
            + "**Read with care.** The sentences, the hand-written name lists (`own_first.txt`, `own_last.txt`) and "
            + "the rules have one author, and the lists were written after the sentences, so many labelled names "
            + "are in the lists; the held-out split guards against tuning the rules, not against that. The "
            + "ablation below drops the hand-written lists (Faker lists only) and shows what recall looks like "
            + "for names the lists do not know "
            + "(`.venv/bin/python bench/redaction.py --without-own-names --split dev heldout`):\n\n"
            + ablation,
            ".venv/bin/python bench/redaction.py --write-docs",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
