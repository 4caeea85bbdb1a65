"""API keys of an organisation (issue 15): create (the key shown once, with a copy button), revoke after a
confirmation step. Every form posts, then redirects (post/redirect/get): a reload never makes a second key."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from spiegel.privacy.actors import Actor
from spiegel.tenancy.actions import create_api_key, revoke_api_key
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import access_for, api_keys_of
from spiegel.web.signed_in import signed_in_user

# The new key waits in the session for the one page that shows it, then is gone.
NEW_KEY_SESSION = "spiegel_new_api_key"


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name (what it is for)"),
        max_length=120,
        error_messages={
            "required": gettext_lazy("Give the key a name, so you know later what it is for."),
            "max_length": gettext_lazy("The name may be at most %(limit_value)d characters."),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apikeys(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    access = access_for(user, slug, Capability.APIKEY_MANAGE)
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key, raw = create_api_key(Actor.for_user(user), access.organisation, name=form.cleaned_data["name"])
        request.session[NEW_KEY_SESSION] = {"org": str(access.organisation.id), "prefix": key.prefix, "key": raw}
        return redirect("web:apikeys", slug=slug)
    new_key = None
    pending = request.session.pop(NEW_KEY_SESSION, None)
    if isinstance(pending, dict) and pending.get("org") == str(access.organisation.id):
        new_key = pending
    status = 400 if form.errors else 200
    context = {"access": access, "org": access.organisation, "keys": api_keys_of(access.organisation)}
    return render(request, "spiegel/apikeys.html", {**context, "form": form, "new_key": new_key}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def apikey_revoke(request: HttpRequest, slug: str, prefix: str) -> HttpResponse:
    """GET asks to confirm; POST revokes. Revoking a revoked key changes nothing."""
    user = signed_in_user(request)
    access = access_for(user, slug, Capability.APIKEY_MANAGE)
    key = get_object_or_404(api_keys_of(access.organisation), prefix=prefix)
    if request.method == "POST":
        if key.revoked_at is None:
            revoke_api_key(Actor.for_user(user), key)
            messages.success(request, _("The key was revoked."))
        return redirect("web:apikeys", slug=slug)
    if key.revoked_at is not None:
        messages.info(request, _("This key was already revoked."))
        return redirect("web:apikeys", slug=slug)
    return render(request, "spiegel/apikey_revoke.html", {"access": access, "org": access.organisation, "key": key})
