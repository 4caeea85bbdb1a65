from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from spiegel.analysis.models import HistoricalExit, InterviewAnalysis
from spiegel.analysis.queries import Filters, insights
from spiegel.interviews.models import Interview, Message, Status
from spiegel.interviews.transcript import MASK
from spiegel.mirror.models import Statement
from spiegel.tenancy.models import ApiKey, Membership, Organisation, Role
from spiegel.tenancy.queries import Access
from spiegel.web.demo import leaver as leaver_module
from spiegel.web.demo.leaver import industry
from spiegel.web.management.commands import demo as demo_command
from spiegel.web.management.commands.demo import INDUSTRY
from spiegel.web.management.commands.serve import wait_until_answering
from tests.support.fake_server import free_port

pytestmark = pytest.mark.django_db


def test_the_demo_has_cases_in_every_status_for_both_clients_and_can_run_twice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo", no_serve=True, cases=6, leavers=0)
    call_command("demo", no_serve=True, cases=6, leavers=0)
    counts = Counter((i.organisation.slug, i.status) for i in Interview.objects.select_related("organisation"))
    for slug in ("zorggroep-noord", "bright-logistics"):
        assert {status for (s, status) in counts if s == slug} == set(Status.values)
        assert sum(n for (s, _), n in counts.items() if s == slug) == 6
    # Every closed conversation has its mirror: a completed case never has an empty one, and no preparation is
    # left queued for the worker (it would store nothing: "mirror prepared … 0 statements" in the log).
    for case in Interview.objects.filter(status__in=[Status.REVIEW, Status.COMPLETED]):
        assert Statement.objects.filter(interview=case).exists(), case.status
    assert not DBTaskResult.objects.filter(task_path__endswith="build_mirror").exists()
    closed = Interview.objects.filter(status=Status.REVIEW).first()
    assert closed is not None and Message.objects.filter(interview=closed, role="leaver").count() >= 10
    assert {m.role for m in Membership.objects.filter(user__username="hr-zorg")} == {Role.CLIENT_ADMIN}
    out = capsys.readouterr().out
    assert "Demo data exists already." in out
    assert Client().login(username="demo", password="spiegel-demo")
    # Both runs print a working key per organisation (the README promises it); the first run's key is revoked.
    keys = re.findall(r"^API key for (.+): (spk_\S+)$", out, flags=re.MULTILINE)
    assert [name for name, _key in keys] == ["Zorggroep Noord", "Bright Logistics"] * 2
    live = ApiKey.objects.filter(name="demo", revoked_at__isnull=True)
    assert sorted(k.prefix for k in live) == sorted(key.split("_")[1] for _name, key in keys[2:])


def test_the_demo_says_what_it_is_building_while_it_builds(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo", no_serve=True, cases=0, leavers=2)
    lines = capsys.readouterr().out.splitlines()
    assert lines.index("Building the demo data; this takes a minute or two.") < lines.index("  2/2")
    assert "Zorggroep Noord: 2 leavers talk to the interviewer and review what was noted ..." in lines


def _said_by_an_industry(name: str) -> set[str]:
    """Everything a made-up leaver of the industry can say: every string in its data file, and the "one more
    thing" line around each vague answer."""
    data = industry(name)
    strings: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({key: value for key, value in data.items() if key != "cues"})
    bring_up = data["phrases"]["bring_up"]
    for theme in data["themes"].values():
        strings |= {bring_up.format(text=s[0].lower() + s[1:]) for s in theme["surface"]}
    return strings


def test_each_demo_organisation_hears_only_leavers_of_its_own_industry() -> None:
    call_command("demo", no_serve=True, cases=0, leavers=4)
    for slug, kind in INDUSTRY.items():
        # Words a leaver kept private stand masked in the transcript.
        said = {
            m.text
            for m in Message.objects.filter(interview__organisation__slug=slug, role="leaver")
            if MASK not in m.text
        }
        assert len(said) >= 20
        assert said <= _said_by_an_industry(kind)
    assert not _said_by_an_industry("care") & _said_by_an_industry("logistics")


def test_the_demo_uses_no_test_tool_to_build_its_conversations() -> None:
    sources = [Path(demo_command.__file__), Path(leaver_module.__file__)]
    imported: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    assert "spiegel.web.demo.leaver" in imported
    assert not {m for m in imported if "harness" in m or "testing" in m or m.startswith(("pytest", "tests"))}


def test_the_demo_fills_the_dashboard_with_analysed_interviews_and_earlier_exits() -> None:

    call_command("demo", no_serve=True, cases=0, leavers=3)
    org = Organisation.objects.get(slug="zorggroep-noord")
    assert InterviewAnalysis.objects.filter(organisation=org).count() == 3
    assert HistoricalExit.objects.filter(organisation=org).count() == 160
    shown = insights(Access(organisation=org, role=Role.CLIENT_VIEWER), Filters())
    # Three interviews are fewer than k = 5: that part of the total is hidden, the total is not.
    assert (shown.suppressed, shown.leavers.value, shown.interviews.value) == (False, 163, None)


def test_serve_says_running_only_once_the_web_server_answers() -> None:
    port = free_port()
    idle = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    web = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"])
    try:
        # Nothing listens on the port the idle process "serves" and it stops: no claim that it runs.
        idle.terminate()
        idle.wait()
        assert not wait_until_answering(f"http://127.0.0.1:{free_port()}/healthz", idle)
        assert wait_until_answering(f"http://127.0.0.1:{port}/healthz", web)
    finally:
        web.terminate()
        web.wait()
