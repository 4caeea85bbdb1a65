from __future__ import annotations

import datetime as dt
import functools
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from spiegel.analysis.actions import analyse_interview, cluster_statements, import_historical_exits
from spiegel.analysis.importing import guess_mapping
from spiegel.interviews.actions import CaseInput, open_case
from spiegel.interviews.conversation import post_message
from spiegel.interviews.lifecycle import expire_overdue_cases, withdraw_case
from spiegel.interviews.models import Interview, LeaveType, Message, MessageRole, Regrettable, Status
from spiegel.mirror.actions import ClosingAnswers, Decision, prepare_mirror, submit_review
from spiegel.mirror.models import Statement
from spiegel.privacy.actors import Actor
from spiegel.tenancy.actions import (
    create_api_key,
    create_organisation,
    create_user,
    grant_membership,
    revoke_api_key,
)
from spiegel.tenancy.models import ApiKey, Organisation, OrganisationKind, Role, User
from spiegel.web.demo.leaver import DemoLeaver, compose

DEMO_PASSWORD = "spiegel-demo"  # noqa: S105  (printed for the demo; never used outside it)
CLIENTS = [
    (
        "Zorggroep Noord",
        "zorggroep-noord",
        "nl",
        ["Verpleging", "Thuiszorg", "Wonen en zorg"],
        ["Verpleegkundige", "Verzorgende IG", "Helpende"],
    ),
    (
        "Bright Logistics",
        "bright-logistics",
        "en",
        ["Warehouse", "Transport", "Customer service"],
        ["Order picker", "Driver", "Team lead"],
    ),
]
#: The industry whose made-up leavers talk to the interviewer in each demo organisation (spiegel/web/demo/data).
INDUSTRY = {"zorggroep-noord": "care", "bright-logistics": "logistics"}


