"""Run the interviewer benchmark over HTTP against a real `spiegel serve` on a fresh SQLite data directory.

    .venv/bin/python bench/interviewer_http.py [--port 8765] [--database-url postgres://…]

Starts the server (gunicorn + worker), creates an organisation and an API key with the CLI, runs
`bench/interviewer.py --http … --markdown`, prints its output and stops the server.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765, help="port for the temporary server (default 8765)")
    parser.add_argument(
        "--database-url", default="", help="use this PostgreSQL database instead of a fresh SQLite file"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spiegel-bench-") as data_dir:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SPIEGEL_BASE_URL"}}
        env["SPIEGEL_DATA_DIR"] = data_dir
        if args.database_url:
            env["DATABASE_URL"] = args.database_url

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
            [sys.executable, "-m", "spiegel.cli", "serve", "--port", str(args.port)],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=2) as r:
                        if json.loads(r.read())["status"] == "ok":
                            break
                except OSError:
                    time.sleep(0.3)
            bench = [sys.executable, str(ROOT / "bench" / "interviewer.py"), "--http", f"http://127.0.0.1:{args.port}"]
            result = subprocess.run([*bench, "--api-key", key, "--markdown"], env=env, check=False)
            return result.returncode
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
