"""Two-step sign-in for staff (issue 16): the code after the password, enrolling, recovery codes.

After a right password, an account with a second factor (or one that must have one) is not signed in yet:
the session remembers who passed the first step for a few minutes, and the code page (or, for an account
that must enrol first, the enrolment page) completes the sign-in. Wrong codes count against the address and
the user name like wrong passwords, so the same lockout (429 with Retry-After) holds for the second step.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from spiegel.privacy import second_factor as factors
from spiegel.privacy import totp
from spiegel.privacy.actors import Actor
from spiegel.privacy.throttle import (
    account_key,
    account_limit,
    count_failure,
    forget_failures,
    ip_key,
    ip_limit,
    retry_after,
)
from spiegel.tenancy.actions import log_account_event
from spiegel.tenancy.models import User
from spiegel.web.doors import minutes

PENDING = "_second_step"
# How long the first step (a right password) is remembered while the code is typed.
PENDING_SECONDS = 300


def begin_second_step(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """The password was right: remember who for a few minutes and ask for the code (or enrolment)."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "at": int(time.time()),
        "next": next_url,
    }
    if factors.confirmed_factor(user) is None:
        return redirect("web:login_enrol")
    return redirect("web:login_code")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict) or int(time.time()) - int(data.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=int(data.get("user") or 0), is_active=True).first()
    return (user, data) if user is not None else None


def _finish(request: HttpRequest, user: User, data: dict[str, Any], method: str) -> None:
    request.session.pop(PENDING, None)
    auth_login(request, user, backend=str(data["backend"]))
    forget_failures(account_key(user.username))
    log_account_event(Actor.for_user(user), "auth.login", user, detail={"second_factor": method})


def _locked(request: HttpRequest, user: User) -> int:
    return max(retry_after(ip_key(request), ip_limit()), retry_after(account_key(user.username), account_limit()))


def _failed(request: HttpRequest, user: User) -> None:
    count_failure(ip_key(request), account_key(user.username))
    log_account_event(Actor(label="sign-in", user=user), "auth.second_factor_failed", user)


def _too_many(request: HttpRequest, template: str, context: dict[str, Any], wait: int) -> HttpResponse:
    response = render(request, template, {**context, "locked_minutes": minutes(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _expired(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Your sign-in took too long. Please sign in again."))
    return redirect("web:login")


@never_cache
@csrf_protect
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app, or a recovery code."""
    found = _pending(request)
    if found is None:
        return _expired(request)
    user, data = found
    if factors.confirmed_factor(user) is None:
        return redirect("web:login_enrol")
    template = "registration/login_code.html"
    context: dict[str, Any] = {}
    if request.method == "POST":
        wait = _locked(request, user)
        if wait:
            return _too_many(request, template, context, wait)
        method = factors.verify(user, str(request.POST.get("code", ""))[:40])
        if method is None:
            _failed(request, user)
            context["wrong"] = True
        else:
            _finish(request, user, data, method)
            factor = factors.confirmed_factor(user)
            if method == "recovery_code" and factor is not None:
                messages.warning(
                    request,
                    _("You signed in with a recovery code; it cannot be used again. Codes left: %(n)s.")
                    % {"n": factors.recovery_codes_left(factor)},
                )
            return redirect(str(data.get("next") or "web:home"))
    return render(request, template, context)


def _enrol_context(user: User) -> dict[str, Any]:
    factor = factors.start_enrolment(user)
    uri = totp.provisioning_uri(factor.secret, user.username, factors.ISSUER)
    return {
        "qr_svg": totp.qr_svg(uri, title=_("QR code for your authenticator app")),
        "manual_key": totp.grouped(factor.secret),
        "account_name": user.username,
        "issuer": factors.ISSUER,
    }


@never_cache
@csrf_protect
def login_enrol(request: HttpRequest) -> HttpResponse:
    """Enrolling during sign-in, for an account that must have a second factor and has none yet."""
    found = _pending(request)
    if found is None:
        return _expired(request)
    user, data = found
    if factors.confirmed_factor(user) is not None:
        return redirect("web:login_code")
    template = "registration/second_factor_enrol.html"
    context: dict[str, Any] = {"during_sign_in": True, "required": factors.is_required(user)}
    if request.method == "POST":
        wait = _locked(request, user)
        if wait:
            return _too_many(request, template, {**context, **_enrol_context(user)}, wait)
        enrolled = factors.confirm_enrolment(Actor.for_user(user), user, str(request.POST.get("code", ""))[:40])
        if enrolled is None:
            _failed(request, user)
            context["wrong"] = True
        else:
            _finish(request, user, data, "totp")
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": enrolled.recovery_codes, "next": str(data.get("next") or "")},
            )
    return render(request, template, {**context, **_enrol_context(user)})


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
@login_required
def account_second_factor(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own second factor: turn it on, renew recovery codes, turn it off."""
    user = _user(request)
    factor = factors.confirmed_factor(user)
    required = factors.is_required(user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    actor = Actor.for_user(user)
    if factor is None:
        context: dict[str, Any] = {"during_sign_in": False, "required": required}
        if action == "enable":
            enrolled = factors.confirm_enrolment(actor, user, str(request.POST.get("code", ""))[:40])
            if enrolled is not None:
                return render(request, "registration/recovery_codes.html", {"codes": enrolled.recovery_codes})
            context["wrong"] = True
        return render(request, "registration/second_factor_enrol.html", {**context, **_enrol_context(user)})
    context = {"factor": factor, "required": required, "codes_left": factors.recovery_codes_left(factor)}
    if action in ("renew", "disable"):
        # Changing a second factor asks for a current code, so that an open session alone cannot do it.
        code = str(request.POST.get("code", ""))[:40]
        if factors.verify(user, code) != "totp":
            context["wrong"] = action
        elif action == "renew":
            codes = factors.renew_recovery_codes(actor, user)
            return render(request, "registration/recovery_codes.html", {"codes": codes})
        elif not required:
            factors.remove(actor, user)
            messages.success(request, _("Two-step sign-in is off for your account."))
            return redirect("web:second_factor")
    return render(request, "spiegel/second_factor.html", context)
