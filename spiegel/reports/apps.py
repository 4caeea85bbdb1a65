from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def _case_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A leaver's withdrawal (or the organisation's) is the moment every report that counts them must go.
    from spiegel.interviews.models import Status

    if instance.status == Status.WITHDRAWN:
        from spiegel.reports.actions import forget_case_in_reports

        forget_case_in_reports(instance.pk)


def _report_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A deleted job (or organisation) leaves no file behind.
    from spiegel.reports.making import delete_report_files

    delete_report_files(instance.pk)


class ReportsConfig(AppConfig):
    name = "spiegel.reports"
    label = "reports"
    verbose_name = "Reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from spiegel.interviews.models import Interview
        from spiegel.reports.models import ReportJob

        post_save.connect(_case_saved, sender=Interview, dispatch_uid="reports.case_saved")
        post_delete.connect(_report_deleted, sender=ReportJob, dispatch_uid="reports.report_deleted")
