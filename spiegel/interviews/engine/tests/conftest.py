"""The engine tests run without Django (``-p no:django``).

The root conftest has an autouse fixture that needs pytest-django's ``settings``; a fixture of the same
name here shadows it, so the engine's tests stay runnable on their own.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_by_default() -> None:
    """No Django here, so no language setting to pin."""
