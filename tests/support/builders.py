"""Builders for tests and demo data. They call the real actions, so what they build is what users build."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.test import Client, TestCase
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from harness.model import Persona
from harness.simulator import SimulatedLeaver
from spiegel.analysis.actions import analyse_interview, import_historical_exits
from spiegel.analysis.importing import guess_mapping
from spiegel.interviews.actions import CaseInput, open_case
from spiegel.interviews.conversation import post_message
from spiegel.interviews.models import Interview, Message, MessageRole, Status
from spiegel.mirror.actions import ClosingAnswers, Decision, prepare_mirror, submit_review
from spiegel.mirror.models import Statement
from spiegel.mirror.preparing import build_mirror
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit, log_interview_view
from spiegel.task_queue import waiting_tasks
from spiegel.tenancy.actions import create_api_key, create_organisation, create_user, grant_membership
from spiegel.tenancy.models import Organisation, OrganisationKind, Role, User

_counter = itertools.count(1)
TEST_PASSWORD = "correct-horse-battery-9"


def build_org(name: str | None = None, *, kind: str = OrganisationKind.CLIENT, **settings: Any) -> Organisation:
    """A new organisation; ``settings`` (``min_group_size=3``, ``average_salary=…``) are set on it afterwards, as
    the practice would on the settings page."""
    n = next(_counter)
    org = create_organisation(Actor.system("test"), name=name or f"Organisation {n}", slug=f"org-{n}", kind=kind)
    if settings:
        Organisation.objects.filter(pk=org.pk).update(**settings)
        org.refresh_from_db()
    return org


def build_user(org: Organisation | None = None, role: str | None = None, *, username: str | None = None) -> User:
    n = next(_counter)
    user = create_user(
        Actor.system("test"), username=username or f"user{n}", password=TEST_PASSWORD, check_password=False
    )
    if org is not None and role is not None:
        grant_membership(Actor.system("test"), user=user, organisation=org, role=role)
    return user


def signed_in(user: User) -> Client:
    """A test client signed in as `user` (without the sign-in page and its second step)."""
    client = Client()
    client.force_login(user)
    return client


def build_practice_and_client(**client_settings: Any) -> Organisation:
    """The practice ("Praktijk De Spiegel") with its consultant "eva", who also serves the client organisation
    "Zorggroep Noord" (its `client_settings` set as `build_org` sets them), which is returned."""
    practice = build_org("Praktijk De Spiegel", kind=OrganisationKind.PRACTICE)
    consultant = build_user(practice, Role.CONSULTANT, username="eva")
    org = build_org("Zorggroep Noord", **client_settings)
    grant_membership(Actor.system("test"), user=consultant, organisation=org, role=Role.CONSULTANT)
    return org


def build_api_key(org: Organisation) -> str:
    _key, raw = create_api_key(Actor.system("test"), org, name="test")
    return raw


@dataclass
class BuiltCase:
    interview: Interview
    token: str


def build_case(org: Organisation, **fields: object) -> BuiltCase:
    data = CaseInput(**{"department": "Zorg", "role_title": "Verpleegkundige", "tenure_months": 30, **fields})  # type: ignore[arg-type]
    interview, token = open_case(Actor.system("test"), org, data)
    return BuiltCase(interview=interview, token=token)


def build_audited_case(org: Organisation, viewer: User) -> BuiltCase:
    """A case whose whole report `viewer` opened and that retention then deleted: with the case's opening, three
    events in the organisation's audit log ("case.opened", "interview.viewed", "retention.purged")."""
    built = build_case(org)
    log_interview_view(Actor.for_user(viewer), built.interview, "report (whole)")
    log_audit(
        Actor.system("retention"),
        "retention.purged",
        organisation=org,
        object_type="interview",
        object_id=str(built.interview.id),
    )
    return built


# A leaver who names colleagues, talks about health and pay, and gives a phone number.
LEAVER_ANSWERS_NL = (
    "Ik ga weg omdat mijn leidinggevende Kees de Vries nooit feedback gaf. Ik heb drie jaar geen "
    "functioneringsgesprek gehad. Mijn collega Fatima Yilmaz en ik deden al het extra werk.",
    "De werkdruk was enorm hoog, we waren altijd onderbezet op de afdeling. Ik sliep slecht en raakte "
    "uiteindelijk overspannen.",
    "Het salaris bij mijn nieuwe baan is vijftien procent hoger. Bel me gerust op 06-12345678 als er vragen zijn.",
)
NAMES_IN_LEAVER_ANSWERS = ("Kees", "Vries", "Fatima", "Yilmaz", "06-12345678")