class Command(BaseCommand):
    help = (
        "Set up a demo practice with two client organisations, users for every role and cases in every status, "
        "then serve. Safe to run again: existing demo data is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Port (default 8000).")
        parser.add_argument("--no-serve", action="store_true", help="Only create the demo data.")
        parser.add_argument("--cases", type=int, default=18, help="Cases per client organisation (default 18).")
        parser.add_argument(
            "--leavers",
            type=int,
            default=36,
            help="Extra completed, analysed interviews per client organisation for the dashboard (default 36).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "init",
            username="demo",
            password=DEMO_PASSWORD,
            practice_name="Spiegel Demo Praktijk",
            no_input=True,
            stdout=self.stdout,
        )
        if Organisation.objects.filter(slug=CLIENTS[0][1]).exists():
            self.stdout.write("Demo data exists already.")
        else:
            self._say("Building the demo data; this takes a minute or two.")
            self._seed(options["cases"])
            self._seed_dashboard(options["leavers"])
        # The accounts and keys are printed once Spiegel answers (serve's ready note), so they are not lost
        # above the servers' start-up log and nobody tries them before the address works.
        note = "\n".join(
            [
                *self._fresh_api_keys(),
                f"Demo accounts (password for all: {DEMO_PASSWORD}):",
                "  demo            consultant of the practice, sees both client organisations",
                "  hr-zorg         client_admin of Zorggroep Noord",
                "  mt-zorg         client_viewer of Zorggroep Noord",
                "  interviewer     interviewer at Zorggroep Noord",
            ]
        )
        if options["no_serve"]:
            self.stdout.write(note)
        else:
            call_command("serve", host=options["host"], port=options["port"], ready_note=note)

    @transaction.atomic
    def _seed(self, per_org: int) -> None:
        actor = Actor.system("demo")
        rng = random.Random(7)
        consultant = User.objects.get(username="demo")
        users = {
            "hr-zorg": Role.CLIENT_ADMIN,
            "mt-zorg": Role.CLIENT_VIEWER,
            "interviewer": Role.INTERVIEWER,
        }
        for name, slug, language, departments, roles in CLIENTS:
            self._say(f"{name}: {per_org} cases in every status ...")
            org = create_organisation(actor, name=name, slug=slug, kind=OrganisationKind.CLIENT)
            grant_membership(actor, user=consultant, organisation=org, role=Role.CONSULTANT)
            if slug == "zorggroep-noord":
                for username, role in users.items():
                    user = User.objects.filter(username=username).first() or create_user(
                        actor, username=username, password=DEMO_PASSWORD, language="nl"
                    )
                    grant_membership(actor, user=user, organisation=org, role=role)
            statuses = [
                Status.INVITED,
                Status.IN_PROGRESS,
                Status.REVIEW,
                Status.COMPLETED,
                Status.EXPIRED,
                Status.WITHDRAWN,
            ]
            for index in range(per_org):
                target = statuses[index % len(statuses)]
                interview, _token = open_case(
                    actor,
                    org,
                    CaseInput(
                        language=language,
                        department=departments[index % len(departments)],
                        role_title=rng.choice(roles),
                        tenure_months=rng.randint(3, 120),
                        leave_date=timezone.localdate() - dt.timedelta(days=rng.randint(0, 300)),
                        leave_type=rng.choice(
                            [LeaveType.RESIGNATION] * 5 + [LeaveType.CONTRACT_END, LeaveType.MUTUAL_AGREEMENT]
                        ),
                        regrettable=rng.choice(list(Regrettable.values)),
                    ),
                )
                self._bring_to(interview, target, language, actor)
        self.stdout.write("Demo data created.")

    def _seed_dashboard(self, per_org: int) -> None:
        """Enough completed mirrors (analysed) over five quarters and every department, plus imported earlier
        exits, that the dashboard's charts have cells above the minimum group size."""

        queued_before = set(DBTaskResult.objects.values_list("id", flat=True))
        for index, (_name, slug, language, departments, roles) in enumerate(CLIENTS):
            org = Organisation.objects.get(slug=slug)
            Organisation.objects.filter(pk=org.pk).update(average_salary=(41000, 38000)[index])
            self._say(f"{org.name}: {per_org} leavers talk to the interviewer and review what was noted ...")
            seeded = seed_completed_interviews(
                org,
                per_org,
                language,
                departments,
                roles,
                random.Random(11 + index),
                progress=functools.partial(self._progress, total=per_org),
            )
            exits = seed_historical_exits(org, (160, 90)[index], departments, random.Random(23 + index))
            self.stdout.write(f"{org.name}: {seeded} completed interviews with analysis, {exits} earlier exits.")
        # The analyses ran here and then; the copies the mirrors queued for the worker are not needed.
        DBTaskResult.objects.exclude(id__in=queued_before).filter(task_path__endswith="analyse_interview").delete()
        # Every closed conversation's mirror was prepared here too; a queued preparation would store nothing.
        demo_cases = {
            str(pk) for pk in Interview.objects.filter(organisation__slug__in=INDUSTRY).values_list("pk", flat=True)
        }
        queued = DBTaskResult.objects.filter(task_path__endswith="build_mirror")
        stale = [t.pk for t in queued if str((t.args_kwargs.get("args") or [""])[0]) in demo_cases]
        DBTaskResult.objects.filter(pk__in=stale).delete()

    def _fresh_api_keys(self) -> list[str]:
        """A key is stored hashed and shown once: every run revokes the previous demo key and makes a new one.
        Returns the lines that show them."""
        actor = Actor.system("demo")
        lines = []
        for name, slug, *_rest in CLIENTS:
            org = Organisation.objects.get(slug=slug)
            for old in ApiKey.objects.filter(organisation=org, name="demo", revoked_at__isnull=True):
                revoke_api_key(actor, old)
            _key_obj, key = create_api_key(actor, org, name="demo")
            lines.append(f"API key for {name}: {key}")
        return [*lines, "(A new key each run; the demo key printed before is revoked.)"]

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 6 == 0:
            self._say(f"  {done}/{total}")

    def _bring_to(self, interview: Interview, target: str, language: str, actor: Actor) -> None:
        if target in (Status.IN_PROGRESS, Status.REVIEW, Status.COMPLETED):
            converse_with_persona(interview, limit=3 if target == Status.IN_PROGRESS else None)
            interview.refresh_from_db()
        if target in (Status.REVIEW, Status.COMPLETED) and interview.status == Status.REVIEW:
            # The mirror is prepared here, as the worker would: a case completed before its mirror was prepared
            # would be a completed case without a single statement (the worker's run then stores nothing).
            prepare_mirror(interview)
        if target == Status.COMPLETED and interview.status == Status.REVIEW:
            # The leaver reviews the mirror and completes it, as a real leaver does.
            submit_review(interview, [], ClosingAnswers(felt_heard=4, recommend_score=7))
        elif target == Status.EXPIRED:
            Interview.objects.filter(pk=interview.pk).update(token_expires_at=timezone.now() - dt.timedelta(days=1))
            expire_overdue_cases()
        elif target == Status.WITHDRAWN:
            withdraw_case(actor, interview)


