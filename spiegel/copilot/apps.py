from django.apps import AppConfig
from django.db.models.signals import post_save


class CopilotConfig(AppConfig):
    """Conversations held by a person of the practice, with Spiegel as co-pilot (issue 14)."""

    name = "spiegel.copilot"
    label = "copilot"
    verbose_name = "Co-pilot"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred: models (and the actions that use them) load only once the apps are ready
        from spiegel.copilot.actions import erase_notes_of_withdrawn
        from spiegel.interviews.models import Interview

        # A withdrawn case loses its notes in the same transaction as its transcript (the lifecycle moves the
        # status; the mirror erases the transcript; the notes are this app's to erase).
        post_save.connect(erase_notes_of_withdrawn, sender=Interview, dispatch_uid="copilot-erase-withdrawn")
