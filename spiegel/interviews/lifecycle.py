"""The one place where a case's status changes: consent, close, complete, withdraw, expire and renew.

Every change goes through :func:`_move`, which refuses a transition that :data:`TRANSITIONS` does not list,
stamps the time and records the audit event, all inside the caller's transaction and under the case's row
lock. Other apps never write ``Interview.status``; they call these functions, or react to the events that
they announce after commit (:mod:`spiegel.interviews.events`).

The states (product.md): invited → in_progress (the leaver consents) → review (the conversation closes) →
completed (the leaver finishes the mirror). Any open case can expire (its link ran out) or be withdrawn; an
expired case comes back with a renewed link; a completed case can be withdrawn by the leaver only.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spiegel.interviews.events import announce_conversation_closed
from spiegel.interviews.models import OPEN_STATUSES, Interview, Status
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_case_event

# from-status -> the statuses a case may move to from there
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.INVITED: frozenset({Status.IN_PROGRESS, Status.EXPIRED, Status.WITHDRAWN}),
    Status.IN_PROGRESS: frozenset({Status.REVIEW, Status.EXPIRED, Status.WITHDRAWN}),
    Status.REVIEW: frozenset({Status.COMPLETED, Status.EXPIRED, Status.WITHDRAWN}),
    Status.COMPLETED: frozenset({Status.WITHDRAWN}),
    Status.EXPIRED: frozenset({Status.INVITED, Status.IN_PROGRESS, Status.WITHDRAWN}),
    Status.WITHDRAWN: frozenset(),
}

# The field stamped with the time a case reaches a status.
_STAMPS: dict[str, str] = {
    Status.IN_PROGRESS: "consented_at",
    Status.REVIEW: "closed_at",
    Status.COMPLETED: "completed_at",
    Status.WITHDRAWN: "withdrawn_at",
}
# Reaching these, the case needs no e-mail address any more: it is deleted.
_FORGETS_EMAIL = (Status.COMPLETED, Status.EXPIRED, Status.WITHDRAWN)


class TransitionRefused(ValidationError):  # noqa: N818  (a refusal shown to the user, like ValidationError)
    """The case cannot move from its status to the one asked for."""


def lock(interview: Interview) -> Interview:
    """The case, read again under its row lock for the rest of the caller's transaction."""
    return Interview.objects.select_for_update().get(pk=interview.pk)


def _move(
    locked: Interview,
    to: str,
    *,
    actor: Actor,
    event: str | None,
    message: str,
    now: dt.datetime | None = None,
    stamp: bool = True,
) -> Interview:
    """Move a locked case to ``to``: refused (``message``) unless TRANSITIONS allows it; stamps the time,
    deletes the e-mail address where the case no longer needs it and records ``event``. Saves ``locked``."""
    if to not in TRANSITIONS[Status(locked.status)]:
        raise TransitionRefused(message)
    fields = ["status", "updated_at"]
    locked.status = to
    if stamp and to in _STAMPS:
        setattr(locked, _STAMPS[to], now or timezone.now())
        fields.append(_STAMPS[to])
    if to in _FORGETS_EMAIL:
        locked.email = None
        fields.append("email")
    locked.save(update_fields=fields)
    if event is not None:
        log_case_event(actor, event, locked)
    return locked


@transaction.atomic
def give_consent(interview: Interview) -> Interview:
    """The leaver agreed to start. Idempotent: consenting twice changes nothing. Returns the case, locked for
    the rest of the caller's transaction."""
    locked = lock(interview)
    if locked.status == Status.INVITED:
        _move(locked, Status.IN_PROGRESS, actor=Actor.leaver(), event="consent.given", message="")
    return locked


def close_conversation(locked: Interview) -> Interview:
    """The conversation has ended (its closing thanks are being stored): the case goes to review, and once the
    caller's transaction commits, `conversation_closed` is announced (the mirror prepares the statements then,
    outside this lock). Called with the case locked, inside the transaction that stores the last reply."""
    if locked.status != Status.IN_PROGRESS:
        raise TransitionRefused(_("Only a conversation in progress can close."))
    # No audit event: closing is the interviewer's last turn, nobody's decision.
    _move(locked, Status.REVIEW, actor=Actor.system("engine"), event=None, message="")
    announce_conversation_closed(locked)
    return locked


