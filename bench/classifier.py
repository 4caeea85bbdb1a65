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
import importlib.util  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiegel.language import classify as clf  # noqa: E402
from spiegel.language import classify_rules  # noqa: E402

Row = dict[str, Any]
Classify = Callable[[list[str], str], list[Any]]
SHIPPED = ("eval", "dev", "heldout1", "heldout2")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(rows: list[Row], preds: list[Any]) -> dict[str, Any]:
    """Per-theme P/R/F1, macro-F1 over themes that occur in ``rows``, polarity and kind accuracy."""
    counts = {t: [0, 0, 0] for t in clf.THEMES}  # tp, fp, fn
    pol_right = pol_total = kind_right = silent = 0
    for row, pred in zip(rows, preds, strict=True):
        gold = {t["id"]: t["polarity"] for t in row["themes"]}
        got = {t.id: t.polarity for t in pred.themes}
        silent += bool(gold) and not got
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
        "silent": silent,
    }


def read_jsonl(path: Path) -> list[Row]:
    """A labelled set in the eval.jsonl format; a bad line stops the run with its line number."""
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["language"] not in ("nl", "en") or not isinstance(row["text"], str):
                raise ValueError("language must be nl or en and text a string")
            for t in row["themes"]:
                if t["id"] not in clf.THEMES or t["polarity"] not in clf.POLARITIES:
                    raise ValueError(f"unknown theme or polarity {t}")
            if row["kind"] not in clf.KINDS:
                raise ValueError(f"unknown kind {row['kind']!r}")
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not a labelled statement ({exc})") from None
        rows.append(row)
    return rows


def evaluate(rows: list[Row], classify_many: Classify) -> dict[str, dict[str, Any]]:
    """Scores per language and overall."""
    results: dict[str, dict[str, Any]] = {}
    all_rows: list[Row] = []
    all_preds: list[Any] = []
    for lang in ("nl", "en"):
        subset = [r for r in rows if r["language"] == lang]
        preds = classify_many([r["text"] for r in subset], lang) if subset else []
        results[lang] = score(subset, preds)
        all_rows += subset
        all_preds += preds
    results["all"] = score(all_rows, all_preds)
    return results


def errors(rows: list[Row], classify_many: Classify) -> list[str]:
    """The statements whose themes, polarities or kind differ from the labels."""
    out = []
    for lang in ("nl", "en"):
        subset = [r for r in rows if r["language"] == lang]
        for r, p in zip(subset, classify_many([r["text"] for r in subset], lang) if subset else [], strict=True):
            gold = sorted((t["id"], t["polarity"]) for t in r["themes"])
            got = sorted((t.id, t.polarity) for t in p.themes)
            if gold != got or r["kind"] != p.kind:
                out.append(f"[{lang}] {r['text']}\n   gold {gold} {r['kind']}\n   got  {got} {p.kind}")
    return out


def throughput(texts_by_lang: dict[str, list[str]], classify_many: Classify, runs: int) -> dict[str, float]:
    """Median statements/second of classify_many per language (model already trained)."""
    rates: dict[str, float] = {}
    for lang, texts in texts_by_lang.items():
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            classify_many(texts, lang)
            samples.append(len(texts) / (time.perf_counter() - start))
        rates[lang] = statistics.median(samples)
    rates["all"] = statistics.fmean(rates.values())
    return rates


def health_check(classify_many: Classify) -> dict[str, Any]:
    """The health near-miss set: health statements found, figures of speech left alone."""
    rows = [json.loads(line) for line in classify_rules._read_text("health.jsonl").splitlines() if line.strip()]
    wrong: list[str] = []
    counts = {"health": 0, "health_found": 0, "other": 0, "other_flagged": 0}
    for lang in ("nl", "en"):
        subset = [r for r in rows if r["language"] == lang]
        for r, p in zip(subset, classify_many([r["text"] for r in subset], lang), strict=True):
            flagged = any(t.id == "wellbeing" for t in p.themes)
            key = "health" if r["health"] else "other"
            counts[key] += 1
            counts["health_found" if r["health"] else "other_flagged"] += flagged
            if flagged != r["health"]:
                wrong.append(r["text"])
    return {**counts, "wrong": wrong}


