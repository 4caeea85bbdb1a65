"""How well the interviewer's rules notice a serious disclosure told in ordinary words (issue 13).

A sentence counts as flagged when the engine would flag it: the rules' understanding names a disclosure kind
or the answer's cues hold one (``policy._safety_first`` takes ``u.disclosure or sig.disclosures``). Each set
holds disclosures in ordinary wording (``kind`` set) and near-misses that must not be flagged (``kind`` null).

    .venv/bin/python bench/disclosure.py                 # the first development sets (written before tuning)
    .venv/bin/python bench/disclosure.py --set heldout   # the first held-out sets, tuned on since: development
    .venv/bin/python bench/disclosure.py --set dev2      # later development sets: dev2 ... dev6, dev7 ... dev11
    .venv/bin/python bench/disclosure.py --set heldout3  # written blind, then tuned on: development
    .venv/bin/python bench/disclosure.py --set heldout4  # written blind, never tuned on: the untuned figure
    .venv/bin/python bench/disclosure.py --quiet         # only the figures
    .venv/bin/python bench/disclosure.py --set heldout3 --half a   # one half of a set (for a cross-check)
    .venv/bin/python bench/disclosure.py --ordinary      # false flags on ordinary conversation instead
    .venv/bin/python bench/disclosure.py --no-model      # the rules alone (the learned reader switched off)

Each set's line is the engine's decision (the rules, then the learned reader of
``spiegel/language/disclosure_model.py`` where the rules find nothing); the line under it splits that into
the rules alone and the learned reader alone (``bench/disclosure_model_train.py`` trains it; ``heldout4``
is never trained on).

``--ordinary`` reads every leaver turn of the interviewer scenarios (tuning and held-out) that is not a
disclosure scenario (nor an earlier turn a scenario marks as telling one, ``disclosed_before``: those are
counted apart), the sentences about work written for name redaction (``redaction_eval_*.jsonl``), and
every answer the simulated leavers give in a whole conversation with the engine
(``harness/personas*.py``), and counts the answers the engine would flag. Personas whose story holds a
serious disclosure are counted apart: they should be flagged, once they tell it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout, without installing the package
    sys.path.insert(0, str(ROOT))

from spiegel.language import disclosure_model  # noqa: E402
from spiegel.language.cues import analyse_answer  # noqa: E402
from spiegel.language.understanding import Context, understand  # noqa: E402

DATA = ROOT / "spiegel" / "language" / "data" / "disclosure"
SETS = (
    "dev",
    "heldout",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "heldout3",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "heldout4",
    "heldout5",
)


def flagged_kind(text: str, language: str) -> str | None:
    """The disclosure kind the engine would flag for this answer, or None."""
    u = understand(text, Context(language=language))
    if u.disclosure:
        return u.disclosure
    cues = analyse_answer(text, language).disclosures
    return cues[0].kind if cues else None


def rules_kind(text: str, language: str) -> str | None:
    """What the rules alone flag (the learned reader switched off)."""
    disclosure_model.use(None)
    try:
        return flagged_kind(text, language)
    finally:
        disclosure_model.reset()


def model_kind(text: str, language: str) -> str | None:
    """What the learned reader alone flags (None when no model is shipped)."""
    reading = disclosure_model.read(text, language)
    return reading.kind if reading is not None and reading.flagged else None


def split_counts(path: Path, language: str, half: str | None = None) -> dict[str, int]:
    """Disclosures and near-misses flagged by the rules alone and by the learned reader alone."""
    counts = {"rules_tp": 0, "rules_fp": 0, "model_tp": 0, "model_fp": 0, "model_kind_ok": 0}
    for item in items_of(path, half):
        want = item["kind"]
        rules, model = rules_kind(item["text"], language), model_kind(item["text"], language)
        counts["rules_tp" if want else "rules_fp"] += rules is not None
        counts["model_tp" if want else "model_fp"] += model is not None
        counts["model_kind_ok"] += bool(
            want and model and (model == want or (want == "violence" and model == "safety"))
        )
    return counts


def items_of(path: Path, half: str | None = None) -> list[dict[str, Any]]:
    """The sentences of one set; with ``half`` only every other one ("a": the 1st, 3rd, ...; "b": the 2nd,
    4th, ...), so that rules tuned on one half can be checked on the other."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half is None:
        return items
    return items[0::2] if half == "a" else items[1::2]


def evaluate(path: Path, language: str, half: str | None = None) -> tuple[dict[str, int], list[str]]:
    """Counts (tp, fn, fp, tn, kind_ok) over one set (or one half of it), and the sentences it got wrong."""
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "kind_ok": 0}
    misses: list[str] = []
    for item in items_of(path, half):
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


SCENARIOS = ROOT / "tests" / "scenarios" / "interviewer"


def _scenarios() -> list[dict[str, Any]]:
    return [s for path in sorted(SCENARIOS.glob("*/*.json")) for s in json.loads(path.read_text(encoding="utf-8"))]


def scenario_turns() -> list[tuple[str, str, str]]:
    """(scenario id, language, leaver turn) for every turn of every scenario that is no disclosure scenario,
    except the earlier turns a scenario marks as telling one (``disclosed_before``: it is about what follows a
    disclosure). The held-out scenarios are counted but their text is never printed: nobody tuning the rules
    reads them."""
    turns: list[tuple[str, str, str]] = []
    for scenario in _scenarios():
        if scenario["kind"] == "disclosure" or scenario["expect"].get("understood", {}).get("disclosure"):
            continue
        told = set(scenario.get("disclosed_before", []))
        before = [text for i, text in enumerate(scenario.get("before", [])) if i not in told]
        for text in [*before, scenario["say"]]:
            turns.append((scenario["id"], scenario["language"], text))
    return turns


