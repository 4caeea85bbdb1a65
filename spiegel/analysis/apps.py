from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _outcome_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The mirror's closing answers are written exactly once, when the leaver completes the mirror, and deleted
    # exactly when the leaver withdraws: the two moments the analysis must follow.
    if kwargs.get("created", True):
        # deferred: the analysis loads scikit-learn (seconds); the apps load without it
        from spiegel.analysis.tasks import schedule_analysis

        schedule_analysis(str(instance.interview_id))


class AnalysisConfig(AppConfig):
    name = "spiegel.analysis"
    label = "analysis"
    verbose_name = "Analysis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred: models load only once the apps are ready
        from spiegel.mirror.models import ReviewOutcome

        post_save.connect(_outcome_changed, sender=ReviewOutcome, dispatch_uid="analysis.outcome_saved")
        post_delete.connect(_outcome_changed, sender=ReviewOutcome, dispatch_uid="analysis.outcome_deleted")
