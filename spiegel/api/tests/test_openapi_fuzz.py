"""Schemathesis against the API's own OpenAPI schema, on a live server with real cases (SQLite or PostgreSQL,
whichever the suite runs on): no server error, no status code the schema does not list, no response that
breaks its schema, no valid request refused. Bounded in examples and time so that CI stays fast."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from spiegel.interviews.actions import leave_date_window
from spiegel.interviews.conversation import post_message
from tests.support.builders import build_api_key, build_case, build_closed_case, build_completed_case, build_org

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "response_schema_conformance",
        "content_type_conformance",
        "positive_data_acceptance",
    ]
)
MAX_EXAMPLES = int(os.environ.get("SPIEGEL_FUZZ_EXAMPLES", "25"))
MAX_SECONDS = int(os.environ.get("SPIEGEL_FUZZ_SECONDS", "90"))


def _operations(path: str, token: str) -> str:
    return f'[[operations]]\ninclude-path = "{path}"\nparameters = {{ token = "{token}" }}\n\n'


def test_the_api_answers_every_generated_request_as_its_schema_says(
    live_server: Any, tmp_path: Path, settings: Any
) -> None:
    # The fuzzer is one address sending thousands of bad requests on purpose: the lockout would answer most of
    # them 429 and hide what the endpoints do. The lockout itself is tested in spiegel/web/tests/test_doors.py.
    settings.SPIEGEL_THROTTLE_FAILURES = 0
    org = build_org()
    key = build_api_key(org)
    talking = build_case(org, language="nl")
    post_message(talking.interview, "Het was zwaar - echt zwaar.")
    in_review = build_closed_case(org)
    completed, to_withdraw = build_completed_case(org), build_completed_case(org)
    build_case(org, language="en", mode="interviewer")
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        _operations("/api/v1/conversations/{token}", talking.token)
        + _operations("/api/v1/conversations/{token}/messages", talking.token)
        + _operations("/api/v1/conversations/{token}/review", in_review.token)
        + _operations("/api/v1/conversations/{token}/record", completed.receipt)
        + _operations("/api/v1/conversations/{token}/withdraw", to_withdraw.receipt)
    )
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--header",
        f"Authorization: Bearer {key}",
        "--checks",
        CHECKS,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(MAX_SECONDS),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
    ]
    earliest, latest = leave_date_window(timezone.localdate())
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "spiegel.api.tests.schemathesis_hooks",
        "SPIEGEL_FUZZ_LEAVE_WINDOW": f"{earliest},{latest}",
        "PYTHONPATH": os.getcwd(),
    }
    run = subprocess.run(  # in tmp_path: schemathesis keeps a cache folder where it runs
        command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=MAX_SECONDS * 4 + 120
    )
    failures = run.stdout.find("FAILURES")
    report = (run.stdout[failures:] if failures >= 0 else run.stdout)[:8000] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "Server error" not in run.stdout, report
