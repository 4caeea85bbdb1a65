from django.apps import AppConfig
from django.db.models.signals import post_save


class DisclosuresConfig(AppConfig):
    """Serious disclosures a leaver made, and the practice's follow-up of each (issue 13)."""

    name = "spiegel.disclosures"
    label = "disclosures"
    verbose_name = "Disclosures"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # deferred: models (and the actions that use them) load only once the apps are ready
        from spiegel.copilot.models import HumanConversation
        from spiegel.disclosures.actions import (
            erase_words_of_withdrawn,
            store_after_conversation_turn,
            store_after_copilot_reading,
        )
        from spiegel.interviews.models import Conversation, Interview

        # Each turn stores the engine's state, with its flags and what the leaver asked to be done; the
        # co-pilot's reading of a human-led conversation's notes holds the same. The disclosures are recorded
        # from them once the turn commits.
        post_save.connect(store_after_conversation_turn, sender=Conversation, dispatch_uid="disclosures-turn")
        post_save.connect(store_after_copilot_reading, sender=HumanConversation, dispatch_uid="disclosures-notes")
        post_save.connect(erase_words_of_withdrawn, sender=Interview, dispatch_uid="disclosures-withdrawn")
