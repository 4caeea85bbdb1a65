"""Every write to organisations, departments, users, memberships and API keys."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.privacy.crypto import plain_digest
from spiegel.privacy.models import AuditEvent
from spiegel.tenancy.group_size import default_group_size
from spiegel.tenancy.models import ApiKey, Department, Membership, Organisation, OrganisationKind, Role, User

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")


@transaction.atomic
def create_organisation(actor: Actor, *, name: str, slug: str, kind: str = OrganisationKind.CLIENT) -> Organisation:
    """Create a client organisation (or the practice). Slugs are lower-case letters, digits and hyphens."""
    name = name.strip()
    slug = slug.strip().lower()
    if not name:
        raise ValidationError(_("The name may not be empty."))
    if len(name) > 200:
        raise ValidationError(_("The name may be at most 200 characters."))
    if not SLUG_RE.match(slug):
        raise ValidationError(
            _("The short name may contain only lower-case letters, digits and hyphens (at most 60), e.g. acme-zorg.")
        )
    if kind not in OrganisationKind.values:
        raise ValidationError(_("Unknown kind of organisation: %(kind)s.") % {"kind": kind})
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError(_("An organisation with the short name %(slug)s already exists.") % {"slug": slug})
    org = Organisation.objects.create(name=name, slug=slug, kind=kind, min_group_size=default_group_size())
    log_audit(actor, "organisation.created", organisation=org, object_type="organisation", object_id=str(org.id))
    if kind == OrganisationKind.CLIENT:
        # The practice's consultants serve every client organisation it takes on.
        practice_consultants = Membership.objects.filter(
            organisation__kind=OrganisationKind.PRACTICE, role=Role.CONSULTANT
        ).select_related("user")
        for membership in practice_consultants:
            grant_membership(actor, user=membership.user, organisation=org, role=Role.CONSULTANT)
    return org


@transaction.atomic
def ensure_department(actor: Actor, organisation: Organisation, name: str) -> Department:
    """The organisation's department with this name, created when it does not exist yet."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("The department name may not be empty."))
    if len(name) > 120:
        raise ValidationError(_("The department name may be at most 120 characters."))
    existing = Department.objects.filter(organisation=organisation, name__iexact=name).first()
    if existing is not None:
        return existing
    dept = Department.objects.create(organisation=organisation, name=name)
    log_audit(
        actor,
        "department.created",
        organisation=organisation,
        object_type="department",
        object_id=str(dept.id),
    )
    return dept


@transaction.atomic
def create_user(
    actor: Actor,
    *,
    username: str,
    password: str,
    email: str = "",
    language: str = "nl",
    check_password: bool = True,
) -> User:
    """Create a staff user. The password must pass Django's validators (at least 10 characters)."""
    username = username.strip()
    if not username:
        raise ValidationError(_("The user name may not be empty."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("A user named %(name)s already exists.") % {"name": username})
    if language not in {"nl", "en"}:
        raise ValidationError(_("The language must be nl or en."))
    user = User(username=username, email=email.strip(), language=language)
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    log_audit(actor, "user.created", organisation=None, object_type="user", object_id=str(user.public_id))
    return user


@transaction.atomic
def grant_membership(actor: Actor, *, user: User, organisation: Organisation, role: str) -> Membership:
    """Give a user a role in an organisation (replacing an earlier role there)."""
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role %(role)s; use one of %(roles)s.") % {"role": role, "roles": ", ".join(Role.values)}
        )
    membership, _created = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    log_audit(
        actor,
        "membership.granted",
        organisation=organisation,
        object_type="user",
        object_id=str(user.public_id),
        detail={"role": role},
    )
    return membership


@transaction.atomic
def log_account_event(
    actor: Actor, action: str, user: User, *, detail: dict[str, Any] | None = None
) -> list[AuditEvent]:
    """Record something done with an account itself (a password chosen, a sign-in, a second factor switched on
    or off, a wrong code) in the audit log of every organisation the account belongs to, one row each, so that
    each of their audit pages lists it. An account without an organisation gets one row without one."""
    organisations: list[Organisation | None] = [
        membership.organisation for membership in Membership.objects.filter(user=user).select_related("organisation")
    ]
    return [
        log_audit(
            actor,
            action,
            organisation=organisation,
            object_type="user",
            object_id=str(user.public_id),
            detail=detail,
        )
        for organisation in organisations or [None]
    ]


@transaction.atomic
def create_api_key(actor: Actor, organisation: Organisation, *, name: str = "") -> tuple[ApiKey, str]:
    """Create an API key for one organisation. Returns the key object and the key itself, shown only once."""
    prefix = secrets.token_hex(6)
    raw = f"spk_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name.strip()[:120],
        prefix=prefix,
        key_hash=plain_digest(raw),
        created_by=actor.user,
    )
    log_audit(actor, "apikey.created", organisation=organisation, object_type="apikey", object_id=prefix)
    return key, raw


