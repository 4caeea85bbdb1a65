"""Benchmark the offline statement classifier (spiegel.language.classify).

Reports per-theme precision/recall/F1, macro-F1 over themes, polarity accuracy (over correctly found
themes) and kind accuracy, per language and overall, for every labelled set given, plus single-core
throughput (median of several runs) and the cold start. ``--eval PATH`` scores any JSONL file in the
format of ``spiegel/language/data/classifier/eval.jsonl`` (one ``{"text", "language", "themes":
[{"id", "polarity"}], "kind"}`` object per line); without it the shipped sets are scored.
``--baseline REV`` also loads the classifier as it was at git revision REV (code and data) and measures
it in the same process, on the same sets, for a fair comparison. ``--cv`` runs 5-fold cross-validation
on the TRAINING set only. ``--write-docs`` replaces the classifier section of docs/benchmarks.md.

Run:  .venv/bin/python bench/classifier.py --eval held-out.jsonl
      .venv/bin/python bench/classifier.py --baseline 0c8e917 --runs 5 --write-docs
"""

from __future__ import annotations

import os

# Pin BLAS/OpenMP to one thread before numpy is imported: the figure is "statements per second on one core".
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiegel.language import classify as clf  # noqa: E402

Row = dict[str, Any]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(rows: list[Row], preds: list[clf.Classification]) -> dict[str, Any]:
    """Per-theme P/R/F1, macro-F1 over themes that occur in ``rows``, polarity and kind accuracy."""
    counts = {t: [0, 0, 0] for t in clf.THEMES}  # tp, fp, fn
    pol_right = pol_total = kind_right = 0
    for row, pred in zip(rows, preds, strict=True):
        gold = {t["id"]: t["polarity"] for t in row["themes"]}
        got = {t.id: t.polarity for t in pred.themes}
        for theme in clf.THEMES:
            if theme in gold and theme in got:
                counts[theme][0] += 1
                pol_total += 1
                pol_right += gold[theme] == got[theme]
            elif theme in got:
                counts[theme][1] += 1
            elif theme in gold:
                counts[theme][2] += 1
        kind_right += row["kind"] == pred.kind
    per_theme = {t: (*_prf(*c[:3]), c[0] + c[2]) for t, c in counts.items()}
    present = [t for t, v in per_theme.items() if v[3] > 0]
    return {
        "n": len(rows),
        "per_theme": per_theme,
        "macro_f1": statistics.fmean(per_theme[t][2] for t in present) if present else 0.0,
        "polarity_acc": pol_right / pol_total if pol_total else 0.0,
        "kind_acc": kind_right / len(rows) if rows else 0.0,
    }


def throughput(texts: list[str], language: str, runs: int) -> float:
    """Median statements/second of classify_many over the given texts (model already trained)."""
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        clf.classify_many(texts, language)
        rates.append(len(texts) / (time.perf_counter() - start))
    return statistics.median(rates)


def cross_validate(folds: int = 5) -> None:
    """k-fold CV on the training set only, for several theme thresholds (how THEME_THRESHOLD was set)."""
    rows = clf.load_dataset("train")
    order = sorted(range(len(rows)), key=lambda i: (i * 7919) % len(rows))
    for threshold in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65):
        f1s = []
        for k in range(folds):
            test_idx = set(order[k::folds])
            train = [r for i, r in enumerate(rows) if i not in test_idx]
            test = [r for i, r in enumerate(rows) if i in test_idx]
            clf._model = clf._Model(train)  # the module caches one model; swap it per fold
            old = clf.THEME_THRESHOLD
            clf.THEME_THRESHOLD = threshold
            preds = [clf.classify(r["text"], r["language"]) for r in test]
            clf.THEME_THRESHOLD = old
            f1s.append(score(test, preds)["macro_f1"])
        print(f"threshold {threshold:.2f}: CV macro-F1 {statistics.fmean(f1s):.3f}")
    clf._model = None


