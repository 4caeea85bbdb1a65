"""Audit events: who did or saw what, when — for people, consent and individual interviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from spiegel.privacy.crypto import EncryptedJSONDetailField, EncryptedJSONField, EncryptedTextField


class AuditEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who acted when it was not a user: "api-key:<prefix>", "leaver", "system", "cli".
    actor_label = models.CharField(max_length=80)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Encrypted like statements: it can say what kind of serious disclosure a leaver made, and to which case.
    detail = EncryptedJSONDetailField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="audit_org_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"


class PseudonymMap(models.Model):
    """One interview's pseudonymisation mapping (original names → placeholders), encrypted at rest.

    `mapping` is `Pseudonymiser.to_dict()`; `kept` lists words the leaver restored because they are not names.
    Deleted with the raw transcript.
    """

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="pseudonym_map")
    mapping = EncryptedJSONField()
    kept = EncryptedJSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"pseudonyms {self.interview_id}"


class DoorFailure(models.Model):
    """One failed attempt at a door: a wrong password, an unknown leaver's link or receipt, a wrong API key.

    `key` is a keyed hash of who tried (`ip:<address>` or `account:<user name>`), never the address or name
    itself. Enough failures within the window lock that key out (see `spiegel.privacy.throttle`); rows older
    than a day are deleted by the upkeep.
    """

    key = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["key", "-at"], name="door_failure_key_at")]

    def __str__(self) -> str:
        return f"failure {self.key[:8]} at {self.at:%Y-%m-%d %H:%M:%S}"


class SecondFactor(models.Model):
    """A staff user's second factor: a TOTP secret (encrypted) and hashed single-use recovery codes.

    Unconfirmed (``confirmed_at`` empty) while the user is enrolling: it does not count until a code from the
    app has been typed once. ``last_step`` is the last 30-second step whose code was accepted (no replay).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="second_factor")
    secret = EncryptedTextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)
    recovery_salt = models.CharField(max_length=32, blank=True)
    recovery_hashes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"second factor of user {self.user_id} ({'on' if self.confirmed_at else 'enrolling'})"


class SignInPolicy(models.Model):
    """How the members of one organisation sign in: whether a second factor is required of them."""

    organisation = models.OneToOneField("tenancy.Organisation", on_delete=models.CASCADE, related_name="sign_in_policy")
    second_factor_required = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"sign-in policy of {self.organisation_id}"
