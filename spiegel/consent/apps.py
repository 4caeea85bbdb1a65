from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "spiegel.consent"
    label = "consent"
    verbose_name = "Consent"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The mirror reacts to the case's lifecycle; interviews never imports the mirror.
        from spiegel.consent.actions import prepare_mirror_on_close  # deferred: models load after apps
        from spiegel.interviews.events import conversation_closed  # deferred: models load after apps

        conversation_closed.connect(prepare_mirror_on_close, dispatch_uid="consent.prepare_mirror_on_close")
