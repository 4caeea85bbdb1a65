#!/usr/bin/env python3
"""Set up Spiegel on this machine and run it or its tests. Needs only Python 3.11+ (and root for Debian packages).

    python3 dev.py demo [--port 8000] [--host 127.0.0.1] [--no-serve] [--cases 18] [--leavers 36]
        set up, build the demo data on SQLite (the first run takes minutes and shows its progress), then start
        Spiegel; its address, the demo accounts and fresh API keys are printed once it answers.
        --port/--host: where to listen; --no-serve: only build the data; --cases: cases per client
        organisation in every status; --leavers: completed interviews per client for the dashboard.
    python3 dev.py test [PYTEST OPTIONS]
        set up, then run the quality gates and the whole test suite (options go to pytest, e.g. -m 'not slow').
    python3 dev.py setup
        only set up; then '.venv/bin/spiegel --help' lists Spiegel's commands.
    python3 dev.py --help
        this text.

Set-up is idempotent: a virtual environment in .venv with the pinned packages of requirements.lock, and the
Debian packages that PDF rendering and browser tests need (installed with apt-get when missing and root).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".spiegel-installed"
# WeasyPrint's libraries and fonts; Chromium for browser tests; poppler for reading PDFs in tests; gettext for messages.
DEBIAN_RUNTIME = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-liberation2"]
DEBIAN_TEST = ["chromium", "poppler-utils", "gettext"]


def say(text: str) -> None:
    print(f"[spiegel] {text}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    result = subprocess.run(cmd, cwd=ROOT, **kwargs)  # type: ignore[call-overload]  # noqa: S603
    if result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(cmd)}")
        raise SystemExit(result.returncode)


def missing_debian(packages: list[str]) -> list[str]:
    if shutil.which("dpkg-query") is None:
        return []
    missing = []
    for package in packages:
        probe = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)  # noqa: S603, S607
        if "install ok installed" not in probe.stdout:
            missing.append(package)
    return missing


def ensure_debian(packages: list[str]) -> None:
    missing = missing_debian(packages)
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        say(f"please install these Debian packages (as root): apt-get install {' '.join(missing)}")
        return
    say(f"installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
        env=env,
        stdout=subprocess.DEVNULL,
    )


def ensure_python() -> None:
    if not (BIN / "python").exists():
        say("creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    say("installing the pinned Python packages (requirements.lock)")
    run([str(BIN / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(LOCK)])
    run(
        [
            str(BIN / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "--no-deps",
            "-e",
            ".",
        ]
    )
    STAMP.write_text(digest)


def gates() -> None:
    say("quality gates: ruff, ruff format, mypy (strict), import-linter, makemigrations --check")
    env = {**os.environ, "SPIEGEL_DATA_DIR": str(ROOT / "var" / "gates")}
    (ROOT / "var" / "gates").mkdir(parents=True, exist_ok=True)  # importing the settings makes no folder
    run([str(BIN / "ruff"), "check", "."], env=env)
    run([str(BIN / "ruff"), "format", "--check", "."], env=env)
    run([str(BIN / "mypy"), "spiegel", "harness", "tests/support", "conftest.py", "bench", "dev.py"], env=env)
    run([str(BIN / "lint-imports")], env=env)
    run(
        [
            str(BIN / "python"),
            "-m",
            "django",
            "makemigrations",
            "--check",
            "--dry-run",
            "--settings=spiegel.settings",
        ],
        env=env,
    )


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in {"demo", "test", "setup"} or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    command, rest = argv[0], argv[1:]
    ensure_debian(DEBIAN_RUNTIME + (DEBIAN_TEST if command == "test" else []))
    ensure_python()
    if command == "setup":
        say("set up; run '.venv/bin/spiegel --help' to see the commands")
        return 0
    if command == "demo":
        os.execv(str(BIN / "spiegel"), [str(BIN / "spiegel"), "demo", *rest])  # noqa: S606
    gates()
    say("running the test suite" + (" on PostgreSQL" if os.environ.get("DATABASE_URL") else " on SQLite"))
    env = {**os.environ, "SPIEGEL_DATA_DIR": str(ROOT / "var" / "test")}
    result = subprocess.run([str(BIN / "pytest"), *rest], cwd=ROOT, env=env)  # noqa: S603
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