def load_baseline(rev: str) -> ModuleType:
    """The classifier module as it was at git revision ``rev``, reading its data from that revision too (its rule
    cues module ``classify_rules`` as well, where that revision has one)."""

    def show(path: str) -> str | None:
        done = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], capture_output=True, text=True)
        return done.stdout if done.returncode == 0 else None

    def data(name: str) -> str:
        text = show(f"spiegel/language/data/classifier/{name}")
        assert text is not None, f"{rev} has no {name}"
        return text

    def module_at(path: str, name: str) -> ModuleType | None:
        source = show(path)
        if source is None:
            return None
        spec = importlib.util.spec_from_loader(f"baseline_{name}_{rev}", loader=None)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
        exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)  # noqa: S102
        # Later reads (training data, lexicon) come from that revision, not today's.
        setattr(module, "_read_text", data)  # noqa: B010
        return module

    today = sys.modules["spiegel.language.classify_rules"]
    rules = module_at("spiegel/language/classify_rules.py", "classify_rules")
    sys.modules["spiegel.language.classify_rules"] = rules or today
    try:
        module = module_at("spiegel/language/classify.py", "classify")
    finally:
        sys.modules["spiegel.language.classify_rules"] = today
    assert module is not None, f"{rev} has no spiegel/language/classify.py"
    return module


def cross_validate(folds: int = 5) -> None:
    """k-fold CV on the training set only, for several theme thresholds."""
    rows = clf.load_dataset("train")
    texts = [" ".join(r["text"].split()) for r in rows]
    vectors = clf._train_embeddings(texts)
    order = sorted(range(len(rows)), key=lambda i: (i * 7919) % len(rows))
    thresholds = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
    f1s: dict[float, list[float]] = {t: [] for t in thresholds}
    old = clf.THEME_THRESHOLD
    for k in range(folds):
        test_idx = set(order[k::folds])
        train_idx = [i for i in range(len(rows)) if i not in test_idx]
        test = [r for i, r in enumerate(rows) if i in test_idx]
        clf._model = clf._Model([rows[i] for i in train_idx], vectors[train_idx])
        for threshold in thresholds:
            clf.THEME_THRESHOLD = threshold
            f1s[threshold].append(evaluate(test, clf.classify_many)["all"]["macro_f1"])
    clf.THEME_THRESHOLD = old
    for threshold in thresholds:
        print(f"threshold {threshold:.2f}: CV macro-F1 {statistics.fmean(f1s[threshold]):.3f}")
    clf._model = None


def _table(name: str, results: dict[str, dict[str, Any]], base: dict[str, dict[str, Any]] | None) -> list[str]:
    nl, en = results["nl"]["n"], results["en"]["n"]
    lines = [f"### `{name}` ({nl} Dutch, {en} English statements)", ""]
    header = "| | overall | nl | en |" + (" baseline overall |" if base else "")
    lines += [header, "|---|---|---|---|" + ("---|" if base else "")]
    for key, label in (
        ("macro_f1", "theme macro-F1"),
        ("polarity_acc", "polarity accuracy*"),
        ("kind_acc", "kind accuracy"),
    ):
        row = f"| {label} | {results['all'][key]:.3f} | {results['nl'][key]:.3f} | {results['en'][key]:.3f} |"
        lines.append(row + (f" {base['all'][key]:.3f} |" if base else ""))
    silent = f"| statements with a theme but none found | {results['all']['silent']} | {results['nl']['silent']} "
    silent += f"| {results['en']['silent']} |" + (f" {base['all']['silent']} |" if base else "")
    lines += [silent, ""]
    lines += [
        "| theme | precision | recall | F1 | support | F1 nl | F1 en |" + (" baseline F1 |" if base else ""),
        "|---|---|---|---|---|---|---|" + ("---|" if base else ""),
    ]
    for theme in clf.THEMES:
        p, r, f, n = results["all"]["per_theme"][theme]
        fnl = results["nl"]["per_theme"][theme][2]
        fen = results["en"]["per_theme"][theme][2]
        row = f"| `{theme}` | {p:.2f} | {r:.2f} | {f:.2f} | {n} | {fnl:.2f} | {fen:.2f} |"
        lines.append(row + (f" {base['all']['per_theme'][theme][2]:.2f} |" if base else ""))
    return [*lines, ""]