def render(results: dict[str, dict[str, Any]], rates: dict[str, float], train_s: float, cmd: str) -> str:
    """Markdown for the docs/benchmarks.md classifier section."""
    lines = [
        "## Statement classifier: per-theme precision/recall, macro-F1, throughput",
        "",
        "```",
        cmd,
        "```",
        "",
        "Eval set: `spiegel/language/data/classifier/eval.jsonl` "
        f"({results['nl']['n']} Dutch, {results['en']['n']} English statements), written before and apart "
        "from the training set; a test asserts no eval text appears in training.",
        "",
        "| | overall | nl | en |",
        "|---|---|---|---|",
    ]
    for key, label in (
        ("macro_f1", "theme macro-F1"),
        ("polarity_acc", "polarity accuracy*"),
        ("kind_acc", "kind accuracy"),
    ):
        lines.append(f"| {label} | {results['all'][key]:.3f} | {results['nl'][key]:.3f} | {results['en'][key]:.3f} |")
    lines += [
        f"| throughput (statements/s, 1 core, median) | {rates['all']:.0f} | {rates['nl']:.0f} | {rates['en']:.0f} |",
        "",
        "*Polarity accuracy is measured over the themes the classifier found correctly.",
        f"Cold start (first use trains the model from the shipped data): {train_s:.2f} s.",
        "",
        "| theme | precision | recall | F1 | support | F1 nl | F1 en |",
        "|---|---|---|---|---|---|---|",
    ]
    for theme in clf.THEMES:
        p, r, f, n = results["all"]["per_theme"][theme]
        fnl = results["nl"]["per_theme"][theme][2]
        fen = results["en"]["per_theme"][theme][2]
        lines.append(f"| `{theme}` | {p:.2f} | {r:.2f} | {f:.2f} | {n} | {fnl:.2f} | {fen:.2f} |")
    return "\n".join(lines)


def write_docs(markdown: str, notes: str) -> None:
    """Replace only the classifier section of docs/benchmarks.md (other sections belong to others)."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8")
    begin, end = "<!-- section: classifier -->", "<!-- end: classifier -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{markdown}\n\n{notes.strip()}\n{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report (markdown)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="throughput runs; the median is reported")
    parser.add_argument(
        "--repeat", type=int, default=5, help="how many times the eval texts are repeated per throughput run"
    )
    parser.add_argument("--errors", action="store_true", help="also print the misclassified eval statements")
    parser.add_argument(
        "--cv", action="store_true", help="cross-validate the theme threshold on the training set and exit"
    )
    parser.add_argument("--write-docs", action="store_true", help="write the results into docs/benchmarks.md")
    parser.add_argument("--notes", type=Path, help="markdown file appended below the figures with --write-docs")
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the figure claims
    if args.cv:
        cross_validate()
        return 0

    start = time.perf_counter()
    clf.warm_up()
    train_s = time.perf_counter() - start

    rows = clf.load_dataset("eval")
    results: dict[str, dict[str, Any]] = {}
    rates: dict[str, float] = {}
    all_rows: list[Row] = []
    all_preds: list[clf.Classification] = []
    for lang in ("nl", "en"):
        subset = [r for r in rows if r["language"] == lang]
        preds = clf.classify_many([r["text"] for r in subset], lang)
        results[lang] = score(subset, preds)
        rates[lang] = throughput([r["text"] for r in subset] * args.repeat, lang, args.runs)
        all_rows += subset
        all_preds += preds
        if args.errors:
            for r, p in zip(subset, preds, strict=True):
                gold = sorted((t["id"], t["polarity"]) for t in r["themes"])
                got = sorted((t.id, t.polarity) for t in p.themes)
                if gold != got or r["kind"] != p.kind:
                    print(f"[{lang}] {r['text']}\n   gold {gold} {r['kind']}\n   got  {got} {p.kind}")
    results["all"] = score(all_rows, all_preds)
    rates["all"] = statistics.fmean([rates["nl"], rates["en"]])
    cmd = ".venv/bin/python bench/classifier.py " + " ".join(argv if argv is not None else sys.argv[1:])
    markdown = render(results, rates, train_s, cmd.strip())
    print(markdown)
    if args.write_docs:
        notes = args.notes.read_text(encoding="utf-8") if args.notes else ""
        write_docs(markdown, notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
