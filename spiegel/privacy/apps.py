from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "spiegel.privacy"
    label = "privacy"
    verbose_name = "Privacy"
    default_auto_field = "django.db.models.BigAutoField"
