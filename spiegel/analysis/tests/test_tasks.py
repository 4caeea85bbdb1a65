"""The analysis in the background: completed mirrors queue their analysis, and a burst of them one clustering."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from spiegel.analysis.models import InterviewAnalysis, StatementCluster
from spiegel.analysis.tasks import analyse_interview, cluster_organisation, schedule_clustering
from tests.support.builders import build_completed_case, build_org

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = (
    "I am leaving because my manager never gave any feedback. I had no appraisal for three years.",
    "The workload was far too high, we were always understaffed on the ward.",
    "The salary at my new job is fifteen percent higher.",
)


def _queued(task_path: str) -> list[list[str]]:

    return [
        r.args_kwargs["args"]
        for r in DBTaskResult.objects.filter(task_path=task_path, status=TaskResultStatus.READY).order_by("enqueued_at")
    ]


def test_a_burst_of_completed_mirrors_is_analysed_each_and_clustered_once() -> None:

    org = build_org()
    # The same fact in three leavers' own words: corroborated (the same words three times would not be).
    facts = (
        "I had no appraisal for three years.",
        "In three years nobody held an appraisal with me.",
        "For three years my appraisal never took place.",
    )
    cases = [
        build_completed_case(
            org, (f"I am leaving because my manager never gave any feedback. {fact}", *ENGLISH[1:]), language="en"
        )
        for fact in facts
    ]
    # Each completed mirror queued its own analysis after commit; nothing ran yet.
    assert sorted(a[0] for a in _queued(analyse_interview.module_path)) == sorted(str(c.interview.id) for c in cases)
    assert not InterviewAnalysis.objects.filter(interview__organisation=org).exists()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert InterviewAnalysis.objects.filter(interview__organisation=org).count() == 3
    runs = DBTaskResult.objects.filter(task_path=cluster_organisation.module_path)
    assert [r.args_kwargs["args"] for r in runs] == [[str(org.id)]]
    assert runs.get().return_value["fact"] >= 1
    assert StatementCluster.objects.filter(organisation=org, kind="fact", leavers=3).exists()


def test_a_clustering_is_queued_again_once_the_waiting_one_has_run() -> None:
    org, other = build_org(), build_org()
    assert schedule_clustering(str(org.id)) is True
    assert schedule_clustering(str(org.id)) is False
    assert schedule_clustering(str(other.id)) is True  # another organisation waits for nobody
    assert _queued(cluster_organisation.module_path) == [[str(org.id)], [str(other.id)]]
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert _queued(cluster_organisation.module_path) == []
    assert schedule_clustering(str(org.id)) is True
