"""The practice's settings pages (issue 15), for its consultants only: the organisations they serve (list,
create, edit, with the source of every figure the cost of turnover is made of) and what the language model
receives. Client roles get 403 on an organisation's settings and 404 on the practice's own page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spiegel.analysis.insights.advice import playbook
from spiegel.privacy.actors import Actor
from spiegel.tenancy.actions import ORGANISATION_SETTINGS, create_organisation, grant_membership, update_organisation
from spiegel.tenancy.models import Membership, Organisation, Role, User
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import access_for
from spiegel.validation import field_errors
from spiegel.web.diagnostics import llm_summary
from spiegel.web.signed_in import signed_in_user


def _consultant_memberships(user: User) -> list[Membership]:
    """The organisations the user serves as consultant; none: the settings do not exist for them (404)."""
    found = list(
        Membership.objects.filter(user=user, role=Role.CONSULTANT)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    if not found:
        raise Http404("No such page.")
    return found


class NewOrganisationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    slug = forms.CharField(
        label=gettext_lazy("Short name (in web addresses)"),
        max_length=60,
        help_text=gettext_lazy("Lower-case letters, digits and hyphens, e.g. acme-zorg. It cannot be changed later."),
    )


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    """The settings a consultant changes on an organisation, with bounds that keep every figure meaningful."""

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_SETTINGS)
        labels = {
            "name": gettext_lazy("Name"),
            "min_group_size": gettext_lazy("Minimum group size"),
            "transcript_retention_days": gettext_lazy("Days to keep raw transcripts"),
            "statement_retention_days": gettext_lazy("Days to keep shared statements"),
            "average_salary": gettext_lazy("Average annual salary (euros, before tax)"),
            "replacement_cost_factor": gettext_lazy("Replacement-cost factor"),
        }
        help_texts = {
            "min_group_size": gettext_lazy(
                "No figure about fewer leavers than this is shown to the organisation (at least 3)."
            ),
            "transcript_retention_days": gettext_lazy("After this, the conversation itself is deleted."),
            "statement_retention_days": gettext_lazy("After this, the statements leavers shared are deleted too."),
            "average_salary": gettext_lazy("Empty: the dashboard shows no cost of turnover."),
            "replacement_cost_factor": gettext_lazy(
                "The share of a year's salary one departure costs; 0.50 unless set."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bounds: dict[str, tuple[Any, Any]] = {
            "min_group_size": (3, 50),
            "transcript_retention_days": (1, 3650),
            "statement_retention_days": (1, 3650),
            "average_salary": (1000, 1_000_000),
            "replacement_cost_factor": (Decimal("0.05"), Decimal("5.00")),
        }
        for name, (low, high) in bounds.items():
            field = self.fields[name]
            field.validators.append(_between(low, high))
            field.widget.attrs.update({"min": str(low), "max": str(high)})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kept, shared = data.get("transcript_retention_days"), data.get("statement_retention_days")
        if kept and shared and shared < kept:
            self.add_error(
                "statement_retention_days",
                _("Shared statements are kept at least as long as raw transcripts (%(days)s days).") % {"days": kept},
            )
        return data

    def _post_clean(self) -> None:
        """The action saves; the form only validates its fields (no model validation of the rest)."""


def _between(low: Any, high: Any) -> Any:
    def check(value: Any) -> None:
        if value is not None and not low <= value <= high:
            raise ValidationError(_("Give a value from %(low)s to %(high)s.") % {"low": low, "high": high})

    return check


def _turnover_source() -> dict[str, Any]:
    book = playbook()["turnover_cost"]
    lang = (get_language() or "nl")[:2]
    return {
        "explanation": book["explanation"].get(lang, book["explanation"]["en"]),
        "sources": book["sources"],
        "default_factor": book["default_factor"],
    }


@login_required
def practice_settings(request: HttpRequest) -> HttpResponse:
    """The practice's settings: the organisations its consultant serves, and what the language model receives."""
    memberships = _consultant_memberships(signed_in_user(request))
    return render(
        request,
        "spiegel/settings/practice.html",
        {"organisations": [m.organisation for m in memberships], "llm": llm_summary()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    _consultant_memberships(user)
    form = NewOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = Actor.for_user(user)
        try:
            org = create_organisation(actor, name=form.cleaned_data["name"], slug=form.cleaned_data["slug"])
        except ValidationError as exc:
            for message in field_errors(exc).get("", []):
                form.add_error("slug" if "short name" in message.lower() else None, message)
        else:
            if not Membership.objects.filter(user=user, organisation=org).exists():
                grant_membership(actor, user=user, organisation=org, role=Role.CONSULTANT)
            messages.success(request, _("The organisation %(name)s was created.") % {"name": org.name})
            return redirect("web:settings_organisation", slug=org.slug)
    status = 400 if form.errors else 200
    return render(request, "spiegel/settings/organisation_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_settings(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    access = access_for(user, slug, Capability.SETTINGS_MANAGE)
    org = Organisation.objects.get(pk=access.organisation.pk)  # a fresh copy: a refused form changes nothing
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in ORGANISATION_SETTINGS}
        update_organisation(Actor.for_user(user), access.organisation, **changes)
        messages.success(request, _("Saved."))
        return redirect("web:settings_organisation", slug=slug)
    org = access.organisation
    context = {"access": access, "org": org, "form": form, "turnover": _turnover_source()}
    return render(request, "spiegel/settings/organisation.html", context, status=400 if form.errors else 200)