@transaction.atomic
def revoke_api_key(actor: Actor, key: ApiKey) -> ApiKey:
    """Revoke an API key; it stops working at once. Revoking twice changes nothing."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        log_audit(actor, "apikey.revoked", organisation=key.organisation, object_type="apikey", object_id=key.prefix)
    return key


# What the settings page may change on an organisation (issue 15), with the bounds the forms check too.
ORGANISATION_SETTINGS = (
    "name",
    "min_group_size",
    "transcript_retention_days",
    "statement_retention_days",
    "average_salary",
    "replacement_cost_factor",
)
# Who the interviewer names when a leaver discloses something serious (set on the branding page).
DISCLOSURE_SETTINGS = ("disclosure_contact", "reporting_procedure")


@transaction.atomic
def update_organisation(actor: Actor, organisation: Organisation, **changes: object) -> Organisation:
    """Change an organisation's settings (only ORGANISATION_SETTINGS and DISCLOSURE_SETTINGS); audited with the
    names of the fields that changed (not their values: a salary is the organisation's business)."""
    unknown = set(changes) - {*ORGANISATION_SETTINGS, *DISCLOSURE_SETTINGS}
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    changed = sorted(name for name, value in changes.items() if getattr(organisation, name) != value)
    if not changed:
        return organisation
    for name in changed:
        setattr(organisation, name, changes[name])
    organisation.full_clean(exclude=["logo", "slug"])
    organisation.save(update_fields=changed)
    log_audit(
        actor,
        "organisation.updated",
        organisation=organisation,
        object_type="organisation",
        object_id=str(organisation.id),
        detail={"changed": changed},
    )
    return organisation


COLOUR_RE = re.compile(r"^#[0-9a-f]{6}$")


@transaction.atomic
def update_branding(
    actor: Actor,
    organisation: Organisation,
    *,
    brand_colour: str,
    logo: File[Any] | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """The PDF report's colour (#rrggbb, lower case) and logo: a new image (`logo`), none (`remove_logo`), or the
    one it has (neither). Audited as `organisation.branding_changed` with what changed: the colour's old and new
    value, and whether the logo was added, replaced or removed (never the image itself). Nothing changed: no
    write and no audit row."""
    if not COLOUR_RE.match(brand_colour):
        raise ValidationError({"brand_colour": _("Give a colour as #rrggbb.")})
    detail: dict[str, object] = {}
    if brand_colour != organisation.brand_colour:
        detail["brand_colour"] = {"from": organisation.brand_colour, "to": brand_colour}
        organisation.brand_colour = brand_colour
    if logo is not None:
        detail["logo"] = "replaced" if organisation.logo else "added"
        organisation.logo = logo  # the field stores the file on save
    elif remove_logo and organisation.logo:
        detail["logo"] = "removed"
        organisation.logo = ""
    if not detail:
        return organisation
    organisation.save(update_fields=sorted(detail))
    log_audit(
        actor,
        "organisation.branding_changed",
        organisation=organisation,
        object_type="organisation",
        object_id=str(organisation.id),
        detail={"changed": sorted(detail), **detail},
    )
    return organisation


@transaction.atomic
def invite_user(
    actor: Actor, *, organisation: Organisation, username: str, email: str, role: str, language: str = "nl"
) -> User:
    """A new user with a role in one organisation, for the settings page: `create_user` and `grant_membership`
    as `spiegel user create --org --role` runs them. The password is random and never shown: the person
    chooses their own with the one-time link the page gives (nothing is created when either step refuses)."""
    if not email.strip():
        raise ValidationError({"email": _("Give an e-mail address: the invitation is sent there.")})
    user = create_user(actor, username=username, password=secrets.token_urlsafe(32), email=email, language=language)
    grant_membership(actor, user=user, organisation=organisation, role=role)
    return user


@transaction.atomic
def deactivate_user(actor: Actor, user: User, *, organisation: Organisation | None = None) -> User:
    """Switch a user's account off: they can no longer sign in and their open sessions end. Nothing of theirs
    is deleted (the audit log keeps their name); deactivating twice changes nothing. No one switches off
    their own account. ``organisation``: where it was done (its audit log shows it)."""
    if actor.user is not None and actor.user.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        log_audit(
            actor, "user.deactivated", organisation=organisation, object_type="user", object_id=str(user.public_id)
        )
    return user


@transaction.atomic
def reactivate_user(actor: Actor, user: User, *, organisation: Organisation | None = None) -> User:
    """Switch a deactivated account back on (same password and roles as before)."""
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        log_audit(
            actor, "user.reactivated", organisation=organisation, object_type="user", object_id=str(user.public_id)
        )
    return user
