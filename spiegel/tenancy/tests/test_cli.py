from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from spiegel.cli import COMMANDS, main
from spiegel.tenancy.models import Membership, Organisation, Role, User

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands close every connection when they finish; inside a test that would end the test's transaction."""

    monkeypatch.setattr(connections, "close_all", lambda: None)


def test_spiegel_without_arguments_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"  {name}" in out


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"manage"}))
def test_every_command_has_help(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "spiegel.cli", command, "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
    assert "--help" in result.stdout


def test_an_unknown_command_fails_with_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fly"]) == 2
    assert "unknown command 'fly'" in capsys.readouterr().err


def test_org_create_then_apikey_create_prints_a_working_key_last(capsys: pytest.CaptureFixture[str]) -> None:
    main(["org", "create", "--name", "Zorggroep Noord", "--slug", "zorggroep-noord"])
    assert Organisation.objects.get(slug="zorggroep-noord").name == "Zorggroep Noord"
    capsys.readouterr()
    main(["apikey", "create", "--org", "zorggroep-noord"])
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("spk_")
    assert Client().get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_org_create_with_a_bad_slug_fails_clearly_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["org", "create", "--name", "X", "--slug", "Met Spaties"])
    assert exit_info.value.code == 1
    assert "lower-case letters" in capsys.readouterr().err
    assert Organisation.objects.count() == 0


def test_apikey_create_for_an_unknown_org_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["apikey", "create", "--org", "bestaat-niet"])
    assert "no organisation with the short name 'bestaat-niet'" in capsys.readouterr().err


def test_apikey_revoke_stops_the_key(capsys: pytest.CaptureFixture[str]) -> None:
    main(["org", "create", "--name", "A", "--slug", "a-org"])
    main(["apikey", "create", "--org", "a-org"])
    key = capsys.readouterr().out.strip().splitlines()[-1]
    main(["apikey", "revoke", "--org", "a-org", "--prefix", key.split("_")[1]])
    assert Client().get("/api/v1/interviews", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_user_create_gives_a_role_and_generates_a_password_when_none_is_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["org", "create", "--name", "A", "--slug", "a-org"])
    main(["user", "create", "--username", "sanne", "--org", "a-org", "--role", "client_admin", "--no-input"])
    out = capsys.readouterr().out
    password = out.split("Generated password (shown once): ")[1].splitlines()[0]
    assert Client().login(username="sanne", password=password)
    assert Membership.objects.get(user__username="sanne").role == Role.CLIENT_ADMIN


def test_init_creates_the_practice_and_first_consultant_once(capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            "init",
            "--username",
            "eva",
            "--password",
            "een-lang-wachtwoord-7",
            "--practice-name",
            "Praktijk Eva",
        ]
    )
    main(["init", "--username", "someone-else", "--password", "een-lang-wachtwoord-7"])
    assert list(User.objects.values_list("username", flat=True)) == ["eva"]
    assert Membership.objects.get(user__username="eva").organisation.name == "Praktijk Eva"
    assert "nothing else to do" in capsys.readouterr().out
