"""How well the interviewer's rules notice a serious disclosure told in ordinary words (issue 13).

A sentence counts as flagged when the engine would flag it: the rules' understanding names a disclosure kind
or the answer's cues hold one (``policy._safety_first`` takes ``u.disclosure or sig.disclosures``). Each set
holds disclosures in ordinary wording (``kind`` set) and near-misses that must not be flagged (``kind`` null).

    .venv/bin/python bench/disclosure.py                 # the development sets (written before tuning)
    .venv/bin/python bench/disclosure.py --set heldout   # the sets written afterwards, never tuned on
    .venv/bin/python bench/disclosure.py --quiet         # only the figures
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout, without installing the package
    sys.path.insert(0, str(ROOT))

from spiegel.language.cues import analyse_answer  # noqa: E402
from spiegel.language.understanding import Context, understand  # noqa: E402

DATA = ROOT / "spiegel" / "language" / "data" / "disclosure"


def flagged_kind(text: str, language: str) -> str | None:
    """The disclosure kind the engine would flag for this answer, or None."""
    u = understand(text, Context(language=language))
    if u.disclosure:
        return u.disclosure
    cues = analyse_answer(text, language).disclosures
    return cues[0].kind if cues else None


def evaluate(path: Path, language: str) -> tuple[dict[str, int], list[str]]:
    """Counts (tp, fn, fp, tn, kind_ok) over one set, and the sentences it got wrong."""
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "kind_ok": 0}
    misses: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        want, got = item["kind"], flagged_kind(item["text"], language)
        if want and got:
            counts["tp"] += 1
            counts["kind_ok"] += got == want or (want == "violence" and got == "safety")
        elif want:
            counts["fn"] += 1
            misses.append(f"missed ({want}): {item['text']}")
        elif got:
            counts["fp"] += 1
            misses.append(f"flagged as {got}, should not be: {item['text']}")
        else:
            counts["tn"] += 1
    return counts, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("dev", "heldout"), default="dev", help="which sentences (default: dev)")
    parser.add_argument("--quiet", action="store_true", help="only the figures")
    args = parser.parse_args(argv)
    for language in ("nl", "en"):
        path = DATA / f"{args.set}_{language}.jsonl"
        c, misses = evaluate(path, language)
        positives, negatives = c["tp"] + c["fn"], c["fp"] + c["tn"]
        recall = c["tp"] / max(positives, 1)
        false_rate = c["fp"] / max(negatives, 1)
        accuracy = (c["tp"] + c["tn"]) / max(positives + negatives, 1)
        print(
            f"{args.set} {language}: disclosures flagged {c['tp']}/{positives} (recall {recall:.2f}), "
            f"near-misses flagged {c['fp']}/{negatives} ({false_rate:.2f}), accuracy {accuracy:.2f}, "
            f"right kind {c['kind_ok']}/{c['tp']}"
        )
        if not args.quiet:
            for miss in misses:
                print(f"  - {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