def disclosed_turns() -> list[tuple[str, str, str]]:
    """(scenario id, language, turn) for the earlier turns scenarios mark as telling a disclosure."""
    return [(s["id"], s["language"], s["before"][i]) for s in _scenarios() for i in s.get("disclosed_before", [])]


def persona_turns() -> list[tuple[str, str, str, bool]]:
    """(persona id, language, answer, whether the persona discloses) for every answer in a whole conversation
    of every simulated leaver with the built-in engine."""
    from harness.runner import run_all
    from harness.transport import EngineInterviewer

    turns: list[tuple[str, str, str, bool]] = []
    for result in run_all(EngineInterviewer()):
        persona = result.persona
        discloses = "serious_disclosure" in persona.traits
        for role, text in result.transcript:
            if role == "leaver":
                turns.append((persona.id, persona.language_of_interview, text, discloses))
    return turns


def _by_model(flagged: list[tuple[str, str]]) -> None:
    """How many of the flagged answers only the learned reader flagged (the rules found nothing)."""
    if disclosure_model.load() is not None:
        print(f"  of which by the learned reader alone: {sum(rules_kind(t, lang) is None for t, lang in flagged)}")


def ordinary(quiet: bool) -> None:
    """Print how many ordinary answers the engine would flag as a serious disclosure."""
    flagged = [(sid, text, kind) for sid, lang, text in scenario_turns() if (kind := flagged_kind(text, lang))]
    print(f"scenario turns (no disclosure scenarios) flagged: {len(flagged)}/{len(scenario_turns())}")
    langs = {sid: lang for sid, lang, _ in scenario_turns()}
    _by_model([(text, langs[sid]) for sid, text, _ in flagged])
    for sid, text, kind in [] if quiet else flagged:
        print(f"  - {sid} ({kind})" + ("" if sid.startswith("ho-") else f": {text}"))
    told = disclosed_turns()
    told_flagged = sum(bool(flagged_kind(text, lang)) for _, lang, text in told)
    print(f"scenario turns marked as telling a disclosure (should be flagged): {told_flagged}/{len(told)}")
    for language in ("nl", "en"):  # the sentences written for name redaction: ordinary talk about work
        path = ROOT / "spiegel" / "language" / "data" / f"redaction_eval_{language}.jsonl"
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        found = [(text, kind) for text in texts if (kind := flagged_kind(text, language))]
        print(f"redaction sentences ({language}) flagged: {len(found)}/{len(texts)}")
        _by_model([(text, language) for text, _ in found])
        for text, kind in [] if quiet else found:
            print(f"  - ({kind}): {text}")
    turns = persona_turns()
    for discloses in (False, True):
        group = [(pid, lang, text) for pid, lang, text, d in turns if d == discloses]
        hits = [(pid, text, kind) for pid, lang, text in group if (kind := flagged_kind(text, lang))]
        languages = {pid: lang for pid, lang, _ in group}
        personas = {pid for pid, _, _ in group}
        label = "personas with a disclosure" if discloses else "personas without a disclosure"
        print(
            f"{label}: answers flagged {len(hits)}/{len(group)}, "
            f"conversations with a flag {len({pid for pid, _, _ in hits})}/{len(personas)}"
        )
        _by_model([(text, languages[pid]) for pid, text, _ in hits])
        for pid, text, kind in [] if quiet else hits:
            print(f"  - {pid} ({kind}): {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=SETS, default="dev", help="which sentences (default: dev)")
    parser.add_argument("--half", choices=("a", "b"), help="only every other sentence: a = 1st, 3rd, ...; b = 2nd, ...")
    parser.add_argument("--quiet", action="store_true", help="only the figures")
    parser.add_argument("--ordinary", action="store_true", help="false flags on ordinary conversation")
    parser.add_argument("--no-model", action="store_true", help="the rules alone: switch the learned reader off")
    args = parser.parse_args(argv)
    if args.no_model:
        disclosure_model.use(None)
    if args.ordinary:
        ordinary(args.quiet)
        return 0
    for language in ("nl", "en"):
        path = DATA / f"{args.set}_{language}.jsonl"
        if not path.exists():
            print(f"{args.set} {language}: no such set ({path.relative_to(ROOT)})")
            return 2
        c, misses = evaluate(path, language, args.half)
        positives, negatives = c["tp"] + c["fn"], c["fp"] + c["tn"]
        recall = c["tp"] / max(positives, 1)
        false_rate = c["fp"] / max(negatives, 1)
        accuracy = (c["tp"] + c["tn"]) / max(positives + negatives, 1)
        label = args.set + (f" (half {args.half})" if args.half else "")
        print(
            f"{label} {language}: disclosures flagged {c['tp']}/{positives} (recall {recall:.2f}), "
            f"near-misses flagged {c['fp']}/{negatives} ({false_rate:.2f}), accuracy {accuracy:.2f}, "
            f"right kind {c['kind_ok']}/{c['tp']}"
        )
        if not args.no_model:
            s = split_counts(path, language, args.half)
            print(
                f"  rules alone: flagged {s['rules_tp']}/{positives}, near-misses {s['rules_fp']}/{negatives}; "
                f"learned reader alone: flagged {s['model_tp']}/{positives} (right kind {s['model_kind_ok']}), "
                f"near-misses {s['model_fp']}/{negatives}"
            )
        if not args.quiet:
            for miss in misses:
                print(f"  - {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
