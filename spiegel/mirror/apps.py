from django.apps import AppConfig


class MirrorConfig(AppConfig):
    name = "spiegel.mirror"
    # The label keeps the tables (consent_*) and the migration history of the app's first name (ADR 0003).
    label = "consent"
    verbose_name = "Mirror"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The mirror reacts to the case's lifecycle; interviews never imports the mirror.
        from spiegel.interviews.events import conversation_closed  # deferred: models load after apps
        from spiegel.mirror.preparing import prepare_mirror_on_close  # deferred: models load after apps

        conversation_closed.connect(prepare_mirror_on_close, dispatch_uid="mirror.prepare_mirror_on_close")