def hand_over_mirror(locked: Interview) -> Interview:
    """A human-led conversation's interviewer sends the leaver the statements drafted from their notes: the
    case goes to review, as after a conversation with Spiegel's interviewer. The closing time was stamped when
    the notes were closed; the statements exist already, so nothing is announced. Called with the case locked."""
    if locked.status != Status.IN_PROGRESS:
        raise TransitionRefused(_("Only a conversation in progress can close."))
    return _move(locked, Status.REVIEW, actor=Actor.system("copilot"), event=None, message="", stamp=False)


@transaction.atomic
def complete_review(interview: Interview) -> Interview:
    """The leaver finished reviewing their record: the case is complete and the e-mail address is deleted.
    Idempotent."""
    locked = lock(interview)
    if locked.status == Status.COMPLETED:
        return locked
    if locked.status != Status.REVIEW:
        raise TransitionRefused(_("Only a conversation that has closed can be completed."))
    return _move(
        locked,
        Status.COMPLETED,
        actor=Actor.leaver(),
        event="review.completed",
        message=_("Only a conversation that has closed can be completed."),
    )


@transaction.atomic
def withdraw_case(actor: Actor, interview: Interview) -> Interview:
    """The organisation withdraws a case (for instance the person stays after all): the link stops working.
    Idempotent; a completed case can only be withdrawn by the leaver."""
    locked = lock(interview)
    if locked.status == Status.WITHDRAWN:
        return locked
    if locked.status == Status.COMPLETED:
        raise TransitionRefused(_("A completed interview can only be withdrawn by the leaver."))
    return _move(
        locked,
        Status.WITHDRAWN,
        actor=actor,
        event="case.withdrawn",
        message=_("A completed interview can only be withdrawn by the leaver."),
    )


# The statuses from which the leaver can withdraw their record: while the conversation runs, in the mirror and
# after completion (an expired case no longer opens for them).
LEAVER_WITHDRAWABLE = (Status.INVITED, Status.IN_PROGRESS, Status.REVIEW, Status.COMPLETED)


def check_leaver_can_withdraw(locked: Interview) -> None:
    """Raise unless the leaver can withdraw this (locked) record now; a withdrawn one passes (idempotent)."""
    if locked.status != Status.WITHDRAWN and locked.status not in LEAVER_WITHDRAWABLE:
        raise TransitionRefused(_("This record can no longer be withdrawn."))


def withdraw_by_leaver(locked: Interview) -> Interview:
    """The leaver withdraws their record (the caller erases their words in the same transaction). Called with
    the case locked; idempotent."""
    check_leaver_can_withdraw(locked)
    if locked.status == Status.WITHDRAWN:
        return locked
    return _move(
        locked,
        Status.WITHDRAWN,
        actor=Actor.leaver(),
        event="record.withdrawn",
        message=_("This record can no longer be withdrawn."),
    )


def expire_overdue_cases(now: dt.datetime | None = None) -> int:
    """Mark open cases whose link has expired as `expired`. Returns how many changed."""
    now = now or timezone.now()
    changed = 0
    for interview_id in Interview.objects.filter(status__in=OPEN_STATUSES, token_expires_at__lt=now).values_list(
        "id", flat=True
    ):
        with transaction.atomic():
            locked = Interview.objects.select_for_update().get(pk=interview_id)
            if locked.status in OPEN_STATUSES and locked.token_expires_at < now:
                _move(locked, Status.EXPIRED, actor=Actor.system(), event="case.expired", message="")
                changed += 1
    return changed


def reopen_expired(locked: Interview) -> Interview:
    """A renewed link brings an expired (locked) case back to where it was before it expired: in progress if
    the leaver had consented, else invited. Records no event of its own (the renewal records one). Open cases
    are left as they are; a closed one is refused."""
    if locked.status in OPEN_STATUSES:
        return locked
    if locked.status != Status.EXPIRED:
        raise TransitionRefused(_("This case is closed; its link cannot be renewed."))
    to = Status.IN_PROGRESS if locked.consented_at else Status.INVITED
    # consented_at keeps the time of the first consent
    return _move(locked, to, actor=Actor.system(), event=None, message="", stamp=False)