def converse_with_persona(interview: Interview, *, limit: int | None = None, seed: int | None = None) -> int:
    """Let a made-up leaver of the organisation's industry (spiegel/web/demo/data) answer the interviewer,
    through the real conversation code; `seed` picks the leaver (default: the case id)."""
    kind = INDUSTRY.get(interview.organisation.slug, "care")
    leaver = DemoLeaver(kind, compose(kind, random.Random(interview.id.int if seed is None else seed)))
    turns = 0
    while limit is None or turns < limit:
        question = "\n".join(m.text for m in _current_question(interview))
        result = post_message(interview, leaver.answer(question), client_id=f"demo-{turns}")
        turns += 1
        if result.status != Status.IN_PROGRESS or turns > 60:
            break
    return turns


def _current_question(interview: Interview) -> list[Message]:
    messages = list(Message.objects.filter(interview=interview).order_by("-seq")[:4])
    current: list[Message] = []
    for message in messages:
        if message.role != MessageRole.INTERVIEWER:
            break
        current.insert(0, message)
    return current


def seed_completed_interviews(
    org: Organisation,
    count: int,
    language: str,
    departments: list[str],
    roles: list[str],
    rng: random.Random,
    progress: Callable[[int], None] | None = None,
) -> int:
    """`count` cases that a simulated leaver talks through, reviews (a few statements shared with their name, one
    kept private now and then) and completes, analysed at once; leave dates spread over the last 15 months."""

    actor = Actor.system("demo")
    today = timezone.localdate()
    done = 0
    for index in range(count):
        with transaction.atomic():
            interview, _token = open_case(
                actor,
                org,
                CaseInput(
                    language=language,
                    department=departments[index % len(departments)],
                    role_title=rng.choice(roles),
                    tenure_months=rng.randint(3, 150),
                    leave_date=today - dt.timedelta(days=rng.randint(10, 450)),
                    leave_type=rng.choice([LeaveType.RESIGNATION] * 6 + [LeaveType.CONTRACT_END]),
                    regrettable=rng.choice([Regrettable.YES, Regrettable.YES, Regrettable.NO, Regrettable.UNKNOWN]),
                ),
            )
            converse_with_persona(interview, seed=rng.randrange(1 << 30))
            interview.refresh_from_db()
            if interview.status != Status.REVIEW:
                continue
            prepare_mirror(interview)
            decisions = []
            for statement in Statement.objects.filter(interview=interview).order_by("seq"):
                if statement.special_category:
                    continue
                if index % 4 == 0 and statement.seq <= 2:
                    decisions.append(Decision(id=str(statement.id), visibility="attributed"))
                elif index % 5 == 1 and statement.seq == 3:
                    decisions.append(Decision(id=str(statement.id), visibility="private"))
            submit_review(
                interview,
                decisions,
                ClosingAnswers(felt_heard=rng.choice([3, 4, 4, 5, 5]), recommend_score=rng.choice([5, 6, 7, 8, 9, 10])),
            )
        analyse_interview(str(interview.id))
        done += 1
        if progress is not None:
            progress(index + 1)
    cluster_statements(str(org.id))
    return done


HISTORICAL_REASONS = ["workload", "manager", "career", "pay", "conditions", "collaboration", "personal", "processes"]


def seed_historical_exits(org: Organisation, count: int, departments: list[str], rng: random.Random) -> int:
    """Import `count` earlier exits (over the last two years) through the real CSV import."""

    header = "Employee id;Leave date;Department;Reason;New employer offers;Regrettable"
    today = timezone.localdate()
    rows = [
        ";".join(
            [
                f"H{n:05d}",
                (today - dt.timedelta(days=rng.randint(20, 700))).isoformat(),
                rng.choice(departments),
                rng.choice(HISTORICAL_REASONS),
                rng.choice(["pay", "career", ""]),
                rng.choice(["yes", "no", ""]),
            ]
        )
        for n in range(count)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "earlier-exits.csv"
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        _plan, batch = import_historical_exits(
            Actor.system("demo"), org, path, guess_mapping(header.split(";")), filename="earlier-exits.csv"
        )
    return batch.rows if batch is not None else 0
