"""The typed environment readers (spiegel/config.py) fail loudly, naming the variable and what it should be."""

from __future__ import annotations

import pytest

from spiegel.config import ConfigError, env_float, env_int


def test_numbers_are_read_trimmed_and_blank_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPIEGEL_X", " 5 ")
    assert (env_int("SPIEGEL_X", 1), env_float("SPIEGEL_X", 1.0)) == (5, 5.0)
    monkeypatch.setenv("SPIEGEL_X", "  ")
    assert (env_int("SPIEGEL_X", 7), env_float("SPIEGEL_X", 2.5)) == (7, 2.5)


@pytest.mark.parametrize(
    ("raw", "read", "message"),
    [
        ("ten", lambda: env_int("SPIEGEL_X", 1), "SPIEGEL_X must be a whole number (got 'ten')."),
        ("1.5", lambda: env_int("SPIEGEL_X", 1), "SPIEGEL_X must be a whole number (got '1.5')."),
        ("ten", lambda: env_float("SPIEGEL_X", 1.0), "SPIEGEL_X must be a number (got 'ten')."),
        ("0", lambda: env_int("SPIEGEL_X", 1, minimum=1), "SPIEGEL_X must be at least 1 (got 0)."),
        ("9", lambda: env_int("SPIEGEL_X", 1, maximum=3), "SPIEGEL_X must be at most 3 (got 9)."),
        ("0.5", lambda: env_float("SPIEGEL_X", 1.0, minimum=1.0), "SPIEGEL_X must be at least 1.0 (got 0.5)."),
    ],
)
def test_a_bad_number_names_the_variable_and_what_it_should_be(
    monkeypatch: pytest.MonkeyPatch, raw: str, read: object, message: str
) -> None:
    monkeypatch.setenv("SPIEGEL_X", raw)
    with pytest.raises(ConfigError) as caught:
        read()  # type: ignore[operator]
    assert str(caught.value) == message
