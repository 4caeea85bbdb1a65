"""Run the interviewer benchmark over HTTP against a real `spiegel serve` on a fresh SQLite data directory.

    .venv/bin/python bench/interviewer_http.py [--port 8765] [--database-url postgres://…]
    .venv/bin/python bench/interviewer_http.py --turn-times [--port 8765]

Starts the server (gunicorn + worker), creates an organisation and an API key with the CLI, runs
`bench/interviewer.py --http … --markdown`, prints its output and stops the server.

With ``--turn-times`` it measures only the time per turn (the wall time of the POST of an answer, as the client
sees it) with the built-in engine, on one fresh server per configuration: without a language model; with the
repo's local fake OpenAI-protocol server (tests/support/fake_server.py, run in this process) as the model and
model understanding off (SPIEGEL_LLM_UNDERSTANDING=0); and with it on. Next to each, a baseline measured in
this process against the same server: the round trip of ``GET /healthz`` (one query, no engine). Prints a
markdown table with medians, 95th percentiles and the ratios against the baseline and against the run
without a model, so figures from a busy machine can still be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout, without installing the package
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from tests.support.fake_server import Response

BASELINE_REQUESTS = 300


@dataclass(frozen=True)
class Server:
    base_url: str
    api_key: str
    env: dict[str, str]  # the server's environment (its data directory, database and model settings)


@contextmanager
def running_server(port: int, database_url: str = "", extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """A fresh `spiegel serve` on its own data directory, with an organisation and an API key; stopped after."""
    with tempfile.TemporaryDirectory(prefix="spiegel-bench-") as data_dir:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "SPIEGEL_BASE_URL"} and not k.startswith("SPIEGEL_LLM_")
        }
        env["SPIEGEL_DATA_DIR"] = data_dir
        env.update(extra_env or {})
        if database_url:
            env["DATABASE_URL"] = database_url

        def spiegel(*cmd: str) -> str:
            done = subprocess.run(
                [sys.executable, "-m", "spiegel.cli", *cmd], env=env, capture_output=True, text=True, check=True
            )
            return done.stdout

        spiegel("init", "--no-input", "--password", "bench-password-123")
        slug = f"bench-{int(time.time())}"
        spiegel("org", "create", "--name", "Bench", "--slug", slug)
        key = spiegel("apikey", "create", "--org", slug).strip().splitlines()[-1]
        server = subprocess.Popen(
            [sys.executable, "-m", "spiegel.cli", "serve", "--port", str(port)],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                        if json.loads(r.read())["status"] == "ok":
                            break
                except OSError:
                    time.sleep(0.3)
            yield Server(f"http://127.0.0.1:{port}", key, env)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Timing:
    name: str
    turns: list[float]
    baseline: list[float]
    errors: int
    reads: int = 0  # requests to the model to understand an answer
    wordings: int = 0  # requests to the model to word a question
    closing: tuple[float, ...] = ()  # the turns whose reply closed the conversation (also in ``turns``)

    @property
    def median(self) -> float:
        return statistics.median(self.turns) * 1000

    @property
    def p95(self) -> float:
        return percentile(self.turns, 95) * 1000

    @property
    def closing_median(self) -> float:
        return statistics.median(self.closing) * 1000 if self.closing else float("nan")

    @property
    def closing_max(self) -> float:
        return max(self.closing) * 1000 if self.closing else float("nan")

    @property
    def base_median(self) -> float:
        return statistics.median(self.baseline) * 1000

    @property
    def base_p95(self) -> float:
        return percentile(self.baseline, 95) * 1000


def baseline_times(base_url: str, n: int = BASELINE_REQUESTS) -> list[float]:
    """Round trips of ``GET /healthz`` (the web process and one database query, no engine)."""
    times = []
    for _ in range(n):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{base_url}/healthz", timeout=10) as r:
            r.read()
        times.append(time.perf_counter() - started)
    return times


def time_turns(name: str, server: Server, personas: int = 0) -> Timing:
    """Every simulated leaver through the server's API v1; the wall time of each POST of an answer."""
    from harness.personas import PERSONAS
    from harness.runner import run_all
    from harness.transport import HttpInterviewer

    baseline = baseline_times(server.base_url, BASELINE_REQUESTS // 2)
    results = run_all(HttpInterviewer(server.base_url, server.api_key), PERSONAS[:personas] if personas else PERSONAS)
    baseline += baseline_times(server.base_url, BASELINE_REQUESTS // 2)
    turns = [t for result in results for t in result.turn_seconds]
    closing = tuple(r.turn_seconds[-1] for r in results if r.closed and r.turn_seconds)
    return Timing(name, turns, baseline, sum(1 for r in results if r.error), closing=closing)


def _is_reading(body: dict[str, Any]) -> bool:
    from spiegel.llm.phraser import prompt_text
    from spiegel.llm.understanding import PROMPT_VERSION

    messages = body.get("messages") or [{}]
    return bool(messages[0].get("content") == prompt_text(PROMPT_VERSION))


def fake_model(body: dict[str, Any]) -> Response:
    """The local fake as a well-behaved model: a valid reading when asked to understand an answer (a plain
    answer, nothing added to the rules), the cooperative wording when asked to word a question."""
    from tests.support.fake_server import Reply, cooperative_model

    if _is_reading(body):
        return Reply(json.dumps({"kind": "answer", "themes": [], "matter": [], "feelings": []}))
    return cooperative_model(body)


def turn_times(port: int, database_url: str, personas: int = 0) -> list[Timing]:
    """The three configurations, each on a fresh server; the fake model runs in this process."""
    from tests.support.fake_server import FakeOpenAI

    with running_server(port, database_url) as server:
        timings = [time_turns("built-in, no model", server, personas)]
    with FakeOpenAI(default=fake_model) as fake:
        llm = {"SPIEGEL_LLM_BASE_URL": fake.base_url, "SPIEGEL_LLM_MODEL": "fake-model"}
        for name, understanding in (("fake model, understanding off", "0"), ("fake model, understanding on", "1")):
            with running_server(port, database_url, {**llm, "SPIEGEL_LLM_UNDERSTANDING": understanding}) as server:
                before = len(fake.requests)
                timing = time_turns(name, server, personas)
                sent = fake.requests[before:]
                reads = sum(1 for body in sent if _is_reading(body))
                timings.append(replace(timing, reads=reads, wordings=len(sent) - reads))
    return timings


def turn_times_markdown(timings: list[Timing], command: str) -> str:
    reference = timings[0]
    lines = [
        f"Command: `{command}`",
        "",
        "| configuration | turns | median ms/turn | p95 ms/turn | closing turn median / max ms "
        "| baseline median / p95 ms | p95 ÷ baseline p95 | p95 ÷ no-model p95 | model requests (read / word) "
        "| errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in timings:
        lines.append(
            f"| {t.name} | {len(t.turns)} | {t.median:.1f} | {t.p95:.1f} "
            f"| {t.closing_median:.1f} / {t.closing_max:.1f} "
            f"| {t.base_median:.1f} / {t.base_p95:.1f} "
            f"| {t.p95 / t.base_p95:.1f} | {t.p95 / reference.p95:.2f} | {t.reads} / {t.wordings} | {t.errors} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765, help="port for the temporary server (default 8765)")
    parser.add_argument(
        "--database-url", default="", help="use this PostgreSQL database instead of a fresh SQLite file"
    )
    parser.add_argument(
        "--turn-times",
        action="store_true",
        help="time per turn only: without a model, and with the local fake model, understanding off and on",
    )
    parser.add_argument("--personas", type=int, default=0, help="with --turn-times: only the first N personas")
    args = parser.parse_args()
    if args.turn_times:
        timings = turn_times(args.port, args.database_url, args.personas)
        command = "python bench/interviewer_http.py --turn-times" + (
            f" --personas {args.personas}" if args.personas else ""
        )
        command = f".venv/bin/{command}"
        print(turn_times_markdown(timings, command))
        return 0 if all(t.errors == 0 and t.p95 < 100 for t in timings) else 1
    with running_server(args.port, args.database_url) as server:
        bench = [sys.executable, str(ROOT / "bench" / "interviewer.py"), "--http", server.base_url]
        result = subprocess.run([*bench, "--api-key", server.api_key, "--markdown"], env=server.env, check=False)
        return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