def render(
    sets: dict[str, dict[str, dict[str, Any]]],
    baseline: dict[str, dict[str, dict[str, Any]]],
    rates: dict[str, float],
    base_rates: dict[str, float] | None,
    cold: tuple[float, float | None],
    health: dict[str, Any],
    cmd: str,
) -> str:
    """Markdown for the docs/benchmarks.md classifier section."""
    lines = [
        "## Statement classifier: per-theme precision/recall, macro-F1, throughput",
        "",
        "```",
        cmd,
        "```",
        "",
    ]
    for name, results in sets.items():
        lines += _table(name, results, baseline.get(name))
    lines += [
        "*Polarity accuracy is measured over the themes the classifier found correctly.",
        "",
        "| | statements/s (1 core, median) nl | en | mean |",
        "|---|---|---|---|",
        f"| this classifier | {rates['nl']:.0f} | {rates['en']:.0f} | {rates['all']:.0f} |",
    ]
    if base_rates:
        lines.append(f"| baseline | {base_rates['nl']:.0f} | {base_rates['en']:.0f} | {base_rates['all']:.0f} |")
    lines += [
        "",
        "Cold start (first use loads the sentence encoder and trains the model from the shipped data): "
        f"{cold[0]:.2f} s" + (f" (baseline: {cold[1]:.2f} s)." if cold[1] is not None else "."),
        "",
        f"Health near-miss set (`health.jsonl`): {health['health_found']}/{health['health']} health statements "
        f"get `wellbeing`; {health['other_flagged']}/{health['other']} figures of speech and other statements do.",
    ]
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
    parser.add_argument(
        "--eval",
        type=Path,
        action="append",
        metavar="PATH",
        help="a labelled JSONL file in the eval.jsonl format to score (repeatable); default: the shipped sets",
    )
    parser.add_argument("--baseline", metavar="REV", help="also measure the classifier as it was at git revision REV")
    parser.add_argument("--runs", type=int, default=5, help="throughput runs; the median is reported")
    parser.add_argument(
        "--repeat", type=int, default=3, help="how many times the eval texts are repeated per throughput run"
    )
    parser.add_argument("--errors", action="store_true", help="also print the misclassified statements")
    parser.add_argument("--cv", action="store_true", help="cross-validate the theme threshold on the training set")
    parser.add_argument("--write-docs", action="store_true", help="write the results into docs/benchmarks.md")
    parser.add_argument("--notes", type=Path, help="markdown file appended below the figures with --write-docs")
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the figure claims
    if args.cv:
        cross_validate()
        return 0

    if args.eval:
        named = {str(path): read_jsonl(path) for path in args.eval}
    else:
        named = {f"{name}.jsonl": clf.load_dataset(name) for name in SHIPPED if _shipped(name)}

    start = time.perf_counter()
    clf.warm_up()
    cold = time.perf_counter() - start

    sets = {name: evaluate(rows, clf.classify_many) for name, rows in named.items()}
    texts = {
        lang: [r["text"] for rows in named.values() for r in rows if r["language"] == lang] * args.repeat
        for lang in ("nl", "en")
    }
    texts = {lang: t for lang, t in texts.items() if t}
    rates = throughput(texts, clf.classify_many, args.runs)
    health = health_check(clf.classify_many)
    if args.errors:
        for name, rows in named.items():
            print(f"--- errors in {name}")
            print("\n".join(errors(rows, clf.classify_many)))

    baseline: dict[str, dict[str, dict[str, Any]]] = {}
    base_rates = None
    base_cold = None
    if args.baseline:
        base = load_baseline(args.baseline)
        start = time.perf_counter()
        base.warm_up()
        base_cold = time.perf_counter() - start
        baseline = {name: evaluate(rows, base.classify_many) for name, rows in named.items()}
        base_rates = throughput(texts, base.classify_many, args.runs)

    cmd = ".venv/bin/python bench/classifier.py " + " ".join(argv if argv is not None else sys.argv[1:])
    markdown = render(sets, baseline, rates, base_rates, (cold, base_cold), health, cmd.strip())
    print(markdown)
    if args.write_docs:
        notes = args.notes.read_text(encoding="utf-8") if args.notes else ""
        write_docs(markdown, notes)
    return 0


def _shipped(name: str) -> bool:
    try:
        clf.load_dataset(name)
    except FileNotFoundError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
