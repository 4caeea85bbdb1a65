"""Write the example conversations in docs/examples/ by running the real engine on scripted leavers.

The leaver's side is written by hand (in docs/examples/leavers.json); every interviewer message is what the
built-in engine says to it, unedited. Regenerate after changing the interviewer:

    .venv/bin/python bench/examples.py            # writes docs/examples/*.md
    .venv/bin/python bench/examples.py --check    # exits 1 when a file is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spiegel.interviews.engine import CaseContext, Engine, load_default_guide  # noqa: E402

EXAMPLES = ROOT / "docs" / "examples"
LEAVERS = EXAMPLES / "leavers.json"
COMMAND = ".venv/bin/python bench/examples.py"


def transcript(example: dict[str, Any]) -> str:
    """The conversation of one scripted leaver with the engine, as Markdown."""
    language = str(example["language"])
    context = CaseContext(**example.get("context", {}))
    engine = Engine(load_default_guide(language), context=context)
    reply = engine.begin()
    lines = [
        f"# {example['title']}",
        "",
        f"_Produced by `{COMMAND}` from the scripted leaver `{example['id']}` in `docs/examples/leavers.json`; "
        "the interviewer's messages are the built-in engine's, unedited._",
        "",
        str(example.get("about", "")),
        "",
    ]
    for message in reply.messages:
        lines += [f"**Interviewer:** {message}", ""]
    state = reply.state
    for answer in example["answers"]:
        lines += [f"**Leaver:** {answer}", ""]
        reply = engine.respond(state, str(answer))
        state = reply.state
        for message in reply.messages:
            lines += [f"**Interviewer:** {message}", ""]
        notes = [f"{flag.kind} ({flag.topic})" for flag in reply.flags]
        if notes:
            lines += [f"_<sub>flagged on the case: {', '.join(notes)}</sub>_", ""]
        if reply.closed:
            break
    if not reply.closed:
        lines += ["_(the script ends before the interviewer closed)_", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args(argv)
    stale: list[str] = []
    for example in json.loads(LEAVERS.read_text(encoding="utf-8")):
        path = EXAMPLES / f"{example['id']}.md"
        text = transcript(example)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("out of date: " + ", ".join(stale) + f" (run {COMMAND})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
