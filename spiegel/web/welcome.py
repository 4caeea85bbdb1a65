"""The one-time way in for an invited user (issue 15): a link to choose their own password, e-mailed (to the
outbox when no SMTP host is configured) and shown once to the consultant who invited them. The link is Django's
password-reset token: it stops working once a password is chosen, at the first sign-in, and after
PASSWORD_RESET_TIMEOUT (3 days). A deactivated account's link opens nothing."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.mail import send_mail
from django.http import HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_audit
from spiegel.tenancy.models import Organisation, User

log = logging.getLogger(__name__)

WELCOME_DAYS = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)


def welcome_url(user: User) -> str:
    """The user's one-time link to choose a password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{settings.SPIEGEL_BASE_URL}{reverse('web:welcome', args=[uid, token])}"


def mail_welcome(user: User, organisation: Organisation, url: str) -> bool:
    """E-mail the link in the user's language; False when the mail could not be handed over (never logged:
    the link is a credential)."""
    with translation.override(user.language):
        subject = _("Your Spiegel account for %(org)s") % {"org": organisation.name}
        body = _(
            "Hello,\n\nYou have been given access to Spiegel for %(org)s, with the user name %(username)s.\n\n"
            "Choose your password with this link (it works once, for %(days)s days): %(url)s\n\n"
            "Then sign in at %(login)s."
        ) % {
            "org": organisation.name,
            "username": user.username,
            "days": WELCOME_DAYS,
            "url": url,
            "login": f"{settings.SPIEGEL_BASE_URL}{reverse('web:login')}",
        }
    try:
        send_mail(subject, body, None, [user.email])
    except (smtplib.SMTPException, OSError):
        log.warning("the invitation mail for a new user could not be sent")
        return False
    return True


class WelcomeView(PasswordResetConfirmView):
    """Choose a password with the one-time link; then sign in as usual (with the second step if required)."""

    template_name = "registration/welcome.html"
    success_url = reverse_lazy("web:login")
    reset_url_token = "choose-password"  # noqa: S105 - the placeholder in the URL, not a secret

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        log_audit(Actor.for_user(user), "auth.password_chosen", organisation=None)
        messages.success(self.request, _("Your password is set. Sign in with your user name and the new password."))
        return response
