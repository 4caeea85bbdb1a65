"""The background-task queue as Spiegel's own code sees it: whether tasks wait in the database, and which do."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def uses_database_queue() -> bool:
    """Whether tasks wait in the database for `spiegel worker` (the default) rather than run another way."""
    return bool(settings.TASKS["default"]["BACKEND"] == DATABASE_BACKEND)


def waiting_tasks(*task_paths: str) -> Any:
    """The database queue's rows of these tasks that have not started yet (a DBTaskResult queryset), or None
    when tasks do not wait in the database."""
    if not uses_database_queue():
        return None
    # deferred: django_tasks_db's models, read only when tasks wait in the database
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__in=task_paths)
