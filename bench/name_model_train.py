"""Train the learned name model (``spiegel/language/name_model.py``) on the DEV splits of the NER corpora.

Reads only the development split (``spiegel/language/ner_corpus.py`` fixes it); the held-out split is never
read here. The threshold is chosen on out-of-fold predictions within dev (two folds: the first and the second
half of the dev passages), with the real scorer and the rules switched on, so that it reflects text the
weights were not fitted on. Writes ``spiegel/language/data/names/model_{nl,en}.tsv``.

Usage: ``.venv/bin/python bench/name_model_train.py [--lang nl en] [--target-over 0.05] [--thresholds ...]
[--vetoes ...] [--strongs ...] [--firsts ...]``; ``strong`` is the bar for words without a telling capital and
``first`` the one for listed first names in lower case (see ``name_model``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from redaction import corpus_dir, corpus_passages  # noqa: E402
from scipy.sparse import csr_matrix  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from spiegel.language import name_model, ner_corpus  # noqa: E402
from spiegel.language.redact import PARTICLES, TITLES, _Detector, _find_identifiers  # noqa: E402

MIN_COUNT = 2
THRESHOLDS = (0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2)
VETOES = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08)
STRONGS = (1.0,)
FIRSTS = (0.03, 0.05, 0.1)


def examples(language: str, passages: list[ner_corpus.Passage]) -> tuple[list[list[str]], list[int]]:
    """Features and labels (1: the word overlaps a labelled person name) of every word the redactor sees."""
    detector = _Detector(language)
    rows: list[list[str]] = []
    labels: list[int] = []
    name_model.use(language, None)
    for passage in passages:
        text = passage.text
        blocked = bytearray(len(text))
        for start, end, _kind in _find_identifiers(text):
            blocked[start:end] = b"\x01" * (end - start)
        in_name = bytearray(len(text))
        for start, end in passage.names:
            in_name[start:end] = b"\x01" * (end - start)
        tokens, ranges = detector.rule_ranges(text, blocked)
        rows += name_model.features(detector.words(text, tokens, ranges))
        labels += [int(any(in_name[t.start : t.end])) for t in tokens]
    name_model.reset()
    return rows, labels


def fit(rows: list[list[str]], labels: list[int], c: float) -> dict[str, float]:
    """Logistic regression over binary features seen at least MIN_COUNT times; returns feature -> weight."""
    counts = Counter(name for row in rows for name in set(row))
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, k in counts.items() if k >= MIN_COUNT))}
    indptr, indices = [0], []
    for row in rows:
        indices += sorted({vocabulary[name] for name in row if name in vocabulary})
        indptr.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocabulary)))
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(matrix, np.array(labels))
    weights = {name: float(model.coef_[0][i]) for name, i in vocabulary.items() if abs(model.coef_[0][i]) >= 0.005}
    weights["b"] = weights.get("b", 0.0) + float(model.intercept_[0])
    return weights


@dataclass
class _Cached:
    passage: ner_corpus.Passage
    tokens: list[Any]
    ranges: list[tuple[int, int]]
    identifiers: list[tuple[int, int, str]]
    words: list[name_model.Word]
    strict: list[int]


def cache(language: str, passages: list[ner_corpus.Passage]) -> list[_Cached]:
    """What the rules find in each passage, computed once for the threshold search."""
    detector = _Detector(language)
    out: list[_Cached] = []
    for passage in passages:
        text = passage.text
        identifiers = _find_identifiers(text)
        blocked = bytearray(len(text))
        for start, end, _kind in identifiers:
            blocked[start:end] = b"\x01" * (end - start)
        tokens, ranges = detector.rule_ranges(text, blocked)
        words = detector.words(text, tokens, ranges)
        strict = [
            0 if word.rule else max(detector._learn_level(text, tokens, i) - 1, 0) for i, word in enumerate(words)
        ]
        out.append(_Cached(passage, tokens, ranges, identifiers, words, strict))
    return out


def evaluate(language: str, cached: list[_Cached], model: name_model.NameModel) -> ner_corpus.Score:
    """The corpus score of rules + model (person spans from the word ranges, as the redactor makes them)."""
    detector = _Detector(language)
    by_text: dict[str, list[tuple[int, int, str]]] = {}
    for item in cached:
        ranges = item.ranges
        if item.tokens:
            learned = model.names(item.words, strict=item.strict)
            ranges = detector._with_model(item.passage.text, item.tokens, ranges, learned)
            ranges = detector.finish(item.passage.text, item.tokens, ranges)
        spans = list(item.identifiers)
        spans += [(item.tokens[first].start, item.tokens[after - 1].end, "person") for first, after in ranges]
        by_text[item.passage.text] = spans
    return ner_corpus.score(
        [item.passage for item in cached], lambda text: by_text[text], titles=TITLES, particles=PARTICLES
    )


def write(language: str, weights: dict[str, float], knobs: tuple[float, float, float, float], c: float) -> Path:
    threshold, veto, strong, first = knobs
    path = name_model.MODEL_DIR / f"model_{language}.tsv"
    corpus = "Europeana/KB Dutch newspapers (CC0 1.0)" if language == "nl" else "WNUT-17 (CC BY 4.0, Derczynski et al.)"
    lines = [
        f"# Learned name model ({language}); made by bench/name_model_train.py from the dev split of {corpus}.",
        f"# logistic regression, C={c}, features seen >= {MIN_COUNT} times, |weight| >= 0.005. See NOTICE.md.",
        f"# threshold {threshold}",
        f"# veto {veto}",
        f"# strong {strong}",
        f"# first {first}",
    ]
    lines += [f"{name}\t{weight:.4f}" for name, weight in sorted(weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def train(
    language: str,
    passages: list[ner_corpus.Passage],
    c: float,
    target_over: float,
    grid: tuple[tuple[float, ...], ...] = (THRESHOLDS, VETOES, STRONGS, FIRSTS),
) -> None:
    dev = [p for p in passages if p.split == "dev"]
    half = len(dev) // 2
    folds = (dev[:half], dev[half:])
    fold_rows = [examples(language, fold) for fold in folds]
    cached = [cache(language, fold) for fold in folds]
    results: dict[tuple[float, ...], list[ner_corpus.Score]] = {}
    for held in (0, 1):
        rows, labels = fold_rows[1 - held]
        weights = fit(rows, labels, c)
        for knobs in itertools.product(*grid):
            model = name_model.NameModel(weights, *knobs)
            results.setdefault(knobs, []).append(evaluate(language, cached[held], model))
    best: tuple[float, tuple[float, ...]] | None = None
    for knobs, scores in sorted(results.items()):
        found = sum(s.names_found for s in scores)
        names = sum(s.names for s in scores)
        over = sum(s.other_words_redacted for s in scores) / sum(s.other_words for s in scores)
        as_person = sum(s.other_words_as_person for s in scores) / sum(s.other_words for s in scores)
        print(
            f"{language} C={c} t={knobs[0]} veto={knobs[1]} strong={knobs[2]} first={knobs[3]}: out-of-fold recall "
            f"{found / names:.1%}, other words redacted {over:.2%} (as a person {as_person:.2%})"
        )
        if as_person <= target_over and (best is None or found / names > best[0]):
            best = (found / names, knobs)
    chosen = best[1] if best else (grid[0][-1], grid[1][-1], grid[2][0], grid[3][0])
    rows = fold_rows[0][0] + fold_rows[1][0]
    labels = fold_rows[0][1] + fold_rows[1][1]
    threshold, veto, strong, first = chosen
    path = write(language, fit(rows, labels, c), (threshold, veto, strong, first), c)
    print(f"{language}: threshold {threshold}, veto {veto}, strong {strong}, first {first} -> {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--lang", nargs="+", choices=["nl", "en"], default=["nl", "en"])
    parser.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    parser.add_argument(
        "--target-over",
        type=float,
        default=0.05,
        help="the lowest threshold whose out-of-fold share of other words redacted as a person stays at or below",
    )
    parser.add_argument("--thresholds", type=float, nargs="+", default=list(THRESHOLDS), help="add bars to try")
    parser.add_argument("--vetoes", type=float, nargs="+", default=list(VETOES), help="veto bars to try")
    parser.add_argument(
        "--strongs", type=float, nargs="+", default=list(STRONGS), help="bars for words without a telling capital"
    )
    parser.add_argument(
        "--firsts", type=float, nargs="+", default=list(FIRSTS), help="bars for listed first names in lower case"
    )
    args = parser.parse_args(argv)
    directory = corpus_dir(None)
    if directory is None:
        print("The NER corpora are not here (see bench/redaction.py --corpus).", file=sys.stderr)
        return 2
    for language in args.lang:
        grid = (tuple(args.thresholds), tuple(args.vetoes), tuple(args.strongs), tuple(args.firsts))
        train(language, corpus_passages(directory, language), args.c, args.target_over, grid)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
