"""The periodic upkeep task that `spiegel scheduler` queues: expire overdue cases, then delete what the
retention periods say must go, old outbox files and old failed-door records."""

from __future__ import annotations

from django_tasks import task

from spiegel.interviews.lifecycle import expire_overdue_cases
from spiegel.privacy.jobs.retention import purge
from spiegel.privacy.outbox import purge_outbox
from spiegel.privacy.throttle import purge_door_failures


@task()
def maintenance() -> dict[str, int]:
    """Periodic upkeep: expire overdue cases, then delete what the retention periods say must go."""
    expired = expire_overdue_cases()
    purged = {f"purged_{k}": v for k, v in purge().as_dict().items()}
    return {
        "expired": expired,
        **purged,
        "purged_outbox_files": purge_outbox(),
        "purged_door_failures": purge_door_failures(),
    }
