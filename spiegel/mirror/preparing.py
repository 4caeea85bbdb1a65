"""The mirror is prepared in the background: when a conversation closes, a task is queued that drafts,
pseudonymises and classifies its statements (`prepare_mirror`, a few hundred milliseconds, seconds in a fresh
process), so that the leaver's closing turn does not wait for it.

Nothing is lost when the worker is slow, stopped or dies: the task only reads the stored conversation and is
idempotent (a second run stores nothing), the mirror page queues it again while the leaver waits, and once the
leaver has waited longer than `WAIT_FOR_WORKER` the page prepares the mirror itself.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from spiegel.interviews.models import Interview, Status
from spiegel.mirror.actions import prepare_mirror
from spiegel.mirror.models import Statement
from spiegel.privacy.models import PseudonymMap
from spiegel.task_queue import waiting_tasks

log = logging.getLogger(__name__)

# How long after the closing the mirror page waits for the worker before it prepares the mirror itself.
WAIT_FOR_WORKER = dt.timedelta(seconds=20)


@task()
def build_mirror(interview_id: str) -> int:
    """Prepare one closed conversation's mirror; returns how many statements were stored (0 when it was
    already prepared, or the case is no longer in review)."""
    interview = Interview.objects.filter(pk=interview_id).first()
    if interview is None:
        return 0
    made = prepare_mirror(interview)
    log.info("mirror prepared for case %s: %s statements", interview_id, made)
    return made


def schedule_mirror(interview_id: object) -> bool:
    """Queue `build_mirror` for this case unless one is already waiting or running. Returns whether a task
    was queued. A running task whose worker died is replaced by the page's own preparing (see module)."""
    case = str(interview_id)
    waiting = waiting_tasks(build_mirror.module_path)
    if waiting is not None:
        # deferred: django_tasks_db's models, read only when tasks wait in the database
        from django_tasks_db.compat import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=build_mirror.module_path)
        for queued in (waiting, running):
            if any(list(a.get("args", [])) == [case] for a in queued.values_list("args_kwargs", flat=True)):
                return False
    build_mirror.enqueue(case)
    return True


def mirror_prepared(interview: Interview) -> bool:
    """Whether the case's mirror has been prepared: it has statements, or the preparing stored its (possibly
    empty) pseudonym map when the answers gave no statement."""
    return (
        Statement.objects.filter(interview=interview).exists()
        or PseudonymMap.objects.filter(interview=interview).exists()
    )


def mirror_ready(interview: Interview) -> bool:
    """For the leaver's mirror page: True when the mirror can be shown. Otherwise the mirror is still being
    prepared: it is queued again unless a task for it is waiting or running, and False is returned (the page
    says so and refreshes). Once the leaver has waited longer than `WAIT_FOR_WORKER` since the closing, the
    mirror is prepared here and now, so a stopped worker never leaves them waiting."""
    if interview.status != Status.REVIEW or mirror_prepared(interview):
        return True
    closed = interview.closed_at
    if closed is None or timezone.now() - closed > WAIT_FOR_WORKER:
        prepare_mirror(interview)
        return True
    schedule_mirror(interview.pk)
    return False


def prepare_mirror_on_close(sender: object, *, interview: Interview, **kwargs: object) -> None:
    """Receiver of `spiegel.interviews.events.conversation_closed` (connected in apps.py): queue the mirror's
    preparation. The event is sent after the closing commits; a failure to queue is logged by the sender and
    made good by the mirror page."""
    schedule_mirror(interview.pk)
