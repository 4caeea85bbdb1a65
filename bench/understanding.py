"""How often the rules' understanding of a scenario's turn matches what the scenario expects.

Reads only the turn (``say``) with :func:`spiegel.language.understanding.understand` — no engine — and
compares the kind of turn (``expect.understood_kind``) and every field under ``expect.understood``
(meta_topic, refusal_target, disclosure, distress, sarcasm, decisive, ...). Mismatches are listed.

    .venv/bin/python bench/understanding.py                  # the tuning set
    .venv/bin/python bench/understanding.py --quiet
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout, without installing the package
    sys.path.insert(0, str(ROOT))

from harness.scenarios import load_scenarios  # noqa: E402
from spiegel.language.understanding import Context, understand  # noqa: E402

DEFAULT_DIR = ROOT / "tests" / "scenarios" / "interviewer" / "tuning"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="scenario directory (default: the tuning set)")
    parser.add_argument("--quiet", action="store_true", help="only the figures")
    args = parser.parse_args(argv)

    kinds = kinds_ok = fields = fields_ok = whole = whole_ok = 0
    misses: list[str] = []
    for s in load_scenarios(args.dir):
        want_kind = s.expect.get("understood_kind")
        want_fields = dict(s.expect.get("understood", {}))
        if want_kind is None and not want_fields:
            continue
        u = understand(s.say, Context(language=s.language))
        ok = True
        if want_kind is not None:
            kinds += 1
            if u.kind == want_kind:
                kinds_ok += 1
            else:
                ok = False
                misses.append(f"{s.id}: kind {u.kind!r}, expected {want_kind!r} — {s.say!r}")
        for key, value in want_fields.items():
            fields += 1
            got = getattr(u, key, None)
            if got == value:
                fields_ok += 1
            else:
                ok = False
                misses.append(f"{s.id}: {key} {got!r}, expected {value!r} — {s.say!r}")
        whole += 1
        whole_ok += ok
    print(f"kind of turn: {kinds_ok}/{kinds} ({kinds_ok / max(kinds, 1):.3f})")
    print(f"understood fields: {fields_ok}/{fields} ({fields_ok / max(fields, 1):.3f})")
    print(f"scenarios fully understood: {whole_ok}/{whole} ({whole_ok / max(whole, 1):.3f})")
    if not args.quiet:
        for miss in misses:
            print(f"- {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
