"""Staff accounts' second factor: who must have one, enrolling, checking a code, recovery codes, resetting.

The codes themselves are in :mod:`spiegel.privacy.totp`. A second factor is required of an account when
``SPIEGEL_SECOND_FACTOR_ROLES`` names one of its roles (or "all"), or when one of its organisations requires
it (:class:`~spiegel.privacy.models.SignInPolicy`, set with `spiegel org second-factor`); anyone may turn one
on for their own account. Every change is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from spiegel.privacy import totp
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.privacy.models import SecondFactor, SignInPolicy
from spiegel.tenancy.actions import log_account_event
from spiegel.tenancy.models import Membership, Organisation, User

ISSUER = "Spiegel"
Method = Literal["totp", "recovery_code"]


def _audit(actor: Actor, action: str, user: User) -> None:
    log_account_event(actor, action, user)


def confirmed_factor(user: User) -> SecondFactor | None:
    """The user's second factor, if it is on (enrolment confirmed)."""
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).first()


def required_by_roles(roles: set[str]) -> bool:
    wanted = set(settings.SPIEGEL_SECOND_FACTOR_ROLES)
    return bool(roles) and ("all" in wanted or bool(wanted & roles))


def is_required(user: User) -> bool:
    """Whether this account must sign in with a second factor (its roles or one of its organisations)."""
    memberships = Membership.objects.filter(user=user)
    roles = set(memberships.values_list("role", flat=True))
    if user.is_superuser:
        roles.add("consultant")
    if required_by_roles(roles):
        return True
    return SignInPolicy.objects.filter(
        organisation__in=memberships.values("organisation"), second_factor_required=True
    ).exists()


def needs_second_step(user: User) -> bool:
    """Whether a correct password is not yet enough: the account has a second factor, or must have one."""
    return confirmed_factor(user) is not None or is_required(user)


def start_enrolment(user: User) -> SecondFactor:
    """The secret being enrolled (kept until confirmed, so a reload shows the same QR code). A second factor
    that is already on is not touched here."""
    factor, _created = SecondFactor.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    return factor


@dataclass(frozen=True)
class Enrolled:
    factor: SecondFactor
    recovery_codes: list[str]


def _new_recovery_codes(factor: SecondFactor) -> list[str]:
    codes = totp.new_recovery_codes()
    factor.recovery_salt = totp.new_salt()
    factor.recovery_hashes = [totp.recovery_hash(code, factor.recovery_salt) for code in codes]
    return codes


def confirm_enrolment(actor: Actor, user: User, code: str) -> Enrolled | None:
    """Turn the second factor on once the user typed a right code from their app; returns the recovery codes
    (shown once), or None when the code is not right."""
    with transaction.atomic():
        factor = SecondFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
        if factor is None:
            return None
        step = totp.matching_step(factor.secret, code, after=factor.last_step)
        if step is None:
            return None
        codes = _new_recovery_codes(factor)
        factor.last_step = step
        factor.confirmed_at = timezone.now()
        factor.save()
        _audit(actor, "auth.second_factor_enabled", user)
    return Enrolled(factor, codes)


def verify(user: User, code: str) -> Method | None:
    """Check a code at sign-in: a code from the app (each only once) or an unused recovery code (then used
    up). Returns how the user passed, or None."""
    with transaction.atomic():
        factor = SecondFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        if factor is None:
            return None
        step = totp.matching_step(factor.secret, code, after=factor.last_step)
        if step is not None:
            factor.last_step = step
            factor.save(update_fields=["last_step"])
            return "totp"
        hashes = list(factor.recovery_hashes or [])
        index = totp.matching_recovery(code, factor.recovery_salt, hashes) if factor.recovery_salt else None
        if index is None:
            return None
        del hashes[index]
        factor.recovery_hashes = hashes
        factor.save(update_fields=["recovery_hashes"])
        return "recovery_code"


def recovery_codes_left(factor: SecondFactor) -> int:
    return len(factor.recovery_hashes or [])


def renew_recovery_codes(actor: Actor, user: User) -> list[str]:
    """New recovery codes for a user whose second factor is on (the old ones stop working)."""
    with transaction.atomic():
        factor = SecondFactor.objects.select_for_update().get(user=user, confirmed_at__isnull=False)
        codes = _new_recovery_codes(factor)
        factor.save(update_fields=["recovery_salt", "recovery_hashes"])
        _audit(actor, "auth.recovery_codes_renewed", user)
    return codes


def remove(actor: Actor, user: User) -> bool:
    """Turn the user's second factor off (their own choice, or a reset by an administrator, e.g. after a lost
    phone). Returns whether there was one. If it is required, they enrol again at their next sign-in."""
    with transaction.atomic():
        deleted = SecondFactor.objects.filter(user=user).delete()[0] > 0
        if deleted:
            _audit(actor, "auth.second_factor_removed", user)
    return deleted


def set_required(actor: Actor, organisation: Organisation, required: bool) -> SignInPolicy:
    """Require (or stop requiring) a second factor of the organisation's members."""
    with transaction.atomic():
        policy, _created = SignInPolicy.objects.get_or_create(organisation=organisation)
        policy.second_factor_required = required
        policy.save()
        log_audit(
            actor,
            "organisation.second_factor_required" if required else "organisation.second_factor_optional",
            organisation=organisation,
        )
    return policy


def organisations_requiring() -> list[Organisation]:
    return list(Organisation.objects.filter(sign_in_policy__second_factor_required=True).order_by("name"))


@dataclass(frozen=True)
class Posture:
    """How staff sign in, in numbers (for `spiegel doctor`)."""

    accounts: int
    with_factor: int
    required: int
    required_without: int


def posture() -> Posture:
    users = list(User.objects.filter(is_active=True))
    with_factor = set(
        SecondFactor.objects.filter(confirmed_at__isnull=False, user__is_active=True).values_list("user_id", flat=True)
    )
    required = [u for u in users if is_required(u)]
    return Posture(
        accounts=len(users),
        with_factor=len(with_factor),
        required=len(required),
        required_without=sum(1 for u in required if u.pk not in with_factor),
    )
