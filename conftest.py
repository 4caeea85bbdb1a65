"""Shared pytest fixtures. Browser tests use Debian's Chromium through Playwright (never `playwright install`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.fake_server import FakeOpenAI

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/lib/chromium/chromium"
ARTIFACTS = Path(__file__).parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _english_by_default(request: pytest.FixtureRequest) -> None:
    """Tests read English unless they ask for Dutch; fast password hashing.

    Django-free tests (the engine, language processing, the language-model client, the harness) run with or
    without pytest-django: without it (``-p no:django``) there are no settings to pin and this does nothing.
    """
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.LANGUAGE_CODE = "en"
        # Password hashing is deliberately slow; tests create many users and only need it to be correct.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _data_dir(request: pytest.FixtureRequest) -> None:
    """The data directory, made as the `spiegel` command makes it (importing the settings writes nothing)."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        from spiegel.config import prepare_data_dir

        prepare_data_dir(settings)


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> Iterator[FakeOpenAI]:
    """The local fake model server (OpenAI protocol on 127.0.0.1), unscripted calls answered with a 500.

    With Django, the settings point Spiegel at it with short limits (1 s to answer, 0.5 s to connect) that keep
    the suite fast; a test that needs more sets them on top. Script answers with ``fake.script(...)``; a
    different default answer is ``fake.default = ...``.
    """
    with FakeOpenAI() as server:
        if request.config.pluginmanager.hasplugin("django"):
            settings = request.getfixturevalue("settings")
            settings.SPIEGEL_LLM_BASE_URL = server.base_url
            settings.SPIEGEL_LLM_MODEL = server.model
            settings.SPIEGEL_LLM_TIMEOUT = 1.0
            settings.SPIEGEL_LLM_CONNECT_TIMEOUT = 0.5
        yield server


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture
def mailbox(settings: Any) -> Iterator[list[Any]]:
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    yield mail.outbox
