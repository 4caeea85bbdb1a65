"""The one-time way in for an invited user (issue 15): a link to choose their own password, e-mailed (to the
outbox when no SMTP host is configured) and shown once to the consultant who invited them. The link is Django's
password-reset token: it stops working once a password is chosen, at the first sign-in, and after
PASSWORD_RESET_TIMEOUT (3 days). A deactivated account's link opens nothing.

A new sign-in link a consultant sends an existing account (a forgotten password, a lost invitation) is the same
kind of link with a token of its own salt, on a page of its own: its mail says it is a new link for an existing
account, not an invitation, and the password chosen with it is audited as `auth.password_chosen_with_new_link`,
apart from the invitation's `auth.password_chosen`; both in the audit log of every organisation the account
belongs to. Neither token opens the other's page."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.mail import send_mail
from django.http import HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from spiegel.privacy.actors import Actor
from spiegel.tenancy.actions import log_account_event
from spiegel.tenancy.models import Organisation, User

log = logging.getLogger(__name__)

WELCOME_DAYS = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)


class NewLinkTokenGenerator(PasswordResetTokenGenerator):
    """The token of a new sign-in link: its own salt, so it opens the new-link page only."""

    key_salt = "spiegel.web.welcome.NewLinkTokenGenerator"


new_link_tokens = NewLinkTokenGenerator()


def _link(user: User, route: str, tokens: PasswordResetTokenGenerator) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{settings.SPIEGEL_BASE_URL}{reverse(route, args=[uid, tokens.make_token(user)])}"


def welcome_url(user: User) -> str:
    """The invited user's one-time link to choose a password."""
    return _link(user, "web:welcome", default_token_generator)


def new_link_url(user: User) -> str:
    """An existing account's new one-time sign-in link, to choose a (new) password."""
    return _link(user, "web:new_sign_in_link", new_link_tokens)


def _send(user: User, subject: str, body: str) -> bool:
    """False when the mail could not be handed over (never logged: the link is a credential)."""
    try:
        send_mail(subject, body, None, [user.email])
    except (smtplib.SMTPException, OSError):
        log.warning("a mail with a one-time sign-in link could not be sent")
        return False
    return True


def _filled_in(user: User, organisation: Organisation, url: str) -> dict[str, object]:
    """What both mails fill in: the organisation, the user name, the link, how long it works, the sign-in page."""
    return {
        "org": organisation.name,
        "username": user.username,
        "days": WELCOME_DAYS,
        "url": url,
        "login": f"{settings.SPIEGEL_BASE_URL}{reverse('web:login')}",
    }


def mail_welcome(user: User, organisation: Organisation, url: str) -> bool:
    """E-mail the invitation link in the user's language; False when the mail could not be handed over."""
    with translation.override(user.language):
        subject = _("Your Spiegel account for %(org)s") % {"org": organisation.name}
        body = _(
            "Hello,\n\nYou have been given access to Spiegel for %(org)s, with the user name %(username)s.\n\n"
            "Choose your password with this link (it works once, for %(days)s days): %(url)s\n\n"
            "Then sign in at %(login)s."
        ) % _filled_in(user, organisation, url)
    return _send(user, subject, body)


def mail_new_link(user: User, organisation: Organisation, url: str, *, asked_by: User) -> bool:
    """E-mail an existing account its new sign-in link in the user's language: who asked for it, how long it
    works, and that an unexpected mail can be ignored. False when the mail could not be handed over."""
    with translation.override(user.language):
        subject = _("A new sign-in link for your Spiegel account at %(org)s") % {"org": organisation.name}
        body = _(
            "Hello,\n\n%(asker)s asked for a new sign-in link for your existing Spiegel account at %(org)s "
            "(user name %(username)s).\n\n"
            "With this link you choose a new password. It works once, for %(days)s days: %(url)s\n\n"
            "Then sign in at %(login)s with your user name and the new password.\n\n"
            "Did you not expect this e-mail? Then ignore it: nothing changes as long as the link is not used."
        ) % {**_filled_in(user, organisation, url), "asker": asked_by.get_full_name() or asked_by.username}
    return _send(user, subject, body)


class WelcomeView(PasswordResetConfirmView):
    """Choose a password with the one-time link; then sign in as usual (with the second step if required)."""

    template_name = "registration/welcome.html"
    success_url = reverse_lazy("web:login")
    reset_url_token = "choose-password"  # noqa: S105 - the placeholder in the URL, not a secret
    audit_action = "auth.password_chosen"
    extra_context = {"new_link": False}

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        # In the audit log of each organisation the account belongs to (one row each): their pages show it.
        log_account_event(Actor.for_user(user), self.audit_action, user)
        messages.success(self.request, _("Your password is set. Sign in with your user name and the new password."))
        return response


class NewLinkView(WelcomeView):
    """Choose a (new) password with a new sign-in link a consultant sent; audited apart from an invitation."""

    token_generator = new_link_tokens
    audit_action = "auth.password_chosen_with_new_link"
    extra_context = {"new_link": True}
