"""The people of an organisation (issue 15), for the practice's consultants only: who has which role, invite
someone (a one-time link to choose their password, e-mailed and shown once), change a role, deactivate after a
confirmation (never delete; never yourself), reactivate, and send any active person a new one-time sign-in link
(a forgotten password; its mail says it is a new link for an existing account, not an invitation). Every change
goes through the domain functions the `spiegel user` command uses and is audited. Every form posts, then
redirects (post/redirect/get)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.tenancy.actions import deactivate_user, grant_membership, invite_user, reactivate_user
from spiegel.tenancy.models import Membership, Organisation, OrganisationKind, Role, User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import Access, access_for
from spiegel.validation import field_errors, is_uuid
from spiegel.web.signed_in import signed_in_user
from spiegel.web.welcome import WELCOME_DAYS, mail_new_link, mail_welcome, new_link_url, welcome_url

# The new person's one-time link waits in the session for the one page that shows it, then is gone.
NEW_USER_SESSION = "spiegel_new_user"


def role_choices(org: Organisation) -> list[tuple[str, str]]:
    """The roles a person can have here: the practice has no client roles."""
    roles = [Role.CONSULTANT, Role.INTERVIEWER]
    if org.kind != OrganisationKind.PRACTICE:
        roles += [Role.CLIENT_ADMIN, Role.CLIENT_VIEWER]
    return [(str(r.value), str(r.label)) for r in roles]


class InviteForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("User name (to sign in)"),
        max_length=150,
        error_messages={"required": gettext_lazy("Give a user name.")},
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("The link to choose a password is sent here."),
        error_messages={
            "required": gettext_lazy("Give an e-mail address: the invitation is sent there."),
            "invalid": gettext_lazy("This is not a valid e-mail address."),
        },
    )
    role = forms.ChoiceField(label=gettext_lazy("Role in Spiegel"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mail and the pages"), choices=[("nl", "Nederlands"), ("en", "English")]
    )

    def __init__(self, *args: object, organisation: Organisation, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = role_choices(organisation)


@dataclass(frozen=True)
class Person:
    membership: Membership
    role_label: str
    is_you: bool
    # Deactivating switches the whole account off: only when the consultant serves every organisation the
    # person belongs to (otherwise another organisation's consultant decides).
    others_elsewhere: bool


def _people(access: Access, you: User) -> list[Person]:
    served = set(Membership.objects.filter(user=you, role=Role.CONSULTANT).values_list("organisation_id", flat=True))
    found = (
        Membership.objects.filter(organisation=access.organisation)
        .select_related("user")
        .prefetch_related("user__memberships")
        .order_by("-user__is_active", "user__username")
    )
    return [
        Person(
            membership=m,
            role_label=str(Role(m.role).label) if m.role in Role.values else _("unknown role"),
            is_you=m.user_id == you.pk,
            others_elsewhere=any(o.organisation_id not in served for o in m.user.memberships.all()),
        )
        for m in found
    ]


def _member(access: Access, public_id: str) -> Membership:
    """A person of this organisation by their public id; anyone else is 404."""
    found = (
        Membership.objects.filter(organisation=access.organisation, user__public_id__iexact=public_id)
        .select_related("user")
        .first()
        if is_uuid(public_id)
        else None
    )
    if found is None:
        raise Http404("No such person.")
    return found


def _consultant(request: HttpRequest, slug: str) -> tuple[User, Access]:
    user = signed_in_user(request)
    return user, access_for(user, slug, Capability.SETTINGS_MANAGE)


def _invite(request: HttpRequest, user: User, access: Access, form: InviteForm) -> bool:
    """Create the person; on a refusal the form carries the reason and nothing is created."""
    org = access.organisation
    try:
        person = invite_user(
            Actor.for_user(user),
            organisation=org,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            language=form.cleaned_data["language"],
        )
    except ValidationError as exc:
        for field, problems in field_errors(exc).items():
            for problem in problems:
                # without a field: the user name is taken or empty (the password is Spiegel's own)
                form.add_error(field if field in form.fields else "username", problem)
        return False
    _send_link(request, org, person)
    return True


def _send_link(request: HttpRequest, org: Organisation, person: User, *, asked_by: User | None = None) -> None:
    """Mail the person their one-time link and keep it for the one page that shows it: an invitation, or (asked
    for by a consultant) a new sign-in link for an account that exists, whose mail says so."""
    again = asked_by is not None
    if asked_by is None:
        url = welcome_url(person)
        mailed = mail_welcome(person, org, url)
    else:
        url = new_link_url(person)
        mailed = mail_new_link(person, org, url, asked_by=asked_by)
    request.session[NEW_USER_SESSION] = {
        "org": str(org.id),
        "username": person.username,
        "email": person.email,
        "url": url,
        "mailed": mailed,
        "again": again,
    }


@login_required
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest, slug: str) -> HttpResponse:
    user, access = _consultant(request, slug)
    form = InviteForm(request.POST or None, organisation=access.organisation)
    if request.method == "POST" and form.is_valid() and _invite(request, user, access, form):
        return redirect("web:settings_users", slug=slug)
    pending = request.session.pop(NEW_USER_SESSION, None) if request.method == "GET" else None
    invited = pending if isinstance(pending, dict) and pending.get("org") == str(access.organisation.id) else None
    context = {
        "access": access,
        "org": access.organisation,
        "people": _people(access, user),
        "roles": role_choices(access.organisation),
        "form": form,
        "invited": invited,
        "welcome_days": WELCOME_DAYS,
    }
    return render(request, "spiegel/settings/users.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def user_role(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    user, access = _consultant(request, slug)
    member = _member(access, public_id)
    role = request.POST.get("role", "")
    if member.user_id == user.pk:
        messages.error(request, _("You cannot change your own role; ask another consultant."))
    elif role not in dict(role_choices(access.organisation)):
        messages.error(request, _("Choose one of the roles in the list."))
    elif role != member.role:
        grant_membership(Actor.for_user(user), user=member.user, organisation=access.organisation, role=role)
        messages.success(
            request,
            _("%(name)s is now %(role)s.") % {"name": member.user.username, "role": str(Role(role).label).lower()},
        )
    return redirect("web:settings_users", slug=slug)


def _switch_refusal(person: Person) -> str:
    """Why this consultant may not switch this account off or on ('' when they may)."""
    if person.is_you:
        return _("You cannot deactivate your own account.")
    if person.others_elsewhere:
        return _(
            "%(name)s also works for an organisation you do not serve as consultant; a consultant there decides."
        ) % {"name": person.membership.user.username}
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """GET asks to confirm; POST deactivates. Yourself, or someone who also works for an organisation you do
    not serve as consultant: refused with the reason."""
    user, access = _consultant(request, slug)
    member = _member(access, public_id)
    person = next(p for p in _people(access, user) if p.membership.pk == member.pk)
    refusal = _switch_refusal(person)
    if refusal:
        messages.error(request, refusal)
        return redirect("web:settings_users", slug=slug)
    if not member.user.is_active:
        messages.info(request, _("%(name)s was already deactivated.") % {"name": member.user.username})
        return redirect("web:settings_users", slug=slug)
    if request.method == "POST":
        deactivate_user(Actor.for_user(user), member.user, organisation=access.organisation)
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": member.user.username})
        return redirect("web:settings_users", slug=slug)
    context = {"access": access, "org": access.organisation, "person": person}
    return render(request, "spiegel/settings/user_deactivate.html", context)


@login_required
@require_POST
def user_reactivate(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    user, access = _consultant(request, slug)
    member = _member(access, public_id)
    refusal = _switch_refusal(next(p for p in _people(access, user) if p.membership.pk == member.pk))
    if refusal:
        messages.error(request, refusal)
    elif not member.user.is_active:
        reactivate_user(Actor.for_user(user), member.user, organisation=access.organisation)
        messages.success(request, _("%(name)s can sign in again.") % {"name": member.user.username})
    return redirect("web:settings_users", slug=slug)


@login_required
@require_POST
def user_link(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """A new one-time link for any active person of the organisation: someone invited who has not signed in
    yet (the first link was lost or expired) or someone who has and forgot their password. The link replaces
    the password they choose with it (the old one is not needed); it is audited as `user.link_sent`."""
    user, access = _consultant(request, slug)
    member = _member(access, public_id)
    person = next(p for p in _people(access, user) if p.membership.pk == member.pk)
    name = member.user.username
    if person.is_you:
        refusal = _("You cannot send yourself a new link here; ask another consultant.")
    elif person.others_elsewhere:
        refusal = _switch_refusal(person)
    elif not member.user.is_active:
        refusal = _("%(name)s is deactivated: no new link is made.") % {"name": name}
    else:
        refusal = ""
    if refusal:
        messages.error(request, refusal)
    else:
        _send_link(request, access.organisation, member.user, asked_by=user)
        log_audit(
            Actor.for_user(user),
            "user.link_sent",
            organisation=access.organisation,
            object_type="user",
            object_id=str(member.user.public_id),
            detail={"signed_in_before": member.user.last_login is not None},
        )
    return redirect("web:settings_users", slug=slug)
