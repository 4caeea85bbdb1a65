from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from spiegel.web.management.stopping import StopFlag


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def wait_until_answering(url: str, web: subprocess.Popen[bytes], timeout: float = 60.0) -> bool:
    """Poll `url` until the web server answers (any HTTP status), it stops, or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and web.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  (our own local address)
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.2)
    return False


class Command(BaseCommand):
    help = (
        "Run Spiegel: gunicorn (a production WSGI server, not Django's runserver), a background task worker "
        "and the upkeep scheduler. Stops them all on Ctrl+C or SIGTERM."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default=settings.SPIEGEL_HOST,
            help="Address to listen on (default SPIEGEL_HOST, else 127.0.0.1).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=settings.SPIEGEL_PORT,
            help="Port (default SPIEGEL_PORT, else 8000).",
        )
        parser.add_argument("--web-workers", type=int, default=2, help="Web server processes (default 2).")
        parser.add_argument("--threads", type=int, default=8, help="Threads per web process (default 8).")
        parser.add_argument(
            "--task-workers", type=int, default=1, help="Background worker processes (default 1; 0 for none)."
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a background worker or scheduler here."
        )
        parser.add_argument(
            "--ready-note",
            default="",
            help="Text to print once the web server answers, after its address (the demo's accounts and keys).",
        )

    def _announce(self, local: str, web: subprocess.Popen[bytes], base_url: str, note: str) -> None:
        """Say that Spiegel runs only once the web server answers, then the ready note (the demo's accounts)."""
        if wait_until_answering(local, web):
            self.stdout.write(f"Spiegel is running at {base_url}/ — press Ctrl+C to stop.", ending="\n")
        else:
            self.stderr.write(f"The web server did not answer at {local} yet; see its log above.")
        if note:
            self.stdout.write(note, ending="\n")
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["port"] <= 65535:
            raise CommandError("--port must be between 1 and 65535.")
        if pending_migrations():
            raise CommandError("The database is not up to date. Run 'spiegel init' first.")
        host, port = options["host"], options["port"]
        env = dict(os.environ)
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        env.setdefault("SPIEGEL_BASE_URL", f"http://{shown_host}:{port}")
        python = sys.executable
        commands: list[list[str]] = [
            [
                python,
                "-m",
                "gunicorn",
                "spiegel.wsgi:application",
                "--bind",
                f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "--workers",
                str(options["web_workers"]),
                "--worker-class",
                "gthread",
                "--threads",
                str(options["threads"]),
                "--timeout",
                "120",
                "--graceful-timeout",
                "20",
                "--access-logfile",
                "-",
                # Leavers' links, receipts, API keys and e-mail addresses are masked in every log line.
                "--logger-class",
                "spiegel.privacy.access_log.MaskedLogger",
                "--log-level",
                "info",
            ]
        ]
        if not options["no_worker"]:
            commands += [
                [python, "-m", "spiegel.cli", "worker", "--interval", "0.5"] for _ in range(options["task_workers"])
            ]
            commands.append([python, "-m", "spiegel.cli", "scheduler"])
        processes = [(cmd, subprocess.Popen(cmd, env=env)) for cmd in commands]  # noqa: S603
        self.stdout.write("Starting Spiegel ...", ending="\n")
        self.stdout.flush()
        local = f"http://{'[::1]' if ':' in shown_host else shown_host}:{port}/healthz"
        self._announce(local, processes[0][1], env["SPIEGEL_BASE_URL"], options["ready_note"])
        stopping = StopFlag()
        exit_code = 0
        try:
            while not stopping.asked:
                for cmd, process in processes:
                    code = process.poll()
                    if code is not None:
                        self.stderr.write(f"A Spiegel process stopped unexpectedly (exit {code}): {' '.join(cmd[:4])}")
                        stopping.asked, exit_code = True, code or 1
                time.sleep(0.3)
        finally:
            for _cmd, process in processes:
                if process.poll() is None:
                    process.terminate()
            deadline = time.monotonic() + 20
            for _cmd, process in processes:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    process.kill()
        if exit_code:
            raise CommandError("Spiegel stopped because one of its processes failed.")
