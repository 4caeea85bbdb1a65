from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReportsConfig(AppConfig):
    name = "spiegel.reports"
    label = "reports"
    verbose_name = "Reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred: models (and the modules that use them) load only once the apps are ready
        from spiegel.interviews.models import Interview
        from spiegel.reports import receivers
        from spiegel.reports.models import ReportJob

        post_save.connect(receivers.case_saved, sender=Interview, dispatch_uid="reports.case_saved")
        post_delete.connect(receivers.report_deleted, sender=ReportJob, dispatch_uid="reports.report_deleted")
