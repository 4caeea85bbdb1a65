"""The example conversations in docs/examples/ are what today's interviewer says (issue 11).

They are written by ``bench/examples.py`` from scripted leavers; an interviewer change that alters a reply
must regenerate them, so the README never shows a conversation the product no longer holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_example_conversations_are_what_the_interviewer_says_today() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "examples.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
