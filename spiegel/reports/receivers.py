"""What the reports do when something else changes: a withdrawn case leaves every report, a deleted report job
leaves no file. Connected in apps.py."""

from __future__ import annotations

from typing import Any

from spiegel.interviews.models import Interview, Status


def case_saved(sender: Any, instance: Interview, **kwargs: Any) -> None:
    """A leaver's withdrawal (or the organisation's) is the moment every report that counts them must go."""
    if instance.status == Status.WITHDRAWN:
        # deferred: the reports' actions load the analysis (scikit-learn, seconds); processes start without it
        from spiegel.reports.actions import forget_case_in_reports

        forget_case_in_reports(instance.pk)


def report_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted job (or organisation) leaves no file behind."""
    # deferred: the reports' actions load the analysis (scikit-learn, seconds); processes start without it
    from spiegel.reports.making import delete_report_files

    delete_report_files(instance.pk)
