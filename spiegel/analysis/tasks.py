"""Background work of the analysis, run by the database-backed task worker."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from spiegel.task_queue import waiting_tasks

log = logging.getLogger(__name__)


@task()
def analyse_interview(interview_id: str) -> dict[str, int]:
    """Analyse one case after its mirror completed (or drop its analysis after withdrawal), then have its
    organisation's clusters of facts and emerging topics recomputed. Returns how many reasons it found."""
    # deferred: the analysis' actions load scikit-learn (seconds); this module loads with the apps
    from spiegel.analysis.actions import analyse_interview as analyse
    from spiegel.interviews.models import Interview

    organisation_id = Interview.objects.filter(pk=interview_id).values_list("organisation_id", flat=True).first()
    if organisation_id is None:
        return {"reasons": 0}
    analysis = analyse(interview_id)
    schedule_clustering(str(organisation_id))
    reasons = analysis.reasons.count() if analysis is not None else 0
    log.info("analysed case %s: %s reasons", interview_id, reasons)
    return {"reasons": reasons}


@task()
def cluster_organisation(organisation_id: str) -> dict[str, int]:
    """Recompute one organisation's clusters of facts and emerging topics. Returns how many of each."""
    # deferred: the analysis' actions load scikit-learn (seconds); this module loads with the apps
    from spiegel.analysis.actions import cluster_statements

    clusters = cluster_statements(organisation_id)
    log.info("clustered organisation %s: %s", organisation_id, clusters)
    return clusters


def schedule_clustering(organisation_id: str) -> bool:
    """Queue a re-clustering of the organisation unless one is already waiting in the queue.

    Clustering reads all of an organisation's shared statements (about 5 s for 30,000 on PostgreSQL, see
    docs/benchmarks.md), so a burst of completed mirrors is served by one run that starts after the burst's
    analyses, not by one run each. Returns whether a new run was queued.
    """

    waiting = waiting_tasks(cluster_organisation.module_path)
    if waiting is not None and any(
        list(a.get("args", [])) == [organisation_id] for a in waiting.values_list("args_kwargs", flat=True)
    ):
        return False
    cluster_organisation.enqueue(organisation_id)
    return True


def schedule_analysis(interview_id: str) -> None:
    """Analyse the case once the current transaction commits (at once outside a transaction).

    The one hook the mirror needs: called when a mirror completes and when a leaver withdraws
    (see `spiegel.analysis.apps`); anything else that changes what a leaver shared can call it too.
    """
    transaction.on_commit(lambda: analyse_interview.enqueue(str(interview_id)))
