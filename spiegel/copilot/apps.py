from django.apps import AppConfig


class CopilotConfig(AppConfig):
    """Conversations held by a person of the practice, with Spiegel as co-pilot (issue 14)."""

    name = "spiegel.copilot"
    label = "copilot"
    verbose_name = "Co-pilot"
    default_auto_field = "django.db.models.BigAutoField"
