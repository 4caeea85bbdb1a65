"""What the case's lifecycle announces to other apps, always after the change has been committed.

Other apps subscribe (in their ``AppConfig.ready``) instead of being imported by ``interviews``: the mirror
queues the preparing of a closed conversation's statements when `conversation_closed` is sent (the work runs in
the task worker, not in the leaver's request). A receiver runs after commit,
outside the transaction and the row lock of the conversation's last turn; if it fails, the change it reacts
to stands, and the receiver must be able to do its work again later (the mirror page queues it again).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

from spiegel.interviews.models import Interview
from spiegel.privacy.failures import log_failure

log = logging.getLogger(__name__)

# Sent with ``interview`` (the case, freshly read) once the conversation's closing is committed.
conversation_closed = Signal()


def announce_conversation_closed(interview: Interview) -> None:
    """Send `conversation_closed` for this case once the current transaction commits (at once outside one)."""
    interview_id = interview.pk

    def send() -> None:
        case = Interview.objects.filter(pk=interview_id).select_related("organisation").first()
        if case is None:
            return
        for receiver, result in conversation_closed.send_robust(sender=Interview, interview=case):
            if isinstance(result, Exception):
                # The closing stands; the receiver does its work again later (see the module docstring).
                name = getattr(receiver, "__qualname__", type(receiver).__name__)
                log_failure(log, f"{name} on the conversation's closing", interview_id, result)

    transaction.on_commit(send)
