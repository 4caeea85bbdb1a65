"""Benchmark Spiegel's interviewer against simulated leavers, next to a fixed questionnaire.

Every persona in harness/personas.py is interviewed three times: by the engine
(in-process, or a running server with --http), by the fixed questionnaire (one question per guide topic,
no follow-up) and by the example prober (the questionnaire with "can you give an example?" after every
question). Prints a table per interviewer and the totals; --markdown prints the docs/benchmarks.md
section, --write-doc replaces it in place (between the interviewer markers only).

    .venv/bin/python bench/interviewer.py
    .venv/bin/python bench/interviewer.py --markdown
    .venv/bin/python bench/interviewer.py --transcript nl-verpleegkundige
    .venv/bin/python bench/interviewer.py --http http://localhost:8000 --api-key KEY
    .venv/bin/python bench/interviewer.py --llm http://127.0.0.1:11434/v1 --llm-model qwen2.5:7b-instruct
    .venv/bin/python bench/interviewer.py --llm-fake   # the language-model path against the local fake
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout, without installing the package
    sys.path.insert(0, str(ROOT))

from harness.metrics import aggregate, target_failures  # noqa: E402
from harness.personas import PERSONAS, persona_by_id  # noqa: E402
from harness.report import (  # noqa: E402
    comparison_text,
    markdown_section,
    miss_report,
    text_table,
    transcript_markdown,
    write_doc_section,
)
from harness.runner import run_all, run_conversation  # noqa: E402
from harness.transport import (  # noqa: E402
    BaselineInterviewer,
    EngineInterviewer,
    HttpInterviewer,
    Interviewer,
    LLMEngineInterviewer,
    ProberInterviewer,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench/interviewer.py",
        description="Simulated leavers versus Spiegel's interviewer and a fixed questionnaire.",
    )
    parser.add_argument("--http", metavar="BASE_URL", help="interview a running server over its API v1")
    parser.add_argument("--api-key", metavar="KEY", help="API key for --http (Authorization: Bearer)")
    parser.add_argument("--llm", metavar="BASE_URL", help="the engine with a language model at this endpoint")
    parser.add_argument("--llm-model", metavar="MODEL", default="", help="the model's name for --llm")
    parser.add_argument("--llm-key", metavar="KEY", default="", help="API key for --llm, if it needs one")
    parser.add_argument("--llm-timeout", metavar="SECONDS", type=float, default=4.0, help="per-turn limit")
    parser.add_argument(
        "--llm-fake",
        action="store_true",
        help="the language-model path against the local fake server (misbehaving on every third call)",
    )
    parser.add_argument("--language", choices=("nl", "en"), help="only personas in this language")
    parser.add_argument("--persona", action="append", metavar="ID", help="only this persona (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print the docs/benchmarks.md section")
    parser.add_argument(
        "--write-doc",
        metavar="PATH",
        type=Path,
        help="replace the interviewer section of this file (e.g. docs/benchmarks.md)",
    )
    parser.add_argument("--transcript", metavar="PERSONA_ID", help="print one conversation as Markdown")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="with --transcript: the fixed questionnaire's conversation instead of the engine's",
    )
    parser.add_argument(
        "--prober",
        action="store_true",
        help="with --transcript: the example-prober's conversation instead of the engine's",
    )
    parser.add_argument("--list", action="store_true", help="list the personas and exit")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when the engine misses a target")
    return parser


def _interviewer(args: argparse.Namespace) -> Interviewer:
    if args.llm_fake:
        from tests.support.fake_server import FakeOpenAI, MisbehavingModel

        fake = FakeOpenAI(default=MisbehavingModel(every=3, stall=args.llm_timeout + 0.5)).start()
        return LLMEngineInterviewer(fake.base_url, fake.model, timeout=args.llm_timeout)
    if args.llm:
        if not args.llm_model:
            raise SystemExit("--llm needs --llm-model")
        return LLMEngineInterviewer(args.llm, args.llm_model, api_key=args.llm_key, timeout=args.llm_timeout)
    if args.http:
        if not args.api_key:
            raise SystemExit("--http needs --api-key")
        return HttpInterviewer(args.http, args.api_key)
    return EngineInterviewer()


def _command(argv: list[str]) -> str:
    # The section shows the command that produced it, without the doc-writing flag and never the key.
    shown: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--llm-key":
            skip = True
            shown += ["--llm-key", "KEY"]
            continue
        if arg in ("--write-doc", "--api-key"):
            skip = True
            shown += ["--api-key", "KEY"] if arg == "--api-key" else ["--markdown"]
            continue
        shown.append(arg)
    if "--markdown" in shown and shown.count("--markdown") > 1:
        shown.remove("--markdown")
    return ".venv/bin/python bench/interviewer.py " + " ".join(shlex.quote(a) for a in shown)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the process exit status."""
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)

    if args.list:
        for p in PERSONAS:
            print(f"{p.id:22} {p.language}  {p.role}; stated: {p.stated_reason}  traits: {', '.join(p.traits)}")
        return 0

    if args.transcript:
        persona = persona_by_id(args.transcript)
        interviewer: Interviewer = _interviewer(args)
        if args.baseline:
            interviewer = BaselineInterviewer()
        elif args.prober:
            interviewer = ProberInterviewer()
        print(f"_Produced by `{_command(argv)}` (simulated leaver `{persona.id}`)._\n")
        print(transcript_markdown(run_conversation(persona, interviewer)), end="")
        return 0

    personas = [p for p in PERSONAS if args.language in (None, p.language)]
    if args.persona:
        personas = [persona_by_id(pid) for pid in args.persona]

    engine_results = run_all(_interviewer(args), personas)
    baseline_results = run_all(BaselineInterviewer(), personas)
    prober_results = run_all(ProberInterviewer(), personas)
    engine_totals = aggregate(engine_results)
    baseline_totals = aggregate(baseline_results)
    prober_totals = aggregate(prober_results)
    misses = miss_report(engine_results)

    if args.markdown or args.write_doc:
        section = markdown_section(
            _command(argv),
            (engine_results, engine_totals),
            (baseline_results, baseline_totals),
            misses,
            prober=(prober_results, prober_totals),
        )
        if args.write_doc:
            doc: Path = args.write_doc
            write_doc_section(doc, "interviewer", section)
            print(f"wrote the interviewer section of {doc}")
        else:
            print(section, end="")
    else:
        print(f"Engine ({engine_totals.interviewer})")
        print(text_table(engine_results, engine_totals))
        print()
        print("Fixed questionnaire (baseline)")
        print(text_table(baseline_results, baseline_totals))
        print()
        print("Example prober (baseline)")
        print(text_table(prober_results, prober_totals))
        print()
        print("Per interviewer")
        print(comparison_text([engine_totals, baseline_totals, prober_totals]))
        print()
        failures = target_failures(engine_totals)
        print("Targets: " + ("all met" if not failures else "MISSED — " + "; ".join(failures)))
        if misses:
            print()
            print(misses)

    return 1 if args.check and target_failures(engine_totals) else 0


if __name__ == "__main__":
    raise SystemExit(main())
