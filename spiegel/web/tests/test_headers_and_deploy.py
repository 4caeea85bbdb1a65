"""Headers and `spiegel doctor` in production (issue 16): Permissions-Policy and Referrer-Policy everywhere, HSTS
and the HTTPS redirect behind TLS, and Django's deployment checks as problems in production mode — passing with
the production block of .env.example."""

from __future__ import annotations

import os
import re
import re as regex
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from spiegel.tenancy.models import Role
from spiegel.web.doors import CSP, CSP_CHARTS
from tests.support.builders import build_case, build_org, build_user

pytestmark = pytest.mark.django_db

ENV_EXAMPLE = Path(__file__).resolve().parents[3] / ".env.example"


def test_every_page_sends_the_permissions_and_referrer_policies() -> None:
    built = build_case(build_org())
    for path in ("/login/", f"/i/{built.token}/", "/api/v1/openapi.json", "/i/unknown/"):
        response = Client().get(path)
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_every_page_the_api_docs_and_the_dashboard_included_sends_the_strict_csp() -> None:

    built = build_case(build_org())
    for path in ("/login/", f"/i/{built.token}/", "/i/unknown/", "/api/v1/openapi.json", "/api/v1/docs"):
        policy = Client().get(path)["Content-Security-Policy"]
        assert policy == CSP
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert CSP_CHARTS == CSP

    org = build_org()
    viewer = Client()
    viewer.force_login(build_user(org, Role.CLIENT_VIEWER))
    assert viewer.get(f"/o/{org.slug}/dashboard/")["Content-Security-Policy"] == CSP_CHARTS
    assert viewer.get(f"/o/{org.slug}/")["Content-Security-Policy"] == CSP


def test_no_template_has_an_inline_script_handler_or_style() -> None:

    templates = Path(__file__).resolve().parents[1] / "templates"
    offenders = []
    for path in templates.rglob("*.html"):
        if path.name.endswith("_pdf.html"):  # rendered to PDF by WeasyPrint, never served as a page
            continue
        text = path.read_text(encoding="utf-8")
        if regex.search(r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")[^>]*>", text):
            offenders.append(f"{path.name}: inline script")
        if regex.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: inline handler")
        if regex.search(r"\sstyle\s*=|<style", text):
            offenders.append(f"{path.name}: inline style")
    assert offenders == []


def test_behind_tls_plain_http_is_redirected_and_hsts_is_sent(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    plain = Client().get("/login/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/login/"
    assert Client().get("/healthz").status_code == 200  # a load balancer's plain check keeps working
    secure = Client().get("/login/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def _doctor(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("doctor", "--no-model", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def test_doctor_in_production_fails_on_each_deployment_warning() -> None:
    code, out = _doctor("--production")
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith("PROBLEM") and "security.W" in line]
    ids = {re.search(r"security\.W\d+", line).group(0) for line in problems}  # type: ignore[union-attr]
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= ids
    relaxed_code, relaxed = _doctor()
    assert relaxed_code == 0  # outside production the same findings are warnings
    assert any(line.startswith("WARNING") and "security.W004" in line for line in relaxed.splitlines())


def _production_block() -> dict[str, str]:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    block = text[text.index("# --- Production") :]
    return dict(re.findall(r"^#(SPIEGEL_\w+)=(.*)$", block, re.M))


@pytest.mark.slow
def test_doctor_in_production_passes_with_the_production_block_of_env_example(tmp_path: Path) -> None:
    values = _production_block()
    assert values["SPIEGEL_PRODUCTION"] == "true"
    # The secrets are to be filled in.
    assert values["SPIEGEL_SECRET_KEY"] == values["SPIEGEL_ENCRYPTION_KEYS"] == values["SPIEGEL_LINK_KEYS"] == ""
    values["SPIEGEL_SECRET_KEY"] = secrets.token_urlsafe(50)
    values["SPIEGEL_LINK_KEYS"] = secrets.token_urlsafe(50)
    values["SPIEGEL_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    # As a server would run: none of this test run's own variables (DJANGO_ALLOW_ASYNC_UNSAFE fails a deploy check).
    skip = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIEGEL_") and k not in skip}
    env |= values | {"SPIEGEL_DATA_DIR": str(tmp_path)}

    def spiegel(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "spiegel.cli", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)

    assert spiegel("init", "--no-input", "--password", "a-long-password-1").returncode == 0
    doctor = spiegel("doctor", "--no-model")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert re.search(r"^ok\s+(deployment|uitrol)\s+", doctor.stdout, re.M), doctor.stdout
    assert "PROBLEM" not in doctor.stdout
    assert "WARNING" not in doctor.stdout


def test_the_practice_is_told_what_a_configured_model_receives(settings: Any) -> None:
    settings.SPIEGEL_LLM_BASE_URL = "http://model.internal:11434/v1"
    settings.SPIEGEL_LLM_MODEL = "m"
    settings.LANGUAGE_CODE = "en"
    _code, out = _doctor()
    line = next(line for line in out.splitlines() if "model.internal" in line)
    assert "each answer of the leaver" in line
    assert "look like health details, a serious disclosure or distress are withheld" in line

    consultant = Client()
    consultant.force_login(build_user(build_org(), Role.CONSULTANT))
    assert "the model sees a placeholder instead" in consultant.get("/status/").content.decode()
    settings.SPIEGEL_LLM_WITHHOLD_SENSITIVE = False
    _code, out = _doctor()
    line = next(line for line in out.splitlines() if "model.internal" in line)
    assert "health details and disclosures included" in line
    page = consultant.get("/status/").content.decode()
    assert "before the leaver has chosen anything private" in page
