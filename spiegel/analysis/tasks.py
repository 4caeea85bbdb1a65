"""Background work of the analysis, run by the database-backed task worker."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def analyse_interview(interview_id: str) -> dict[str, int]:
    """Analyse one case after its mirror completed (or drop its analysis after withdrawal), then recompute its
    organisation's clusters of facts and emerging topics. Returns how many reasons and clusters it found."""
    from spiegel.analysis.actions import analyse_interview as analyse
    from spiegel.analysis.actions import cluster_statements
    from spiegel.interviews.models import Interview

    organisation_id = Interview.objects.filter(pk=interview_id).values_list("organisation_id", flat=True).first()
    if organisation_id is None:
        return {"reasons": 0, "fact": 0, "emerging": 0}
    analysis = analyse(interview_id)
    clusters = cluster_statements(str(organisation_id))
    reasons = analysis.reasons.count() if analysis is not None else 0
    log.info("analysed case %s: %s reasons, clusters %s", interview_id, reasons, clusters)
    return {"reasons": reasons, **clusters}


def schedule_analysis(interview_id: str) -> None:
    """Analyse the case once the current transaction commits (at once outside a transaction).

    The one hook the mirror needs: called when a mirror completes and when a leaver withdraws
    (see `spiegel.analysis.apps`); anything else that changes what a leaver shared can call it too.
    """
    transaction.on_commit(lambda: analyse_interview.enqueue(str(interview_id)))
