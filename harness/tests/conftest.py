"""The harness tests run without Django (``-p no:django``).

The repository's root conftest has an autouse fixture that needs pytest-django's ``settings``; a fixture
of the same name here shadows it for this directory, so the yardstick stays runnable on its own.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_by_default() -> None:
    """No Django here, so no language setting to pin."""
