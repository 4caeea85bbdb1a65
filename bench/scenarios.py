"""Run a directory of interviewer scenarios and print the pass rates (overall, per kind, per language).

Each scenario is a short conversation run black-box over the engine API; see
harness/scenarios.py for the format. Failures are listed with their reasons.

    .venv/bin/python bench/scenarios.py                       # the tuning set
    .venv/bin/python bench/scenarios.py --dir tests/scenarios/interviewer/heldout
    .venv/bin/python bench/scenarios.py --kind refusal --language nl -v
    .venv/bin/python bench/scenarios.py --quiet --write-doc docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout, without installing the package
    sys.path.insert(0, str(ROOT))

from harness.report import write_doc_section  # noqa: E402
from harness.scenarios import (  # noqa: E402
    SCENARIO_KINDS,
    ScenarioResult,
    load_scenarios,
    pass_rates,
    run_scenarios,
)

DEFAULT_DIR = ROOT / "tests" / "scenarios" / "interviewer" / "tuning"


def _markdown(command: str, directory: Path, results: list[ScenarioResult]) -> str:
    rates = pass_rates(results)
    fragments = sum(len(r.fragments) for r in results)
    resolved = directory.resolve()
    shown_dir = resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else directory
    lines = [
        "## Interviewer scenarios: what each kind of turn gets",
        "",
        "```",
        command,
        "```",
        "",
        f"{len(results)} short conversations in `{shown_dir}` "
        "(half Dutch, half English), written from docs/interviewing.md and issue 11 before the interviewer's "
        "rules were tuned, run black-box over the Engine API (`harness/scenarios.py`). Each "
        "asserts what the reply to its last turn must and must not do; every interviewer message also goes "
        "through the fragment check.",
        "",
        f"**Pass rate: {rates['all']['all']}**; bad fragments in interviewer messages: {fragments}.",
        "",
        "| group | passed |",
        "|---|---|",
    ]
    lines += [f"| {key} | {rate} |" for key, rate in rates["language"].items()]
    lines += [f"| {key} | {rate} |" for key, rate in rates["kind"].items()]
    return "\n".join(lines) + "\n"


def _print_failure(r: ScenarioResult, verbose: bool) -> None:
    s = r.scenario
    print(f"- {s.id} [{s.kind}, {s.language}] ({s.source})")
    print(f"    says: {s.say}")
    for f in r.failures:
        print(f"    FAIL {f}")
    for f in r.fragments:
        print(f"    FRAGMENT {f}")
    if verbose:
        for who, message in r.transcript:
            print(f"      {who:>11}: {message}")
    else:
        print(f"    reply: {r.reply}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="scenario directory (default: the tuning set)")
    parser.add_argument("--kind", choices=SCENARIO_KINDS, help="only scenarios of this kind")
    parser.add_argument("--language", choices=("nl", "en"), help="only scenarios in this language")
    parser.add_argument("--id", help="only the scenario with this id")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the whole transcript of each failure")
    parser.add_argument("--quiet", action="store_true", help="only the pass rates, no list of failures")
    parser.add_argument("--json", action="store_true", help="print the rates and failures as JSON")
    parser.add_argument(
        "--write-doc",
        metavar="PATH",
        type=Path,
        help="replace the scenarios section of this file (e.g. docs/benchmarks.md) with the rates",
    )
    args = parser.parse_args(argv)

    scenarios = load_scenarios(args.dir)
    if args.kind:
        scenarios = [s for s in scenarios if s.kind == args.kind]
    if args.language:
        scenarios = [s for s in scenarios if s.language == args.language]
    if args.id:
        scenarios = [s for s in scenarios if s.id == args.id]
    if not scenarios:
        print("no scenarios selected", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = run_scenarios(scenarios)
    seconds = time.perf_counter() - started
    rates = pass_rates(results)
    fragments = sum(len(r.fragments) for r in results)
    failed = [r for r in results if not r.passed]

    if args.write_doc:
        shown = list(argv if argv is not None else sys.argv[1:])
        i = shown.index("--write-doc")
        del shown[i : i + 2]
        command = " ".join([".venv/bin/python bench/scenarios.py", *map(shlex.quote, shown)]).strip()
        doc: Path = args.write_doc
        write_doc_section(doc, "scenarios", _markdown(command, args.dir, results), add_missing=True)
        print(f"wrote the scenarios section of {doc}")

    if args.json:
        out = {
            "dir": str(args.dir),
            "rates": {g: {k: [v.passed, v.total] for k, v in d.items()} for g, d in rates.items()},
            "bad_fragments": fragments,
            "failures": {r.scenario.id: r.failures + r.fragments for r in failed},
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0

    print(f"scenarios: {args.dir}  ({len(results)} run in {seconds:.1f} s)")
    print(f"pass rate: {rates['all']['all']}")
    print(f"bad fragments in interviewer messages: {fragments}")
    print("per language:")
    for key, rate in rates["language"].items():
        print(f"  {key:<14} {rate}")
    print("per kind:")
    for key, rate in rates["kind"].items():
        print(f"  {key:<14} {rate}")
    if failed and not args.quiet:
        print(f"\nfailures ({len(failed)}):")
        for r in failed:
            _print_failure(r, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