def run_conversation(built: BuiltCase, answers: tuple[str, ...] | list[str] = LEAVER_ANSWERS_NL) -> BuiltCase:
    """Hold the conversation with these answers, then 'nothing more' until the interviewer closes it."""

    filler = "Nee, niets meer." if built.interview.language == "nl" else "No, nothing more."
    for turn in range(60):
        # Each turn commits as a request does, so what runs after commit (the mirror, once it closes) runs here too.
        with TestCase.captureOnCommitCallbacks(execute=True):
            result = post_message(built.interview, answers[turn] if turn < len(answers) else filler)
        if result.status != Status.IN_PROGRESS:
            break
    # The closing queued the mirror's preparation; the worker runs it, as `spiegel worker` would.
    run_queued(build_mirror.module_path)
    built.interview.refresh_from_db()
    return built


def run_queued(*task_paths: str) -> int:
    """Run the tasks of these paths that wait in the database queue, one by one with the task worker's own
    code (`db_worker`), leaving every other waiting task alone. Returns how many ran."""
    waiting = waiting_tasks(*task_paths)
    if waiting is None:
        return 0
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    for row in waiting.order_by("enqueued_at"):
        row.claim(worker.worker_id)
        worker.run_task(row)
        ran += 1
    return ran


def build_closed_case(
    org: Organisation, answers: tuple[str, ...] | list[str] = LEAVER_ANSWERS_NL, **fields: object
) -> BuiltCase:
    """A case whose conversation has closed: it waits for the leaver's mirror (status review)."""
    return run_conversation(build_case(org, **fields), answers)


@dataclass
class CompletedCase:
    interview: Interview
    token: str
    receipt: str


def build_completed_case(
    org: Organisation,
    answers: tuple[str, ...] | list[str] = LEAVER_ANSWERS_NL,
    *,
    visibility: dict[int, str] | None = None,
    felt_heard: int = 4,
    recommend_score: int = 7,
    **fields: object,
) -> CompletedCase:
    """A case whose leaver completed the mirror. `visibility` maps statement seq → visibility."""

    built = build_closed_case(org, answers, **fields)
    prepare_mirror(built.interview)
    decisions = [
        Decision(id=str(s.id), visibility=(visibility or {}).get(s.seq))
        for s in Statement.objects.filter(interview=built.interview)
        if (visibility or {}).get(s.seq)
    ]
    receipt = submit_review(
        built.interview, decisions, ClosingAnswers(felt_heard=felt_heard, recommend_score=recommend_score)
    )
    built.interview.refresh_from_db()
    return CompletedCase(interview=built.interview, token=built.token, receipt=receipt)


def build_persona_case(org: Organisation, persona: object, *, visibility: str = "anonymous") -> CompletedCase:
    """A simulated leaver (harness) talks to the real interviewer through
    `post_message` until it closes, then completes the real mirror with every statement at `visibility`."""

    assert isinstance(persona, Persona)
    built = build_case(
        org,
        language=persona.language_of_interview,
        department=persona.department,
        role_title=persona.role,
        tenure_months=persona.tenure_months,
    )
    leaver = SimulatedLeaver(persona)
    question = "\n".join(
        m.text for m in Message.objects.filter(interview=built.interview, role=MessageRole.INTERVIEWER).order_by("seq")
    )
    for _turn in range(80):
        result = post_message(built.interview, leaver.answer(question))
        if result.status != Status.IN_PROGRESS:
            break
        question = "\n".join(m.text for m in result.messages)
    built.interview.refresh_from_db()
    prepare_mirror(built.interview)
    decisions = [
        Decision(id=str(s.id), visibility=visibility)
        for s in Statement.objects.filter(interview=built.interview)
        if not (visibility == "attributed" and s.special_category)
    ]
    receipt = submit_review(built.interview, decisions, ClosingAnswers(felt_heard=4, recommend_score=7))
    built.interview.refresh_from_db()
    return CompletedCase(interview=built.interview, token=built.token, receipt=receipt)


def build_analysed_case(
    org: Organisation, answers: tuple[str, ...] | list[str] = LEAVER_ANSWERS_NL, **fields: Any
) -> CompletedCase:
    """A completed case whose analysis has run (as the background task does after the mirror)."""

    case = build_completed_case(org, answers, **fields)
    analyse_interview(str(case.interview.id))
    return case


def build_historical_exits(org: Organisation, rows: list[str]) -> int:
    """Import historical exits through the real CSV import. Each row is
    "id;YYYY-MM-DD;department;reason;pull reason;regrettable (yes/no/empty)". Returns how many were imported."""

    header = "Employee id;Leave date;Department;Reason;New employer offers;Regrettable"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "exits.csv"
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        _plan, batch = import_historical_exits(
            Actor.system("test"), org, path, guess_mapping(header.split(";")), filename="exits.csv", language="en"
        )
    return batch.rows if batch is not None else 0


@contextmanager
def no_tasks_left_behind() -> Iterator[Callable[[], None]]:
    """For data a test module builds once: every task queued inside is deleted on the way out (and whenever the
    function it gives is called), so that later tests, which count queued tasks, do not see them."""
    before = set(DBTaskResult.objects.values_list("id", flat=True))

    def drop() -> None:
        DBTaskResult.objects.exclude(id__in=before).delete()

    yield drop
    drop()
