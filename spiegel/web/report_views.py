"""The report about one interview, and the organisation's report branding.

Practice staff (consultants; interviewers for their assigned cases) see the whole picture: reasons, every
shared statement, the closing answers and the transcript. Client roles see only what the leaver shared with
their name and the reasons — never the transcript, never private words, never health (privacy.md). Nothing
shows before the leaver completed the mirror, and every opening is in the audit log.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from spiegel.analysis.queries import attributed_statements, case_reasons, sees_whole_case
from spiegel.disclosures.queries import without_disclosures
from spiegel.interviews.models import Status
from spiegel.interviews.queries import case_for, messages_of
from spiegel.language.classify import THEME_LABELS
from spiegel.mirror.queries import outcome_of, shared_statements
from spiegel.privacy.actors import Actor
from spiegel.privacy.audit import log_interview_view
from spiegel.tenancy.actions import COLOUR_RE, DISCLOSURE_SETTINGS, update_branding, update_organisation
from spiegel.tenancy.models import Organisation, Role
from spiegel.tenancy.permissions import Capability
from spiegel.tenancy.queries import access_for
from spiegel.web.signed_in import signed_in_user

PRACTICE_ROLES = (Role.CONSULTANT, Role.INTERVIEWER)
MAX_LOGO_BYTES = 1_000_000


@login_required
def interview_report(request: HttpRequest, slug: str, case_id: str) -> HttpResponse:
    user = signed_in_user(request)
    access = access_for(user, slug, Capability.OVERVIEW_VIEW)
    interview = case_for(access, case_id, Capability.OVERVIEW_VIEW)
    whole = sees_whole_case(access)
    visible = interview.status == Status.COMPLETED
    lang = (get_language() or "nl")[:2]
    context: dict[str, object] = {
        "access": access,
        "org": access.organisation,
        "case": interview,
        "visible": visible,
        "whole": whole,
    }
    if visible:
        reasons = [
            {
                "label": THEME_LABELS.get(r.theme, {}).get(lang, r.theme),
                "polarity": r.polarity,
                "percent": round(r.weight * 100),
            }
            for r in case_reasons(access, interview)
        ]
        chosen = (
            shared_statements(interview) if whole else without_disclosures(interview, attributed_statements(interview))
        )
        statements = [(s, [THEME_LABELS.get(t, {}).get(lang, t) for t in s.theme_ids]) for s in chosen]
        context |= {"reasons": reasons, "statements": statements}
        if whole:
            context |= {"conversation": list(messages_of(interview)), "outcome": outcome_of(interview)}
        log_interview_view(
            Actor.for_user(user), interview, "report (whole)" if whole else "report (attributed statements)"
        )
    return render(request, "spiegel/dashboard/interview_report.html", context)


class BrandingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["brand_colour", "logo"]
        labels = {"brand_colour": gettext_lazy("Colour"), "logo": gettext_lazy("Logo (PNG or JPEG, at most 1 MB)")}
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}

    def clean_brand_colour(self) -> str:
        value = str(self.cleaned_data.get("brand_colour") or "").strip().lower()
        if not COLOUR_RE.match(value):
            raise forms.ValidationError(_("Give a colour as #rrggbb."))
        return value

    def clean_logo(self) -> object:
        logo = self.cleaned_data.get("logo")
        upload = getattr(logo, "file", None)
        if logo and upload is not None and hasattr(logo, "size"):
            if logo.size > MAX_LOGO_BYTES:
                raise forms.ValidationError(_("The logo may be at most 1 MB."))
            image = getattr(logo, "image", None)
            if image is not None and str(getattr(image, "format", "")).upper() not in ("PNG", "JPEG"):
                raise forms.ValidationError(_("The logo must be a PNG or JPEG image."))
        return logo


class DisclosureForm(forms.ModelForm):  # type: ignore[type-arg]
    """Who the interviewer names when a leaver discloses something serious (harassment, fraud, unsafe care)."""

    class Meta:
        model = Organisation
        fields = ["disclosure_contact", "reporting_procedure"]
        labels = {
            "disclosure_contact": gettext_lazy("Contact for serious matters"),
            "reporting_procedure": gettext_lazy("Integrity reporting procedure"),
        }
        help_texts = {
            "disclosure_contact": gettext_lazy(
                "Who a leaver can turn to at the organisation, for example the confidential adviser's name and "
                "phone number. Empty: the interviewer names only the general options."
            ),
            "reporting_procedure": gettext_lazy(
                "Where the organisation's procedure for reporting integrity concerns is: a short description or a link."
            ),
        }
        widgets = {
            "disclosure_contact": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "reporting_procedure": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
        }

    def clean_disclosure_contact(self) -> str:
        return str(self.cleaned_data.get("disclosure_contact") or "").strip()

    def clean_reporting_procedure(self) -> str:
        return str(self.cleaned_data.get("reporting_procedure") or "").strip()


@login_required
def branding(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's settings a consultant edits: the report's logo and colour, and the contact and
    procedure the interviewer names when a leaver discloses something serious. Each is its own form."""
    access = access_for(signed_in_user(request), slug, Capability.AUDIT_VIEW)  # the practice's consultants only
    org = access.organisation
    posted = request.POST.get("part", "branding") if request.method == "POST" else ""
    form = BrandingForm(
        request.POST if posted == "branding" else None, request.FILES if posted == "branding" else None, instance=org
    )
    # a copy of its own: the form writes its values onto its instance; update_organisation compares with `org`
    disclosure = DisclosureForm(
        request.POST if posted == "disclosure" else None, instance=Organisation.objects.get(pk=org.pk)
    )
    if posted == "branding" and form.is_valid():
        logo = form.cleaned_data["logo"]  # a new upload, False when "clear" is ticked, else the logo it has
        update_branding(
            Actor.for_user(signed_in_user(request)),
            Organisation.objects.get(pk=org.pk),  # `org` already carries the form's values
            brand_colour=form.cleaned_data["brand_colour"],
            logo=logo if isinstance(logo, UploadedFile) else None,
            remove_logo=logo is False,
        )
        messages.success(request, _("Saved: the next PDF report uses this logo and colour."))
        return redirect("web:dashboard", slug=slug)
    if posted == "disclosure" and disclosure.is_valid():
        changes = {name: disclosure.cleaned_data[name] for name in DISCLOSURE_SETTINGS}
        update_organisation(Actor.for_user(signed_in_user(request)), access.organisation, **changes)
        messages.success(request, _("Saved: the interviewer names this contact and procedure from the next answer."))
        return redirect("web:dashboard", slug=slug)
    return render(
        request,
        "spiegel/dashboard/branding.html",
        {"access": access, "org": org, "form": form, "disclosure": disclosure},
        status=422 if posted else 200,
    )
